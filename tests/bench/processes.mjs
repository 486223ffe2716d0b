// What the benchmark scripts share: free ports, servers started and stopped as child processes,
// the load generator run once, medians, CPU time of a process from /proc.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';

export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

export function accepting(port) {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => { socket.destroy(); done(true); });
    socket.on('error', () => done(false));
  });
}

// Starts `program` and waits until it accepts connections on `port` (10 s at most).
export async function startProcess(name, program, argv, port, cwd) {
  const child = spawn(program, argv, { stdio: ['ignore', 'ignore', 'pipe'], cwd });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr = (stderr + chunk).slice(-4000); });
  for (let i = 0; i < 200; ++i) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr}`);
    if (await accepting(port)) return { child, port, stderr: () => stderr };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`${name} did not listen on ${port}: ${stderr}`);
}

export async function stopProcess({ child }) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

// One run of subscope_loadgen: its JSON line, or {error}.
export function runLoadgen(loadgen, args) {
  return new Promise((done) => {
    const child = spawn(loadgen, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => { out += c; });
    child.stderr.on('data', (c) => { err += c; });
    child.on('exit', (code) => {
      try {
        if (code !== 0) throw new Error(err.trim() || `exit ${code}`);
        done(JSON.parse(out));
      } catch (e) {
        done({ error: String(e.message ?? e).slice(0, 300) });
      }
    });
  });
}

export const median = (values) => {
  const v = values.filter((x) => typeof x === 'number' && x >= 0).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
};

// User + system CPU seconds a process has used so far (clock ticks of 1/100 s).
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
