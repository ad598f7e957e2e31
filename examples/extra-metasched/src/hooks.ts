/**
 * The OAR3 example extra-metasched hooks. One is selected by the config
 * `extraMetasched: { name, config }` (OAR `EXTRA_METASCHED`, `EXTRA_METASCHED_CONFIG`) and runs
 * once per queue group of every round, before that group is scheduled.
 */
import type { ExtraMetaschedContext, PluginLogger } from '@oar-sched/core/plugin';

/** The line OAR3's `default` and `logger` hooks log. */
export const CALLED = 'plugin successfully called';

/**
 * `logger` (and `default`): logs one info line naming the group, changes nothing. Note that the
 * name `default` means "no hook" to the scheduler, as `EXTRA_METASCHED=default` did in OAR3, so
 * the `default` tap only runs when called through the hooks directly.
 */
export function logCall(ctx: ExtraMetaschedContext, log: PluginLogger): void {
  log.info(`${CALLED} (queues ${ctx.queues.join(', ')}; previous ${ctx.prevQueues?.join(', ') ?? 'none'})`);
}

/**
 * `foo`: before the first group of a round (`prevQueues` null), sets property `deploy` of the
 * resource with the lowest id to `'YES'`, for the rest of the round (and in a database round,
 * in the database). Later groups: nothing. OAR3 took "the first row" of the resources table
 * without ordering; the lowest id is what that returned in practice, and it does not depend on
 * the configured resource order.
 */
export function markFirstDeployable(ctx: ExtraMetaschedContext): void {
  if (ctx.prevQueues !== null) return;
  let lowest: number | undefined;
  for (const r of ctx.platform.resources) if (lowest === undefined || r.id < lowest) lowest = r.id;
  if (lowest !== undefined) ctx.setResourceProperty(lowest, 'deploy', 'YES');
}
