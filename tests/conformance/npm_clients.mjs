// Unmodified npm client libraries against `subscope --headless`: graphql-ws's createClient, 6 and
// 5 (graphql-transport-ws), and subscriptions-transport-ws's SubscriptionClient (graphql-ws), as a
// frontend written for the Django package uses them. They subscribe, receive the register ack
// (W14), events fired through POST /trigger (W20, W21) and POST /models/<name> (W22, W24), leave
// a group with subscribe: false (W15, W13a), and complete (W26).
//
// The same clients over wss:// against a server started with --tls-cert and --tls-key.
//
//   node npm_clients.mjs --subscope build/bin/subscope
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { parseArgs } from 'node:util';

import { createClient as createClient6 } from 'graphql-ws';
import { createClient as createClient5 } from 'graphql-ws-5';
import { SubscriptionClient } from 'subscriptions-transport-ws';
import WebSocket from 'ws';

import { startHeadless } from '../support/headless_server.mjs';

const { values: options } = parseArgs({ options: { subscope: { type: 'string' } } });
if (!options.subscope) throw new Error('usage: node npm_clients.mjs --subscope PATH');

const registerAck = (groups, extra = {}) => ({
  data: null,
  errors: null,
  extensions: { cyparta: { registeredGroups: groups, subscribe: true, subscripe: true, action: 'register', ...extra } },
});
const unregisterAck = (groups) => ({
  data: null,
  errors: null,
  extensions: { cyparta: { registeredGroups: groups, subscribe: false, subscripe: false, action: 'unregister' } },
});

let server;
let wsUrl;
let httpUrl;

const startServer = (extra = []) => startHeadless(options.subscope, ['--quiet', ...extra]);

