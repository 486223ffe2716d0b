// Soak: `subscope --headless` under connect/disconnect churn for a while (10 minutes unless told),
// with the unmodified npm clients of both subprotocols, and its resources at the start and end.
//
// - Steady subscribers (half graphql-ws's createClient on graphql-transport-ws, half
//   subscriptions-transport-ws on graphql-ws) stay connected to `custom_event` throughout and must
//   receive every event fired there, once, in order.
// - Churners connect, subscribe to MyModelUpdated.<n>, wait for the register ack, receive an
//   event or two, unsubscribe (the unregister ack, W15), subscribe again, complete, and disconnect;
//   a new one starts as each ends, alternating subprotocols.
// - Events go to custom_event and to the churners' groups through POST /trigger batches.
// Every SAMPLE seconds it prints the server's RSS, open descriptors, sockets and delivered/expected
// events; at the end a summary (and --json FILE). Not in CI: run it by hand (docs/reliability.md).
//
//   node tests/soak/soak.mjs --subscope build/bin/subscope [--minutes 10] [--json soak.json]
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

import { startHeadless } from '../support/headless_server.mjs';

const require = createRequire(new URL('../node_modules/', import.meta.url));
const { createClient } = require('graphql-ws');
const { SubscriptionClient } = require('subscriptions-transport-ws');
const WebSocket = require('ws');

const { values: options } = parseArgs({
  options: {
    subscope: { type: 'string', default: 'build/bin/subscope' },
    minutes: { type: 'string', default: '10' },
    steady: { type: 'string', default: '40' },
    churners: { type: 'string', default: '40' },
    rate: { type: 'string', default: '200' }, // events per second to custom_event
    sample: { type: 'string', default: '30' },
    json: { type: 'string' },
  },
});
const durationMs = Number(options.minutes) * 60000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = await startHeadless(options.subscope, ['--quiet', '--keepalive', '5']);
const pid = server.child.pid;
const rssKiB = () => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]);
const fds = () => readdirSync(`/proc/${pid}/fd`).length;
async function metrics() {
  const text = await (await fetch(server.http + '/metrics')).text();
  // The sum over a metric's labels.
  const value = (name) => text.split('\n').filter((l) => l.startsWith(name + ' ') || l.startsWith(name + '{'))
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  return {
    sockets: value('subscope_connections'), operations: value('subscope_operations'),
    groups: value('subscope_groups'), drops: value('subscope_outbox_drops_total'),
  };
}
async function trigger(events) {
  const response = await fetch(server.http + '/trigger', { method: 'POST', body: JSON.stringify(events) });
  if (response.status !== 202) throw new Error(`POST /trigger answered ${response.status}: ${await response.text()}`);
}

