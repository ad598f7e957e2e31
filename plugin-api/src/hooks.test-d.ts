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
  type Decision,
  type FindFn,
  type FindResult,
  type Job,
  type JobDecidedFn,
  type OarPlugin,
  type PlatformView,
  type Reason,
  type ReasonKind,
  type RoundDoneFn,
  type RoundResult,
  type RoundStartFn,
  type SortFn,
  type SortResult,
  reason,
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

describe('find context', () => {
  test('carries the platform, read-only', () => {
    definePlugin({
      name: 'platform-reader',
      setup(api) {
        api.find('rack-aware', (ctx) => {
          expectTypeOf(ctx.platform).toEqualTypeOf<PlatformView>();
          expectTypeOf(ctx.platform.resources[0]!.properties).toEqualTypeOf<Readonly<Record<string, string | number>>>();
          // @ts-expect-error the platform cannot be replaced
          ctx.platform = ctx.platform;
          // @ts-expect-error nor its resources changed
          ctx.platform.resources.push(ctx.platform.resources[0]!);
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

describe('reasons', () => {
  test('have a kind; reason(code, message) and v1 literals without one still compile', () => {
    expectTypeOf<Reason['kind']>().toEqualTypeOf<ReasonKind>();
    expectTypeOf<ReasonKind>().toEqualTypeOf<'unschedulable' | 'unresolvable' | 'error'>();
    expectTypeOf(reason('NO_WINDOW', 'm')).toEqualTypeOf<Reason>();
    reason('DEPENDENCY', 'm', { kind: 'unresolvable', details: { dependency: 3 } });
    // @ts-expect-error a kind is one of the three
    reason('NO_WINDOW', 'm', { kind: 'later' });
    // @ts-expect-error details.moldables are reasons
    reason('NO_WINDOW', 'm', { details: { moldables: ['moldable 0'] } });
    definePlugin({
      name: 'v1-reasons',
      setup(api) {
        api.assign('literal', () => ({ placed: false, reason: { code: 'NO_WINDOW', message: 'no kind given' } }));
        api.assign('full', () => ({ placed: false, reason: reason('NO_WINDOW', 'with its kind') }));
        // @ts-expect-error a complete Reason needs a kind: use reason() to build one
        const bare: Reason = { code: 'NO_WINDOW', message: 'm' };
        void bare;
      },
    });
  });
});

describe('observation hooks', () => {
  test('observers return nothing the core uses and receive read-only data', () => {
    expectTypeOf<ReturnType<RoundStartFn>>().toEqualTypeOf<void>();
    expectTypeOf<ReturnType<JobDecidedFn>>().toEqualTypeOf<void>();
    expectTypeOf<Parameters<RoundDoneFn>[0]>().toEqualTypeOf<RoundResult>();
    definePlugin({
      name: 'observers',
      setup(api) {
        api.onRoundStart((ctx) => {
          expectTypeOf(ctx.counts.waitingJobs).toEqualTypeOf<number>();
          expectTypeOf(ctx.config.sortingPolicy).toEqualTypeOf<string>();
          // @ts-expect-error the context is read-only
          ctx.counts.waitingJobs = 0;
        });
        api.onJobDecided((ctx) => {
          expectTypeOf(ctx.decision).toEqualTypeOf<Decision>();
          expectTypeOf(ctx.job).toEqualTypeOf<Job>();
          if (ctx.decision.scheduled) expectTypeOf(ctx.decision.placement.resourceIds).toEqualTypeOf<string>();
          else expectTypeOf(ctx.decision.reason.kind).toEqualTypeOf<ReasonKind>();
          // @ts-expect-error a decision cannot be changed
          ctx.decision.scheduled = false;
        });
        api.onRoundDone((result) => {
          expectTypeOf(result.slotSets.get('default')!.slotCount).toEqualTypeOf<number>();
          expectTypeOf(result.propertyChanges[0]!.queues).toEqualTypeOf<readonly string[]>();
          // @ts-expect-error the result's maps are read-only
          result.decisions.set(1, result.decisions.get(1)!);
        });
        // @ts-expect-error roundDone receives the result, not a job
        api.onRoundDone((job: Job) => void job);
        // @ts-expect-error the raw hook has the same contract
        api.hooks.jobDecided.tap('raw', (ctx: { job: number }) => void ctx);
        api.hooks.roundStart.tap('raw', (ctx) => void ctx.now);
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
