import { Hierarchy, HierarchyLevel, IntervalSet, type LevelRequest, type RequestPart } from '@oar-sched/core/plugin';
import { describe, expect, it } from 'vitest';
import { findDefault, necessarySize } from './find-default.js';
import { selectPart } from './select-part.js';

const S = (text: string) => IntervalSet.fromIntervals(
  text.trim() === '' ? [] : text.trim().split(/\s+/).map((item) => {
    const [a, b = a] = item.split('-').map(Number);
    return [a!, b!] as [number, number];
  }),
);
const blocks = (...texts: string[]) => texts.map(S);
const singletons = (lo: number, hi: number) => [...Array(hi - lo + 1).keys()].map((i) => IntervalSet.range(lo + i, lo + i));

// 32 resources: 2 switches of 2 nodes of 8; resource_id = one block per resource.
const tree = Hierarchy.fromBlocks({
  resource_id: singletons(1, 32),
  switch: blocks('1-16', '17-32'),
  node: blocks('1-8', '9-16', '17-24', '25-32'),
  cpu: blocks('1-4', '5-8', '9-12', '13-16', '17-20', '21-24', '25-28', '29-32'),
});
const L = (spec: string): LevelRequest[] =>
  spec.split('/').map((item) => {
    const [level, count] = item.split('=');
    const n = Number(count);
    return { level: level!, count: Number.isNaN(n) ? (count as 'ALL' | 'BEST' | 'HALF_BEST') : n };
  });

describe('selectPart (core §4.3)', () => {
  it.each([
    // single level
    ['node=2', '1-32', '1-16'],
    ['node=2', '3-32', '9-24'],
    ['node=3', '1-12 17-28', null],
    ['resource_id=5', '3 7-20', '3 7-10'],
    ['resource_id=40', '1-32', null],
    ['node=ALL', '1-32', '1-32'],
    ['node=ALL', '1-31', null],
    ['node=BEST', '1-12 17-32', '1-8 17-32'],
    ['node=BEST', '2-7', null],
    ['node=HALF_BEST', '1-32', '1-16'],
    ['node=HALF_BEST', '1-12 17-32', '1-8'],
    ['node=HALF_BEST', '1-8', null],
    // several levels: coarse levels only intersect, finest blocks must be fully free
    ['switch=2/node=1', '1-12 17-28', '1-8 17-24'],
    ['switch=1/node=2', '9-32', '17-32'],
    ['switch=1/node=2/cpu=1', '1-4 9-12 20-32', '1-4 9-12'],
    ['switch=1/node=2/cpu=2', '1-4 9-12 20-32', null],
    ['switch=1/node=1/cpu=2', '1-4 9-12 20-32', '25-32'],
    ['node=2/resource_id=2', '3-4 9-10 20-32', '3-4 9-10'],
    ['unknown=1', '1-32', null],
    ['switch=1/node=ALL', '1-32', null],
  ])('%s on %s → %s', (spec, available, want) => {
    const got = selectPart(S(available), L(spec), tree);
    expect(got === null ? null : got.toString()).toBe(want);
  });

  it('intersects non-nested levels at the finest level only', () => {
    // "rack" blocks straddle nodes: rack 1 = 5-20, rack 2 = the rest.
    const h = Hierarchy.fromBlocks({ rack: blocks('5-20', '1-4 21-32'), node: blocks('1-8', '9-16', '17-24', '25-32') });
    // rack 1 ∩ nodes = 5-8, 9-16, 17-20: the first two pieces fully free are taken.
    expect(selectPart(S('1-32'), L('rack=1/node=2'), h)?.toString()).toBe('5-16');
    expect(selectPart(S('1-7 9-32'), L('rack=1/node=2'), h)?.toString()).toBe('9-20');
  });
});

describe('findDefault (core §4.4)', () => {
  const part = (spec: string, constraint = '1-32'): RequestPart => ({ levels: L(spec), constraint: S(constraint) });

  it('solves parts independently on the same available set and unites them', () => {
    expect(findDefault(S('1-32'), [part('resource_id=2'), part('resource_id=2')], tree)?.toString()).toBe('1-2');
    expect(findDefault(S('1-32'), [part('node=1'), part('resource_id=2', '17-32')], tree)?.toString()).toBe('1-8 17-18');
  });

  it('fails when any part fails, and applies each part constraint', () => {
    expect(findDefault(S('1-32'), [part('node=1'), part('node=1', '')], tree)).toBeNull();
    expect(findDefault(S('1-32'), [part('node=1', '9-32')], tree)?.toString()).toBe('9-16');
  });

  it('has a size bound no larger than any successful selection', () => {
    expect(necessarySize([part('node=2')], tree)).toBe(16);
    expect(necessarySize([part('resource_id=3'), part('node=1')], tree)).toBe(8);
    expect(necessarySize([part('switch=1/node=2')], tree)).toBe(2);
    expect(necessarySize([part('node=ALL')], tree)).toBe(32);
    expect(necessarySize([part('nope=1')], tree)).toBe(0);
  });
});

describe('fast paths agree with the generic block scan', () => {
  // The same level without its single-interval and singleton shortcuts.
  const generic = (level: HierarchyLevel): HierarchyLevel =>
    Object.create(level, { starts: { value: undefined }, ends: { value: undefined }, singletons: { value: false } }) as HierarchyLevel;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

  it('for 300 random available sets and requests', () => {
    const names = ['switch', 'node', 'cpu', 'resource_id'];
    const slow = new Hierarchy(names.map((n) => generic(tree.level(n)!)));
    for (let i = 0; i < 300; i++) {
      const available = IntervalSet.fromValues([...Array(32).keys()].map((k) => k + 1).filter(() => random() < 0.7));
      const depth = 1 + Math.floor(random() * 3);
      const start = Math.floor(random() * (names.length - depth + 1));
      const spec = names
        .slice(start, start + depth)
        .map((n) => `${n}=${1 + Math.floor(random() * 3)}`)
        .join('/');
      const fast = selectPart(available, L(spec), tree);
      const reference = selectPart(available, L(spec), slow);
      expect(fast?.toString() ?? null, `${spec} on ${available.toString()}`).toBe(reference?.toString() ?? null);
    }
  });
});
