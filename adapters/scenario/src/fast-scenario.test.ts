/**
 * The fast path against zod, its reference: for any input, both give the same document (same
 * values, types, key order) or the same problems. Valid documents are mutated field by field
 * (dropped, mistyped, out of range, unknown keys, odd objects) and at random, and every mutant goes
 * through both. The corpus (conformance vectors, benchmark workloads) is in
 * test/conformance/fast-validation.test.ts.
 */
import { IntervalSet } from '@oar-sched/plugin-api';
import { describe, expect, it } from 'vitest';
import { ACCOUNTING_KEYS } from './fast-accounting.js';
import { EXPECTED_JOB_KEYS, EXPECT_KEYS, SLOT_KEYS } from './fast-expect.js';
import { JOB_KEYS, LEVEL_KEYS, MOLDABLE_KEYS, PART_KEYS } from './fast-job.js';
import { RESOURCE_KEYS } from './fast-resource.js';
import { FAST_PATH_DEPTH } from './fast-scenario.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { scenarioSchema } from './scenario-schema.js';
import { validateScenarioDocument, type ScenarioValidation } from './validate-scenario.js';

/** Every field of every part the fast path takes, with values of each kind it handles. */
const valid = () => ({
  formatVersion: 1,
  now: 100,
  config: { jobSecurityTime: 0 },
  queues: [{ name: 'default', priority: 3 }],
  resources: [
    { id: 1, state: 'Alive', type: 'default', availableUpto: 2_000_000_000, properties: { network_address: 'n1', cpu: 1 } },
    { ids: '2-8 10', properties: { network_address: 'n2', core: 2.5 } },
    { id: 11, state: 'Dead' },
  ],
  jobs: [
    {
      id: 1,
      name: 'a',
      user: 'u',
      project: 'p',
      queue: 'default',
      state: 'Running',
      reservation: 'None',
      startTime: 50,
      resources: '1-2',
      moldableIndex: 0,
      suspendedDuration: 0,
      exitCode: null,
      submissionTime: 10,
      qos: 0.5,
      nice: 1,
      types: { timesharing: 'user,*', besteffort: '' },
      properties: "network_address = 'n1'",
      moldables: [{ walltime: 60, request: [{ levels: [{ level: 'network_address', count: 1 }, { level: 'core', count: 2 }], property: '' }] }],
      dependencies: [],
    },
    {
      id: 2,
      name: null,
      exitCode: 0,
      resources: [3, 4],
      moldables: [
        { walltime: 600, request: [{ levels: [{ level: 'resource_id', count: 'ALL' }] }] },
        { walltime: 0, request: [{ levels: [{ level: 'cpu', count: 1 }], property: 'cpu = 1' }, { levels: [{ level: 'core', count: 'BEST' }] }] },
      ],
      dependencies: [1],
    },
  ],
  accounting: [{ windowStart: 0, windowStop: 100, user: 'u', project: 'p', queue: 'default', consumptionType: 'ASKED', consumption: 12.5 }],
  expect: {
    jobs: { '2': { resources: '3-4', scheduled: false }, '1': { scheduled: true, startTime: 50, endTime: 110, moldableIndex: 0, resources: '1-2' } },
    slots: [{ begin: 0, end: 10, resources: '1-8' }],
  },
  origin: { any: 'thing' },
});

/** Values and types that the fields accept or refuse, at their edges. */
const VALUES: readonly unknown[] = [
  undefined, null, true, false, 0, -0, 1, -1, 1.5, 2 ** 31 - 1, 2 ** 31, 2 ** 53, -(2 ** 53), Number.NaN, Number.POSITIVE_INFINITY,
  '', 'x', '0', 'ALL', 'BEST', '0-3', '1-4', '3-1', '1-x', 'user,*', 'user', 'Alive', 'Waiting', 'Scheduled', 'ASKED', 'resource_id',
  [], [0], [1], [1, 2], ['x'], {}, { a: 1 }, { a: 'x' }, { '': 'x' }, { id: 1 }, { timesharing: 'bad' },
];

type Container = Record<string | number | symbol, unknown>;
/** One change to the container at `path` of a document shaped like `valid()`. */
interface Mutation {
  readonly what: string;
  readonly path: readonly (string | number)[];
  readonly change: (container: Container) => void;
}

function at(document: unknown, path: readonly (string | number)[]): Container | undefined {
  let x = document;
  for (const key of path) x = typeof x === 'object' && x !== null ? (x as Container)[key] : undefined;
  return typeof x === 'object' && x !== null ? (x as Container) : undefined;
}

/** `valid()` with the mutations applied in turn (one whose container an earlier one removed is skipped). */
function mutated(...mutations: Mutation[]): Record<string, unknown> {
  const document = valid() as Record<string, unknown>;
  for (const m of mutations) {
    const container = at(document, m.path);
    if (container !== undefined) m.change(container);
  }
  return document;
}

