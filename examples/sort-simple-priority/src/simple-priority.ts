/**
 * The OAR3 example job sorting `simple_priority`:
 *
 *   priority = number(job type "priority") + WAITING_TIME_WEIGHT × (now − submissionTime) / now
 *
 * highest first, equal priorities in the order received (FIFO). Two OAR3 slips are not
 * reproduced (plugin-harness §4.4): the weight is read from this sorter's own JSON config string
 * (OAR3 only read it when the key also existed in oar.conf, so it was effectively always 0), and
 * a job without a `priority` type has base priority 0 (OAR3 reused the previous job's value or
 * crashed).
 */
import type { Job, PluginLogger, SortContext } from '@oar-sched/core/plugin';

export interface SimplePrioritySettings {
  /** Weight of the waiting-time term; 0 (the default) orders by the `priority` type alone. */
  readonly waitingTimeWeight: number;
}

/**
 * Parses the config string (`sorting.custom.config`, OAR `CUSTOM_JOB_SORTING_CONFIG`), a JSON
 * object such as `{}` or `{"WAITING_TIME_WEIGHT": 0.5}`; the weight may be a number or a numeric
 * string (OAR3 applied `float()`). Other keys are ignored. Throws on anything else: the core then
 * leaves the group's jobs unscheduled with the message, rather than ordering them silently wrong.
 */
export function parseSettings(config: string): SimplePrioritySettings {
  let value: unknown;
  try {
    value = JSON.parse(config);
  } catch (e) {
    throw new Error(`simple_priority: the sorting config is not JSON (${e instanceof Error ? e.message : String(e)}): ${config}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`simple_priority: the sorting config must be a JSON object such as {"WAITING_TIME_WEIGHT": 0.5}, got ${config}`);
  }
  const raw = (value as Record<string, unknown>)['WAITING_TIME_WEIGHT'];
  if (raw === undefined) return { waitingTimeWeight: 0 };
  const weight = typeof raw === 'string' ? parseNumber(raw) : typeof raw === 'number' ? raw : undefined;
  if (weight === undefined || !Number.isFinite(weight)) {
    throw new Error(`simple_priority: WAITING_TIME_WEIGHT must be a finite number, got ${JSON.stringify(raw)}`);
  }
  return { waitingTimeWeight: weight };
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number (surrounding blanks allowed), or `undefined`. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : undefined;
}

/**
 * Base priority of a job: its `priority` type as a decimal number; 0 when absent, and 0 with a
 * warning when not a number (OAR3 warned too).
 */
export function basePriority(job: Job, log: PluginLogger): number {
  const text = job.types['priority'];
  if (text === undefined) return 0;
  const value = parseNumber(text);
  if (value === undefined) {
    log.warn(`job ${job.id}: priority "${text}" is not a number, using 0`);
    return 0;
  }
  return value;
}

/**
 * The waiting-time term. `now ≤ 0` (a scenario clock at the epoch) gives 0 instead of OAR3's
 * division by zero.
 */
export function waitingBonus(weight: number, now: number, submissionTime: number): number {
  return weight === 0 || now <= 0 ? 0 : (weight * (now - submissionTime)) / now;
}

/** The sorter: every job of the group, by decreasing priority, stable. */
export function sortSimplePriority(ctx: SortContext, log: PluginLogger): readonly Job[] {
  const { waitingTimeWeight } = parseSettings(ctx.config);
  const keyed = ctx.jobs.map((job, rank) => ({
    job,
    rank,
    priority: basePriority(job, log) + waitingBonus(waitingTimeWeight, ctx.now, job.record.submissionTime),
  }));
  keyed.sort((a, b) => b.priority - a.priority || a.rank - b.rank);
  return keyed.map((k) => k.job);
}
