// Fan-out through Redis (--channel-layer): the same load generator against one Subscope on the
// in-process layer, one Subscope on Redis (its own events come back through Redis) and two on
// Redis, the subscribers on A and the triggers fired at B. Several rounds, medians. `make bench`
// runs it after fanout.mjs; by hand, from the build tree's parent:
//
//   node tests/bench/redis_fanout.mjs --build build [--rounds 3] [--only fanout-100,...]
//       [--json out.json]
//
// Every run starts its own redis-server and servers on free loopback ports and stops them.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, freePort, median, runLoadgen, startProcess, stopProcess } from './processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const build = resolve(option('--build', join(here, '../../build')));
const rounds = Number(option('--rounds', '3'));
const only = option('--only', '').split(',').filter(Boolean);
const schema = resolve(here, '../../resources/demo.graphql');
const subscope = join(build, 'bin/subscope');
const loadgen = join(build, 'bin/subscope_loadgen');
for (const program of [subscope, loadgen])
  if (!existsSync(program)) {
    console.error(`redis_fanout: ${program} is missing: build first (make build)`);
    process.exit(1);
  }
if (spawnSync('redis-server', ['--version']).status !== 0) {
  console.error('redis_fanout: redis-server is missing (apt-get install redis-server)');
  process.exit(1);
}

const scenarios = [
  { name: 'fanout-100', what: '100 subscribers, one group, full rate', args: ['--sockets', '100', '--events', '5000', '--inflight', '16'] },
  { name: 'fanout-1000', what: '1,000 subscribers, one group, full rate', args: ['--sockets', '1000', '--events', '1000', '--inflight', '16'] },
  { name: 'batches-100', what: '100 subscribers, events in batches of 50', args: ['--sockets', '100', '--events', '20000', '--batch', '50', '--inflight', '4'] },
  { name: 'paced-100x200', what: '100 subscribers, 200 events/s (latency unsaturated)', args: ['--sockets', '100', '--events', '2000', '--rate', '200'] },
].filter((s) => !only.length || only.includes(s.name));
const setups = {
  'in-process': 'one Subscope, no Redis',
  'redis-1': 'one Subscope on Redis (its events go through Redis and back)',
  'redis-2': 'two Subscopes on Redis, subscribers on A, triggers at B',
};

async function startSubscope(name, redisPort) {
  const port = await freePort();
  const argv = ['--headless', '--port', String(port), '--schema', schema, '--quiet'];
  if (redisPort) argv.push('--channel-layer', `redis://127.0.0.1:${redisPort}/0`);
  const server = await startProcess(name, subscope, argv, port, join(here, '..'));
  if (redisPort) await healthy(port);
  return server;
}

// /healthz answers 200 once the connection to Redis is up.
async function healthy(port) {
  for (let i = 0; i < 100; ++i) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server on ${port} did not connect to Redis`);
}

async function runSetup(setup, scenario, label) {
  const started = [];
  try {
    let redis = null;
    if (setup !== 'in-process') {
      const port = await freePort();
      redis = await startProcess('redis-server', 'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], port);
      started.push(redis);
    }
    const a = await startSubscope('A', redis?.port);
    started.push(a);
    const b = setup === 'redis-2' ? await startSubscope('B', redis.port) : a;
    if (b !== a) started.push(b);
    const before = started.map((p) => cpuSeconds(p.child.pid));
    const run = await runLoadgen(loadgen, ['--port', String(a.port), '--http-port', String(b.port),
      '--server-pid', String(a.child.pid), '--label', label, ...scenario.args]);
    const cpu = started.map((p, i) => Math.round((cpuSeconds(p.child.pid) - before[i]) * 100) / 100);
    // Which process is which in `cpu`: [redis?, A, B?].
    run.redis_cpu_s = redis ? cpu[0] : null;
    run.trigger_server_cpu_s = b !== a ? cpu[cpu.length - 1] : null;
    return run;
  } catch (e) {
    return { error: String(e.message ?? e).slice(0, 300) };
  } finally {
    for (const p of started.reverse()) await stopProcess(p);
  }
}

const results = {}; // scenario → setup → [runs]
const startedAt = new Date();
for (let round = 1; round <= rounds; ++round) {
  for (const scenario of scenarios) {
    const order = Object.keys(setups);
    for (let i = 0; i < (round - 1) % order.length; ++i) order.push(order.shift());
    for (const setup of order) {
      const run = await runSetup(setup, scenario, `${setup} ${scenario.name} #${round}`);
      ((results[scenario.name] ??= {})[setup] ??= []).push(run);
      console.error(`[${round}/${rounds}] ${scenario.name} ${setup}: ` + (run.error
        ? `error: ${run.error}`
        : `${run.frames_per_s} frames/s, p50 ${run.p50_ms} ms, p99 ${run.p99_ms} ms, drops ${run.drops}`));
    }
  }
}

const cpu = cpus();
const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`;
const fmt = (v, digits = 0) => (v == null ? '–' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits }));
const lines = [`Fan-out through Redis, ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${rounds} round(s), medians; ${machine}`, ''];
lines.push('| scenario | setup | events/s | frames/s | p50 ms | p99 ms | lost | CPU s: A / B / Redis |');
lines.push('|---|---|---:|---:|---:|---:|---:|---|');
const figures = {};
for (const scenario of scenarios) {
  for (const setup of Object.keys(setups)) {
    const runs = results[scenario.name][setup];
    const ok = runs.filter((r) => !r.error);
    const sockets = Number(scenario.args[scenario.args.indexOf('--sockets') + 1]);
    const f = {
      errors: runs.length - ok.length,
      frames_per_s: median(ok.map((r) => r.frames_per_s)),
      p50_ms: median(ok.map((r) => r.p50_ms)),
      p99_ms: median(ok.map((r) => r.p99_ms)),
      lost: ok.reduce((sum, r) => sum + r.drops + r.duplicates + r.order_mismatches, 0),
      a_cpu_s: median(ok.map((r) => r.server_cpu_s)),
      b_cpu_s: median(ok.map((r) => r.trigger_server_cpu_s)),
      redis_cpu_s: median(ok.map((r) => r.redis_cpu_s)),
      first_error: runs.find((r) => r.error)?.error,
    };
    ((figures[scenario.name] ??= {})[setup] = f);
    const err = f.errors ? ` (${f.errors} failed: ${f.first_error})` : '';
    lines.push(`| ${scenario.name} | ${setup}${err} | ${fmt(f.frames_per_s / sockets)} | ${fmt(f.frames_per_s)} | ${fmt(f.p50_ms, 2)} | ${fmt(f.p99_ms, 2)} | ${f.lost} | ${fmt(f.a_cpu_s, 2)} / ${fmt(f.b_cpu_s, 2)} / ${fmt(f.redis_cpu_s, 2)} |`);
  }
}
lines.push('', Object.entries(setups).map(([k, v]) => `${k}: ${v}`).join('; '));
console.log(lines.join('\n'));
const jsonPath = option('--json');
if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ started: startedAt, machine, rounds, scenarios, figures, runs: results }, null, 2));