/** The paths of every object and array inside the parts the fast path takes (and `config`, which it leaves to zod). */
function containers(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const out = path.length > 0 ? [path] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    if (path.length === 0 && !['resources', 'jobs', 'accounting', 'expect', 'config'].includes(key as string)) continue;
    out.push(...containers(child, [...path, key]));
  }
  return out;
}

/** Every key of an object in valid(), with the first value it has there. */
const KNOWN_FIELDS: ReadonlyMap<string, unknown> = (() => {
  const fields = new Map<string, unknown>();
  for (const path of containers(valid())) {
    const c = at(valid(), path)!;
    if (!Array.isArray(c)) for (const [key, value] of Object.entries(c)) if (!fields.has(key)) fields.set(key, value);
  }
  return fields;
})();

/** Every key of every container dropped and set to each of VALUES; odd keys, holes and prototypes. */
function mutations(): Mutation[] {
  const out: Mutation[] = [];
  for (const path of containers(valid())) {
    const name = path.join('.');
    const original = at(valid(), path)!;
    const isArray = Array.isArray(original);
    const keys = Object.keys(original).map((k) => (isArray ? Number(k) : k));
    const parent = path.slice(0, -1);
    const last = path.at(-1)!;
    for (const key of keys) {
      out.push({ what: `${name}: without ${key}`, path, change: (c) => (Array.isArray(c) ? c.splice(key as number, 1) : delete c[key]) });
      VALUES.forEach((v, k) => out.push({ what: `${name}.${key} = VALUES[${k}]`, path, change: (c) => (c[key] = structuredClone(v)) }));
    }
    if (isArray) {
      out.push({ what: `${name}: empty`, path, change: (c) => (c as unknown as unknown[]).splice(0) });
      out.push({ what: `${name}: first element twice`, path, change: (c) => (c as unknown as unknown[]).push(structuredClone(c[0])) });
      out.push({ what: `${name}: with a hole`, path, change: (c) => ((c as unknown as unknown[]).length += 1) });
    } else {
      const define = (key: string, value: unknown, enumerable: boolean) => (c: Container) => Object.defineProperty(c, key, { value, enumerable, writable: true, configurable: true });
      out.push({ what: `${name}: an unknown key`, path, change: (c) => (c['bogus'] = 1) });
      // Keys other objects have, given here too: as `undefined` (zod tells it from absent for an
      // optional key) and with the value they have there.
      for (const [key, value] of KNOWN_FIELDS) {
        if (key in original) continue;
        out.push({ what: `${name}.${key} = undefined`, path, change: (c) => (c[key] = undefined) });
        out.push({ what: `${name}.${key} = ${JSON.stringify(value)}`, path, change: (c) => (c[key] = structuredClone(value)) });
      }
      out.push({ what: `${name}: an own __proto__ key`, path, change: define('__proto__', { a: 1 }, true) });
      out.push({ what: `${name}: a symbol key`, path, change: (c) => (c[Symbol('s')] = 'x') });
      out.push({ what: `${name}: a non-enumerable key`, path, change: define(String(keys[0] ?? 'x'), 'hidden', false) });
      out.push({ what: `${name}: a null prototype`, path: parent, change: (p) => (p[last] = Object.assign(Object.create(null), p[last])) });
      out.push({ what: `${name}: a class instance`, path: parent, change: (p) => (p[last] = Object.assign(new (class Entry {})(), p[last])) });
    }
  }
  return out;
}

/** Same value, types and key order (`toStrictEqual` sees classes and `undefined`, the text sees key order). */
function expectSame(fast: ScenarioValidation, zod: ScenarioValidation): void {
  expect(fast.ok).toBe(zod.ok);
  if (fast.ok && zod.ok) {
    expect(fast.document).toStrictEqual(zod.document);
    expect(JSON.stringify(fast.document)).toBe(JSON.stringify(zod.document));
  } else if (!fast.ok && !zod.ok) {
    expect(fast.problems).toEqual(zod.problems);
  }
}

const both = (document: unknown) => [validateScenarioDocument(document), validateScenarioDocument(document, { fastPath: false })] as const;

