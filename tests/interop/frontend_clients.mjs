// The client libraries our users' frontends run, unmodified, against the headless server:
// Apollo Client 4 and 3 (GraphQLWsLink over graphql-ws) and urql (subscriptionExchange over
// graphql-ws, and over subscriptions-transport-ws for the legacy graphql-ws subprotocol). Each
// subscribes, receives events (W20-W22), unsubscribes (W26), and is refused without permission
// (W17), with cyparta_results.js filtering out what carries no event, as
// docs/frontend-clients.md shows; and each is shown the register ack (W14) without it.
//
//   node frontend_clients.mjs --subscope build/bin/subscope-server
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strict as assert } from 'node:assert';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseArgs } from 'node:util';

import * as apollo4 from '@apollo/client';
import { GraphQLWsLink as GraphQLWsLink4 } from '@apollo/client/link/subscriptions';
import * as apollo3 from '@apollo/client-3/core/index.js';
import { GraphQLWsLink as GraphQLWsLink3 } from '@apollo/client-3/link/subscriptions/index.js';
import { Client as UrqlClient, fetchExchange, gql as urqlGql, subscriptionExchange } from '@urql/core';
import { createClient } from 'graphql-ws';
import { filter } from 'rxjs';
import { SubscriptionClient } from 'subscriptions-transport-ws';
import WebSocket from 'ws';

import { cypartaResultFilter } from './cyparta_results.js';
import { startHeadless, until } from '../support/headless_server.mjs';

const { values: options } = parseArgs({ options: { subscope: { type: 'string' } } });
if (!options.subscope) throw new Error('usage: node frontend_clients.mjs --subscope PATH');

const NOT_AUTHORIZED = 'Not authorized to subscribe to one or more subscription channels.';
const CREATED = 'subscription OnCreate { myModelCreated(subscribe: true) { id name } }';

let server;

before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subscope-frontends-'));
  // Alice may join every group, Bob custom_event only, anonymous sockets none (--require-auth).
  const rules = path.join(dir, 'rules.json');
  fs.writeFileSync(rules, JSON.stringify({
    tokens: { 'alice-token': { user: 'alice' }, 'bob-token': { user: 'bob', groups: ['custom_event'] } },
  }));
  server = await startHeadless(options.subscope, ['--quiet', '--auth', rules, '--require-auth']);
  fs.rmSync(dir, { recursive: true });
});

after(async () => assert.equal(await server.stop(), 0));

// The sockets of the test before are closed by its end; the server may still be forgetting them.
beforeEach(() => until('the last test\'s subscriptions to end', async () => (await server.metric('subscope_group_memberships')) === 0));



const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function fire(pathname, body) {
  const response = await fetch(server.http + pathname, { method: 'POST', body: JSON.stringify(body) });
  assert.equal(response.status, 202, await response.text());
}

// What the application sees of one subscription: each value its next() got, in order.
function collect(subscribeWith) {
  const seen = [];
  const failures = [];
  const subscription = subscribeWith({
    next: (value) => seen.push(value),
    error: (error) => failures.push(error),
  });
  return { seen, failures, unsubscribe: () => subscription.unsubscribe() };
}

const graphqlWs = (token) =>
  createClient({ url: server.ws, webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: token ? { authToken: token } : {} });

// urql as docs/frontend-clients.md sets it up: subscriptionExchange passes each result of the
// transport (subscribeTo(request, observer) returns { unsubscribe }) through the filter first.
function urql(subscribeTo, dispose, { filtered = true } = {}) {
  const client = new UrqlClient({
    url: `${server.http}/graphql/`,
    exchanges: [
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe(sink) {
            const keep = filtered ? cypartaResultFilter() : () => true;
            return subscribeTo(request, {
              next: (result) => keep(result) && sink.next(result),
              error: (error) => sink.error(error),
              complete: () => sink.complete(),
            });
          },
        }),
      }),
      fetchExchange,
    ],
  });
  return {
    subscribe: (query, observer) => client.subscription(urqlGql(query), {}).subscribe(observer.next),
    data: (result) => result.data,
    errorMessages: (result) => result.error?.graphQLErrors.map((e) => e.message) ?? [],
    dispose,
  };
}

