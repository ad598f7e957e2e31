import { Hierarchy, IntervalSet } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { schedulerConfigSchema } from '../model/scheduler-config-schema.js';
import { DEFAULT_AVAILABLE_UPTO } from '../model/time.js';
import type { ResourceRecord } from '../model/snapshot.js';
import { LevelBuilder } from './level-builder.js';
import { Platform } from './platform.js';
import { attributeReader } from './resource-order.js';

let seed = 11;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** The hierarchy as the platform built it before typed arrays: one map of position lists per level. */
function referenceHierarchy(p: Platform, labels: readonly string[]): Hierarchy {
  return new Hierarchy(
    labels.map((label) =>
      Hierarchy.levelFromKeys(label, p.usable, (i) => {
        const value = attributeReader(label === 'id' ? 'resource_id' : label)(p.resources[i]!);
        return value === undefined ? undefined : `${typeof value}:${value}`;
      }),
    ),
  );
}

/** A random platform: shuffled ids, some unusable resources, values shared by runs, repeated later, missing, or "1" next to 1. */
function randomResources(n: number): ResourceRecord[] {
  const ids = [...Array(n).keys()].map((i) => i + 1 + (random() < 0.1 ? 5000 : 0));
  for (let i = ids.length - 1; i > 0 && random() < 0.5; i--) {
    const j = Math.floor(random() * (i + 1));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  const run = Math.max(1, Math.floor(random() * 8));
  return ids.map((id, i) => {
    const properties: Record<string, string | number> = {
      node: `n${Math.floor(i / run)}`,
      cpu: Math.floor(i / (2 * run)),
      scattered: pick([1, 2, 3, '1', 'x', -1, 2.5, 1e9]),
    };
    if (random() < 0.9) properties.rack = pick(['r1', 'r2', 0, 1]);
    return {
      id,
      state: pick(['Alive', 'Alive', 'Alive', 'Absent', 'Suspected', 'Dead']),
      type: pick(['default', 'default', 'gpu']),
      availableUpto: random() < 0.8 ? DEFAULT_AVAILABLE_UPTO : pick([100, 200]),
      properties,
    };
  });
}

describe('the platform hierarchy (one typed-array pass)', () => {
  const labels = ['resource_id', 'id', 'node', 'cpu', 'rack', 'scattered', 'state', 'type', 'available_upto', 'absent'];
  it.each([...Array(60).keys()])('equals the per-level map build on random platform %i', (k) => {
    const resources = randomResources(1 + Math.floor(random() * (k < 50 ? 40 : 600)));
    const order = pick(['resource_id ASC', 'resource_id DESC', 'rack ASC, resource_id', 'node DESC, cpu ASC']);
    const p = new Platform(resources, schedulerConfigSchema.parse({ resourceOrder: order, hierarchyLabels: labels }));
    const reference = referenceHierarchy(p, labels);
    for (const label of labels) {
      const got = p.hierarchy.level(label)!;
      const want = reference.level(label)!;
      expect(got.blocks.map(String), `${label} (${order})`).toEqual(want.blocks.map(String));
      for (const field of ['length', 'minBlockSize', 'singletons'] as const) expect(got[field], `${label}.${field}`).toBe(want[field]);
      expect(got.all.toString()).toBe(want.all.toString());
      expect(got.starts && [...got.starts]).toEqual(want.starts && [...want.starts]);
      expect(got.ends && [...got.ends]).toEqual(want.ends && [...want.ends]);
      for (let j = 0; j < got.length; j++) expect(got.block(j).toString()).toBe(want.blocks[j]!.toString());
    }
    // The sets made in the same pass.
    const where = (keep: (r: ResourceRecord) => boolean) => IntervalSet.fromValues(p.resources.flatMap((r, i) => (keep(r) ? [i] : [])));
    const usable = where((r) => r.state === 'Alive' || r.state === 'Absent');
    expect(p.usable.toString()).toBe(usable.toString());
    expect(p.defaultSet.toString()).toBe(usable.intersect(where((r) => r.type === 'default')).toString());
    const limits = [...new Set(p.resources.map((r) => r.availableUpto))].sort((a, b) => a - b);
    const expected = limits.map((t) => [t, usable.intersect(where((r) => r.availableUpto === t)).toString()]).filter(([, s]) => s !== '');
    expect([...p.usableUntil].map(([t, s]) => [t, s.toString()])).toEqual(expected);
    for (const r of resources) expect(p.ids[p.indicesOfIds([r.id]).min!]).toBe(r.id);
  });
});

describe('LevelBuilder', () => {
  it('lays out blocks with gaps, whenever the first gap appears', () => {
    const b = new LevelBuilder('x', 10);
    for (const [p, v] of [[0, 'a'], [1, 'a'], [2, 'b'], [3, 'a'], [5, 'b'], [6, 'c'], [7, 'c'], [9, 'a']] as const) b.add(p, v);
    const level = b.build();
    expect(level.blocks.map(String)).toEqual(['0-1 3 9', '2 5', '6-7']);
    expect(level.starts).toBeUndefined();
    expect(level.all.toString()).toBe('0-3 5-7 9');
  });

  it('keeps contiguous blocks as spans, numbers and strings apart', () => {
    const b = new LevelBuilder('x', 6);
    for (const [p, v] of [[0, 1], [1, 1], [2, '1'], [3, 5000], [4, 5000], [5, -0]] as const) b.add(p, v);
    const level = b.build();
    expect(level.blocks.map(String)).toEqual(['0-1', '2', '3-4', '5']);
    expect([...level.starts!]).toEqual([0, 2, 3, 5]);
    expect(level.minBlockSize).toBe(1);
  });
});
