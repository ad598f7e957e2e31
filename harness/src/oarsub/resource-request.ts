/**
 * oarsub's resource request (`-l`), parsed as oarsub does (OAR 3 `parse_resource_descriptions`),
 * into the rows oarsub writes (database.md §1.4: one moldable per `-l`, one group per `+` part,
 * one level per `/label=count`):
 *
 * ```
 * request   = [resources] ["," "walltime=" duration]      (several -l: one moldable each)
 * resources = part ("+" part)*
 * part      = ["{" sql "}"] ("/" label "=" count)+
 * count     = positive integer | ALL | BEST | HALF_BEST    (written −1, −2, −3)
 * duration  = H | H:M | H:M:S
 * ```
 *
 * `nodes` (and `host`, unless `host` is itself a hierarchy label) stands for OAR's
 * `OARSUB_NODES_RESOURCES` (`network_address`); a request with no resource part is OAR's
 * `OARSUB_DEFAULT_RESOURCES` (`/resource_id=1`); a request with no walltime gets
 * `DEFAULT_JOB_WALLTIME`. Any error names what is wrong and where, as a `SubmitError`.
 */
import type { GroupInsert, MoldableInsert } from '@oar-sched/db';
import { parseDuration } from './duration.js';
import { SubmitError } from './submit-error.js';

/** OAR's `DEFAULT_JOB_WALLTIME`: the walltime of a request that gives none (seconds). */
export const DEFAULT_WALLTIME = 3600;
/** OAR's `OARSUB_DEFAULT_RESOURCES`: the resources of a request that gives none. */
export const DEFAULT_RESOURCES = '/resource_id=1';
/** OAR's `OARSUB_NODES_RESOURCES` in the harness configuration (plugin-harness.md §5.1). */
export const NODES_RESOURCES = 'network_address';

/** The special counts and the values oarsub writes for them (scheduler-core.md §4). */
export const SPECIAL_COUNTS: Readonly<Record<string, number>> = { ALL: -1, BEST: -2, HALF_BEST: -3 };

export interface RequestParseOptions {
  /**
   * Labels a level may name: the scheduler's hierarchy labels. A level naming anything else is
   * an error listing these.
   */
  readonly labels: readonly string[];
  /** Resource columns of the database, to say when an unknown label is a column but not a hierarchy label. */
  readonly columns?: readonly string[] | undefined;
  /** Walltime of a request that gives none (default `DEFAULT_WALLTIME`). */
  readonly defaultWalltime?: number | undefined;
  /** What `nodes` stands for (default `NODES_RESOURCES`). */
  readonly nodesResources?: string | undefined;
}

/**
 * Parses the `-l` options of one job (in order: one moldable each; none: the default request)
 * into the moldables oarsub writes. Throws a `SubmitError` naming the option, the problem and the
 * offending piece.
 */
export function parseResourceRequests(requests: readonly string[], options: RequestParseOptions): MoldableInsert[] {
  if (requests.length === 0) return [parseResourceRequest(DEFAULT_RESOURCES, options)];
  return requests.map((r) => parseResourceRequest(r, options));
}

/** Parses one `-l` value into one moldable (see the module doc for the grammar). */
export function parseResourceRequest(text: string, options: RequestParseOptions): MoldableInsert {
  const fail = (problem: string, at: string): never => {
    throw new SubmitError(`-l ${JSON.stringify(text)}: ${problem} at ${at.trim() === '' ? '(empty)' : at.trim()}`);
  };
  let walltime: number | undefined;
  let resources: string | undefined;
  for (const piece of splitTopLevel(text, ',', fail)) {
    const trimmed = piece.trim();
    const eq = trimmed.indexOf('=');
    const key = eq < 0 ? '' : trimmed.slice(0, eq).trim();
    if (key === 'walltime') {
      if (walltime !== undefined) fail('walltime is given twice', piece);
      const value = trimmed.slice(eq + 1).trim();
      const seconds = parseDuration(value);
      if (seconds === undefined) fail(`${JSON.stringify(value)} is not a walltime (expected H, H:M or H:M:S, e.g. 1:30:0)`, piece);
      if (seconds === 0) fail('the walltime must be longer than 0 s', piece);
      walltime = seconds;
    } else if (resources === undefined && (trimmed.startsWith('/') || trimmed.startsWith('{') || /^\w+=/.test(trimmed))) {
      resources = piece;
    } else if (resources === undefined && trimmed === '') {
      fail('empty resource request', piece);
    } else {
      fail(resources === undefined ? 'expected /label=count or {property}/label=count' : `unexpected ${JSON.stringify(trimmed)} (only walltime=… may follow the resources)`, piece);
    }
  }
  const groups = parseParts(resources ?? DEFAULT_RESOURCES, options, fail);
  return { walltime: walltime ?? options.defaultWalltime ?? DEFAULT_WALLTIME, groups };
}

