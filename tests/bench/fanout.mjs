// The fan-out benchmark: Subscope, the graphql-ws peer and the trivial sender, alternately, on the
// same scenarios, several rounds; the median of each figure with the ratios Subscope/graphql-ws
// and Subscope/ceiling. `make bench` runs it; by hand, from the build tree's parent:
//
//   node tests/bench/fanout.mjs --build build [--rounds 3] [--quick] [--only fanout-100,...]
//       [--json out.json] [--plot docs/fanout.png]
//
// Every run starts its server on a free loopback port and stops it afterwards. A scenario that
// needs more file descriptors than this machine allows is reported as skipped, with the reason.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, median, runLoadgen, startProcess, stopProcess } from './processes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : fallback;
};
const flag = (name) => args.includes(name);
const build = resolve(option('--build', join(here, '../../build')));
const rounds = Number(option('--rounds', flag('--quick') ? '1' : '3'));
const only = option('--only', '').split(',').filter(Boolean);
const schema = resolve(here, '../../resources/demo.graphql');
const loadgen = join(build, 'bin/subscope_loadgen');
for (const program of [loadgen, join(build, 'bin/subscope'), join(build, 'bin/subscope_trivial_sender')])
  if (!existsSync(program)) {
    console.error(`fanout: ${program} is missing: build first (make build)`);
    process.exit(1);
  }

const servers = {
  // Above the default limit of 10,000 connections: the 10,000-socket scenarios add probes.
  subscope: (port) => [join(build, 'bin/subscope'), ['--headless', '--port', String(port), '--schema', schema, '--max-connections', '100000']],
  'graphql-ws': (port) => [process.execPath, [join(here, 'peers/graphql_ws_peer.mjs'), '--port', String(port), '--schema', schema]],
  trivial: (port) => [join(build, 'bin/subscope_trivial_sender'), ['--port', String(port)]],
};

// name, what it measures, the generator's options; `fds` is what each side needs open.
const scenarios = [
  { name: 'fanout-100', n: 100, what: '100 subscribers, one group, full rate', args: ['--sockets', '100', '--events', '5000', '--inflight', '16'] },
  { name: 'fanout-1000', n: 1000, what: '1,000 subscribers, one group, full rate', args: ['--sockets', '1000', '--events', '1000', '--inflight', '16'] },
  { name: 'fanout-10000', n: 10000, what: '10,000 subscribers, one group, full rate', args: ['--sockets', '10000', '--events', '100', '--inflight', '16'] },
  { name: 'groups-10000', n: 10000, what: '10,000 sockets each in its own group, events round-robin in batches of 100', args: ['--sockets', '10000', '--events', '50000', '--each-group', '--batch', '100', '--inflight', '4'] },
  { name: 'paced-100x50', n: 100, what: '100 subscribers, 50 events/s', args: ['--sockets', '100', '--events', '250', '--rate', '50'] },
  { name: 'paced-1000x10', n: 1000, what: '1,000 subscribers, 10 events/s', args: ['--sockets', '1000', '--events', '50', '--rate', '10'] },
  { name: 'idle-10000', n: 10000, what: '10,000 subscribed sockets, idle', args: ['--sockets', '10000', '--events', '0', '--idle-ms', '2000'] },
  { name: 'idle-50000', n: 50000, what: '50,000 subscribed sockets, idle', args: ['--sockets', '50000', '--events', '0', '--idle-ms', '2000'], slow: true },
].filter((s) => (only.length ? only.includes(s.name) : !(flag('--quick') && s.slow)));

async function startServer(kind) {
  const port = await freePort();
  const [program, argv] = servers[kind](port);
  return startProcess(kind, program, argv, port, join(here, '..'));
}

function runLoadgenOn(port, pid, scenario, label) {
  return runLoadgen(loadgen, ['--port', String(port), '--server-pid', String(pid), '--label', label, ...scenario.args]);
}

const fileLimit = Number(spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout.trim()) || 0;

