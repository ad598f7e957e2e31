/**
 * What only a whole process shows: after `close()` a round can end at once, even when it notified
 * endpoints with nothing behind them (a ZeroMQ message queued for a peer that never comes keeps
 * libzmq's context waiting forever at exit by default), and a round that sends no ZeroMQ message
 * never loads the native addon. Each child runs the built package and ends on its own: no
 * `process.exit`.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Pull } from 'zeromq';

const DIST = new URL('../dist/index.js', import.meta.url).href;

async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs an ES module body in a fresh `node`, killing it after `killAfterMs`; reports how long it lived. */
function runChild(body: string, killAfterMs = 10_000): Promise<{ code: number | null; signal: string | null; ms: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const start = Date.now();
    const child = spawn(process.execPath, ['--input-type=module', '-e', `const { OarNotifier } = await import(${JSON.stringify(DIST)});\n${body}`], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, ms: Date.now() - start, stdout, stderr });
    });
  });
}

describe('a process that used an OarNotifier', () => {
  it('exits within 3 s after notifying dead ZeroMQ and TCP endpoints and closing', async () => {
    const port = await deadPort();
    const child = await runChild(`
      const n = new OarNotifier({ serverHostname: '127.0.0.1', appendiceServerPort: ${port}, bipbipCommanderServer: '127.0.0.1', bipbipCommanderPort: ${port}, timeoutMs: 500 });
      const results = await Promise.all([n.launch(1), n.launch(2), n.automaton('ChState'), n.oarsub('127.0.0.1:${port}', ['GOOD RESERVATION'])]);
      await n.close();
      console.log(JSON.stringify(results.map((r) => r.ok)));
    `);
    expect(child.stderr).toBe('');
    expect(child.signal).toBeNull();
    expect(child.code).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual([false, false, false, false]);
    expect(child.ms).toBeLessThan(3000);
  });

  it('exits within 3 s after pushing to a live receiver, which gets the message', async () => {
    const pull = new Pull({ linger: 0 });
    await pull.bind('tcp://127.0.0.1:*');
    try {
      const port = Number(/:(\d+)$/.exec(pull.lastEndpoint ?? '')?.[1]);
      const child = await runChild(`
        const n = new OarNotifier({ serverHostname: '127.0.0.1', appendiceServerPort: ${port}, bipbipCommanderServer: '127.0.0.1', bipbipCommanderPort: ${port}, timeoutMs: 1000 });
        const r = await n.launch(7);
        await n.close();
        console.log(JSON.stringify(r.ok));
      `);
      expect(child.stderr).toBe('');
      expect(child.code).toBe(0);
      expect(child.stdout.trim()).toBe('true');
      expect(child.ms).toBeLessThan(3000);
      pull.receiveTimeout = 2000;
      expect((await pull.receive()).map(String)).toEqual(['{"job_id": 7, "cmd": "OARRUN", "args": []}']);
    } finally {
      pull.close();
    }
  });

  it('loads the zeromq addon only once a ZeroMQ message is sent', async () => {
    const port = await deadPort();
    const child = await runChild(`
      const loaded = [];
      const dlopen = process.dlopen;
      process.dlopen = function (module, filename, ...rest) { loaded.push(filename); return dlopen.call(this, module, filename, ...rest); };
      const zmqAddons = () => loaded.filter((f) => /zeromq/.test(f)).length;
      const n = new OarNotifier({ serverHostname: '127.0.0.1', appendiceServerPort: ${port}, timeoutMs: 200 });
      await n.oarsub('127.0.0.1:${port}', ['GOOD RESERVATION']);
      const beforeZmq = zmqAddons();
      await n.automaton('ChState');
      const afterZmq = zmqAddons();
      await n.close();
      console.log(JSON.stringify({ beforeZmq, afterZmq }));
    `);
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ beforeZmq: 0, afterZmq: 1 });
  });
});
