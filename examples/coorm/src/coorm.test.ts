import { fileURLToPath } from 'node:url';
import { closeAllHarnesses, createHarness, harnessDatabases, ids } from '@oar-sched/harness';
import { afterEach, describe, expect, it } from 'vitest';

const NOW = 1_700_000_000;
const REMOTE = 'coorm:tcp:127.0.0.1:13950:timeout=5';
const fixture = (name: string) => fileURLToPath(new URL(`../test/${name}`, import.meta.url));

afterEach(closeAllHarnesses);

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`coorm on ${target.label}`, () => {
    /** 2 nodes of 4; a job holds resource 2 for 30 s; no security time. Returns the harness and the job to place. */
    async function scene(types: string, extraPlugins: string[] = []) {
      const h = await createHarness({ db: target.url, plugins: [import.meta.url, ...extraPlugins], now: NOW, config: { jobSecurityTime: 0 } });
      await h.cluster({ nodes: 2, cores: 4 });
      await h.submit({ l: '/resource_id=1,walltime=0:0:30', running: { start: NOW, resources: [2] } });
      const j = await h.submit(`-l /nodes=1,walltime=0:1:0 -l /resource_id=8,walltime=0:0:20 ${types}`);
      return { h, j };
    }

    it.each([
      ['assign', `-t assign=${REMOTE}`],
      ['find', `-t find=${REMOTE}`],
      ['assign and find', `-t assign=${REMOTE} -t find=${REMOTE}`],
    ])('%s=coorm falls back to default: places the job as without it', async (_, types) => {
      const plain = await scene('');
      const coorm = await scene(types);
      // Moldable 1 (all 8 resources for 20 s) at +30 finishes before moldable 0 (node 2 for 60 s at now).
      const expected = { start: NOW + 30, end: NOW + 49, moldable: 1, resources: ids('1-8') };
      expect((await plain.h.round()).plan[plain.j]).toMatchObject(expected);
      expect((await coorm.h.round()).plan[coorm.j]).toMatchObject(expected);
    });

    it('find coorm honours an override of the default find', async () => {
      const h = await createHarness({ db: target.url, plugins: [import.meta.url, fixture('highest-find.ts')], now: NOW });
      await h.cluster({ nodes: 8 });
      const j = await h.submit(`-l /resource_id=3 -t find=${REMOTE}`);
      expect((await h.round()).plan[j]).toMatchObject({ resources: ids('6-8') });
    });

    it('assign coorm honours an override of the default assign', async () => {
      const { h, j } = await scene(`-t assign=${REMOTE}`, [fixture('refuse-assign.ts')]);
      expect((await h.round()).explain(j)).toMatchObject({ code: 'PLUGIN_DECLINED', message: 'refused by the override' });
    });
  });
}
