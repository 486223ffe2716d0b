// The installed subscope-server as a user meets it: started from its installed path on a free
// port, an unmodified graphql-ws client subscribes and gets its register ack (W14), one event
// fired through POST /trigger arrives (W20, W21), and SIGTERM stops the server with exit 0.
//
//   node installed_server.mjs /usr/bin/subscope-server
import { strict as assert } from 'node:assert';

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { startHeadless } from '../support/headless_server.mjs';

const program = process.argv[2];
if (!program) throw new Error('usage: node installed_server.mjs /usr/bin/subscope-server');

const server = await startHeadless(program, ['--quiet']);
console.log(`${program} serves ${server.ws}`);

const client = createClient({ url: server.ws, webSocketImpl: WebSocket, retryAttempts: 0 });
const received = [];
const done = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`timed out; received ${JSON.stringify(received)}`)), 10000);
  client.subscribe(
    { query: 'subscription { myCustomEvent(subscribe: true) { field1 } }' },
    {
      next: async (result) => {
        received.push(result);
        if (received.length === 1) {
          // The register ack: the operation is in its group, so the event can be fired.
          assert.deepEqual(result.extensions.cyparta.registeredGroups, ['custom_event']);
          const response = await fetch(`${server.http}/trigger`, {
            method: 'POST',
            body: JSON.stringify({ group: 'custom_event', value: { field1: 'from the package' } }),
          });
          assert.equal(response.status, 202);
        } else {
          clearTimeout(timer);
          resolve();
        }
      },
      error: reject,
      complete: () => {},
    },
  );
});
await done;
assert.deepEqual(received[1], { data: { myCustomEvent: { field1: 'from the package' } }, errors: null });
console.log(`event received: ${JSON.stringify(received[1])}`);
await client.dispose();

assert.equal(await server.stop(), 0);
console.log('stopped with exit 0');
