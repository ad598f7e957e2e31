import { closeAllHarnesses, createHarness, harnessDatabases, ids } from '@oar-sched/harness';
import { afterEach, describe, expect, it } from 'vitest';

const NOW = 1_700_000_000;

afterEach(closeAllHarnesses);

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`find begin (harness §6.13) on ${target.label}`, () => {
    /** `count` resources, one per node; no security time, as the core-level tests of §6. */
    async function harness(count: number) {
      const h = await createHarness({ db: target.url, plugins: import.meta.url, now: NOW, config: { jobSecurityTime: 0 } });
      await h.cluster({ nodes: count });
      return h;
    }

    // Ports §6.13 test_find_begin. Adaptation: the plugin's fixed set is positions 1-16, which are
    // resource ids 2-17 here (the core-level test used positions as ids).
    it('§6.13 uses the default find in the first window, the fixed positions 1-16 afterwards', async () => {
      const h = await harness(62);
      const a = await h.submit('-l /resource_id=32,walltime=0:1:0 -t find=begin');
      // The first window [now, now+59] has only 30 resources free → no fit; the next is not at the beginning.
      const b = await h.submit('-l /resource_id=32,walltime=0:1:0 -t find=begin');
      const r = await h.round();
      expect(r.plan[a]).toMatchObject({ start: NOW, end: NOW + 59, resources: ids('1-32') });
      expect(r.plan[b]).toMatchObject({ start: NOW + 60, resources: ids('2-17') });
    });

    it('at the beginning, behaves as the default find (request and availability respected)', async () => {
      const h = await harness(62);
      const j = await h.submit('-l "{resource_id > 40}/resource_id=4" -t find=begin');
      expect((await h.round()).plan[j]).toMatchObject({ start: NOW, resources: ids('41-44') });
    });

    it('is trusted: after the first window its set is not checked against the request', async () => {
      // 5 resources, all busy during the first minute; job b asks for 1 resource but gets
      // positions 1-16, of which only 1-4 exist (ids 2-5).
      const h = await harness(5);
      const a = await h.submit('-l /resource_id=5,walltime=0:1:0 -t find=begin');
      const b = await h.submit('-l /resource_id=1,walltime=0:1:0 -t find=begin');
      const r = await h.round();
      expect(r.plan[a]).toMatchObject({ start: NOW, resources: ids('1-5') });
      expect(r.plan[b]).toMatchObject({ start: NOW + 60, resources: ids('2-5') });
    });
  });
}
