/**
 * OarNotifier against real sockets on 127.0.0.1: ZeroMQ PULL receivers as OAR's bipbip commander
 * and almighty bind them, `node:net` servers as oarsub's, and ports with nothing behind them.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Pull } from 'zeromq';
import { OarNotifier } from './oar-notifier.js';
import { jobErrorLines, reservationAcceptedLines, startPredictionLine } from './messages.js';
import type { ZeromqLoader } from './zmq-push.js';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** A ZeroMQ PULL socket bound on a free loopback port (what bipbip_commander.py / almighty.py bind). */
async function pullReceiver(): Promise<{ port: number; next(timeoutMs?: number): Promise<string[]> }> {
  const pull = new Pull({ linger: 0 });
  await pull.bind('tcp://127.0.0.1:*');
  cleanups.push(() => pull.close());
  const port = Number(/:(\d+)$/.exec(pull.lastEndpoint ?? '')?.[1]);
  return {
    port,
    async next(timeoutMs = 2000) {
      pull.receiveTimeout = timeoutMs;
      return (await pull.receive()).map((frame) => frame.toString('utf8'));
    },
  };
}

/** A TCP server that keeps what each connection sent, one entry per connection, in arrival order. */
async function textReceiver(options: { silent?: boolean } = {}): Promise<{ port: number; connections: string[]; waitFor(n: number): Promise<string[]> }> {
  const connections: string[] = [];
  const sockets = new Set<Socket>();
  let waiters: (() => void)[] = [];
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (options.silent) {
      socket.pause();
      return;
    }
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => {
      connections.push(text);
      socket.end();
      for (const w of waiters) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  const port = (server.address() as { port: number }).port;
  return {
    port,
    connections,
    waitFor(n) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${connections.length} of ${n} connections arrived`)), 3000);
        const check = () => {
          if (connections.length >= n) {
            clearTimeout(timer);
            waiters = waiters.filter((w) => w !== check);
            resolve([...connections]);
          }
        };
        waiters.push(check);
        check();
      });
    },
  };
}

/** A loopback port with nothing listening (bound, read, released). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function notifier(config: { appendiceServerPort?: number; bipbipCommanderPort?: number; timeoutMs?: number }, options: ConstructorParameters<typeof OarNotifier>[1] = {}) {
  const n = new OarNotifier({ serverHostname: '127.0.0.1', bipbipCommanderServer: '127.0.0.1', appendiceServerPort: 1, bipbipCommanderPort: 1, ...config }, options);
  cleanups.push(() => n.close());
  return n;
}

describe('OarNotifier over ZeroMQ', () => {
  it('pushes the launch order the bipbip commander reads: one frame {"job_id": N, "cmd": "OARRUN", "args": []}', async () => {
    const launcher = await pullReceiver();
    const n = notifier({ bipbipCommanderPort: launcher.port });
    expect(await n.launch(42)).toEqual({ ok: true, target: 'launcher', endpoint: `tcp://127.0.0.1:${launcher.port}` });
    expect(await launcher.next()).toEqual(['{"job_id": 42, "cmd": "OARRUN", "args": []}']);
  });

  it('pushes automaton commands to the appendice socket, in order', async () => {
    const almighty = await pullReceiver();
    const n = notifier({ appendiceServerPort: almighty.port });
    expect(await n.automaton('ChState')).toMatchObject({ ok: true, target: 'automaton', endpoint: `tcp://127.0.0.1:${almighty.port}` });
    expect(await n.automaton('Qdel')).toMatchObject({ ok: true });
    expect(await almighty.next()).toEqual(['{"cmd": "ChState"}']);
    expect(await almighty.next()).toEqual(['{"cmd": "Qdel"}']);
  });

  it('delivers concurrent calls made while the receiver is still coming up (one pending send per socket)', async () => {
    const port = await deadPort();
    const almighty = await pullReceiver();
    const n = notifier({ bipbipCommanderPort: port, appendiceServerPort: almighty.port, timeoutMs: 3000 });
    const ids = Array.from({ length: 25 }, (_, i) => i + 1);
    const pending = Promise.all([...ids.map((id) => n.launch(id)), n.automaton('ChState')]);
    await new Promise((r) => setTimeout(r, 150));
    const pull = new Pull({ linger: 0 });
    await pull.bind(`tcp://127.0.0.1:${port}`);
    cleanups.push(() => pull.close());
    const results = await pending;
    expect(results.filter((r) => !r.ok)).toEqual([]);
    pull.receiveTimeout = 2000;
    const got: string[] = [];
    for (const _ of ids) got.push(...(await pull.receive()).map(String));
    expect(got).toEqual(ids.map((id) => `{"job_id": ${id}, "cmd": "OARRUN", "args": []}`));
    expect(await almighty.next()).toEqual(['{"cmd": "ChState"}']);
  });

  it('reports a dead endpoint as a failure within the timeout, and does not wait again for it', async () => {
    const port = await deadPort();
    const warnings: string[] = [];
    const n = notifier({ bipbipCommanderPort: port, appendiceServerPort: port, timeoutMs: 300 }, { logger: { warn: (m) => warnings.push(m) } });
    let t = Date.now();
    const first = await n.launch(1);
    expect(Date.now() - t).toBeLessThan(1000);
    expect(first).toMatchObject({ ok: false, target: 'launcher', endpoint: `tcp://127.0.0.1:${port}`, reason: expect.stringContaining('within 300 ms') });
    t = Date.now();
    const later = await Promise.all([n.launch(2), n.launch(3)]);
    expect(Date.now() - t).toBeLessThan(200);
    expect(later.map((r) => r.ok)).toEqual([false, false]);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('launch of job 1');
  });

  it('delivers again once a receiver appears on an endpoint that had timed out', async () => {
    const port = await deadPort();
    const n = notifier({ bipbipCommanderPort: port, timeoutMs: 200 });
    expect(await n.launch(1)).toMatchObject({ ok: false });
    const pull = new Pull({ linger: 0 });
    await pull.bind(`tcp://127.0.0.1:${port}`);
    cleanups.push(() => pull.close());
    let result = await n.launch(2);
    for (let i = 0; !result.ok && i < 40; i++) {
      await new Promise((r) => setTimeout(r, 50));
      result = await n.launch(2);
    }
    expect(result).toMatchObject({ ok: true });
    pull.receiveTimeout = 2000;
    expect((await pull.receive()).map(String)).toEqual(['{"job_id": 2, "cmd": "OARRUN", "args": []}']);
  });

  it('loads zeromq only when a ZeroMQ message is sent, and once', async () => {
    const almighty = await pullReceiver();
    const launcher = await pullReceiver();
    let loads = 0;
    const load: ZeromqLoader = () => {
      loads++;
      return import('zeromq');
    };
    const text = await textReceiver();
    const n = notifier({ appendiceServerPort: almighty.port, bipbipCommanderPort: launcher.port }, { loadZeromq: load });
    await n.oarsub(`127.0.0.1:${text.port}`, ['GOOD RESERVATION']);
    expect(loads).toBe(0);
    await n.automaton('ChState');
    await n.launch(5);
    expect(loads).toBe(1);
    await n.close();
    const idle = notifier({});
    await idle.close();
    expect(loads).toBe(1);
  });

  it('turns a zeromq that cannot load into a failed result', async () => {
    const n = notifier({}, { loadZeromq: () => Promise.reject(new Error('no addon for this platform')) });
    expect(await n.launch(1)).toMatchObject({ ok: false, reason: expect.stringContaining('no addon for this platform') });
  });
});

