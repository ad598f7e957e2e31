/** The tapable objects behind `SchedulerHooks` (the types are the plugin API's). */
import { AsyncSeriesHook, HookMap, SyncBailHook } from 'tapable';
import type { AssignHook, ExtraMetaschedHook, FindHook, JobsSortingHook, SchedulerHooks } from '@oar-sched/plugin-api';

export function createHooks(): SchedulerHooks {
  return Object.freeze({
    jobsSorting: new HookMap<JobsSortingHook>((key) => new SyncBailHook(['context'], `jobsSorting:${String(key)}`)),
    assign: new HookMap<AssignHook>((key) => new SyncBailHook(['context'], `assign:${String(key)}`)),
    find: new HookMap<FindHook>((key) => new SyncBailHook(['context'], `find:${String(key)}`)),
    extraMetasched: new HookMap<ExtraMetaschedHook>(
      (key) => new AsyncSeriesHook(['context'], `extraMetasched:${String(key)}`),
    ),
  });
}
