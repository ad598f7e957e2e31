/**
 * The whole process's share of a command, for the phases a round reports: OAR starts the
 * scheduler as a new process every cycle, so Node's start and the loading of modules, config and
 * plugins are paid every round, beside the round's own phases. `performance.now()` counts from the
 * process's start.
 */
import { performance } from 'node:perf_hooks';

let mainEnteredAt: number | undefined;

/** Called once by the binary's `main()`; a CLI run in-process (tests) never calls it. */
export function markMainEntered(): void {
  mainEnteredAt ??= performance.now();
}

export interface ProcessPhases {
  /** Process start → `main()`: Node's own start and the binary's first modules (ms). */
  readonly start: number;
  /** `main()` → now: the command's modules, config, plugins and database connection (ms). */
  readonly load: number;
}

/** Undefined when the CLI runs inside another process (no `main()`). */
export function processPhasesUntilNow(): ProcessPhases | undefined {
  if (mainEnteredAt === undefined) return undefined;
  return { start: mainEnteredAt, load: performance.now() - mainEnteredAt };
}

/** The process's peak resident memory so far, in bytes. */
export function peakMemoryBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}
