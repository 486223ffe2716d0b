// The graphql-ws reference peer for the fan-out benchmark: npm graphql-ws (graphql-transport-ws)
// on ws, graphql-js executing the demo schema, and the same POST /trigger as Subscope (one
// {group, value} or an array of them). Groups follow the demo schema's @groups: myModelCreated
// → MyModelCreated, myModelUpdated(id) → MyModelUpdated.<id>, and so on.
//
//   node graphql_ws_peer.mjs --port 0 --schema demo-schema.graphql
// prints "listening <port>" once ready.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { buildSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const port = Number(option('--port', '0'));
const schema = buildSchema(readFileSync(option('--schema'), 'utf8'));

// group → set of listeners (one per subscribed operation).
const groups = new Map();
function listen(group) {
  const queue = [];
  let wake = null;
  const listener = (value) => {
    queue.push(value);
    if (wake) { wake(); wake = null; }
  };
  if (!groups.has(group)) groups.set(group, new Set());
  groups.get(group).add(listener);
  const leave = () => {
    const members = groups.get(group);
    members?.delete(listener);
    if (members && members.size === 0) groups.delete(group);
  };
  return {
    [Symbol.asyncIterator]() { return this; },
    async next() {
      while (queue.length === 0) await new Promise((resolve) => { wake = resolve; });
      return { value: queue.shift(), done: false };
    },
    async return() { leave(); return { value: undefined, done: true }; },
  };
}
function publish(group, value) {
  const members = groups.get(group);
  if (!members) return 0;
  for (const listener of members) listener(value);
  return members.size;
}

const templates = {
  myModelCreated: () => 'MyModelCreated',
  myModelUpdated: (a) => `MyModelUpdated.${a.id}`,
  myModelDeleted: (a) => `MyModelDeleted.${a.id}`,
  myCustomEvent: () => 'custom_event',
};
const subscriptionFields = schema.getSubscriptionType().getFields();
for (const [name, group] of Object.entries(templates)) {
  subscriptionFields[name].subscribe = (_root, args) => listen(group(args));
  subscriptionFields[name].resolve = (value) => value;
}

const http = createServer((request, response) => {
  if (request.method !== 'POST' || request.url !== '/trigger') {
    response.writeHead(404).end();
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"not JSON"}');
      return;
    }
    const events = Array.isArray(body) ? body : [body];
    let deliveries = 0;
    for (const event of events) deliveries += publish(event.group, event.value);
    const answer = JSON.stringify({ events: events.length, deliveries });
    response.writeHead(202, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(answer),
    }).end(answer);
  });
});
const wss = new WebSocketServer({ server: http, path: '/graphql/' });
useServer({ schema }, wss);
// The same listen backlog as Subscope's (Node's default is 511): thousands of clients connect at once.
http.listen({ port, host: '127.0.0.1', backlog: 4096 }, () =>
  console.log(`listening ${http.address().port}`));