async function post(path, body) {
  const response = await fetch(httpUrl + path, { method: 'POST', body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function metric(name) {
  const text = await (await fetch(httpUrl + '/metrics')).text();
  const line = text.split('\n').find((l) => l.startsWith(name + ' '));
  return Number(line.split(' ')[1]);
}

async function eventually(check, what) {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Collects what a subscription's sink receives; `next(n)` waits for the n-th value.
function sink() {
  const values = [];
  const s = {
    values,
    errors: [],
    completed: false,
    next: (v) => values.push(v),
    error: (e) => s.errors.push(e),
    complete: () => { s.completed = true; },
    nth: async (n) => { await eventually(() => values.length >= n, `value #${n}`); return values[n - 1]; },
  };
  return s;
}

before(async () => {
  server = await startServer();
  wsUrl = server.ws;
  httpUrl = server.http;
});

after(async () => assert.equal(await server.stop(), 0));

for (const [version, createClient] of [['6.4.2', createClient6], ['5.16.2', createClient5]])
describe(`graphql-ws ${version} createClient (graphql-transport-ws)`, () => {
  let client;
  before(() => {
    client = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
  });
  after(() => client.dispose());

  test('W14 register ack, W22/W24 a model event, W21 a trigger event, W26 complete', async () => {
    const s = sink();
    const unsubscribe = client.subscribe(
      { query: 'subscription OnCreate { created: myModelCreated(subscribe: true) { id name } }', operationName: 'OnCreate' }, s);
    assert.deepEqual(await s.nth(1), registerAck(['MyModelCreated']));

    const created = await post('/models/MyModel', { action: 'create', pk: 7, fields: { name: 'alice', age: 3 } });
    assert.deepEqual(created, { status: 202, body: { group: 'MyModelCreated', deliveries: 1 } });
    // W23: only the requested fields (id, name) travel.
    assert.deepEqual(await s.nth(2), { data: { created: { pk: 7, fields: { name: 'alice', id: 7 }, group: 'MyModelCreated' } }, errors: null });

    const fired = await post('/trigger', { group: 'MyModelCreated', value: { pk: 8, fields: { id: 8, name: 'bob', age: 1 } } });
    assert.deepEqual(fired, { status: 202, body: { group: 'MyModelCreated', deliveries: 1 } });
    assert.deepEqual(await s.nth(3), { data: { created: { pk: 8, fields: { id: 8, name: 'bob' } } }, errors: null });

    unsubscribe();
    await eventually(async () => (await metric('subscope_operations')) === 0, 'the operation to be removed');
    assert.equal((await post('/trigger', { group: 'MyModelCreated', value: 1 })).body.deliveries, 0);
    assert.equal(s.values.length, 3);
    assert.deepEqual(s.errors, []);
  });

  test('W15/W13a leaving a group with subscribe: false leaves the other operations alone', async () => {
    const stays = sink();
    client.subscribe({ query: 'subscription { ev: myCustomEvent(subscribe: true) { field1 } }' }, stays);
    assert.deepEqual(await stays.nth(1), registerAck(['custom_event']));

    const leaves = sink();
    client.subscribe({ query: 'subscription { myCustomEvent(subscribe: false) { field1 } }' }, leaves);
    assert.deepEqual(await leaves.nth(1), unregisterAck(['custom_event']));
    assert.deepEqual(await leaves.nth(2), { data: { myCustomEvent: null }, errors: null });

    // As on the Django server, the other operation is still in the group.
    assert.equal((await post('/trigger', { group: 'custom_event', value: { field1: 'still here' } })).body.deliveries, 1);
    assert.deepEqual(await stays.nth(2), { data: { ev: { field1: 'still here' } }, errors: null });
  });

  test('W12 a validation error arrives as a result with errors', async () => {
    const s = sink();
    client.subscribe({ query: 'subscription { myModelCreated(subscribe: true) { id nope } }' }, s);
    assert.deepEqual(await s.nth(1), {
      data: null,
      errors: [{ message: "Cannot query field 'nope' on type 'MyModelType'. Did you mean 'name'?", locations: [{ line: 1, column: 53 }] }],
    });
  });

  test('W11 (beyond) a query is answered with one result and completes', async () => {
    const s = sink();
    client.subscribe({ query: '{ __typename }' }, s);
    assert.deepEqual(await s.nth(1), { data: { __typename: 'Query' }, errors: null });
    await eventually(() => s.completed, 'complete');
  });
});

describe('subscriptions-transport-ws SubscriptionClient (graphql-ws)', () => {
  let client;
  before(() => {
    client = new SubscriptionClient(wsUrl, { reconnect: false }, WebSocket);
  });
  after(() => client.close());

  test('W14 register ack with the subscripe note, W20 model update to MUpdated.<pk>, W26 stop', async () => {
    const s = sink();
    const subscription = client
      .request({ query: 'subscription { myModelCreatedUpdateDelete(id: "3", subscripe: true) { id name } }' })
      .subscribe(s);
    assert.deepEqual(await s.nth(1), registerAck(['MyModelCreated', 'MyModelUpdated.3', 'MyModelDeleted.3'], {
      deprecationNotes: ['Prefer ``subscribe`` (``extensions.cyparta.subscribe``); positional ``subscripe`` is deprecated but still mirrored as ``subscripe``.'],
    }));

    const updated = await post('/models/MyModel', { action: 'update', pk: 3, fields: { name: 'x', age: 9 } });
    assert.deepEqual(updated, { status: 202, body: { group: 'MyModelUpdated.3', deliveries: 1 } });
    assert.deepEqual(await s.nth(2), {
      data: { myModelCreatedUpdateDelete: { pk: 3, fields: { name: 'x', id: 3 }, group: 'MyModelUpdated.3' } },
      errors: null,
    });
    // Another instance's update is not this operation's business.
    assert.equal((await post('/models/MyModel', { action: 'update', pk: 4, fields: {} })).body.deliveries, 0);

    const deleted = await post('/models/MyModel', { action: 'delete', pk: 3 });
    assert.deepEqual(deleted.body, { group: 'MyModelDeleted.3', deliveries: 1 });
    assert.deepEqual(await s.nth(3), {
      data: { myModelCreatedUpdateDelete: { pk: 3, fields: { id: 3 }, group: 'MyModelDeleted.3' } },
      errors: null,
    });

    subscription.unsubscribe();
    await eventually(async () => (await metric('subscope_operations')) === 0, 'the operation to be removed');
    assert.equal(s.values.length, 3);
  });

  test('W21 a trigger event with any JSON value', async () => {
    const s = sink();
    client.request({ query: 'subscription { myCustomEvent { field1 } }' }).subscribe(s);
    assert.deepEqual(await s.nth(1), registerAck(['custom_event']));
    await post('/trigger', { group: 'custom_event', value: { field1: 'hello', extra: [1, 2] } });
    assert.deepEqual(await s.nth(2), { data: { myCustomEvent: { field1: 'hello', extra: [1, 2] } }, errors: null });
  });

  test('W25 an invalid trigger group is refused over HTTP and reaches nobody', async () => {
    const refused = await post('/trigger', { group: 'bad group!', value: 1 });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error, /Invalid group name 'bad group!'/);
  });
});

describe('over wss:// (--tls-cert, --tls-key)', () => {
  let tls;
  let ca;
  // Clients that trust the test certificate, as a frontend given the CA does.
  class TrustingWebSocket extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { ca });
    }
  }
  const postTls = (path, body) => new Promise((resolve, reject) => {
    const request = https.request(tls.http + path, { method: 'POST', ca }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(text) }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });

  before(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subscope-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    ca = fs.readFileSync(cert);
    tls = await startServer(['--tls-cert', cert, '--tls-key', key]);
    assert.match(tls.ws, /^wss:\/\/127\.0\.0\.1:\d+\/graphql\/$/);
    assert.match(tls.http, /^https:\/\/127\.0\.0\.1:\d+$/);
  });
  after(async () => assert.equal(await tls.stop(), 0));

  test('graphql-ws createClient: register ack and an event fired over https://', async () => {
    const client = createClient6({ url: tls.ws, webSocketImpl: TrustingWebSocket, lazy: false, retryAttempts: 0 });
    const s = sink();
    client.subscribe({ query: 'subscription { myModelCreated(subscribe: true) { id name } }' }, s);
    assert.deepEqual(await s.nth(1), registerAck(['MyModelCreated']));
    const fired = await postTls('/trigger', { group: 'MyModelCreated', value: { pk: 1, fields: { id: 1, name: 'tls' } } });
    assert.deepEqual(fired, { status: 202, body: { group: 'MyModelCreated', deliveries: 1 } });
    assert.deepEqual(await s.nth(2), { data: { myModelCreated: { pk: 1, fields: { id: 1, name: 'tls' } } }, errors: null });
    await client.dispose();
  });

  test('subscriptions-transport-ws SubscriptionClient: register ack and an event', async () => {
    const client = new SubscriptionClient(tls.ws, { reconnect: false }, TrustingWebSocket);
    const s = sink();
    client.request({ query: 'subscription { myCustomEvent { field1 } }' }).subscribe(s);
    assert.deepEqual(await s.nth(1), registerAck(['custom_event']));
    await postTls('/trigger', { group: 'custom_event', value: { field1: 'over tls' } });
    assert.deepEqual(await s.nth(2), { data: { myCustomEvent: { field1: 'over tls' } }, errors: null });
    client.close();
  });
});

