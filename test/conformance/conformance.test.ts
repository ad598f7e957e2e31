/**
 * Every conformance vector through the same code path as `oar-sched schedule --scenario --check`.
 */
import { loadScenarioFile, scheduleScenario, type LoadedScenario } from '@oar-sched/scenario';
import { createSchedulerSetup } from 'oar-sched';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listVectors, PENDING } from './vectors.js';

const vectors = listVectors();
/** Plugins come from the repository root's project, which depends on the example plugins (real discovery). */
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('conformance vectors', () => {
  it('finds the vectors', () => {
    expect(vectors.length).toBeGreaterThan(90);
  });

  for (const vector of vectors) {
    const pending = PENDING[vector.file];
    const test = pending ? it.skip : it;
    test(`${vector.file}${pending ? ` (pending: ${pending})` : ''}`, async () => {
      const setup = await createSchedulerSetup({ cwd: REPO_ROOT });
      const { mismatches } = await scheduleScenario(loadScenarioFile(vector.path), setup.registry, {
        ...setup.roundOptions,
        check: true,
      });
      expect(mismatches).toEqual([]);
    });
  }
});

/** The same scenario with the slot cache switched on or off (core §7.7). */
function withCache(scenario: LoadedScenario, cacheEnabled: boolean): LoadedScenario {
  return { ...scenario, snapshot: { ...scenario.snapshot, config: { ...scenario.snapshot.config, cacheEnabled } } };
}

describe('the slot cache never changes a result', () => {
  for (const vector of vectors.filter((v) => !PENDING[v.file])) {
    it(vector.file, async () => {
      const setup = await createSchedulerSetup({ cwd: REPO_ROOT });
      const scenario = loadScenarioFile(vector.path);
      const run = async (cache: boolean) =>
        (await scheduleScenario(withCache(scenario, cache), setup.registry, { ...setup.roundOptions, slots: true })).result;
      expect(await run(false)).toEqual(await run(true));
    });
  }
});
