/**
 * `GanttData` → one self-contained HTML page: the stylesheet and the page script inline, the data
 * as JSON in a `<script type="application/json">` element, and a Content-Security-Policy that
 * forbids every network request. The page script is `ganttPage`'s own source text, so the page
 * runs exactly the code that was type-checked here.
 */
import type { GanttData } from './gantt-data.js';
import { ganttPage } from './page/gantt-page.js';
import { GANTT_CSS } from './page/gantt-style.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

export function ganttHtml(data: GanttData): string {
  const script = `(${ganttPage.toString()})(JSON.parse(document.getElementById('gantt-data').textContent));`;
  // `</script` inside the script would end it early; the data is escaped below, the code must not contain it.
  if (/<\/script/i.test(script)) throw new Error('the gantt page script contains "</script"');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(data.title)}</title>`,
    `<style>${GANTT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(data.title)}</h1>`,
    '<div id="meta"></div>',
    '<div id="legend"></div>',
    '<div class="hint">wheel: zoom time · shift+wheel: zoom resources · drag: pan · double-click or <button id="reset" type="button">reset</button>: back to the whole plan (long besteffort jobs may run past it)</div>',
    '</header>',
    '<main id="chart"><canvas id="gantt" aria-label="gantt chart: resources by time"></canvas><div id="tooltip" role="tooltip" hidden></div></main>',
    '<section id="extra"></section>',
    `<script type="application/json" id="gantt-data">${jsonForScript(data)}</script>`,
    `<script>${script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** JSON that cannot close its `<script>` element, nor break as a JavaScript string. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
