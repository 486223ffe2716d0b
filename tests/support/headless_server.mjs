// Starts Subscope's server for a Node test: `subscope --headless` or `subscope-server` on a free
// loopback port, its URLs read from the banner it prints.
//
//   const server = await startHeadless('build/bin/subscope-server', ['--quiet']);
//   server.ws, server.http; await server.stop();   // SIGTERM; resolves with the exit code
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
        stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}
