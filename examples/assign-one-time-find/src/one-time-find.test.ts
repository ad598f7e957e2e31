import { fileURLToPath } from 'node:url';
import { closeAllHarnesses, createHarness, harnessDatabases, ids, type HarnessConfig } from '@oar-sched/harness';
import { afterEach, describe, expect, it } from 'vitest';

const NOW = 1_700_000_000;
/** This package, the contiguous finds, and the test-only find `last` (test/last-find.ts). */
const PLUGINS = [import.meta.url, '@oar-sched/example-find-contiguous', fileURLToPath(new URL('../test/last-find.ts', import.meta.url))];

afterEach(closeAllHarnesses);

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`assign one_time_find / one_time_find_mld on ${target.label}`, () => {
    /** 32 resources, 4 nodes of 8 (harness §6.2 hierarchy); no security time, as the core-level tests of §6. */
    async function harness(config: HarnessConfig = {}) {
      const h = await createHarness({ db: target.url, plugins: PLUGINS, now: NOW, config: { jobSecurityTime: 0, ...config } });
      await h.cluster({ nodes: 4, cores: 8 });
      return h;
    }
    /**
     * Harness §6.10: a job holds 10-20 during [5, 14]. Here an advance reservation accepted by a
     * first round (a round plans waiting jobs before it places new reservations).
     */
    async function busy(config: HarnessConfig = {}) {
      const h = await harness(config);
      await h.submit({ l: '/resource_id=11,walltime=0:0:10', p: 'resource_id BETWEEN 10 AND 20', r: NOW + 5 });
      await h.round();
      return h;
    }

    // Ports §6.2 test_assign_default, §6.3 test_find_default, §6.4 test_assign_one_time_find_default,
    // §6.5 test_assign_one_time_find_mld_default: /nodes=2 on 4 nodes of 8 → nodes 1 and 2 at now.
    it.each([
      ['§6.2 assign=default', '-t assign=default'],
      ['§6.3 find=default', '-t find=default'],
      ['§6.4 assign=one_time_find, find=default', '-t assign=one_time_find -t find=default'],
      ['§6.5 assign=one_time_find_mld, find=default', '-t assign=one_time_find_mld -t find=default'],
      ['assign=one_time_find without find', '-t assign=one_time_find'],
    ])('%s: two nodes at now', async (_, types) => {
      const h = await harness();
      const j = await h.submit(`-l /nodes=2,walltime=0:1:0 ${types}`);
      expect((await h.round()).plan[j]).toEqual({ start: NOW, end: NOW + 59, resources: ids('1-16'), moldable: 0, moldableId: 1 });
    });

    // Ports §6.10 test_assign_one_time_find_contiguous_1h (the pre-placed job is a reservation, see busy()).
    it('§6.10 keeps the default find placement when it finishes first', async () => {
      const h = await busy();
      // contiguous_1h alone: 1-16 at +15 (ends +74); default: 1-9 21-27 at now (ends +59).
      const j = await h.submit('-l /resource_id=16,walltime=0:1:0 -t assign=one_time_find -t find=contiguous_1h');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('1-9 21-27'), moldable: 0 });
    });

    it('§6.10 control: the job find alone places later', async () => {
      const h = await busy();
      const j = await h.submit('-l /resource_id=16,walltime=0:1:0 -t find=contiguous_1h');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW + 15, resources: ids('1-16') });
    });

    it('keeps the job find placement on equal finishes', async () => {
      const h = await harness();
      const j = await h.submit('-l /resource_id=3 -t assign=one_time_find -t find=last');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('30-32') });
    });

    it('is unscheduled when the job find finds no window', async () => {
      const h = await harness();
      const j = await h.submit('-l /resource_id=33 -t assign=one_time_find -t find=contiguous_1h');
      expect((await h.round()).explain(j)).toMatchObject({ code: 'NO_WINDOW', message: expect.stringContaining("with the job's find") });
    });

    it('is unscheduled when the default find finds no window, even if the job find did (OAR3 parity)', async () => {
      const h = await harness();
      const j = await h.submit('-l "{resource_id > 100}/resource_id=2" -t assign=one_time_find -t find=last');
      const r = await h.round();
      expect(r.plan[j]).toBeUndefined();
      expect(r.explain(j)?.message).toContain('with the default find');
    });

    // Ports §7.3: 8 resources on localhost, security time 60 (the harness default).
    it('§7.3 with contiguous_1h, then a contiguous_sorted_1h job (8 resources, security time 60)', async () => {
      const h = await createHarness({ db: target.url, plugins: PLUGINS, now: NOW });
      await h.resources(Array.from({ length: 8 }, () => ({ network_address: 'localhost' })));
      const a = await h.submit('-l /resource_id=3,walltime=0:1:0 -t assign=one_time_find -t find=contiguous_1h');
      const b = await h.submit('-l /resource_id=4,walltime=0:1:0 -t find=contiguous_sorted_1h');
      const r = await h.round();
      expect(r.plan[a]).toMatchObject({ start: NOW, resources: ids('1-3') });
      expect(r.plan[b]).toMatchObject({ start: NOW, resources: ids('4-7') });
      expect(r.states).toEqual({ [a]: 'toLaunch', [b]: 'toLaunch' });
    });

    // Ports §6.11 test_assign_one_time_find_mld_contiguous_1h: two identical moldables (two -l).
    it('§6.11 the second moldable (default find) wins by finishing first', async () => {
      const h = await busy();
      const j = await h.submit('-l /resource_id=16,walltime=0:1:0 -l /resource_id=16,walltime=0:1:0 -t assign=one_time_find_mld -t find=contiguous_1h');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('1-9 21-27'), moldable: 1 });
    });

    it('keeps the earlier moldable on equal finishes', async () => {
      const h = await harness();
      const j = await h.submit('-l /resource_id=3 -l /resource_id=3 -t assign=one_time_find_mld -t find=last');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('30-32'), moldable: 0 });
    });

    it('is unscheduled when any moldable has no window, where the default assign skips that moldable', async () => {
      const h = await harness();
      const mld = await h.submit('-l /resource_id=2,walltime=0:1:0 -l /resource_id=64,walltime=0:1:0 -t assign=one_time_find_mld -t find=default');
      const plain = await h.submit('-l /resource_id=2,walltime=0:1:0 -l /resource_id=64,walltime=0:1:0');
      const r = await h.round();
      expect(r.explain(mld)?.message).toContain('moldable 1');
      expect(r.plan[plain]).toMatchObject({ start: NOW, moldable: 0, resources: [1, 2] });
    });
  });
}