function report(done) {
  // Medians and ratios.
  const figures = {};
  const ratio = (a, b) => (a != null && b ? Math.round((a / b) * 100) / 100 : null);
  for (const scenario of scenarios) {
    const row = (figures[scenario.name] = { what: scenario.what, n: scenario.n });
    if (!results[scenario.name]) {
      row.skipped = `needs ${scenario.n + 64} open files per process; this machine allows ${fileLimit} (ulimit -n)`;
      continue;
    }
    for (const [kind, runs] of Object.entries(results[scenario.name])) {
      const ok = runs.filter((r) => !r.error);
      const perSocket = ok.map((r) => ((r.server_rss_kib - r.server_rss_before_kib) / scenario.n) || 0);
      row[kind] = {
        runs: runs.length,
        errors: runs.length - ok.length,
        frames_per_s: median(ok.map((r) => r.frames_per_s)),
        p50_ms: median(ok.map((r) => r.p50_ms)),
        p99_ms: median(ok.map((r) => r.p99_ms)),
        max_ms: median(ok.map((r) => r.max_ms)),
        drops: ok.reduce((sum, r) => sum + r.drops + r.duplicates + r.order_mismatches, 0),
        setup_per_s: median(ok.map((r) => r.setup_per_s)),
        server_cpu_s: median(ok.map((r) => r.server_cpu_s)),
        loadgen_cpu_s: median(ok.map((r) => r.loadgen_cpu_s)),
        server_peak_rss_kib: median(ok.map((r) => r.server_peak_rss_kib)),
        rss_added_per_socket_kib: median(perSocket),
        first_error: runs.find((r) => r.error)?.error,
      };
    }
    const s = row.subscope ?? {};
    row.ratios = {
      frames_vs_graphql_ws: ratio(s.frames_per_s, row['graphql-ws']?.frames_per_s),
      frames_vs_ceiling: ratio(s.frames_per_s, row.trivial?.frames_per_s),
      p99_vs_graphql_ws: ratio(s.p99_ms, row['graphql-ws']?.p99_ms),
      p99_vs_ceiling: ratio(s.p99_ms, row.trivial?.p99_ms),
      setup_vs_graphql_ws: ratio(s.setup_per_s, row['graphql-ws']?.setup_per_s),
      rss_vs_graphql_ws: ratio(s.rss_added_per_socket_kib, row['graphql-ws']?.rss_added_per_socket_kib),
    };
  }

  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, open files ${fileLimit}`;
  const fmt = (v, digits = 0) => (v == null ? '–' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits }));
  const lines = [`Fan-out benchmark, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, ${done} of ${rounds} round(s), medians; ${machine}`, ''];
  lines.push('| scenario | server | frames/s | p50 ms | p99 ms | drops | setup/s | server CPU s | generator CPU s | peak RSS MiB | KiB/socket |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, row] of Object.entries(figures)) {
    if (row.skipped) {
      lines.push(`| ${name} | skipped: ${row.skipped} | | | | | | | | | |`);
      continue;
    }
    for (const kind of Object.keys(servers)) {
      const f = row[kind];
      if (!f) continue;
      const err = f.errors ? ` (${f.errors} failed: ${f.first_error})` : '';
      lines.push(`| ${name} | ${kind}${err} | ${fmt(f.frames_per_s)} | ${fmt(f.p50_ms, 1)} | ${fmt(f.p99_ms, 1)} | ${f.drops} | ${fmt(f.setup_per_s)} | ${fmt(f.server_cpu_s, 2)} | ${fmt(f.loadgen_cpu_s, 2)} | ${fmt(f.server_peak_rss_kib / 1024, 0)} | ${fmt(f.rss_added_per_socket_kib, 1)} |`);
    }
    const r = row.ratios;
    lines.push(`| ${name} | **Subscope ÷ graphql-ws / ÷ ceiling** | ${fmt(r.frames_vs_graphql_ws, 2)} / ${fmt(r.frames_vs_ceiling, 2)} | | ${fmt(r.p99_vs_graphql_ws, 2)} / ${fmt(r.p99_vs_ceiling, 2)} | | ${fmt(r.setup_vs_graphql_ws, 2)} | | | | ${fmt(r.rss_vs_graphql_ws, 2)} |`);
  }
  console.log(lines.join('\n'));

  const jsonPath = option('--json');
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ started, machine, rounds: done, figures, runs: results }, null, 2));

  // frames/s and p99 against N (the one-group full-rate scenarios), one PNG with two panels.
  const plotPath = option('--plot');
  if (plotPath) {
    const spot = ['fanout-100', 'fanout-1000', 'fanout-10000'].filter((n) => figures[n] && !figures[n].skipped);
    const dir = mkdtempSync(join(tmpdir(), 'subscope-plot-'));
    const data = join(dir, 'fanout.dat');
    const kinds = Object.keys(servers);
    writeFileSync(data, spot.map((name) => [figures[name].n, ...kinds.flatMap((k) => [figures[name][k]?.frames_per_s ?? 'NaN', figures[name][k]?.p99_ms ?? 'NaN'])].join(' ')).join('\n') + '\n');
    const titles = { subscope: 'Subscope', 'graphql-ws': 'graphql-ws (Node)', trivial: 'trivial sender (ceiling)' };
    const script = [
      `set terminal pngcairo size 1200,480 font 'DejaVu Sans,10'`,
      `set output '${resolve(plotPath)}'`,
      `set multiplot layout 1,2 title 'Fan-out to one group, ${started.toISOString().slice(0, 10)}, ${machine.replace(/'/g, '')}'`,
      `set logscale x`, `set xrange [70:14000]`, `set xtics (100, 1000, 10000)`, `set xlabel 'subscribers (N)'`, `set grid`, `set key top right`,
      `set ylabel 'frames delivered per second'`, `set format y '%.0s%c'`, `set yrange [0:*]`,
      `plot ${kinds.map((k, i) => `'${data}' using 1:${2 + 2 * i} with linespoints lw 2 title '${titles[k]}'`).join(', ')}`,
      `set ylabel 'p99 latency (ms)'`, `set logscale y`, `set format y '%g'`, `set yrange [*:*]`, `set key top left`,
      `plot ${kinds.map((k, i) => `'${data}' using 1:${3 + 2 * i} with linespoints lw 2 title '${titles[k]}'`).join(', ')}`,
      `unset multiplot`,
    ].join('\n');
    const plotted = spawnSync('gnuplot', [], { input: script, encoding: 'utf8' });
    if (plotted.status !== 0) console.error(`gnuplot failed: ${plotted.stderr || plotted.error}`);
    else console.error(`plot: ${plotPath}`);
  }
}

