/**
 * `@oar-sched/gantt`: a round's plan as one self-contained HTML gantt chart. `ganttData` extracts
 * rows and bars from a snapshot and its round result (pure, tested in Node); `ganttHtml` writes the
 * page, with the canvas renderer of `page/` inlined.
 */
export { ganttData, rowLayout, rowIndex, rowRuns, formatRequest, formatDuration } from './gantt-data.js';
export type { GanttData, GanttBar, RowIndex, BarKind, RowGroup, Unplanned, GanttRound, GanttDataOptions } from './gantt-data.js';
export { ganttHtml, jsonForScript } from './gantt-html.js';
export { ganttPage } from './page/gantt-page.js';
