/**
 * `simulate --out DIR`'s report.html: one self-contained page (no script, no network): the
 * figures per config side by side and two inline SVG plots over time, queue length (waiting jobs)
 * and utilisation (busy / usable resources), one series per config. The timelines are step
 * functions; each is drawn from its value at SAMPLES evenly spaced times.
 */
import type { TimelinePoint } from './engine.js';
import { formatDuration } from './format-report.js';
import type { ConfigRunOutput } from './run-config.js';

export const SAMPLES = 600;
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];
const W = 900;
const H = 260;
const PAD = { left: 60, right: 20, top: 20, bottom: 40 };

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Values of a step function at `n` evenly spaced times of [t0, t1]. */
export function sampleSteps(points: readonly TimelinePoint[], pick: (p: TimelinePoint) => number, t0: number, t1: number, n = SAMPLES): [number, number][] {
  const out: [number, number][] = [];
  let i = 0;
  let value = 0;
  for (let k = 0; k <= n; k++) {
    const t = t0 + ((t1 - t0) * k) / n;
    while (i < points.length && points[i]!.t <= t) value = pick(points[i++]!);
    out.push([t, value]);
  }
  return out;
}

function plot(title: string, series: { name: string; points: [number, number][] }[], t0: number, t1: number, yMax: number, yLabel: (v: number) => string): string {
  const x = (t: number) => PAD.left + ((t - t0) / Math.max(t1 - t0, 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - (v / Math.max(yMax, 1e-9)) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const grid = ticks
    .map((f) => `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(f * yMax)}" y2="${y(f * yMax)}" stroke="#ddd"/><text x="${PAD.left - 6}" y="${y(f * yMax) + 4}" text-anchor="end">${escape(yLabel(f * yMax))}</text>`)
    .join('');
  const xTicks = ticks.map((f) => `<text x="${x(t0 + f * (t1 - t0))}" y="${H - PAD.bottom + 16}" text-anchor="middle">${escape(formatDuration(f * (t1 - t0)))}</text>`).join('');
  const lines = series
    .map((s, i) => {
      let d = '';
      let prev: number | undefined;
      for (const [t, v] of s.points) {
        d += prev === undefined ? `M${x(t).toFixed(1)},${y(v).toFixed(1)}` : `H${x(t).toFixed(1)}V${y(v).toFixed(1)}`;
        prev = v;
      }
      return `<path class="series" data-config="${escape(s.name)}" d="${d}" fill="none" stroke="${COLOURS[i % COLOURS.length]}" stroke-width="1.5"/>`;
    })
    .join('');
  const legend = series.map((s, i) => `<text x="${PAD.left + 10 + i * 220}" y="${PAD.top - 5}" fill="${COLOURS[i % COLOURS.length]}">■ ${escape(s.name)}</text>`).join('');
  return `<figure><figcaption>${escape(title)}</figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-size="11" font-family="sans-serif">${grid}${xTicks}<text x="${(W + PAD.left) / 2}" y="${H - 6}" text-anchor="middle">time since the first submission</text>${lines}${legend}</svg></figure>`;
}

export interface ReportHtmlInput {
  readonly title: string;
  readonly outputs: readonly ConfigRunOutput[];
}

export function reportHtml({ title, outputs }: ReportHtmlInput): string {
  const all = outputs.flatMap((o) => o.timeline);
  const t0 = all.reduce((m, p) => Math.min(m, p.t), Infinity);
  const t1 = all.reduce((m, p) => Math.max(m, p.t), -Infinity);
  const start = Number.isFinite(t0) ? t0 : 0;
  const end = Number.isFinite(t1) ? t1 : 1;
  const maxWaiting = all.reduce((m, p) => Math.max(m, p.waiting), 0);
  const queue = plot(
    'Queue length (waiting jobs)',
    outputs.map((o) => ({ name: o.report.config, points: sampleSteps(o.timeline, (p) => p.waiting, start, end) })),
    start,
    end,
    Math.max(maxWaiting, 1),
    (v) => String(Math.round(v)),
  );
  const util = plot(
    'Utilisation (busy / usable resources)',
    outputs.map((o) => ({ name: o.report.config, points: sampleSteps(o.timeline, (p) => p.busy / Math.max(o.report.resources, 1), start, end) })),
    start,
    end,
    1,
    (v) => `${Math.round(v * 100)} %`,
  );
  const reports = outputs.map((o) => o.report);
  const row = (label: string, f: (r: (typeof reports)[number]) => string) => `<tr><th>${escape(label)}</th>${reports.map((r) => `<td>${escape(f(r))}</td>`).join('')}</tr>`;
  const summary = `<table><tr><th></th>${reports.map((r) => `<th>${escape(r.config)}</th>`).join('')}</tr>${[
    row('jobs', (r) => String(r.jobs)),
    row('mean wait', (r) => formatDuration(r.meanWait)),
    row('p50 / p90 / p99 wait', (r) => `${formatDuration(r.p50Wait)} / ${formatDuration(r.p90Wait)} / ${formatDuration(r.p99Wait)}`),
    row('mean bounded slowdown', (r) => r.meanBoundedSlowdown.toFixed(2)),
    row('utilisation', (r) => `${(r.utilisation * 100).toFixed(1)} %`),
    row('makespan', (r) => formatDuration(r.makespan)),
    row('rounds (skipped)', (r) => `${r.rounds} (${r.roundsSkipped})`),
  ].join('')}</table>`;
  const groupTable = (label: string, pick: (r: (typeof reports)[number]) => readonly { name: string; jobs: number; meanWait: number; meanBoundedSlowdown: number }[]) => {
    const names = [...new Set(reports.flatMap((r) => pick(r).map((g) => g.name)))];
    return `<h2>${escape(label)}</h2><table><tr><th></th>${reports.map((r) => `<th>${escape(r.config)}</th>`).join('')}</tr>${names
      .map((n) => `<tr><th>${escape(n)}</th>${reports.map((r) => {
        const g = pick(r).find((x) => x.name === n);
        return `<td>${g === undefined ? '-' : escape(`${g.jobs} jobs, wait ${formatDuration(g.meanWait)}, bsld ${g.meanBoundedSlowdown.toFixed(2)}`)}</td>`;
      }).join('')}</tr>`)
      .join('')}</table>`;
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 10px;text-align:right}th:first-child{text-align:left}figure{margin:1em 0}figcaption{font-weight:bold}</style>
</head><body><h1>${escape(title)}</h1>
${summary}
${queue}
${util}
${groupTable('Per queue', (r) => r.queues)}
${groupTable(`Per user (top ${Math.max(...reports.map((r) => r.users.length))})`, (r) => r.users)}
</body></html>
`;
}