describe('the scenario fast path gives what zod gives', () => {
  it('on the valid document, by the fast path', () => {
    const [fast, zod] = both(valid());
    expect(fast.ok && fast.path).toBe('fast');
    expect(zod.ok && zod.path).toBe('zod');
    expectSame(fast, zod);
    // The resource-set strings stay intervals, as zod's transform leaves them.
    expect(fast.ok && fast.document.resources[1]!.ids).toBeInstanceOf(IntervalSet);
  });

  it('on every field dropped, mistyped, out of range, and on odd keys and objects', () => {
    const all = mutations();
    let fastAccepted = 0;
    let refused = 0;
    for (const m of all) {
      const [fast, zod] = both(mutated(m));
      try {
        expectSame(fast, zod);
      } catch (e) {
        throw new Error(`${m.what}: ${(e as Error).message}`);
      }
      if (fast.ok && fast.path === 'fast') fastAccepted++;
      if (!zod.ok) refused++;
    }
    // Both sides exercised: mutants the fast path accepts (defaults, other valid values) and refused ones.
    expect(all.length).toBeGreaterThan(3000);
    expect(fastAccepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(1500);
  });

  it('on random combinations of three mutations', () => {
    const all = mutations();
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return all[seed % all.length]!;
    };
    for (let round = 0; round < 500; round++) {
      const picked = [random(), random(), random()];
      const [fast, zod] = both(mutated(...picked));
      try {
        expectSame(fast, zod);
      } catch (e) {
        throw new Error(`${picked.map((m) => m.what).join(' + ')}: ${(e as Error).message}`);
      }
    }
  });

  it.each<[string, (d: Record<string, any>) => void, string[]]>([
    ['a required field dropped', (d) => delete d['jobs'][0].moldables, ['✖ Invalid input: expected array, received undefined → at jobs[0].moldables']],
    ['a wrong type', (d) => (d['resources'][0].availableUpto = '7'), ['✖ Invalid input: expected number, received string → at resources[0].availableUpto']],
    ['a negative walltime', (d) => (d['jobs'][1].moldables[1].walltime = -1), ['✖ Too small: expected number to be >=0 → at jobs[1].moldables[1].walltime']],
    ['an unknown key in a strict object', (d) => (d['jobs'][0].moldables[0].request[0].levels[1].bogus = 1), ['✖ Unrecognized key: "bogus" → at jobs[0].moldables[0].request[0].levels[1].bogus']],
    ['a problem outside the fast parts', (d) => (d['config'].jobSecurityTme = 1), ['✖ Unrecognized key: "jobSecurityTme" → at config.jobSecurityTme']],
  ])('refuses %s with zod own words', (_what, change, problems) => {
    const document = valid() as Record<string, any>;
    change(document);
    const [fast, zod] = both(document);
    expectSame(fast, zod);
    expect(fast.ok ? [] : fast.problems).toEqual(problems);
  });

  it('finds nesting past the limit where it is, in document order, with the parts taken', () => {
    const deep = JSON.parse(`${'['.repeat(70)}${']'.repeat(70)}`) as unknown;
    for (const place of [(d: Record<string, any>) => (d['note'] = deep), (d: Record<string, any>) => (d['config'].quotas = { rules: { quotas: deep } }), (d: Record<string, any>) => (d['jobs'][1].types = { x: deep })]) {
      const document = valid() as Record<string, any>;
      place(document);
      const [fast, zod] = both(document);
      expectSame(fast, zod);
      expect(fast.ok).toBe(false);
    }
  });

  it('takes the fast path for a large valid document', () => {
    const document = {
      now: 0,
      resources: Array.from({ length: 10_000 }, (_, i) => ({ id: i + 1, properties: { network_address: `node-${i >> 4}`, core: i % 16 } })),
      jobs: Array.from({ length: 1_000 }, (_, i) => ({ id: i + 1, user: `u${i % 7}`, moldables: [{ walltime: 60 + i, request: [{ levels: [{ level: 'network_address', count: 1 + (i % 4) }] }] }] })),
      expect: { jobs: Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [String(i + 1), { startTime: 0 }])) },
    };
    const [fast, zod] = both(document);
    expect(fast.ok && fast.path).toBe('fast');
    expectSame(fast, zod);
  });
});

describe('the fast path knows the schema it stands for', () => {
  /** The keys of the object schema at `path` (`[]` steps into arrays, records, defaults and optionals). */
  function schemaKeys(path: readonly string[]): string[] {
    const unwrap = (s: any): any => (['default', 'optional', 'prefault', 'nullable'].includes(s._zod.def.type) ? unwrap(s._zod.def.innerType) : s);
    const into = (s: any): any => {
      const u = unwrap(s);
      return u._zod.def.type === 'array' ? unwrap(u._zod.def.element) : u._zod.def.type === 'record' ? unwrap(u._zod.def.valueType) : u;
    };
    let schema: any = scenarioSchema;
    for (const key of path) schema = into(schema._zod.def.shape[key]);
    return Object.keys(schema._zod.def.shape);
  }

  it.each<[string[], ReadonlySet<string>]>([
    [['resources'], RESOURCE_KEYS],
    [['jobs'], JOB_KEYS],
    [['jobs', 'moldables'], MOLDABLE_KEYS],
    [['jobs', 'moldables', 'request'], PART_KEYS],
    [['jobs', 'moldables', 'request', 'levels'], LEVEL_KEYS],
    [['accounting'], ACCOUNTING_KEYS],
    [['expect'], EXPECT_KEYS],
    [['expect', 'jobs'], EXPECTED_JOB_KEYS],
    [['expect', 'slots'], SLOT_KEYS],
  ])('the keys of %j', (path, keys) => {
    expect([...keys]).toEqual(schemaKeys(path));
  });

  it('stays within the nesting limit, so the depth check may skip what it took', () => {
    expect(FAST_PATH_DEPTH).toBeLessThanOrEqual(MAX_NESTING_DEPTH);
  });
});
