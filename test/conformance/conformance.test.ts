/**
 * Every conformance vector through the same code path as `oar-sched schedule --scenario --check`.
 */
import { createSchedulerSetup, loadScenarioFile, scheduleScenario } from '@oar-sched/core';
import { describe, expect, it } from 'vitest';
import { listVectors, PENDING } from './vectors.js';

const vectors = listVectors();

describe('conformance vectors', () => {
  it('finds the vectors', () => {
    expect(vectors.length).toBeGreaterThan(90);
  });

  for (const vector of vectors) {
    const pending = PENDING[vector.file];
    const test = pending ? it.skip : it;
    test(`${vector.file}${pending ? ` (pending: ${pending})` : ''}`, async () => {
      const setup = await createSchedulerSetup({ scenarioFile: vector.path });
      const { mismatches } = await scheduleScenario(loadScenarioFile(vector.path), setup.registry, {
        ...setup.roundOptions,
        check: true,
      });
      expect(mismatches).toEqual([]);
    });
  }
});
