/**
 * `jobs.message` as OAR writes it (metascheduler.md §5.5, §4.4 step 3): the format is read by
 * `oarstat` and by sites' scripts, so it is exact. Messages are at most 255 characters.
 */
export interface MessageJob {
  readonly queue: string;
  readonly name: string | null;
  readonly jobType: 'INTERACTIVE' | 'PASSIVE';
}

const MAX_MESSAGE = 255;

/**
 * A planned job: `R=<n>,W=<walltime with security>,J=<P|I>,Q=<queue>[,N=<name>][ (Karma=<k>)]`,
 * the karma when the sorting policy computed one (§5.5), written as OAR's Python prints a float.
 */
export function plannedJobMessage(job: MessageJob, resources: number, plannedWalltime: number, karma?: number): string {
  const karmaPart = karma === undefined ? '' : ` (Karma=${pythonFloat(karma)})`;
  return truncate(`R=${resources},W=${plannedWalltime},J=${jobKind(job)},Q=${job.queue}${job.name ? `,N=${job.name}` : ''}${karmaPart}`);
}

/**
 * A float as Python's `str(float)` writes it (OAR formats the karma so, and `oarstat` parses it
 * back): the shortest digits that round-trip, like JavaScript, but always with a fraction or an
 * exponent (`0.0`, `1.0`), in exponent form below 1e-4 and from 1e16 (`1e-05`, `1.5e+16`).
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [digits, exponentText] = x.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) return `${digits}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  const fixed = String(x);
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** A current (running, launching, …) job: `R=<n>,J=<P|I>,Q=<queue>`, rewritten every round. */
export function currentJobMessage(job: MessageJob, resources: number): string {
  return truncate(`R=${resources},J=${jobKind(job)},Q=${job.queue}`);
}

/** The message with its `R=` field (resource count) replaced, when it has one. */
export function withResourceCount(message: string, resources: number): string {
  return message.replace(/(^|,)R=\d+/, `$1R=${resources}`);
}

/** The message with its `W=` field (planned walltime, seconds) replaced, when it has one. */
export function withPlannedWalltime(message: string, walltime: number): string {
  return message.replace(/(^|,)W=\d+/, `$1W=${walltime}`);
}

/** Why a job could not be planned, for a job whose request is malformed (not for a job that merely waits). */
export function cannotScheduleMessage(reason: string): string {
  return truncate(`Cannot be scheduled: ${reason}`);
}

export function truncate(text: string): string {
  return text.length <= MAX_MESSAGE ? text : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}

function jobKind(job: MessageJob): 'P' | 'I' {
  return job.jobType === 'INTERACTIVE' ? 'I' : 'P';
}
