// GraphiQL as a frontend developer puts it in front of their Django server, here in front of
// Subscope: createGraphiQLFetcher with the HTTP endpoint for queries and introspection and the
// WebSocket for subscriptions. The page takes its endpoints from its query string:
//
//   index.html?http=<POST /graphql/ URL>&ws=<WebSocket URL>[&protocol=legacy][&token=T]
//
// protocol=legacy speaks the graphql-ws subprotocol through subscriptions-transport-ws (the
// toolkit's legacyClient); otherwise graphql-transport-ws through graphql-ws. token=T goes into
// the connection_init payload as authToken (W30); a token in the WebSocket URL's own query string
// reaches the server as it is, since a browser's WebSocket cannot set an Authorization header.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { SubscriptionClient } from 'subscriptions-transport-ws';
import 'graphiql/graphiql.css';

import { cypartaResultFilter } from '../cyparta_results.js';

const params = new URLSearchParams(window.location.search);
const url = params.get('http');
const subscriptionUrl = params.get('ws');
const legacy = params.get('protocol') === 'legacy';
const token = params.get('token');
const connectionParams = token ? { authToken: token } : {};

function createFetcher() {
  if (legacy) {
    // Not with subscriptionUrl too: the toolkit would take that and never the legacy client.
    const legacyClient = new SubscriptionClient(subscriptionUrl, { reconnect: true, lazy: true, connectionParams });
    return createGraphiQLFetcher({ url, legacyClient });
  }
  return createGraphiQLFetcher({ url, subscriptionUrl, wsConnectionParams: connectionParams });
}

// A subscription's results without the acks (docs/frontend-clients.md). Stop in GraphiQL calls
// return(), which must reach the socket at once even while a next() waits for an event: an
// async generator would queue it behind that next().
function withoutAcks(results) {
  const keep = cypartaResultFilter();
  const inner = results[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      for (;;) {
        const step = await inner.next();
        if (step.done || keep(step.value)) return step;
      }
    },
    return(value) {
      return inner.return ? inner.return(value) : Promise.resolve({ done: true, value });
    },
  };
}

const base = createFetcher();
const fetcher = async (graphQLParams, options) => {
  const result = await base(graphQLParams, options);
  return result && typeof result[Symbol.asyncIterator] === 'function' ? withoutAcks(result) : result;
};

const root = document.getElementById('graphiql');
if (!url || !subscriptionUrl) {
  root.textContent = 'Give the endpoints: index.html?http=http://127.0.0.1:8765/graphql/&ws=ws://127.0.0.1:8765/graphql/';
} else {
  createRoot(root).render(
    createElement(GraphiQL, {
      fetcher,
      defaultQuery: 'subscription {\n  myModelCreated {\n    id\n    name\n  }\n}\n',
    }),
  );
}