describe('OarNotifier to oarsub over TCP', () => {
  it('sends GOOD RESERVATION\\n on one connection', async () => {
    const oarsub = await textReceiver();
    const n = notifier({});
    expect(await n.oarsub(`127.0.0.1:${oarsub.port}`, reservationAcceptedLines())).toEqual({ ok: true, target: 'oarsub', endpoint: `127.0.0.1:${oarsub.port}` });
    expect(await oarsub.waitFor(1)).toEqual(['GOOD RESERVATION\n']);
  });

  it('sends the message, then BAD JOB, each on its own connection and in that order', async () => {
    const oarsub = await textReceiver();
    const n = notifier({});
    expect(await n.oarsub(`127.0.0.1:${oarsub.port}`, jobErrorLines('This advance reservation cannot run'))).toMatchObject({ ok: true });
    expect(await oarsub.waitFor(2)).toEqual(['This advance reservation cannot run\n', 'BAD JOB\n']);
  });

  it('sends the start prediction line as UTF-8', async () => {
    const oarsub = await textReceiver();
    const n = notifier({});
    const line = startPredictionLine(1_000_000_000, 1_000_000_060, 'R=4,W=0:1:0,J=I,Q=défaut', 'UTC');
    expect(await n.oarsub(`127.0.0.1:${oarsub.port}`, [line])).toMatchObject({ ok: true });
    expect(await oarsub.waitFor(1)).toEqual(['[2001-09-09 01:46:40] Start prediction: 2001-09-09 01:47:40 (R=4,W=0:1:0,J=I,Q=défaut)\n']);
  });

  it('reports nothing listening as a failure naming the line, without waiting', async () => {
    const port = await deadPort();
    const n = notifier({});
    const t = Date.now();
    const r = await n.oarsub(`127.0.0.1:${port}`, jobErrorLines('x'));
    expect(Date.now() - t).toBeLessThan(1000);
    expect(r).toMatchObject({ ok: false, target: 'oarsub', endpoint: `127.0.0.1:${port}`, reason: expect.stringMatching(/^line 1 of 2: .*ECONNREFUSED/) });
  });

  it('gives up on a peer that never reads within the timeout', async () => {
    const oarsub = await textReceiver({ silent: true });
    const n = notifier({ timeoutMs: 400 });
    const t = Date.now();
    const r = await n.oarsub(`127.0.0.1:${oarsub.port}`, ['x'.repeat(64 * 1024 * 1024)]);
    const elapsed = Date.now() - t;
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('within 400 ms') });
    // Not before the timeout; without one the call would never return (the test's own timeout).
    expect(elapsed).toBeGreaterThanOrEqual(350);
  });

  it('refuses an info_type that is not host:port, without throwing', async () => {
    const n = notifier({});
    expect(await n.oarsub('', ['GOOD RESERVATION'])).toMatchObject({ ok: false, target: 'oarsub', reason: expect.stringContaining('host:port') });
    expect(await n.oarsub('node1:99999', ['GOOD RESERVATION'])).toMatchObject({ ok: false });
  });
});

describe('OarNotifier close()', () => {
  it('waits for calls in flight, then fails later calls without sending', async () => {
    const launcher = await pullReceiver();
    const n = notifier({ bipbipCommanderPort: launcher.port });
    const inFlight = n.launch(1);
    await n.close();
    expect(await inFlight).toMatchObject({ ok: true });
    expect(await launcher.next()).toEqual(['{"job_id": 1, "cmd": "OARRUN", "args": []}']);
    expect(await n.launch(2)).toMatchObject({ ok: false, reason: 'the notifier is closed' });
    expect(await n.oarsub('127.0.0.1:1', ['x'])).toMatchObject({ ok: false, reason: 'the notifier is closed' });
    await n.close();
  });

  it('is immediate when nothing was sent', async () => {
    const n = notifier({});
    const t = Date.now();
    await n.close();
    expect(Date.now() - t).toBeLessThan(50);
  });

  it('never lets a throwing logger turn a result into an exception', async () => {
    const n = notifier(
      { timeoutMs: 200 },
      {
        logger: {
          warn: () => {
            throw new Error('log sink down');
          },
        },
      },
    );
    expect(await n.oarsub('', ['x'])).toMatchObject({ ok: false });
  });
});
