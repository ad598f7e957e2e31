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

/** A planned job: `R=<n>,W=<walltime with security>,J=<P|I>,Q=<queue>[,N=<name>]`. */
export function plannedJobMessage(job: MessageJob, resources: number, plannedWalltime: number): string {
  return truncate(`R=${resources},W=${plannedWalltime},J=${jobKind(job)},Q=${job.queue}${job.name ? `,N=${job.name}` : ''}`);
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
