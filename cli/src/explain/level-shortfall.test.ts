/**
 * Level counts behind "the find refused this window": on a 2-switch, 4-node, 16-resource
 * hierarchy, which level falls short, and none when the built-in find would succeed.
 */
import { findDefault } from '@oar-sched/plugin-find-default';
import { Hierarchy, IntervalSet, parseIntervalSet, type LevelRequest } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { levelShortfall, partShape } from './level-shortfall.js';

const set = (text: string) => parseIntervalSet(text) as IntervalSet;
const hierarchy = Hierarchy.fromBlocks({
  switch: [set('0-7'), set('8-15')],
  network_address: [set('0-3'), set('4-7'), set('8-11'), set('12-15')],
  resource_id: Array.from({ length: 16 }, (_, p) => IntervalSet.range(p, p)),
});
const request = (...levels: [string, LevelRequest['count']][]) => levels.map(([level, count]) => ({ level, count }));

describe('levelShortfall', () => {
  it.each([
    ['switch=1/node=2/core=3, one whole node per switch', request(['switch', 1], ['network_address', 2], ['resource_id', 3]), '2-7 10-15', [0, 2, 12]],
    ['switch=1/node=2, no switch with 2 free nodes', request(['switch', 1], ['network_address', 2]), '0-3 8-11', [0, 2]],
    ['node=3, two free nodes', request(['network_address', 3]), '0-7 9-13', [2]],
    ['node=ALL, one busy resource', request(['network_address', 'ALL']), '0-14', [3]],
  ])('%s', (_, levels, free, qualifying) => {
    const shape = partShape(levels, hierarchy)!;
    const available = set(free);
    expect(findDefault(available, [{ levels, constraint: set('0-15') }], hierarchy)).toBeNull();
    expect(levelShortfall(shape, available)?.map((l) => l.qualifying)).toEqual(qualifying);
  });

  it('finds nothing short where the built-in find succeeds', () => {
    const levels = request(['switch', 1], ['network_address', 2], ['resource_id', 3]);
    const available = set('1-3 5-7');
    expect(findDefault(available, [{ levels, constraint: set('0-15') }], hierarchy)).not.toBeNull();
    expect(levelShortfall(partShape(levels, hierarchy)!, available)).toBeUndefined();
  });

  it('says nothing of an unknown level or a special count below the top', () => {
    expect(partShape(request(['rack', 1]), hierarchy)).toBeUndefined();
    expect(partShape(request(['switch', 'ALL'], ['network_address', 1]), hierarchy)).toBeUndefined();
  });
});
