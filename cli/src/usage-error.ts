/**
 * A command used in a way that cannot work (e.g. `--check` on a scenario without expectations):
 * one message, exit 2, like a bad input. Kept apart from the engine's coded `OarSchedError`s,
 * which are about input files, not about the command line.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function isUsageError(e: unknown): e is UsageError {
  return e instanceof UsageError;
}