// A subscription through either library; calls onValue with each result's data (acks included).
function subscribe(legacy, query, onValue) {
  if (!legacy) {
    const client = createClient({ url: server.ws, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
    const dispose = client.subscribe({ query }, { next: (r) => onValue(r), error: () => {}, complete: () => {} });
    return { close: async () => { dispose(); await client.dispose(); } };
  }
  const client = new SubscriptionClient(server.ws, { reconnect: false }, WebSocket);
  const sub = client.request({ query }).subscribe({ next: (r) => onValue(r), error: () => {} });
  return { close: async () => { sub.unsubscribe(); client.close(); } };
}
const isAck = (r) => r && r.data === null && r.extensions && r.extensions.cyparta;

// Steady subscribers.
const steady = [];
let fired = 0; // events fired to custom_event, numbered 1..fired
for (let i = 0; i < Number(options.steady); ++i) {
  const s = { legacy: i % 2 === 1, received: 0, next: 1, outOfOrder: 0, acked: false };
  s.handle = subscribe(s.legacy, 'subscription { myCustomEvent(subscribe: true) { field1 } }', (r) => {
    if (isAck(r)) { s.acked = true; return; }
    const n = Number(r.data.myCustomEvent.field1);
    if (n !== s.next) ++s.outOfOrder;
    s.next = n + 1;
    ++s.received;
  });
  steady.push(s);
}
while (!steady.every((s) => s.acked)) await sleep(20);

// Churners.
const churn = { sessions: 0, registerAcks: 0, unregisterAcks: 0, events: 0, failures: 0 };
let running = true;
async function churner(index) {
  let round = 0;
  while (running) {
    const legacy = (index + round++) % 2 === 1;
    const group = `churn${index}`;
    const acks = [];
    let events = 0;
    const query = (on) => `subscription { myModelUpdated(id: "${group}", subscribe: ${on}) { id name } }`;
    try {
      const first = subscribe(legacy, query(true), (r) => (isAck(r) ? acks.push(r) : ++events));
      const deadline = Date.now() + 5000;
      while (acks.length < 1 && Date.now() < deadline) await sleep(10);
      await trigger([{ group: `MyModelUpdated.${group}`, value: { id: group, name: 'x' } }]);
      while (events < 1 && Date.now() < deadline) await sleep(10);
      const second = subscribe(legacy, query(false), (r) => (isAck(r) ? acks.push(r) : 0));
      while (acks.length < 2 && Date.now() < deadline) await sleep(10);
      await second.close();
      await first.close();
      const actions = acks.map((a) => a.extensions.cyparta.action);
      if (events < 1 || !actions.includes('register') || !actions.includes('unregister')) ++churn.failures;
      churn.registerAcks += actions.filter((a) => a === 'register').length;
      churn.unregisterAcks += actions.filter((a) => a === 'unregister').length;
      churn.events += events;
      ++churn.sessions;
    } catch (e) {
      ++churn.failures;
      console.error('churner', index, e.message);
    }
  }
}
const churners = Array.from({ length: Number(options.churners) }, (_, i) => churner(i));

// Events to the steady subscribers, in batches every 50 ms.
const perBatch = Math.max(1, Math.round(Number(options.rate) / 20));
const firing = (async () => {
  while (running) {
    const batch = [];
    for (let i = 0; i < perBatch; ++i) batch.push({ group: 'custom_event', value: { field1: String(++fired) } });
    await trigger(batch);
    await sleep(50);
  }
})();

const samples = [];
const started = Date.now();
async function sample() {
  const m = await metrics();
  const expected = fired * steady.length;
  const delivered = steady.reduce((n, s) => n + s.received, 0);
  const row = {
    seconds: Math.round((Date.now() - started) / 1000), rssKiB: rssKiB(), fds: fds(), ...m,
    fired, expected, delivered, churnSessions: churn.sessions, churnFailures: churn.failures,
  };
  samples.push(row);
  console.log(JSON.stringify(row));
}
await sleep(5000); // past start-up: the first sample is the baseline
await sample();
while (Date.now() - started < durationMs) {
  await sleep(Math.min(Number(options.sample) * 1000, durationMs - (Date.now() - started)));
  await sample();
}
running = false;
await firing;
await Promise.all(churners);
await sleep(2000); // the last events reach the steady subscribers
await sample();
for (const s of steady) await s.handle.close();
await sleep(1000);
const quiet = { rssKiB: rssKiB(), fds: fds(), ...(await metrics()) };
await server.stop();

const first = samples[0];
const last = samples[samples.length - 1];
const summary = {
  minutes: Number(options.minutes), steadySubscribers: steady.length, churners: Number(options.churners),
  fired, expected: last.expected, delivered: last.delivered,
  outOfOrder: steady.reduce((n, s) => n + s.outOfOrder, 0),
  churn, start: first, end: last, afterAllClosed: quiet,
  rssGrowthKiB: last.rssKiB - first.rssKiB, fdGrowth: last.fds - first.fds,
};
console.log(JSON.stringify(summary, null, 2));
if (options.json) writeFileSync(options.json, JSON.stringify({ summary, samples }, null, 2));
const ok = summary.delivered === summary.expected && summary.outOfOrder === 0 && churn.failures === 0;
console.log(ok ? 'soak: nothing lost' : 'soak: FAILED');
process.exit(ok ? 0 : 1);
