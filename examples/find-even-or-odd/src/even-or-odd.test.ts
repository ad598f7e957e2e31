import { IntervalSet } from '@oar-sched/core';
import { closeAllHarnesses, createHarness, harnessDatabases, ids, type HarnessConfig } from '@oar-sched/harness';
import { afterEach, describe, expect, it } from 'vitest';
import { keepParity, parityOf } from './even-or-odd.js';

const NOW = 1_700_000_000;

describe('parityOf / keepParity', () => {
  it.each([
    [['odd'], 'odd'],
    [['even'], 'even'],
    [[], 'even'],
    [['ODD'], 'even'],
    [['1'], 'even'],
  ] as const)('args %j → %s', (args, parity) => {
    expect(parityOf(args)).toBe(parity);
  });

  it.each([
    ['odd', '1 3 5 7 9'],
    ['even', '0 2 4 6 8'],
  ] as const)('%s positions of 0-9 → %s', (parity, expected) => {
    expect(keepParity(IntervalSet.range(0, 9), parity).toString()).toBe(expected);
  });
});

afterEach(closeAllHarnesses);

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`find find_even_or_odd (harness §7.1, §7.2, §7.5) on ${target.label}`, () => {
    /** Harness §7: 5 resources on `localhost`, queues default (3) and besteffort (0), security time 60. */
    async function harness(config: HarnessConfig = {}) {
      const h = await createHarness({ db: target.url, plugins: import.meta.url, now: NOW, config });
      await h.resources(Array.from({ length: 5 }, () => ({ network_address: 'localhost' })));
      return h;
    }

    it('§7.1 :odd takes odd positions (ids 2, 4), :even even positions (ids 1, 3)', async () => {
      const h = await harness();
      const odd = await h.submit('-l /resource_id=2,walltime=0:1:0 -t find=find_even_or_odd:odd');
      const even = await h.submit('-l /resource_id=2,walltime=0:1:0 -t find=find_even_or_odd:even');
      const r = await h.round();
      expect(r.plan[odd]).toMatchObject({ start: NOW, resources: [2, 4] });
      expect(r.plan[even]).toMatchObject({ start: NOW, resources: [1, 3] });
      expect(r.states).toEqual({ [odd]: 'toLaunch', [even]: 'toLaunch' });
    });

    it('§7.2 parity is of positions: with resource_id DESC, :odd means ids 4 and 2', async () => {
      const h = await harness({ resourceOrder: 'resource_id DESC' });
      // The plain job takes positions 0, 1 (ids 5, 4); odd position 1 is busy until NOW + 120.
      const plain = await h.submit('-l /resource_id=2,walltime=0:1:0');
      const odd = await h.submit('-l /resource_id=2,walltime=0:1:0 -t find=find_even_or_odd:odd');
      const r = await h.round();
      expect(r.plan[plain]).toMatchObject({ start: NOW, resources: [4, 5] });
      expect(r.plan[odd]).toMatchObject({ start: NOW + 120, resources: [2, 4] });
    });

    it('without an argument, uses even positions', async () => {
      const h = await harness();
      const j = await h.submit('-l /resource_id=3 -t find=find_even_or_odd');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('1 3 5') });
    });

    it('never fits more resources than the parity has', async () => {
      const h = await harness();
      const j = await h.submit('-l /resource_id=3 -t find=find_even_or_odd:odd');
      const r = await h.round();
      expect(r.plan[j]).toBeUndefined();
      expect(r.explain(j)).toBeDefined();
    });

    it('§7.5 an unknown find name leaves that job unscheduled, the others are scheduled', async () => {
      const h = await harness();
      const typo = await h.submit('-l /resource_id=2 -t find=find_even_or_od:odd');
      const plain = await h.submit('-l /resource_id=2');
      const r = await h.round();
      expect(r.explain(typo)).toMatchObject({ code: 'UNKNOWN_FIND_PLUGIN' });
      expect(r.states[typo]).toBe('Waiting');
      expect(r.plan[plain]).toMatchObject({ start: NOW, resources: [1, 2] });
    });
  });
}
