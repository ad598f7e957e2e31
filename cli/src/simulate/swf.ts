/**
 * The Standard Workload Format (SWF) of the Parallel Workloads Archive: one job per line, 18
 * whitespace-separated numeric fields, `;` starts a comment (header) line, `-1` means unknown.
 * The simulator uses job number (1), submit time (2), run time (4), allocated processors (5),
 * requested processors (8), requested time (9), user id (12) and queue number (15).
 *
 * Two kinds of problems, both reported with their line number and never thrown:
 * - a **malformed** line (not 18 numbers, a job number that is not a positive integer or is
 *   repeated): the file itself is wrong; `simulate --strict` stops on the first list of them;
 * - a **skipped** job (submit time, run time or processors unknown): a well-formed line the
 *   simulator cannot replay (cancelled jobs in archive traces look like this); never fatal.
 */

/** One replayable job of a trace. */
export interface SwfJob {
  /** SWF job number (field 1): the job id in the simulation (FIFO order = increasing id). */
  readonly id: number;
  /** Line number in the file (1-based). */
  readonly line: number;
  readonly submit: number;
  /** Actual run time, seconds (≥ 0). */
  readonly runTime: number;
  /** Requested processors, else allocated processors (≥ 1). */
  readonly processors: number;
  /** Requested time, else the run time; at least 1 second (a walltime of 0 occupies nothing). */
  readonly walltime: number;
  /** SWF user id (field 12); -1 when unknown. */
  readonly user: number;
  /** SWF queue number (field 15); -1 when unknown. */
  readonly queue: number;
}

export interface SwfProblem {
  readonly line: number;
  readonly message: string;
}

export interface SwfTrace {
  /** Replayable jobs, in file order. */
  readonly jobs: readonly SwfJob[];
  readonly malformed: readonly SwfProblem[];
  readonly skipped: readonly SwfProblem[];
}

export const SWF_FIELDS = 18;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function parseSwf(text: string): SwfTrace {
  const jobs: SwfJob[] = [];
  const malformed: SwfProblem[] = [];
  const skipped: SwfProblem[] = [];
  const seen = new Map<number, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith(';')) continue;
    const fields = raw.split(/\s+/);
    if (fields.length !== SWF_FIELDS) {
      malformed.push({ line, message: `${fields.length} fields, expected ${SWF_FIELDS}` });
      continue;
    }
    const bad = fields.findIndex((f) => !NUMBER.test(f));
    if (bad >= 0) {
      malformed.push({ line, message: `field ${bad + 1} is not a number: "${fields[bad]}"` });
      continue;
    }
    const f = fields.map(Number);
    const id = f[0]!;
    if (!Number.isInteger(id) || id < 1) {
      malformed.push({ line, message: `job number must be a positive integer, got ${fields[0]}` });
      continue;
    }
    const first = seen.get(id);
    if (first !== undefined) {
      malformed.push({ line, message: `job number ${id} already used on line ${first}` });
      continue;
    }
    seen.set(id, line);
    const submit = f[1]!;
    const runTime = f[3]!;
    const processors = f[7]! > 0 ? f[7]! : f[4]!;
    const requested = f[8]! > 0 ? f[8]! : runTime;
    if (submit < 0) skipped.push({ line, message: `job ${id}: submit time unknown` });
    else if (runTime < 0) skipped.push({ line, message: `job ${id}: run time unknown` });
    else if (!(processors > 0)) skipped.push({ line, message: `job ${id}: processors unknown` });
    else {
      jobs.push({
        id,
        line,
        submit: Math.round(submit),
        runTime: Math.round(runTime),
        processors: Math.ceil(processors),
        walltime: Math.max(1, Math.round(requested)),
        user: Math.round(f[11]!),
        queue: Math.round(f[14]!),
      });
    }
  }
  return { jobs, malformed, skipped };
}

/** A capped list for messages: the first `max` problems, then `… and N more`. */
export function formatProblems(problems: readonly SwfProblem[], max = 10): string[] {
  const lines = problems.slice(0, max).map((p) => `line ${p.line}: ${p.message}`);
  if (problems.length > max) lines.push(`… and ${problems.length - max} more`);
  return lines;
}
