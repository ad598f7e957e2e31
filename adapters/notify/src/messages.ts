/**
 * The exact texts a round sends, shared by the real notifier and the recorder so that what a test
 * reads from a `RecordingNotifier` is byte for byte what `OarNotifier` puts on the wire.
 *
 * Checked against OAR 3 (oar-team/oar3 at c332316): `oar/kao/meta_sched.py` (`notify_to_run_job`,
 * the end of `meta_schedule`) and `oar/lib/tools.py` (`notify_almighty`, `notify_bipbip_commander`,
 * `notify_tcp_socket`, `local_to_sql`); the receivers are `oar/modules/bipbip_commander.py`,
 * `oar/modules/almighty.py` (ZeroMQ PULL + `recv_json`) and `oar/cli/oarsub.py` (one
 * `recv(1024)` per accepted connection, last character dropped).
 */
import { OarSchedError } from '@oar-sched/core';

/** A command the central automaton ("almighty") understands; the round sends `ChState` and `Qdel`. */
export type AutomatonCommand = 'ChState' | 'Qdel' | 'Scheduling' | 'Term' | 'Villains' | 'Finaud' | (string & {});

/** Optional fields of an automaton message (OAR's `notify_almighty(cmd, job_id, args)`). */
export interface AutomatonOptions {
  readonly jobId?: number;
  readonly args?: readonly string[];
}

/** What the bipbip commander receives to launch a job: `{"job_id": <id>, "cmd": "OARRUN", "args": []}`. */
export interface LaunchMessage {
  readonly job_id: number;
  readonly cmd: 'OARRUN';
  readonly args: readonly string[];
}

/** What the automaton receives: `{"cmd": <command>}`, plus `job_id` and `args` only when given (non-zero, non-empty). */
export interface AutomatonMessage {
  readonly cmd: string;
  readonly job_id?: number;
  readonly args?: readonly string[];
}

/** `meta_sched.py` `notify_to_run_job`: `{"job_id": int(jid), "cmd": "OARRUN", "args": []}`. */
export function launchMessage(jobId: number): LaunchMessage {
  return { job_id: jobId, cmd: 'OARRUN', args: [] };
}

/**
 * `tools.py` `notify_almighty`: `message = {"cmd": cmd}`, then `job_id` if truthy, then `args` if
 * truthy (so a job id 0 and an empty list are left out, as there).
 */
export function automatonMessage(command: AutomatonCommand, options: AutomatonOptions = {}): AutomatonMessage {
  const message: { cmd: string; job_id?: number; args?: readonly string[] } = { cmd: command };
  if (options.jobId) message.job_id = options.jobId;
  if (options.args && options.args.length > 0) message.args = [...options.args];
  return message;
}

/**
 * The bytes pyzmq's `send_json` puts in the (single) frame: Python's `json.dumps` with its
 * defaults, i.e. `", "` and `": "` separators, keys in insertion order, every character from
 * U+007F up escaped as `\uXXXX` (lower-case hex, UTF-16 code units; control characters as
 * `JSON.stringify` and Python both write them). The receivers parse it with
 * `recv_json`, so any JSON would do; matching the reference byte for byte keeps captures comparable.
 * Only what these messages hold is supported: strings, integers, arrays, plain objects.
 */
export function pythonJsonDumps(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`pythonJsonDumps: only integers are supported, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
  }
  throw new TypeError(`pythonJsonDumps: unsupported value ${String(value)}`);
}

/** The launch order's frame, e.g. `{"job_id": 42, "cmd": "OARRUN", "args": []}`. */
export function launchFrame(jobId: number): string {
  return pythonJsonDumps(launchMessage(jobId));
}

/** The automaton command's frame, e.g. `{"cmd": "ChState"}`. */
export function automatonFrame(command: AutomatonCommand, options: AutomatonOptions = {}): string {
  return pythonJsonDumps(automatonMessage(command, options));
}

/** The acknowledgement of an accepted advance reservation (spec §7.4). */
export const GOOD_RESERVATION = 'GOOD RESERVATION';
/** The last line a submitter gets for a job that went to `Error` (spec §9.1). */
export const BAD_JOB = 'BAD JOB';

/** Lines for an accepted advance reservation: `GOOD RESERVATION`. */
export function reservationAcceptedLines(): readonly string[] {
  return [GOOD_RESERVATION];
}

/** Lines for an interactive job or passive AR in `toError`: the job's message, then `BAD JOB`. */
export function jobErrorLines(message: string): readonly string[] {
  return [message, BAD_JOB];
}

/**
 * The start prediction sent to a waiting `oarsub -I`:
 * `[<now>] Start prediction: <start> (<message>)`, both dates as `formatOarDate` gives them.
 */
export function startPredictionLine(now: number, start: number, message: string, timeZone?: string): string {
  return `[${formatOarDate(now, timeZone)}] Start prediction: ${formatOarDate(start, timeZone)} (${message})`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = dateFormats.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch (e) {
      throw new OarSchedError('CONFIG_INVALID', `unknown time zone "${timeZone}": ${(e as Error).message}`, 'use an IANA name such as "Europe/Paris" or "UTC"');
    }
    dateFormats.set(key, format);
  }
  return format;
}

/**
 * OAR's `local_to_sql`: `time.strftime("%F %T", time.localtime(t))`, i.e. `YYYY-MM-DD HH:MM:SS`
 * of the epoch seconds `t` as a local date-time, here in `timeZone` (an IANA name; the process's
 * own zone when omitted, as Python's `localtime`). Fractions of a second are dropped.
 */
export function formatOarDate(epochSeconds: number, timeZone?: string): string {
  const parts = Object.fromEntries(dateFormat(timeZone).formatToParts(Math.floor(epochSeconds) * 1000).map((p) => [p.type, p.value]));
  return `${(parts.year ?? '').padStart(4, '0')}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** A submitter's address from `jobs.info_type` (`host:port`; an IPv6 host may be bracketed). */
export interface OarsubAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Splits `info_type` at its last colon. Returns a reason string (never throws) when it is not
 * `host:port` with a port in 1..65535: the round skips the notification and logs why (the
 * reference crashes on an empty `info_type`, spec §9.1).
 */
export function parseInfoType(infoType: string | null | undefined): OarsubAddress | string {
  const text = (infoType ?? '').trim();
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return `info_type ${JSON.stringify(infoType ?? null)} is not host:port`;
  let host = text.slice(0, colon);
  const portText = text.slice(colon + 1);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535 || host === '') {
    return `info_type ${JSON.stringify(infoType)} is not host:port with a port in 1..65535`;
  }
  return { host, port };
}
