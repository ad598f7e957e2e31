/** The tapable objects behind `SchedulerHooks` (the types are the plugin API's). */
import { AsyncSeriesHook, HookMap, SyncBailHook, SyncHook } from 'tapable';
import type {
  AssignHook,
  ExtraMetaschedHook,
  FindHook,
  HookKind,
  JobDecidedHook,
  JobsSortingHook,
  RoundDoneHook,
  RoundStartHook,
  SchedulerHooks,
} from '@oar-sched/plugin-api';
import type { TapRecord } from './tap-guard.js';

/** Rewrites each tap when it is registered (the registry wraps taps to know who threw). */
export type TapGuard = <T extends TapRecord>(kind: HookKind, key: string, tap: T) => T;

export function createHooks(guard?: TapGuard): SchedulerHooks {
  const keyed = <H extends { intercept(interceptor: { register?: (tap: never) => unknown }): void }>(kind: HookKind, make: (name: string) => H) =>
    new HookMap<H>((key) => {
      const hook = make(`${kind}:${String(key)}`);
      if (guard) hook.intercept({ register: (tap: TapRecord) => guard(kind, String(key), tap) } as never);
      return hook;
    });
  return Object.freeze({
    jobsSorting: keyed<JobsSortingHook>('jobsSorting', (name) => new SyncBailHook(['context'], name)),
    assign: keyed<AssignHook>('assign', (name) => new SyncBailHook(['context'], name)),
    find: keyed<FindHook>('find', (name) => new SyncBailHook(['context'], name)),
    extraMetasched: keyed<ExtraMetaschedHook>('extraMetasched', (name) => new AsyncSeriesHook(['context'], name)),
    // Observers are called tap by tap by the round (observe.ts), which catches what they throw.
    roundStart: new SyncHook(['context'], 'roundStart') as RoundStartHook,
    jobDecided: new SyncHook(['context'], 'jobDecided') as JobDecidedHook,
    roundDone: new SyncHook(['result'], 'roundDone') as RoundDoneHook,
  });
}