// Two servers on one redis-server (--channel-layer): the unmodified clients on either server get
// the events fired at the other, once each (W20 across processes).
describe('two servers sharing events through Redis (--channel-layer)', () => {
  let redis;
  let a;
  let b;
  const postTo = async (server, path, body) => {
    const response = await fetch(server.http + path, { method: 'POST', body: JSON.stringify(body) });
    return { status: response.status, body: await response.json() };
  };
  const healthy = async (server) => eventually(async () => (await fetch(server.http + '/healthz')).status === 200, 'Redis connected');
  const stop = async (child) => {
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    child.kill('SIGTERM');
    return exited;
  };

  before(async () => {
    const port = await new Promise((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => { const p = probe.address().port; probe.close(() => resolve(p)); });
    });
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await eventually(() => new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
      socket.on('error', () => resolve(false));
    }), 'redis-server listening');
    const url = `redis://127.0.0.1:${port}/0`;
    a = await startServer(['--channel-layer', url]);
    b = await startServer(['--channel-layer', url]);
    await healthy(a);
    await healthy(b);
  });
  after(async () => {
    assert.equal(await a.stop(), 0);
    assert.equal(await b.stop(), 0);
    await stop(redis);
  });

  test('graphql-ws on A and subscriptions-transport-ws on B each get an event fired at either', async () => {
    const onA = createClient6({ url: a.ws, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
    const onB = new SubscriptionClient(b.ws, { reconnect: false }, WebSocket);
    const sinkA = sink();
    const sinkB = sink();
    onA.subscribe({ query: 'subscription { myModelCreated(subscribe: true) { id name } }' }, sinkA);
    onB.request({ query: 'subscription { myModelCreated { id name } }' }).subscribe(sinkB);
    assert.deepEqual(await sinkA.nth(1), registerAck(['MyModelCreated']));
    assert.deepEqual(await sinkB.nth(1), registerAck(['MyModelCreated']));
    // Both servers have subscribed once their ack is out; the first event is fired at B.
    assert.deepEqual(await postTo(b, '/models/MyModel', { action: 'create', pk: 7, fields: { name: 'seven' } }),
      { status: 202, body: { group: 'MyModelCreated', published: true } });
    const event = { data: { myModelCreated: { pk: 7, fields: { name: 'seven', id: 7 }, group: 'MyModelCreated' } }, errors: null };
    assert.deepEqual(await sinkA.nth(2), event);
    assert.deepEqual(await sinkB.nth(2), event);
    assert.deepEqual(await postTo(a, '/trigger', { group: 'MyModelCreated', value: 'from A' }),
      { status: 202, body: { group: 'MyModelCreated', published: true } });
    assert.deepEqual(await sinkB.nth(3), { data: { myModelCreated: 'from A' }, errors: null });
    assert.deepEqual(await sinkA.nth(3), { data: { myModelCreated: 'from A' }, errors: null });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(sinkA.values.length, 3);
    assert.equal(sinkB.values.length, 3);
    await onA.dispose();
    onB.close();
  });
});
