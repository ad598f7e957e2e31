/**
 * The hook contracts at the type level: a plugin returning the wrong thing must not compile.
 * Checked by tsc through vitest's typecheck mode (vitest.config.ts → tsconfig.typecheck.json);
 * each `@ts-expect-error` fails the run if the line below it ever starts compiling.
 */
import { describe, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import {
  definePlugin,
  IntervalSet,
  type AssignFn,
  type AssignResult,
  type ExtraMetaschedFn,
  type FindFn,
  type FindResult,
  type Job,
  type OarPlugin,
  type SortFn,
  type SortResult,
} from './index.js';

describe('find', () => {
  test('returns an IntervalSet, null (handled, nothing fits) or undefined (not mine)', () => {
    expectTypeOf<ReturnType<FindFn>>().toEqualTypeOf<IntervalSet | null | undefined>();
    expectTypeOf<FindResult>().toEqualTypeOf<IntervalSet | null | undefined>();
    definePlugin({
      name: 'finds',
      setup(api) {
        api.find('set', (ctx) => ctx.available);
        api.find('none', () => null);
        api.find('pass', () => undefined);
        api.find('delegating', (ctx) => ctx.delegate('default', ctx.available.intersect(IntervalSet.range(0, 7))));
        // @ts-expect-error a find returning a string does not compile
        api.find('text', () => 'nodes 1-4');
        // @ts-expect-error a find returning resource ids as numbers does not compile
        api.find('ids', () => [1, 2, 3]);
        // @ts-expect-error the raw hook has the same contract
        api.hooks.find.for('raw').tap('finds', () => 'nodes 1-4');
      },
    });
  });

  test('receives a read-only context', () => {
    definePlugin({
      name: 'readonly',
      setup(api) {
        api.find('x', (ctx) => {
          // @ts-expect-error the context is read-only: a find does not change what is available
          ctx.available = IntervalSet.EMPTY;
          return undefined;
        });
      },
    });
  });
});

describe('assign', () => {
  test('returns a Placement, an Unplaced with a reason, or undefined', () => {
    expectTypeOf<ReturnType<AssignFn>>().toEqualTypeOf<AssignResult>();
    definePlugin({
      name: 'assigns',
      setup(api) {
        api.assign('first', (ctx) => {
          const found = ctx.searchMoldable(0);
          return found.found ? ctx.place(found) : { placed: false, reason: found.reason };
        });
        api.assign('pass', () => undefined);
        // @ts-expect-error an assign returning a number does not compile
        api.assign('number', () => 42);
        // @ts-expect-error an Unplaced needs a reason
        api.assign('no-reason', () => ({ placed: false }));
        // @ts-expect-error a reason code is one of the documented codes
        api.assign('bad-code', () => ({ placed: false, reason: { code: 'NOPE', message: 'no' } }));
      },
    });
  });
});

describe('jobsSorting and extraMetasched', () => {
  test('a sort returns jobs, not ids', () => {
    expectTypeOf<ReturnType<SortFn>>().toEqualTypeOf<SortResult>();
    expectTypeOf<SortResult>().toEqualTypeOf<readonly Job[] | undefined>();
    definePlugin({
      name: 'sorts',
      setup(api) {
        api.jobsSorting('reversed', (ctx) => [...ctx.jobs].reverse());
        // @ts-expect-error job ids are not jobs
        api.jobsSorting('ids', (ctx) => ctx.jobs.map((j) => j.id));
      },
    });
  });

  test('an extraMetasched hook returns nothing (or a promise of nothing)', () => {
    expectTypeOf<ReturnType<ExtraMetaschedFn>>().toEqualTypeOf<void | Promise<void>>();
    definePlugin({
      name: 'hooks',
      setup(api) {
        api.extraMetasched('sync', (ctx) => ctx.setResourceProperty(1, 'deploy', 'YES'));
        api.extraMetasched('async', async () => {});
      },
    });
  });
});

describe('definePlugin', () => {
  test('types the options from the schema', () => {
    const plugin = definePlugin({
      name: 'with-options',
      options: z.object({ limit: z.number(), label: z.string().default('x') }),
      setup(api) {
        expectTypeOf(api.options).toEqualTypeOf<{ limit: number; label: string }>();
      },
    });
    expectTypeOf(plugin).toEqualTypeOf<OarPlugin<{ limit: number; label: string }>>();
  });

  test('requires a name and a setup', () => {
    // @ts-expect-error a plugin without a name does not compile
    definePlugin({ setup() {} });
    // @ts-expect-error a plugin without setup does not compile
    definePlugin({ name: 'nothing' });
  });
});
