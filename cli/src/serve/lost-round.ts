/**
 * What a client is told when the server stopped during its round (the server process died, or
 * its round thread did). Before the commit, the round's transaction rolled back with the server's
 * database connection: nothing was written, the round failed (exit 10). After the commit, the
 * plan is in the database and its exit code stands, as when a notification fails in-process:
 * only what came after the commit (notifications, the round's report) may be missing.
 *
 * Loaded by every `oar-sched round` that reaches a server: no engine.
 */
import { EXIT_ROUND_FAILED } from '../exit-codes.js';

export function lostRound(where: string, reason: string, committedExitCode: number | undefined): { readonly text: string; readonly code: number } {
  if (committedExitCode === undefined) {
    return {
      text:
        `oar-sched: ${where} stopped before the round finished (${reason}): its database transaction was not committed ` +
        'and rolled back with its connection\noar-sched: the round wrote nothing\n',
      code: EXIT_ROUND_FAILED,
    };
  }
  return {
    text:
      `oar-sched: warning: ${where} stopped after the round committed (${reason}): the plan is in the database, ` +
      `but notifications and the round's report may be missing\noar-sched: exit ${committedExitCode}\n`,
    code: committedExitCode,
  };
}
