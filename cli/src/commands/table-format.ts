/**
 * What the tables for people share (`schedule --format table`, `demo`): columns aligned to their
 * widest cell, dates to the minute in the scheduler's time zone, durations as `h:mm:ss`, and
 * resource ids grouped by node (`node-1[1-8] node-2[9-12]`).
 */
import { MAX_TIME, OarSchedError, type ResourceRecord } from '@oar-sched/core';

/** The engine's slot chain ends at `MAX_TIME - 2` (then one sentinel slot): a time from there on is "never". */
export const ENDLESS = MAX_TIME - 2;

/** Columns padded to their widest cell (two spaces apart), the last one not padded. */
export function alignRows<R extends object>(rows: readonly R[], columns: readonly { key: keyof R; right?: boolean }[]): string[] {
  const text = (row: R, key: keyof R) => String(row[key]);
  const widths = columns.map((c) => Math.max(...rows.map((r) => text(r, c.key).length)));
  return rows.map((row) =>
    columns
      .map((c, i) => {
        const cell = text(row, c.key);
        if (i === columns.length - 1) return cell;
        return c.right ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!);
      })
      .join('  ')
      .trimEnd(),
  );
}

/** `2026-12-01 10:00` in `timezone`; an unknown zone is the scenario's error (the config file's was checked on load). */
export function dateFormatter(timezone: string, scenarioName: string): (seconds: number) => string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  } catch {
    throw new OarSchedError(
      'SCENARIO_INVALID',
      `${scenarioName}: config.timezone: unknown time zone "${timezone}"`,
      'use an IANA time zone name such as "UTC" or "Europe/Paris"',
    );
  }
  return (seconds) => {
    if (seconds >= ENDLESS) return '∞';
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(new Date(seconds * 1000))) parts[p.type] = p.value;
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };
}

/** Seconds as `h:mm:ss` (hours not wrapped: `36:00:00`). */
export function duration(seconds: number | undefined): string {
  if (seconds === undefined) return '-';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Resource ids of a result string (`"1-4 9-12"`, scenario format §10), in order. */
export function parseIds(text: string): number[] {
  const ids: number[] = [];
  for (const item of text.split(/\s+/)) {
    if (item === '') continue;
    const [a, b] = item.split('-').map(Number) as [number, number | undefined];
    for (let id = a; id <= (b ?? a); id++) ids.push(id);
  }
  return ids;
}

/** Sorted ids as compact ranges: `1-4,9,12-16`. */
export function compactRanges(sortedIds: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < sortedIds.length; ) {
    let j = i;
    while (j + 1 < sortedIds.length && sortedIds[j + 1] === sortedIds[j]! + 1) j++;
    parts.push(i === j ? String(sortedIds[i]) : `${sortedIds[i]}-${sortedIds[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Resource ids → `node-1[1-8] node-2[9-12]`: grouped by the value of the first hierarchy label
 * other than `resource_id` (groups in the order of their lowest id), plain ranges for resources
 * without that property, or for every resource when there is no such label.
 */
export function resourceFormatter(resources: readonly ResourceRecord[], hierarchyLabels: readonly string[]): (ids: readonly number[]) => string {
  const label = hierarchyLabels.find((l) => l !== 'resource_id' && l !== 'id');
  const byId = new Map<number, ResourceRecord>(resources.map((r) => [r.id, r]));
  return (ids) => {
    const sorted = [...ids].sort((a, b) => a - b);
    if (label === undefined) return compactRanges(sorted);
    const groups = new Map<string, number[]>();
    for (const id of sorted) {
      const value = byId.get(id)?.properties[label];
      const key = value === undefined ? '' : `=${value}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(id);
    }
    return [...groups].map(([key, group]) => (key === '' ? compactRanges(group) : `${key.slice(1)}[${compactRanges(group)}]`)).join(' ');
  };
}
