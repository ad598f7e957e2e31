/**
 * The search probe (`RoundOptions.probe`): the windows one job met, with the engine's free sets,
 * find results and quota verdicts; and, whatever job is probed, the same decisions as a round
 * without it.
 */
import type { JobRecord } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { runRound } from './run-round.js';
import type { SearchProbe } from './search-probe.js';
import { NOW, registryWith, snapshot, waiting } from './test-kit.js';

const running = (id: number, ids: number[], walltime: number, extra: Partial<JobRecord> = {}): JobRecord => ({
  ...waiting(id, ids.length, { walltimes: [walltime] }),
  state: 'Running',
  startTime: NOW,
  resources: ids,
  ...extra,
});

async function probed(jobs: readonly JobRecord[], jobId: number, config: object = {}): Promise<SearchProbe | undefined> {
  let probe: SearchProbe | undefined;
  await runRound(snapshot({ jobs, config }), registryWith(), { probe: { jobId, maxWindows: 100, report: (p) => (probe = p) } });
  return probe;
}

const text = (set: { toString(): string } | null) => (set === null ? null : set.toString());

describe('search probe', () => {
  it('walks the windows up to the one the job got, with what the find returned in each', async () => {
    const probe = await probed([running(1, [1, 2, 3, 4, 5, 6], 100), waiting(2, 4)], 2);
    expect(probe).toMatchObject({ jobId: 2, slotSetName: 'default', minStart: undefined, findName: 'default', quotasApply: false });
    const [m] = probe!.moldables;
    expect(m).toMatchObject({ index: 0, walltime: 60, end: 'accepted' });
    expect(m!.windows.map((w) => [w.start, w.end, text(w.available), text(w.resources)])).toEqual([
      [NOW, NOW + 59, '6-7', null],
      [NOW + 100, NOW + 159, '0-7', '0-3'],
    ]);
  });

  it('a timesharing job sees a compatible job\'s resources in its free set, not in the plain one', async () => {
    const ts = { types: { timesharing: 'user,*' } };
    const probe = await probed([running(1, [1, 2, 3, 4, 5, 6], 100, ts), waiting(2, 8, ts)], 2);
    const [first] = probe!.moldables[0]!.windows;
    expect(text(first!.available)).toBe('0-7');
    expect(text(first!.free)).toBe('6-7');
    expect(text(first!.resources)).toBe('0-7');
  });

  it('names the quota rule that refuses a window where the find succeeds', async () => {
    const quotas = { quotas: { enabled: true, rules: { quotas: { '*,*,*,alice': [4, -1, -1] } } } };
    const probe = await probed([running(1, [1, 2, 3, 4], 100), waiting(2, 2)], 2, quotas);
    const [refused, accepted] = probe!.moldables[0]!.windows;
    expect(text(refused!.resources)).toBe('4-5');
    expect(refused!.quota?.details?.rule).toEqual({ key: '*,*,*,alice', ruleSet: null, limit: 'resources', max: 4, count: 6 });
    expect(accepted).toMatchObject({ start: NOW + 100, quota: undefined });
  });

  it('probes an inner job in its container\'s slot set', async () => {
    const probe = await probed([running(1, [1, 2, 3, 4], 100, { types: { container: '' } }), waiting(2, 2, { types: { inner: '1' } })], 2);
    expect(probe?.slotSetName).toBe('1');
    expect(text(probe!.moldables[0]!.windows[0]!.available)).toBe('0-3');
  });

  it('changes no decision, whichever job it probes', async () => {
    const jobs = [
      running(1, [1, 2], 100, { types: { timesharing: '*,*' } }),
      running(2, [3, 4], 200, { types: { placeholder: 'p' } }),
      running(3, [5, 6], 300, { types: { container: 'c' } }),
      waiting(4, 3, { types: { timesharing: '*,*' } }),
      waiting(5, 3, { types: { allow: 'p' } }),
      waiting(6, 1, { types: { inner: 'c' }, walltimes: [50, 500] }),
      waiting(7, 8, { dependencies: [4] }),
      { ...waiting(8, 2), reservation: 'toSchedule', startTime: NOW + 50 },
    ];
    const config = { quotas: { enabled: true, rules: { quotas: { '*,*,*,*': [7, -1, -1] } } } };
    const plain = await runRound(snapshot({ jobs, config }), registryWith());
    for (const job of jobs) {
      const reported: number[] = [];
      const result = await runRound(snapshot({ jobs, config }), registryWith(), { probe: { jobId: job.id, maxWindows: 100, report: (p) => void reported.push(p.jobId) } });
      expect(JSON.stringify([...result.decisions])).toBe(JSON.stringify([...plain.decisions]));
      expect(reported).toEqual(job.state === 'Waiting' ? [job.id] : []);
    }
  });
});
