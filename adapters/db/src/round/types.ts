/**
 * The meta-scheduler round on an OAR database (metascheduler.md R0–R11): the options it takes
 * and what it returns. `runDbRound` (run-db-round.ts) reads a snapshot inside the round's
 * transaction, runs the engine and the meta-scheduler decisions, writes them, commits, then
 * sends the notifications.
 */
import type { PluginRegistry, RoundActions, SchedulerConfig } from '@oar-sched/core';
import type { PluginLogger } from '@oar-sched/plugin-api';

/** Sends what a round decided, after commit; see `@oar-sched/notify` for the real one. */
export interface RoundNotifier {
  launch(jobId: number): Promise<unknown>;
  automaton(command: string): Promise<unknown>;
  oarsub(infoType: string, lines: readonly string[]): Promise<unknown>;
}

export interface DbRoundOptions {
  /** The scheduler configuration, layered and validated (defaults → oar.conf → config file). */
  readonly config: SchedulerConfig;
  /** Built-in and discovered plugins. */
  readonly registry: PluginRegistry;
  /** The extra-metasched hook to call before each queue group (`EXTRA_METASCHED`); none when absent. */
  readonly extraMetasched?: { readonly name: string; readonly config: string } | undefined;
  /** Freezes the round's clock (epoch seconds); default: the database clock, read once. */
  readonly now?: number | undefined;
  /** Receives the round's notifications after commit; none are sent when absent. */
  readonly notifier?: RoundNotifier | undefined;
  /** IANA zone for the dates of start predictions (default: the config's `timezone`). */
  readonly timeZone?: string | undefined;
  /** How long to wait for another round holding the lock (ms). */
  readonly lockTimeoutMs?: number | undefined;
  readonly logger?: PluginLogger | undefined;
  /**
   * Called once, right after the round's transaction committed and before any notification, with
   * the exit code the committed plan decided: from then on the plan is in the database whatever
   * happens to this process. `oar-sched serve` tells its client, so that a server that dies later
   * is not reported as a round that wrote nothing.
   */
  readonly onCommitted?: ((exitCode: number) => void) | undefined;
}

/** Milliseconds spent in each phase of the round. */
export interface RoundPhases {
  read: number;
  engine: number;
  write: number;
  commit: number;
  notify: number;
}

export interface QueueGroupSummary {
  readonly queues: readonly string[];
  readonly waiting: number;
  readonly planned: number;
  readonly launched: number;
}

export interface DbRoundResult {
  /** 0 done, 1 an acknowledged reservation starts now (run another round), 2 besteffort jobs must be killed first. */
  readonly exitCode: 0 | 1 | 2;
  readonly now: number;
  readonly actions: RoundActions;
  /** Per queue group, highest priority first. */
  readonly groups: readonly QueueGroupSummary[];
  readonly warnings: readonly string[];
  readonly phases: RoundPhases;
}
