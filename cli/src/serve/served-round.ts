/**
 * What a round run inside `oar-sched serve` gets from the server in place of what a process of
 * its own would have. The command (commands/round.ts) is otherwise the same code, parsing the same
 * command line: a served round prints, writes and exits as an in-process one.
 */
import type { ProcessPhases } from '../process-timing.js';
import type { SetupSource } from '../setup.js';

export interface ServedRoundContext {
  /** The server's setup for these options, kept between rounds (serve/warm-setups.ts). */
  readonly setup: SetupSource;
  /**
   * The phases before the round, for `--json` and `--metrics`: `start` is the client process's
   * (Node's start up to its `main`), `load` the client's own loading and connection plus the
   * server's time from receiving the request to the round (a wait behind another round included).
   */
  processPhases(): ProcessPhases | undefined;
  /** Called right after the round's transaction committed, with the exit code its plan decided. */
  onCommitted(exitCode: number): void;
}
