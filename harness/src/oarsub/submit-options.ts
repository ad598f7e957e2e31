/**
 * What a test submits: oarsub's options as an object (`SubmitOptions`), or an oarsub command line
 * parsed into one (`parseSubmitLine`). `toJobInsert` turns either into the rows oarsub writes.
 */
import type { JobInsert } from '@oar-sched/db';
import { parseDate } from './duration.js';
import { parseResourceRequests, type RequestParseOptions } from './resource-request.js';
import { shellWords } from './shell-words.js';
import { SubmitError } from './submit-error.js';

/**
 * One job, with oarsub's option letters. Every field is optional: the defaults are oarsub's
 * (`/resource_id=1`, one hour, queue `default`).
 */
export interface SubmitOptions {
  /** `-l`: resource requests, one moldable each (`'/nodes=2/core=4,walltime=1:0:0'`). */
  readonly l?: string | readonly string[] | undefined;
  /** `-t`: job types (`besteffort`, `container`, `inner=5`, `find=contiguous_1h`, `priority=0.5`, …). */
  readonly t?: string | readonly string[] | undefined;
  /** `-q`: the queue (default `default`; `besteffort` when `-t besteffort` is given, as OAR's admission rules do). */
  readonly q?: string | undefined;
  /** `-p`: the job's property filter, an SQL condition on resources (`"gpu='YES'"`). */
  readonly p?: string | undefined;
  /** `-r`: an advance reservation's start: `'YYYY-MM-DD HH:MM:SS'` in the scheduler's time zone, or epoch seconds. */
  readonly r?: string | number | undefined;
  /** `--project` (default: the schema's default). */
  readonly project?: string | undefined;
  /** `-n`: the job name. */
  readonly n?: string | undefined;
  /** The submitting user (`job_user`; oarsub takes the Unix user). Default `''`. */
  readonly user?: string | undefined;
  /** `-a`: ids of jobs this one waits for. */
  readonly a?: number | readonly number[] | undefined;
  /** `--hold`: submitted in state `Hold`. */
  readonly hold?: boolean | undefined;
  /** The command (oarsub's last argument). */
  readonly command?: string | undefined;
  /** Submission date: epoch seconds or a date as `r`; default: the harness clock. */
  readonly submissionTime?: number | string | undefined;
  /**
   * Not oarsub: the job is already running, since `start` (epoch seconds or a date), on these
   * resource ids (and with moldable `moldable`, default 0). For tests that need an occupied cluster.
   */
  readonly running?: { readonly start: number | string; readonly resources: readonly number[]; readonly moldable?: number | undefined } | undefined;
}

interface OptionSpec {
  readonly key: keyof SubmitOptions;
  readonly names: readonly string[];
  readonly repeat?: boolean;
  readonly flag?: boolean;
}

const OPTIONS: readonly OptionSpec[] = [
  { key: 'l', names: ['-l', '--resource'], repeat: true },
  { key: 't', names: ['-t', '--type'], repeat: true },
  { key: 'q', names: ['-q', '--queue'] },
  { key: 'p', names: ['-p', '--property'] },
  { key: 'r', names: ['-r', '--reservation'] },
  { key: 'project', names: ['--project'] },
  { key: 'n', names: ['-n', '--name'] },
  { key: 'user', names: ['-u', '--user'] },
  { key: 'a', names: ['-a', '--anterior'], repeat: true },
  { key: 'hold', names: ['--hold'], flag: true },
];

const KNOWN = OPTIONS.flatMap((o) => o.names).join(', ');

/**
 * Parses an oarsub command line (without the leading `oarsub`, quoted as in a shell) into
 * `SubmitOptions`. Options take their value as the next word, or attached (`--queue=default`,
 * `-qdefault`); `-l`, `-t` and `-a` may repeat; the first word that is not an option starts the
 * command, which takes every word after it.
 * `-u USER` is the harness's addition (the submitting user). Throws a `SubmitError` for an
 * unknown option, a missing value, a repeated single option or a non-numeric `-a`.
 */
