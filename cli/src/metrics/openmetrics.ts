/**
 * OpenMetrics text (the Prometheus text format's successor): `# HELP`/`# TYPE` per family, one
 * line per sample, `# EOF` last. Written atomically (a temporary file beside the target, then a
 * rename), so a node exporter's textfile collector never reads half a file.
 */
import { renameSync, writeFileSync } from 'node:fs';

export interface MetricSample {
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly value: number;
  /** Appended to the family name (`_total` for counters). */
  readonly suffix?: string | undefined;
}

export interface MetricFamily {
  /** snake_case, with the `oar_sched_` prefix. */
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly samples: readonly MetricSample[];
}

export function formatOpenMetrics(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    for (const s of f.samples) lines.push(`${f.name}${s.suffix ?? (f.type === 'counter' ? '_total' : '')}${labelText(s.labels)} ${numberText(s.value)}`);
  }
  lines.push('# EOF');
  return `${lines.join('\n')}\n`;
}

/** Writes `text` to `file` through a temporary file in the same folder and a rename. */
export function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

function labelText(labels: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (entries.length === 0) return '';
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`;
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function numberText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