// Each client as a frontend sets it up, with and without the filter of docs/frontend-clients.md.
// subscribe(query, observer) returns { unsubscribe }; observer.next gets what the app gets.
const clients = {
  'Apollo Client 4': (token, { filtered = true } = {}) => {
    const ws = graphqlWs(token);
    const { ApolloClient, ApolloLink, InMemoryCache, gql } = apollo4;
    const acks = new ApolloLink((operation, forward) => forward(operation).pipe(filter(cypartaResultFilter())));
    const link = filtered ? ApolloLink.from([acks, new GraphQLWsLink4(ws)]) : new GraphQLWsLink4(ws);
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    return {
      // no-cache: an event is the value fired (W22's {pk, fields, group}), not the selection set.
      subscribe: (query, observer) => client.subscribe({ query: gql(query), fetchPolicy: 'no-cache' }).subscribe(observer),
      data: (result) => result.data,
      errorMessages: (result) => result.error?.errors?.map((e) => e.message) ?? [],
      dispose: () => ws.dispose(),
    };
  },
  'Apollo Client 3': (token, { filtered = true } = {}) => {
    const ws = graphqlWs(token);
    const { ApolloClient, ApolloLink, InMemoryCache, gql } = apollo3;
    const acks = new ApolloLink((operation, forward) => forward(operation).filter(cypartaResultFilter()));
    const link = filtered ? ApolloLink.from([acks, new GraphQLWsLink3(ws)]) : new GraphQLWsLink3(ws);
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    return {
      subscribe: (query, observer) =>
        client.subscribe({ query: gql(query), fetchPolicy: 'no-cache', errorPolicy: 'all' }).subscribe(observer),
      data: (result) => result.data,
      errorMessages: (result) => result.errors?.map((e) => e.message) ?? [],
      dispose: () => ws.dispose(),
    };
  },
  'urql over graphql-ws': (token, options) => {
    const ws = graphqlWs(token);
    return urql(
      (request, observer) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query || '' }, observer) }),
      () => ws.dispose(),
      options,
    );
  },
  'urql over subscriptions-transport-ws': (token, options) => {
    const ws = new SubscriptionClient(server.ws, { connectionParams: token ? { authToken: token } : {} }, WebSocket);
    return urql((request, observer) => ws.request(request).subscribe(observer), () => ws.close(), options);
  },
};

for (const [name, make] of Object.entries(clients)) {
  describe(name, () => {
    test('without the filter, the register ack reaches the application as a result without data (W14)', async (t) => {
      const client = make('alice-token', { filtered: false });
      t.after(() => client.dispose());
      const app = collect((observer) => client.subscribe(CREATED, observer));
      t.after(() => app.unsubscribe());
      await until('the subscription to join its group', async () => (await server.metric('subscope_group_memberships')) === 1);
      await fire('/models/MyModel', { action: 'create', pk: 1, fields: { name: 'first' } });
      await until('the event', () => app.seen.some((r) => client.data(r)?.myModelCreated));
      const beforeEvent = app.seen.slice(0, app.seen.findIndex((r) => client.data(r)?.myModelCreated));
      // Apollo Client 4 drops a result whose data is null by itself; the others hand it on.
      if (name === 'Apollo Client 4') assert.deepEqual(beforeEvent, []);
      else assert.deepEqual(beforeEvent.map((r) => client.data(r) ?? null), [null]);
      assert.deepEqual(app.failures, []);
    });

    test('subscribes, receives model and trigger events, unsubscribes (W20-W22, W26)', async (t) => {
      const client = make('alice-token');
      t.after(() => client.dispose());
      const app = collect((observer) => client.subscribe(CREATED, observer));
      await until('the subscription to join its group', async () => (await server.metric('subscope_group_memberships')) === 1);

      await fire('/models/MyModel', { action: 'create', pk: 3, fields: { name: 'alice', age: 3 } });
      await fire('/trigger', { group: 'MyModelCreated', value: { id: '4', name: 'bob', __typename: 'MyModelType' } });
      await until('two events', () => app.seen.length >= 2);
      assert.deepEqual(app.seen.map(client.data), [
        { myModelCreated: { pk: 3, fields: { name: 'alice', id: 3 }, group: 'MyModelCreated' } },
        { myModelCreated: { id: '4', name: 'bob', __typename: 'MyModelType' } },
      ]);

      app.unsubscribe();
      await until('the server to forget the operation (W26)', async () => (await server.metric('subscope_operations')) === 0);
      await fire('/models/MyModel', { action: 'create', pk: 5, fields: { name: 'late' } });
      await sleep(100);
      assert.equal(app.seen.length, 2);
      assert.deepEqual(app.failures, []);
    });

    test('without permission: the W17 message is the last thing the application sees (W13a filtered)', async (t) => {
      const client = make('bob-token');
      t.after(() => client.dispose());
      const app = collect((observer) => client.subscribe(CREATED, observer));
      t.after(() => app.unsubscribe());
      await until('the refusal', () => app.seen.length >= 1 || app.failures.length >= 1);
      // The server sends the null result right behind the refusal; give it time to arrive.
      await sleep(200);
      assert.deepEqual(app.failures, []);
      assert.equal(app.seen.length, 1, JSON.stringify(app.seen));
      assert.deepEqual(client.errorMessages(app.seen[0]), [NOT_AUTHORIZED]);
      assert.equal(await server.metric('subscope_group_memberships'), 0);

      // Bob's own group is his to join on the same connection.
      const custom = collect((observer) => client.subscribe('subscription { myCustomEvent { field1 } }', observer));
      t.after(() => custom.unsubscribe());
      await until('bob to join custom_event', async () => (await server.metric('subscope_group_memberships')) === 1);
      await fire('/trigger', { group: 'custom_event', value: { field1: 'for bob' } });
      await until('bob\'s event', () => custom.seen.length >= 1);
      assert.deepEqual(client.data(custom.seen[0]), { myCustomEvent: { field1: 'for bob' } });
    });
  });
}
