/**
 * Every error a user can cause (bad scenario, bad config, bad plugin) is an `OarSchedError` with a
 * stable `code`. The CLI prints `message` (never a stack trace) and exits with status 2; callers
 * may branch on `code`. `hint` says how to fix it when that is not obvious from the message.
 */
export class OarSchedError extends Error {
  override readonly name = 'OarSchedError';

  constructor(
    readonly code: OarSchedErrorCode,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Stable error codes; adding one is fine, renaming one is a breaking change. */
export type OarSchedErrorCode =
  | 'SCENARIO_UNREADABLE'
  | 'SCENARIO_INVALID_JSON'
  | 'SCENARIO_INVALID'
  | 'EXPRESSION_SYNTAX'
  | 'PROPERTY_FILTER_INVALID'
  | 'QUOTAS_INVALID'
  | 'SORTING_INVALID'
  | 'CONFIG_INVALID'
  | 'CONFIG_UNREADABLE'
  | 'PLUGIN_MANIFEST_INVALID'
  | 'PLUGIN_API_MISMATCH'
  | 'PLUGIN_ENTRY_MISSING'
  | 'PLUGIN_LOAD_FAILED'
  | 'PLUGIN_OPTIONS_INVALID'
  | 'PLUGIN_DUPLICATE_NAME'
  | 'PLUGIN_NOT_FOUND'
  | 'HOOK_MISSING_DEFAULT'
  | 'DB_URL_INVALID'
  | 'DB_UNREACHABLE'
  | 'DB_SCHEMA_INVALID'
  | 'DB_LOCKED';

export function isOarSchedError(e: unknown): e is OarSchedError {
  return e instanceof Error && (e as { name?: unknown }).name === 'OarSchedError' && typeof (e as OarSchedError).code === 'string';
}
