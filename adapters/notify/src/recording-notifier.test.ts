import { describe, expect, it } from 'vitest';
import { RecordingNotifier } from './recording-notifier.js';
import { jobErrorLines, reservationAcceptedLines } from './messages.js';

describe('RecordingNotifier', () => {
  it('records every call in order, with the wire text, and succeeds by default', async () => {
    const n = new RecordingNotifier();
    const results = [
      await n.launch(7),
      await n.automaton('ChState'),
      await n.oarsub('node1:4242', reservationAcceptedLines()),
      await n.oarsub('node1:4243', jobErrorLines('Reservation too old')),
      await n.automaton('Qdel', { jobId: 9 }),
    ];
    expect(results.every((r) => r.ok)).toBe(true);
    expect(n.calls.map(({ result, ...call }) => call)).toEqual([
      { kind: 'launch', target: 'launcher', jobId: 7, wire: ['{"job_id": 7, "cmd": "OARRUN", "args": []}'] },
      { kind: 'automaton', target: 'automaton', command: 'ChState', wire: ['{"cmd": "ChState"}'] },
      { kind: 'oarsub', target: 'oarsub', infoType: 'node1:4242', lines: ['GOOD RESERVATION'], wire: ['GOOD RESERVATION\n'] },
      { kind: 'oarsub', target: 'oarsub', infoType: 'node1:4243', lines: ['Reservation too old', 'BAD JOB'], wire: ['Reservation too old\n', 'BAD JOB\n'] },
      { kind: 'automaton', target: 'automaton', command: 'Qdel', jobId: 9, wire: ['{"cmd": "Qdel", "job_id": 9}'] },
    ]);
    expect(n.calls.map((c) => c.result.endpoint)).toEqual(['tcp://localhost:6671', 'tcp://localhost:6670', 'node1:4242', 'node1:4243', 'tcp://localhost:6670']);
    expect(n.callsTo('automaton').map((c) => (c.kind === 'automaton' ? c.command : ''))).toEqual(['ChState', 'Qdel']);
  });

  it('fails the targets it is told to, with the reason given, and records those calls too', async () => {
    const n = new RecordingNotifier({ failures: { oarsub: 'peer gone', launcher: (call) => call.kind === 'launch' && call.jobId === 2 } });
    expect(await n.launch(1)).toEqual({ ok: true, target: 'launcher', endpoint: 'tcp://localhost:6671' });
    expect(await n.launch(2)).toEqual({ ok: false, target: 'launcher', endpoint: 'tcp://localhost:6671', reason: 'recorded failure for launcher' });
    expect(await n.oarsub('h:1', ['x'])).toEqual({ ok: false, target: 'oarsub', endpoint: 'h:1', reason: 'peer gone' });
    expect(await n.automaton('ChState')).toMatchObject({ ok: true });
    n.setFailure('automaton', true).setFailure('oarsub', undefined);
    expect(await n.automaton('ChState')).toMatchObject({ ok: false });
    expect(await n.oarsub('h:1', ['x'])).toMatchObject({ ok: true });
    expect(n.calls.map((c) => c.result.ok)).toEqual([true, false, false, true, false, true]);
  });

  it('uses the configured endpoints', async () => {
    const n = new RecordingNotifier({ config: { serverHostname: 'srv', appendiceServerPort: 7000, bipbipCommanderServer: 'bb', bipbipCommanderPort: 7001 } });
    expect((await n.launch(1)).endpoint).toBe('tcp://bb:7001');
    expect((await n.automaton('ChState')).endpoint).toBe('tcp://srv:7000');
  });

  it('fails, as the real notifier does, a bad info_type and any call after close()', async () => {
    const n = new RecordingNotifier();
    expect(await n.oarsub('', ['GOOD RESERVATION'])).toMatchObject({ ok: false, reason: expect.stringContaining('host:port') });
    await n.close();
    expect(n.closed).toBe(true);
    expect(await n.launch(3)).toMatchObject({ ok: false, reason: 'the notifier is closed' });
    expect(n.calls).toHaveLength(2);
  });

  it('turns a throwing failure rule into a failed result, not an exception', async () => {
    const n = new RecordingNotifier({
      failures: {
        launcher: () => {
          throw new Error('boom');
        },
      },
    });
    expect(await n.launch(1)).toMatchObject({ ok: false, reason: 'failure rule threw: boom' });
  });

  it('clear() forgets calls and keeps rules', async () => {
    const n = new RecordingNotifier({ failures: { launcher: true } });
    await n.launch(1);
    n.clear();
    expect(n.calls).toEqual([]);
    expect(await n.launch(2)).toMatchObject({ ok: false });
  });
});
