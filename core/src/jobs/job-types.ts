/**
 * The job types the scheduler itself interprets (a job's `job_types` rows, `name` or
 * `name=value`). Every read of one goes through `jobType`/`hasJobType`, whose `name` only accepts
 * these, so this list is the complete set; docs/reference/job-types.md documents each and a docs
 * test compares the two. Any other type is left to plugins and quotas (`Job.types`).
 */
export const INTERPRETED_JOB_TYPES = [
  'besteffort',
  'container',
  'inner',
  'timesharing',
  'placeholder',
  'allow',
  'no_quotas',
  'find',
  'assign',
] as const;

export type InterpretedJobType = (typeof INTERPRETED_JOB_TYPES)[number];

/** Consumed by the core: not copied into `Job.types`, so invisible to plugins and quota type matching. */
export const CORE_JOB_TYPES: ReadonlySet<string> = new Set<InterpretedJobType>(['timesharing', 'placeholder', 'allow', 'assign', 'find', 'no_quotas']);

type JobTypes = Readonly<Record<string, string>>;

/** The value of a type (`''` for a bare `besteffort`), `undefined` when the job does not have it. */
export function jobType(types: JobTypes, name: InterpretedJobType): string | undefined {
  return Object.hasOwn(types, name) ? types[name] : undefined;
}

export function hasJobType(types: JobTypes, name: InterpretedJobType): boolean {
  return Object.hasOwn(types, name);
}
