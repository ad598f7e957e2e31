import type { ExtraMetaschedContext } from '@oar-sched/core';
import { closeAllHarnesses, createHarness, harnessDatabases, type HarnessConfig } from '@oar-sched/harness';
import { afterEach, describe, expect, it } from 'vitest';

const NOW = 1_700_000_000;

afterEach(closeAllHarnesses);

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`extraMetasched hooks on ${target.label}`, () => {
    /** Harness §6.14: queue default (3) only, 5 resources on localhost (`deploy = 'NO'`). */
    async function harness(config: HarnessConfig = {}) {
      const h = await createHarness({ db: target.url, plugins: import.meta.url, now: NOW, config });
      await h.queue('default', { priority: 3 });
      await h.resources(Array.from({ length: 5 }, () => ({ network_address: 'localhost' })));
      return h;
    }
    /** Jobs 1-3 of §6.14: one resource each, with properties deploy='YES', deploy='FOO', none. */
    async function deployJobs(h: Awaited<ReturnType<typeof harness>>) {
      return [await h.submit(`-l /resource_id=1,walltime=0:1:0 -p "deploy='YES'"`), await h.submit(`-l /resource_id=1,walltime=0:1:0 -p "deploy='FOO'"`), await h.submit('-l /resource_id=1,walltime=0:1:0')];
    }

    // Ports §6.14 test_db_extra_metasched_1 (a full round, as in OAR3).
    it('§6.14 foo marks resource 1 deployable before the group: jobs 1 and 3 start now, job 2 waits', async () => {
      const h = await harness({ extraMetasched: 'foo' });
      const [a, b, c] = await deployJobs(h);
      const r = await h.round();
      expect([r.states[a!], r.states[b!], r.states[c!]]).toEqual(['toLaunch', 'Waiting', 'toLaunch']);
      expect(r.plan[a!]).toMatchObject({ start: NOW, resources: [1] });
      expect(r.plan[c!]).toMatchObject({ start: NOW, resources: [2] });
      expect(r.plan[b!]).toBeUndefined();
      expect(r.explain(b!)).toMatchObject({ code: 'CONSTRAINT_EMPTY' });
      expect([r.messages[a!], r.messages[c!]]).toEqual(['R=1,W=120,J=P,Q=default', 'R=1,W=120,J=P,Q=default']);
      expect(r.exitCode).toBe(0);
      const deploy = await h.db.kysely.selectFrom('resources').select(['resource_id', 'deploy']).orderBy('resource_id').execute();
      expect(deploy.map((d) => d.deploy)).toEqual(['YES', 'NO', 'NO', 'NO', 'NO']);
    });

    it('control: without the hook no resource is deployable', async () => {
      const h = await harness();
      const [a, b, c] = await deployJobs(h);
      const r = await h.round();
      expect([r.explain(a!)?.code, r.explain(b!)?.code, r.plan[c!]?.resources]).toEqual(['CONSTRAINT_EMPTY', 'CONSTRAINT_EMPTY', [1]]);
    });

    it('marks the lowest id whatever the resource order', async () => {
      const h = await harness({ extraMetasched: 'foo', resourceOrder: 'resource_id DESC' });
      const [a, b, c] = await deployJobs(h);
      const r = await h.round();
      expect([r.plan[a!]?.resources, r.explain(b!)?.code, r.plan[c!]?.resources]).toEqual([[1], 'CONSTRAINT_EMPTY', [5]]);
    });

    it('acts only before the first group of the round (prevQueues null)', async () => {
      const h = await harness();
      const foo = h.registry.hooks.extraMetasched.get('foo')!;
      const calls: unknown[][] = [];
      const context = (prevQueues: string[] | null) =>
        ({
          prevQueues,
          queues: ['default'],
          platform: { resources: [{ id: 7 }, { id: 3 }, { id: 9 }] },
          setResourceProperty: (...args: unknown[]) => calls.push(args),
        }) as unknown as ExtraMetaschedContext;
      await foo.promise(context(['admin']));
      expect(calls).toEqual([]);
      await foo.promise(context(null));
      expect(calls).toEqual([[3, 'deploy', 'YES']]);
    });

    /** Two queue groups: admin (10) and default (3). */
    async function twoGroups(extraMetasched: string) {
      const h = await harness({ extraMetasched });
      await h.queue('admin', { priority: 10 });
      return h;
    }

    it('logger logs one line per queue group', async () => {
      const h = await twoGroups('logger');
      await h.round();
      expect(h.log).toEqual([
        'info: [@oar-sched/example-extra-metasched] plugin successfully called (queues admin; previous none)',
        'info: [@oar-sched/example-extra-metasched] plugin successfully called (queues default; previous admin)',
      ]);
    });

    it('default logs the same line when called, but the scheduler treats the name default as "no hook"', async () => {
      const h = await twoGroups('default');
      await h.round();
      expect(h.log).toEqual([]);
      await h.registry.hooks.extraMetasched.get('default')!.promise({ prevQueues: null, queues: ['q'] } as unknown as ExtraMetaschedContext);
      expect(h.log).toEqual(['info: [@oar-sched/example-extra-metasched] plugin successfully called (queues q; previous none)']);
    });
  });
}
