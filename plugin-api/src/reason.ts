/**
 * Why a job was not scheduled. `code` is stable (scripts may branch on it); `message` is a
 * sentence for a sysadmin and becomes the job's message in OAR.
 */
export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
}

export type ReasonCode =
  | 'NO_WINDOW'
  | 'REQUEST_UNSATISFIABLE'
  | 'CONSTRAINT_EMPTY'
  | 'UNKNOWN_LEVEL'
  | 'QUOTA_EXCEEDED'
  | 'WINDOW_TIME_LIMIT'
  | 'DEPENDENCY'
  | 'NO_SLOT_SET'
  | 'UNKNOWN_FIND_PLUGIN'
  | 'UNKNOWN_ASSIGN_PLUGIN'
  | 'PLUGIN_DECLINED'
  | 'PLUGIN_ERROR'
  | 'QUEUE_NOT_SCHEDULED'
  | 'GROUP_LIMIT'
  | 'NOT_SORTED'
  | 'RESERVATION_TOO_OLD'
  | 'RESERVATION_UNAVAILABLE'
  | 'REQUEST_INVALID';

export function reason(code: ReasonCode, message: string): Reason {
  return { code, message };
}
