import { describe, expect, it } from 'vitest';
import { describeCycle, findDependencyCycles } from './dependency-cycles.js';

const graph = (edges: Record<number, number[]>) => new Map(Object.entries(edges).map(([k, v]) => [Number(k), v]));

describe('findDependencyCycles', () => {
  it('finds one cycle per group, from its smallest id, the shortest way round', () => {
    expect(findDependencyCycles(graph({ 5: [3], 3: [5], 6: [3], 9: [10], 10: [11, 9], 11: [9] }))).toEqual([
      [3, 5, 3],
      [9, 10, 9],
    ]);
  });

  it('reports self-dependencies and ignores ids that are not in the graph', () => {
    expect(findDependencyCycles(graph({ 4: [4, 99], 5: [4] }))).toEqual([[4, 4]]);
    expect(findDependencyCycles(graph({ 1: [2], 2: [3] }))).toEqual([]);
  });

  it('walks a ring of 50,000 jobs without recursion', () => {
    const n = 50_000;
    const ring = new Map(Array.from({ length: n }, (_, i) => [i + 1, [i + 2 > n ? 1 : i + 2]] as const));
    const [cycle] = findDependencyCycles(ring);
    expect(cycle).toHaveLength(n + 1);
    expect(cycle!.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('describes a cycle in words', () => {
    expect(describeCycle([3, 5, 3])).toBe('jobs 3 → 5 → 3 depend on each other');
    expect(describeCycle([7, 7])).toBe('job 7 depends on itself');
  });
});
