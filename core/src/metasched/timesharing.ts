/**
 * Whether a besteffort job may keep running under a job that needs its resources (metascheduler.md
 * §8): both are `timesharing` jobs whose keys accept each other. OAR3 never applies this rule (its
 * type map loses `timesharing`); the port does.
 */
import { jobType } from '../jobs/job-types.js';
import type { JobRecord } from '../model/snapshot.js';

export function timesharingCompatible(a: JobRecord, b: JobRecord): boolean {
  const ka = jobType(a.types, 'timesharing');
  const kb = jobType(b.types, 'timesharing');
  if (ka === undefined || kb === undefined) return false;
  const [ua, na] = fields(ka);
  const [ub, nb] = fields(kb);
  if (ua !== ub || na !== nb) return false;
  const sameUser = a.user === b.user;
  const sameName = (a.name ?? '') === (b.name ?? '');
  if (ua === '*' && na === '*') return true;
  if (ua === 'user' && na === 'name') return sameUser && sameName;
  if (ua === 'user') return sameUser;
  return sameName;
}

/** `timesharing=user,*` → `['user', '*']`; an empty value means `*,*`. */
function fields(value: string): [string, string] {
  const [user = '*', name = '*'] = value.split(',').map((w) => w.trim() || '*');
  return [user === 'user' ? 'user' : '*', name === 'name' ? 'name' : '*'];
}