const results = {}; // scenario → server → [runs]
const started = new Date();
for (let round = 1; round <= rounds; ++round) {
  for (const scenario of scenarios) {
    if (scenario.n + 64 > fileLimit) continue;
    // Alternate which server goes first, so that none always runs on a cold or a warm machine.
    const order = Object.keys(servers);
    for (let i = 0; i < (round - 1) % order.length; ++i) order.push(order.shift());
    for (const kind of order) {
      const server = await startServer(kind);
      const run = await runLoadgenOn(server.port, server.child.pid, scenario, `${kind} ${scenario.name} #${round}`);
      await stopProcess(server);
      ((results[scenario.name] ??= {})[kind] ??= []).push(run);
      const summary = run.error
        ? `error: ${run.error}`
        : `${run.frames_per_s} frames/s, p50 ${run.p50_ms} ms, p99 ${run.p99_ms} ms, drops ${run.drops}, ` +
          `setup ${run.setup_per_s}/s, server ${run.server_cpu_s} s CPU ${run.server_peak_rss_kib} KiB, ` +
          `generator ${run.loadgen_cpu_s} s CPU`;
      console.error(`[${round}/${rounds}] ${scenario.name} ${kind}: ${summary}`);
    }
  }
  // After every round: an interrupted run still leaves its figures.
  report(round);
}

