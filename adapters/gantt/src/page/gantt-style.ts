/** The gantt page's stylesheet, inlined into the HTML by `ganttHtml`. */
export const GANTT_CSS = `
:root { color-scheme: light; font: 13px system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2933; }
body { margin: 0; background: #fff; }
header { padding: 10px 16px 6px; border-bottom: 1px solid #d0d5dd; }
h1 { font-size: 16px; margin: 0 0 4px; }
#meta { display: flex; flex-wrap: wrap; gap: 4px 16px; color: #52606d; }
#legend { display: flex; flex-wrap: wrap; gap: 4px 14px; margin-top: 6px; align-items: center; }
#legend .label { color: #52606d; font-weight: 600; }
#legend .label:not(:first-child) { margin-left: 10px; }
#legend .item { display: inline-flex; align-items: center; gap: 5px; }
.swatch { display: inline-block; width: 22px; height: 12px; border-radius: 2px; box-sizing: border-box; }
.k-running { background: #4a5a6e; }
.k-planned { background: #b8c4d2; border: 1px solid #4a5a6e; }
.k-reservation { background: repeating-linear-gradient(45deg, #b8c4d2 0 3px, #6b7785 3px 4px); border: 2px solid #222; }
.k-besteffort { background: repeating-linear-gradient(-45deg, #4a5a6e 0 4px, #dfe5ec 4px 6px); }
.k-down { background: repeating-linear-gradient(-45deg, #e4e4e4 0 5px, #b0b0b0 5px 6px); }
.k-now { width: 3px; background: #d62828; }
.hint { color: #7b8794; margin-top: 4px; }
button { font: inherit; padding: 1px 8px; }
#chart { position: relative; margin: 0 8px; }
#gantt { display: block; cursor: grab; }
#gantt.dragging { cursor: grabbing; }
#tooltip { position: absolute; z-index: 2; pointer-events: none; background: #fff; border: 1px solid #7b8794;
  border-radius: 4px; box-shadow: 0 2px 8px rgba(0,0,0,.18); padding: 6px 8px; max-width: 460px; }
#tooltip th { text-align: right; color: #52606d; font-weight: 500; padding-right: 8px; vertical-align: top; white-space: nowrap; }
#tooltip td { overflow-wrap: anywhere; }
#extra { padding: 6px 16px 16px; }
#extra table { border-collapse: collapse; margin-top: 4px; }
#extra th, #extra td { text-align: left; padding: 2px 10px 2px 0; border-bottom: 1px solid #eef1f4; }
`;
