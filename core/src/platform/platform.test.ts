import { IntervalSet } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { schedulerConfigSchema } from '../model/scheduler-config-schema.js';
import { DEFAULT_AVAILABLE_UPTO } from '../model/time.js';
import { Platform } from './platform.js';

const S = (text: string) => IntervalSet.fromIntervals(text.split(' ').filter(Boolean).map((i) => i.split('-').map(Number) as [number, number]).map(([a, b = a]) => [a, b] as [number, number]));

function platform(ids: readonly number[], resourceOrder = 'resource_id ASC'): Platform {
  const resources = ids.map((id) => ({ id, state: 'Alive' as const, type: 'default', availableUpto: DEFAULT_AVAILABLE_UPTO, properties: { network_address: `n${Math.ceil(id / 2)}`, deploy: 'NO' } }));
  return new Platform(resources, schedulerConfigSchema.parse({ resourceOrder }));
}

describe('Platform.idsOf (positions → ids, interval by interval)', () => {
  it.each([
    // ids ascending with gaps: positions 0-5 are ids 1-3 10-12
    ['resource_id ASC', [1, 2, 3, 10, 11, 12], '0-5', '1-3 10-12'],
    ['resource_id ASC', [1, 2, 3, 10, 11, 12], '1-3', '2-3 10'],
    ['resource_id ASC', [1, 2, 3, 4], '0 2-3', '1 3-4'],
    // descending order: position 0 is the highest id
    ['resource_id DESC', [1, 2, 3, 4, 5], '0-1', '4-5'],
    ['resource_id DESC', [1, 2, 3, 4, 5], '0 2 4', '1 3 5'],
    // positions past the last resource do not exist
    ['resource_id ASC', [5, 6], '0-9', '5-6'],
    ['resource_id ASC', [5, 6], '', ''],
  ] as const)('%s over %j: %s → %s', (order, ids, positions, want) => {
    const p = platform(ids, order);
    expect(p.idsOf(S(positions)).toString()).toBe(want);
    expect(p.idsText(S(positions))).toBe(want);
  });

  it('agrees with the position-by-position mapping on a shuffled order', () => {
    const ids = [7, 3, 4, 5, 12, 1, 2, 9, 10, 11];
    const p = platform(ids, 'network_address DESC, resource_id ASC');
    for (const positions of ['0-9', '1-3', '0 4 6-8', '5-9']) {
      const naive = IntervalSet.fromValues([...S(positions).values()].map((i) => p.ids[i]!));
      expect(p.idsOf(S(positions)).toString()).toBe(naive.toString());
      expect(p.idsText(S(positions))).toBe(naive.toString());
    }
  });
});

describe('Platform.setResourceProperties', () => {
  it('applies changes in one go, skips unknown resources, and later constraints see them', () => {
    const p = platform([1, 2, 3]);
    expect(p.constraint("deploy = 'YES'", '').toString()).toBe('');
    const applied = p.setResourceProperties([
      { resourceId: 2, property: 'deploy', value: 'YES' },
      { resourceId: 99, property: 'deploy', value: 'YES' },
      { resourceId: 3, property: 'deploy', value: 'YES' },
    ]);
    expect(applied.map((c) => c.resourceId)).toEqual([2, 3]);
    expect(p.constraint("deploy = 'YES'", '').toString()).toBe('1-2');
    expect(Object.isFrozen(p.frozenResources)).toBe(true);
    expect(p.frozenResources[1]!.properties.deploy).toBe('YES');
    expect(Object.isFrozen(p.resources[1]!.properties)).toBe(true);
  });

  it('rebuilds the hierarchy when a label changes', () => {
    const p = platform([1, 2, 3, 4]);
    expect(p.hierarchy.level('network_address')!.length).toBe(2);
    p.setResourceProperties([{ resourceId: 3, property: 'network_address', value: 'n1' }]);
    expect(p.hierarchy.level('network_address')!.blocks.map(String)).toEqual(['0-2', '3']);
  });
});
