// Starts Subscope's server for a Node test: `subscope --headless` or `subscope-server` on a free
// loopback port, its URLs read from the banner it prints.
//
//   const server = await startHeadless('build/bin/subscope-server', ['--quiet']);
//   server.ws, server.http; await server.metric('subscope_operations');
//   await server.stop();   // SIGTERM; resolves with the exit code
import { spawn } from 'node:child_process';
import path from 'node:path';

export function startHeadless(program, extraArguments = [], spawnOptions = {}) {
  const headless = path.basename(program) === 'subscope' ? ['--headless'] : [];
  const child = spawn(program, [...headless, '--port', '0', ...extraArguments], {
    stdio: ['ignore', 'pipe', 'inherit'],
    ...spawnOptions,
  });
  return new Promise((resolve, reject) => {
    let banner = '';
    const early = (code, signal) => reject(new Error(`${program} exited early with ${code ?? signal}`));
    child.on('error', reject);
    child.on('exit', early);
    child.stdout.on('data', (chunk) => {
      banner += chunk;
      const ws = banner.match(/WebSocket +(\S+)/);
      const http = banner.match(/HTTP +(\S+)/);
      if (!ws || !http) return;
      child.off('exit', early);
      const exited = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));
      resolve({
        child,
        ws: ws[1],
        http: http[1],
        exited,
        // One series of GET /metrics, as a number: metric('subscope_connections{subprotocol="graphql-ws"}').
        async metric(name) {
          const text = await (await fetch(`${http[1]}/metrics`)).text();
          const line = text.split('\n').find((l) => l.startsWith(`${name} `));
          if (!line) throw new Error(`no ${name} in /metrics`);
          return Number(line.slice(name.length + 1));
        },
        stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}

// Resolves once predicate() (which may be async) is truthy, with its value; polls every 20 ms.
export async function until(what, predicate, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
