/**
 * One meta-scheduler round on an OAR database (metascheduler.md R0–R11), the drop-in for OAR's
 * `kao`: inside one transaction under the round lock, read the rows (R1–R3), run the engine with
 * the database evaluating property filters and the extra-metasched hook's property writes going
 * to `resources` (R4–R5), decide launches, kills and the reservation life cycle (R6–R10, pure, in
 * the engine), write it all (R3–R8); then commit and send the notifications. Any failure before
 * the commit leaves the database exactly as it was.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import {
  OarSchedError,
  planRoundActions,
  queueGroupsOf,
  runRound,
  type PlannedOutcome,
  type PropertyChange,
  type RoundNotification,
  type RoundResult,
} from '@oar-sched/core';
import { jobErrorLines, reservationAcceptedLines, startPredictionLine } from '@oar-sched/notify';
import type { Db } from '../connection.js';
import { resourcePropertyColumns } from '../resources.js';
import { withRoundLock } from '../round-lock.js';
import { readRoundInput } from './read-snapshot.js';
import { ganttBefore } from './gantt-before.js';
import { sqlPropertyFilters } from './sql-property-filters.js';
import type { DbRoundOptions, DbRoundResult, QueueGroupSummary, RoundNotifier, RoundPhases } from './types.js';
import { writeRoundActions } from './write-actions.js';

export async function runDbRound(db: Db, options: DbRoundOptions): Promise<DbRoundResult> {
  const { config, registry } = options;
  const phases: RoundPhases = { read: 0, engine: 0, write: 0, commit: 0, notify: 0 };
  let mark = performance.now();
  const lap = (phase: keyof RoundPhases) => {
    const t = performance.now();
    phases[phase] += t - mark;
    mark = t;
  };
  const done = await withRoundLock(
    db,
    async (tx) => {
      mark = performance.now();
      const now = options.now ?? (await tx.clock());
      const gantt = await ganttBefore(db, tx);
      const input = await readRoundInput(tx, config, now);
      lap('read');
      const result = await runRound(input.snapshot, registry, {
        extraMetasched: options.extraMetasched,
        propertyFilters: sqlPropertyFilters(tx),
        onPropertyChanges: (changes) => writePropertyChanges(tx, changes),
      });
      const actions = planRoundActions({
        snapshot: input.snapshot,
        info: input.info,
        outcomes: outcomesOf(result),
        settings: { killLookAhead: config.besteffortKillDurationBeforeReservation, reservationWaitingTimeout: config.reservationWaitingResourcesTimeout },
      });
      lap('engine');
      const report = await writeRoundActions(tx, actions, now, gantt);
      lap('write');
      return { now, result, actions, report, snapshot: input.snapshot, ganttWarning: gantt?.warning };
    },
    { timeoutMs: options.lockTimeoutMs },
  );
  lap('commit');
  const { now, result, actions, report, snapshot, ganttWarning } = done;
  options.onCommitted?.(actions.exitCode);
  // A launch whose guard missed (the job moved meanwhile) is not announced.
  const notifications = actions.notifications.filter((n) => n.kind !== 'launch' || report.launched.has(n.jobId) || !actions.launched.includes(n.jobId));
  const warnings = [...result.warnings, ...(ganttWarning === undefined ? [] : [ganttWarning]), ...report.skipped.map((op) => `job ${op.jobId} changed state during the round: its ${op.op} was not written`)];
  if (options.notifier) warnings.push(...(await sendAll(options.notifier, notifications, now, options.timeZone ?? config.timezone)));
  lap('notify');
  const groups: QueueGroupSummary[] = queueGroupsOf(snapshot.queues).map((group) => {
    const queues = new Set(group.map((q) => q.name));
    const waiting = snapshot.jobs.filter((j) => queues.has(j.queue) && j.state === 'Waiting' && j.reservation === 'None');
    return {
      queues: group.map((q) => q.name),
      waiting: waiting.length,
      planned: waiting.filter((j) => result.decisions.get(j.id)?.scheduled).length,
      launched: waiting.filter((j) => report.launched.has(j.id)).length,
    };
  });
  for (const w of warnings) options.logger?.warn(w);
  return { exitCode: actions.exitCode, now, actions, groups, warnings, phases };
}

/**
 * The engine's decisions with resource ids, for the meta-scheduler: the ids of each placement
 * stay an interval set (the gantt writer reads its intervals; at 10M planned resources, a
 * JavaScript array of ids per job cost more than the engine itself).
 */
function outcomesOf(result: RoundResult): Map<number, PlannedOutcome> {
  const out = new Map<number, PlannedOutcome>();
  for (const [id, d] of result.decisions) {
    out.set(
      id,
      d.scheduled
        ? { scheduled: true, start: d.placement.start, moldableIndex: d.placement.moldableIndex, resourceIds: result.platform.idsOf(d.placement.resources), karma: d.karma }
        : { scheduled: false, code: d.reason.code, message: d.reason.message, kind: d.reason.kind },
    );
  }
  return out;
}

/** An extra-metasched hook's property changes, written in the round's transaction (metascheduler.md §5.2). */
async function writePropertyChanges(tx: Db, changes: readonly PropertyChange[]): Promise<void> {
  const { fixed, properties } = await resourcePropertyColumns(tx);
  const columns = new Set([...fixed, ...properties].map((c) => c.name));
  for (const change of changes) {
    if (!columns.has(change.property) || change.property === 'resource_id') {
      throw new OarSchedError('CONFIG_INVALID', `extraMetasched: resources has no column "${change.property}" to set on resource ${change.resourceId}`);
    }
    await sql`UPDATE resources SET ${sql.ref(change.property)} = ${change.value} WHERE resource_id = ${change.resourceId}`.execute(tx.kysely);
  }
}

/** After commit: each notification, bounded by the notifier; failures become warnings. */
async function sendAll(notifier: RoundNotifier, notifications: readonly RoundNotification[], now: number, timeZone: string): Promise<string[]> {
  const warnings: string[] = [];
  for (const n of notifications) {
    try {
      const outcome = (await send(notifier, n, now, timeZone)) as { ok?: boolean; reason?: string } | undefined;
      if (outcome && outcome.ok === false) warnings.push(`notification ${describe(n)} failed: ${outcome.reason ?? 'unknown reason'}`);
    } catch (e) {
      warnings.push(`notification ${describe(n)} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return warnings;
}

function send(notifier: RoundNotifier, n: RoundNotification, now: number, timeZone: string): Promise<unknown> {
  switch (n.kind) {
    case 'launch':
      return notifier.launch(n.jobId);
    case 'automaton':
      return notifier.automaton(n.command);
    case 'goodReservation':
      return notifier.oarsub(n.infoType, reservationAcceptedLines());
    case 'badJob':
      return notifier.oarsub(n.infoType, jobErrorLines(n.message));
    case 'startPrediction':
      return notifier.oarsub(n.infoType, [startPredictionLine(now, n.start, n.message, timeZone)]);
  }
}

function describe(n: RoundNotification): string {
  return n.kind === 'automaton' ? `${n.command} to the automaton` : `${n.kind} for job ${n.jobId}`;
}