export function parseSubmitLine(line: string): SubmitOptions {
  const words = shellWords(line);
  const out: Record<string, unknown> = {};
  const command: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (command.length > 0 || !word.startsWith('-') || word === '-') {
      command.push(word);
      continue;
    }
    let spec: OptionSpec | undefined;
    let value: string | undefined;
    for (const o of OPTIONS) {
      for (const name of o.names) {
        if (word === name) spec = o;
        else if (name.startsWith('--') && word.startsWith(`${name}=`)) [spec, value] = [o, word.slice(name.length + 1)];
        else if (!name.startsWith('--') && !o.flag && word.length > 2 && word.startsWith(name) && !word.startsWith('--')) [spec, value] = [o, word.slice(2)];
      }
      if (spec) break;
    }
    if (!spec) throw new SubmitError(`unknown option ${JSON.stringify(word)} in: ${line} (known: ${KNOWN})`);
    if (spec.flag) {
      if (value !== undefined) throw new SubmitError(`${spec.names.join('/')} takes no value in: ${line}`);
      out[spec.key] = true;
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= words.length) throw new SubmitError(`${word} needs a value in: ${line}`);
      value = words[++i]!;
    }
    if (spec.key === 'a') {
      if (!/^\d+$/.test(value.trim())) throw new SubmitError(`-a ${JSON.stringify(value)}: expected a job id (a whole number) in: ${line}`);
      ((out.a ??= []) as number[]).push(Number(value));
    } else if (spec.repeat) {
      ((out[spec.key] ??= []) as string[]).push(value);
    } else {
      if (out[spec.key] !== undefined) throw new SubmitError(`${spec.names.join('/')} is given twice in: ${line}`);
      out[spec.key] = value;
    }
  }
  if (command.length > 0) out.command = command.join(' ');
  return out as SubmitOptions;
}

/** What `toJobInsert` needs to know about the database and the clock. */
export interface SubmitContext extends RequestParseOptions {
  /** Reads `-r` and date strings (IANA name). */
  readonly timeZone: string;
  /** Default submission time (epoch seconds). */
  readonly now: number;
}

const list = <T>(v: T | readonly T[] | undefined): readonly T[] => (v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T]);

/** Epoch seconds of a number or a date string; `what` names the option in errors. */
export function toEpoch(value: number | string, timeZone: string, what: string): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new SubmitError(`${what} ${value}: expected whole epoch seconds`);
    return value;
  }
  const t = parseDate(value, timeZone);
  if (t === undefined) throw new SubmitError(`${what} ${JSON.stringify(value)}: expected a date "YYYY-MM-DD HH:MM:SS" (time zone ${timeZone}) or epoch seconds`);
  return t;
}

/**
 * The rows oarsub writes for these options (`insertJob`'s input): moldables from `-l` (checked
 * against the hierarchy labels), types, dependencies, the reservation (`reservation =
 * 'toSchedule'`, `start_time`), the queue (OAR's admission rules: `-t besteffort` alone goes to
 * queue `besteffort`, `-q besteffort` adds type `besteffort`), `initial_request`.
 */
export function toJobInsert(options: SubmitOptions, context: SubmitContext, initialRequest?: string): JobInsert {
  const moldables = parseResourceRequests(list(options.l), context);
  const types = [...list(options.t)];
  for (const t of types) if (t.trim() === '') throw new SubmitError('-t "": empty job type');
  let queue = options.q;
  if (queue === '') throw new SubmitError('-q "": empty queue name');
  if (queue === undefined) queue = types.includes('besteffort') ? 'besteffort' : 'default';
  else if (queue === 'besteffort' && !types.includes('besteffort')) types.push('besteffort');
  const dependencies = list(options.a).map((id) => {
    if (!Number.isSafeInteger(id) || id <= 0) throw new SubmitError(`-a ${id}: expected a job id (a positive whole number)`);
    return id;
  });
  const submissionTime = options.submissionTime === undefined ? context.now : toEpoch(options.submissionTime, context.timeZone, 'submissionTime');
  const running = options.running;
  if (running !== undefined && options.r !== undefined) throw new SubmitError('running and -r cannot both be given');
  if (running !== undefined && running.resources.length === 0) throw new SubmitError('running.resources: a running job needs resource ids');
  return {
    queue,
    user: options.user,
    properties: options.p ?? '',
    types,
    dependencies,
    moldables,
    name: options.n,
    project: options.project,
    command: options.command,
    initialRequest: initialRequest ?? null,
    submissionTime,
    ...(options.hold === true ? { state: 'Hold' as const } : {}),
    ...(options.r !== undefined ? { reservation: 'toSchedule' as const, startTime: toEpoch(options.r, context.timeZone, '-r') } : {}),
    ...(running !== undefined
      ? {
          state: 'Running' as const,
          startTime: toEpoch(running.start, context.timeZone, 'running.start'),
          assignedMoldable: running.moldable ?? 0,
          assignedResources: running.resources,
        }
      : {}),
  };
}
