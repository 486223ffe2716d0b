// The installed subscope-server as a user meets it: started from its installed path on a free
// port, an unmodified graphql-ws client subscribes and gets its register ack (W14), one event
// fired through POST /trigger arrives (W20, W21), and SIGTERM stops the server with exit 0.
//
//   node installed_server.mjs /usr/bin/subscope-server
import { spawn } from 'node:child_process';
import { strict as assert } from 'node:assert';

import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const program = process.argv[2];
if (!program) throw new Error('usage: node installed_server.mjs /usr/bin/subscope-server');

const server = spawn(program, ['--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
const urls = await new Promise((resolve, reject) => {
  let banner = '';
  server.on('error', reject);
  server.on('exit', (code) => reject(new Error(`${program} exited early with ${code}`)));
  server.stdout.on('data', (chunk) => {
    banner += chunk;
    const ws = banner.match(/WebSocket +(\S+)/);
    const http = banner.match(/HTTP +(\S+)/);
    if (ws && http) resolve({ ws: ws[1], http: http[1] });
  });
});
server.removeAllListeners('exit');
console.log(`${program} serves ${urls.ws}`);

const client = createClient({ url: urls.ws, webSocketImpl: WebSocket, retryAttempts: 0 });
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
          const response = await fetch(`${urls.http}/trigger`, {
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

const exitCode = await new Promise((resolve) => {
  server.on('exit', (code) => resolve(code));
  server.kill('SIGTERM');
});
assert.equal(exitCode, 0);
console.log('stopped with exit 0');
