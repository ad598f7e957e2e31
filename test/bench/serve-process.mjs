// An `oar-sched serve` for the benches (warm-round.mjs, db-round.mjs): the binary started in a
// folder on a socket of its own, ready once the socket answers; `stop()` is SIGTERM and its exit.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';

/** Starts `oar-sched serve` on a socket in `dir`; resolves once the socket answers. */
export async function startServer(bin, dir) {
  const socket = join(dir, 'serve.sock');
  const child = spawn(process.execPath, [bin, 'serve', '--socket', socket], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`oar-sched serve exited ${child.exitCode}: ${stderr}`);
    if (await answers(socket)) return { socket, stop: () => stopServer(child) };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error(`oar-sched serve did not answer on ${socket}: ${stderr}`);
}

function answers(socket) {
  return new Promise((res) => {
    const c = connect(socket);
    c.once('connect', () => {
      c.destroy();
      res(true);
    });
    c.once('error', () => res(false));
  });
}

function stopServer(child) {
  return new Promise((res) => {
    child.once('exit', res);
    child.kill('SIGTERM');
  });
}

