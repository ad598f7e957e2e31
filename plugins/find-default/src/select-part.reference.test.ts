/**
 * The multi-level selection against a plain transcription of core §4.3 (the former
 * implementation: every block as a set, every parent checked in order), on random hierarchies
 * with nested, straddling and gapped levels.
 */
import { Hierarchy, HierarchyLevel, IntervalSet, type LevelRequest } from '@oar-sched/core/plugin';
import { describe, expect, it } from 'vitest';
import { selectPart } from './select-part.js';

function referenceSelect(available: IntervalSet, levels: readonly HierarchyLevel[], counts: readonly number[]): IntervalSet | null {
  const pieces: IntervalSet[] = [];
  const descend = (k: number, candidates: readonly number[]): boolean => {
    const level = levels[k]!;
    const child = levels[k + 1]!;
    let taken = 0;
    for (const p of candidates) {
      if (taken === counts[k]) break;
      const parent = level.blocks[p]!;
      if (!parent.intersects(available)) continue;
      const children = child.blocks.map((c, j) => [c, j] as const).filter(([c]) => c.intersects(parent));
      if (k === levels.length - 2) {
        const chosen = children
          .map(([c]) => (c.isSubsetOf(parent) ? c : parent.intersect(c)))
          .filter((piece) => piece.isSubsetOf(available))
          .slice(0, counts[k + 1]);
        if (chosen.length === counts[k + 1]) {
          pieces.push(...chosen);
          taken++;
        }
      } else {
        const mark = pieces.length;
        if (descend(k + 1, children.filter(([c]) => c.isSubsetOf(parent)).map(([, j]) => j))) taken++;
        else pieces.length = mark;
      }
    }
    return taken === counts[k];
  };
  return descend(0, levels[0]!.blocks.map((_, j) => j)) ? pieces.reduce((a, b) => a.union(b), IntervalSet.EMPTY) : null;
}

let seed = 3;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

/** A level of `n` positions cut into blocks by a key function; positions with key < 0 are in none. */
function level(name: string, n: number, keyOf: (p: number) => number): HierarchyLevel {
  const members = new Map<number, number[]>();
  for (let p = 0; p < n; p++) {
    const k = keyOf(p);
    if (k < 0) continue;
    if (!members.has(k)) members.set(k, []);
    members.get(k)!.push(p);
  }
  return new HierarchyLevel(name, [...members.values()].map((m) => IntervalSet.fromValues(m)));
}

describe('selectPart with several levels equals the plain transcription', () => {
  it('on 400 random hierarchies, available sets and requests', () => {
    const outcomes = { found: 0, none: 0 };
    for (let t = 0; t < 400; t++) {
      const n = 16 + Math.floor(random() * 64);
      const node = 2 + Math.floor(random() * 6);
      const offset = Math.floor(random() * node);
      const hierarchy = new Hierarchy([
        level('switch', n, (p) => Math.floor(p / (node * 3))),
        level('rack', n, (p) => Math.floor((p + offset) / (node * 2))), // straddles nodes
        level('node', n, (p) => Math.floor(p / node)),
        level('oddeven', n, (p) => (p % 7 === 0 ? -1 : p % 2)), // two gapped blocks
        level('core', n, (p) => p),
      ]);
      const names = ['switch', 'rack', 'node', 'oddeven', 'core'];
      const depth = 2 + Math.floor(random() * 2);
      const chosen = names.filter(() => random() < 0.6).slice(0, depth);
      if (chosen.length < 2) continue;
      const counts = chosen.map(() => 1 + Math.floor(random() * 3));
      const available = IntervalSet.fromValues([...Array(n).keys()].filter(() => random() < 0.75));
      const request: LevelRequest[] = chosen.map((l, i) => ({ level: l, count: counts[i]! }));
      const got = selectPart(available, request, hierarchy);
      const want = referenceSelect(available, chosen.map((l) => hierarchy.level(l)!), counts);
      expect(got?.toString() ?? null, `${chosen.join('/')} ${counts} on ${available}`).toBe(want?.toString() ?? null);
      outcomes[got ? 'found' : 'none']++;
    }
    // Both outcomes are exercised.
    expect(outcomes.found).toBeGreaterThan(50);
    expect(outcomes.none).toBeGreaterThan(50);
  });
});
