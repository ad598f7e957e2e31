import { IntervalSet } from '@oar-sched/core';
import { closeAllHarnesses, createHarness, harnessDatabases, ids, type HarnessConfig } from '@oar-sched/harness';
import { afterEach, describe, expect, it } from 'vitest';
import { leastAvailableBlock } from './local-block.js';

const s = (...pairs: [number, number][]) => IntervalSet.fromIntervals(pairs);
const NOW = 1_700_000_000;

describe('leastAvailableBlock', () => {
  const blocks = [s([0, 7]), s([8, 15]), s([16, 23])];
  const table: [string, IntervalSet, number, string | null][] = [
    ['all equal: the first block', s([0, 23]), 4, '0-3'],
    ['prefers the least available block that has n', s([0, 7], [9, 15], [16, 23]), 4, '9-12'],
    ['skips blocks with fewer than n', s([0, 7], [8, 9], [16, 23]), 4, '0-3'],
    // Available sizes 8, 3, 5 in block order. OAR3's slip (testing the k-th size in ORIGINAL
    // order) would pick block 0; the intended reading picks block 2, the least available with ≥ 4.
    ['tests each visited block against its own size', s([0, 7], [8, 10], [16, 20]), 4, '16-19'],
    ['takes the smallest positions of a fragmented block', s([0, 7], [9, 10], [13, 14]), 3, '9-10 13'],
    ['no block has n', s([0, 2], [8, 10]), 4, null],
    ['n below 1', s([0, 23]), 0, null],
  ];
  it.each(table)('%s', (_, available, n, expected) => {
    expect(leastAvailableBlock(available, blocks, n)?.toString() ?? null).toBe(expected);
  });
});

afterEach(closeAllHarnesses);

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`find local on ${target.label}`, () => {
    /** 32 resources on 4 nodes of 8 (ids 1-8 = node-1, …), as in harness §6.8; no security time (core-level tests). */
    async function harness(config: HarnessConfig = {}, properties?: (node: number) => Record<string, string>) {
      const h = await createHarness({ db: target.url, plugins: import.meta.url, now: NOW, config: { jobSecurityTime: 0, ...config } });
      await h.cluster({ nodes: 4, cores: 8, properties: properties ? (node) => properties(node) : undefined });
      return h;
    }
    /** A job running since now for 100 s on these ids. */
    const running = (resources: string) => ({ l: '/resource_id=1,walltime=0:0:100', running: { start: NOW, resources: ids(resources) } });

    // Ports §6.8 test_find_local; the constraint {6-32} is the job's -p.
    it('§6.8 takes 4 resources on the first node having 4 available (node 1 has only 3 allowed)', async () => {
      const h = await harness();
      const j = await h.submit('-l "/nodes=1/resource_id=4,walltime=0:1:0" -p "resource_id >= 6" -t find=local');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, end: NOW + 59, resources: ids('9-12') });
    });

    // Ports §6.9 test_find_local_1 (constraints {1-12, 15-32} as -p), also with the helper registered under the find group.
    it.each(['local', 'resource_hierarchies_scattered_local'])('§6.9 %s prefers the partially available node 2', async (find) => {
      const h = await harness();
      const j = await h.submit(`-l "/nodes=1/resource_id=4,walltime=0:1:0" -p "resource_id <= 12 OR resource_id >= 15" -t find=${find}`);
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('9-12') });
    });

    it('uses the intended reading of the size test: free sizes 8, 3, 5, 8 → node 3', async () => {
      const h = await harness();
      await h.submit(running('12-16 22-24'));
      const j = await h.submit('-l /nodes=1/resource_id=4 -t find=local');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('17-20') });
    });

    it('with a single level, applies the built-in rule: the first whole nodes free', async () => {
      const h = await harness();
      await h.submit(running('3'));
      const j = await h.submit('-l /nodes=2 -t find=local');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('9-24') });
    });

    it('solves each part on its own and returns their union', async () => {
      const h = await harness();
      await h.submit(running('1-4'));
      const j = await h.submit(`-l "{network_address = 'node-1'}/nodes=1/resource_id=2+{network_address = 'node-3'}/nodes=1/resource_id=3" -t find=local`);
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('5-6 17-19') });
    });

    it('leaves the job unscheduled when one part can never fit', async () => {
      const h = await harness();
      const j = await h.submit(`-l "{network_address = 'node-1'}/nodes=1/resource_id=2+{network_address = 'node-3'}/nodes=1/resource_id=9" -t find=local`);
      const r = await h.round();
      expect(r.states[j]).toBe('Waiting');
      expect(r.explain(j)).toMatchObject({ code: 'NO_WINDOW' });
    });

    describe('find resource_n_h_local[:h]', () => {
      /** Two switches of two nodes each: hierarchy resource_id, switch, node; a job holds 9-13. */
      async function switches(find: string, request: string) {
        const h = await harness({ hierarchyLabels: ['resource_id', 'switch', 'network_address'] }, (node) => ({ switch: node <= 2 ? 's1' : 's2' }));
        await h.submit(running('9-13'));
        const j = await h.submit(`-l ${request} -t find=${find}`);
        const r = await h.round();
        return { r, j };
      }
      const threeLevels = '/switch=1/nodes=1/resource_id=4';

      it.each([
        // h = 0: top blocks are switches (s1 has 11 free, s2 16); n = the node count, 1 resource.
        ['resource_n_h_local', '1'],
        ['resource_n_h_local:0', '1'],
        // h = 1: top blocks are nodes (n2 has 3 free, too few); n = the resource_id count, 4.
        ['resource_n_h_local:1', '1-4'],
      ])('%s → %s', async (find, resources) => {
        const { r, j } = await switches(find, threeLevels);
        expect(r.plan[j]).toMatchObject({ start: NOW, resources: ids(resources) });
      });

      it('never fits a request without level h + 1', async () => {
        const deep = await switches('resource_n_h_local:2', threeLevels);
        expect(deep.r.explain(deep.j)).toMatchObject({ code: 'NO_WINDOW' });
        const single = await switches('resource_n_h_local', '/nodes=1');
        expect(single.r.states[single.j]).toBe('Waiting');
        expect(single.r.explain(single.j)).toBeDefined();
      });

      it('refuses a malformed level argument with a reason naming it', async () => {
        const { r, j } = await switches('resource_n_h_local:top', threeLevels);
        expect(r.explain(j)).toMatchObject({ code: 'PLUGIN_ERROR', message: expect.stringContaining('got "top"') });
      });
    });
  });
}