type Fail = (problem: string, at: string) => never;

function parseParts(resources: string, options: RequestParseOptions, fail: Fail): GroupInsert[] {
  return splitTopLevel(resources, '+', fail).map((part) => {
    let rest = part.trim();
    let property = '';
    if (rest.startsWith('{')) {
      const close = matchingBrace(rest);
      if (close < 0) fail('unclosed {', part);
      property = rest.slice(1, close).trim();
      if (property === '') fail('empty property filter {}', part);
      rest = rest.slice(close + 1);
    }
    const levels = rest
      .split('/')
      .filter((s) => s.trim() !== '')
      .map((segment) => parseLevel(segment, options, fail));
    if (levels.length === 0) fail('no resource level (expected /label=count)', part);
    const seen = new Set<string>();
    for (const l of levels) {
      if (seen.has(l.label)) fail(`label ${l.label} appears twice in one part`, part);
      seen.add(l.label);
    }
    return { property, levels };
  });
}

function parseLevel(segment: string, options: RequestParseOptions, fail: Fail): { label: string; value: number } {
  const at = `/${segment.trim()}`;
  const eq = segment.indexOf('=');
  if (eq < 0) fail('expected label=count', at);
  const name = segment.slice(0, eq).trim();
  const count = segment.slice(eq + 1).trim();
  if (name === '') fail('missing resource label before =', at);
  const label = resolveLabel(name, options);
  if (!options.labels.includes(label)) {
    const known = options.labels.map((l) => (l === (options.nodesResources ?? NODES_RESOURCES) ? `${l} (or nodes)` : l)).join(', ');
    const column = options.columns?.includes(label) === true;
    fail(
      column
        ? `"${name}" is a resources column but not a hierarchy label (hierarchyLabels: ${known}); add it to hierarchyLabels to request it`
        : `unknown resource label "${name}" (known: ${known})`,
      at,
    );
  }
  const value = parseCount(count);
  if (value === undefined) fail(`${JSON.stringify(count)} is not a count (expected a positive integer, ALL, BEST or HALF_BEST)`, at);
  return { label, value: value! };
}

function resolveLabel(name: string, options: RequestParseOptions): string {
  const nodes = options.nodesResources ?? NODES_RESOURCES;
  if (name === 'nodes') return nodes;
  if (name === 'host' && !options.labels.includes('host')) return nodes;
  return name;
}

function parseCount(text: string): number | undefined {
  if (/^[1-9]\d*$/.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) && n <= 2 ** 31 - 1 ? n : undefined;
  }
  return SPECIAL_COUNTS[text];
}

/** Index of the `}` closing the `{` at 0, skipping quoted SQL strings; −1 when unclosed. */
function matchingBrace(text: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Splits on `sep` outside `{…}` property filters (which may hold `,`, `+` and `/`). */
function splitTopLevel(text: string, sep: string, fail: Fail): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '{') {
      const close = matchingBrace(text.slice(i));
      if (close < 0) fail('unclosed {', text.slice(i));
      i += close + 1;
    } else if (c === sep) {
      out.push(text.slice(start, i));
      start = ++i;
    } else i++;
  }
  out.push(text.slice(start));
  return out;
}
