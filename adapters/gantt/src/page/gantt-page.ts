/**
 * The gantt page's script: runs in the browser, inlined into the HTML by `ganttHtml` as the source
 * text of `ganttPage` (`Function.prototype.toString`). It must therefore be self-contained: it may
 * use only its parameter, browser globals and what it defines inside itself — no import (types
 * excepted), no module-level helper. The browser test runs it from the bundled binary, so a helper
 * a build step injects would show there as a console error.
 *
 * Drawing is on one <canvas>: rows are mapped to pixel lines, so when there are more resources
 * than lines a line shows every bar holding any of its resources (bars are at least one pixel
 * tall and wide); only the visible bars and row groups are visited. Labels are drawn where there
 * is room for them (one label per 12 px, the others skipped).
 *
 * `window.__gantt` is a read-only summary for tests and curious users: counts, the last render's
 * time, and `barPoint(id)`, a page point inside a job's bar.
 */
import type { GanttBar, GanttData, RowGroup } from '../gantt-data.js';

export function ganttPage(data: GanttData): void {
  const LABEL_SWITCH = data.switches.length > 0 ? 72 : 0;
  const LABEL_W = LABEL_SWITCH + 120;
  const AXIS_H = 40;
  const MIN_SPAN = 10;
  const MAX_SPAN = 20 * 365 * 86400;
  const FONT = '12px system-ui, -apple-system, "Segoe UI", sans-serif';
  const rowCount = data.resourceIds.length;

  const canvas = document.getElementById('gantt') as HTMLCanvasElement;
  const tooltip = document.getElementById('tooltip') as HTMLDivElement;
  const chart = document.getElementById('chart') as HTMLElement;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;

  // ---- colours: one hue per queue, lightness and patterns per kind ----
  const hueOf = new Map<string, number>();
  data.queues.forEach((q, i) => hueOf.set(q, (210 + i * 137.508) % 360));
  const colour = (queue: string, lightness: number, alpha = 1) => `hsla(${(hueOf.get(queue) ?? 0).toFixed(1)}, 62%, ${lightness}%, ${alpha})`;
  const makePattern = (draw: (c: CanvasRenderingContext2D) => void): CanvasPattern | string => {
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const c = tile.getContext('2d');
    if (!c) return 'rgba(0,0,0,0)';
    draw(c);
    return ctx.createPattern(tile, 'repeat') ?? 'rgba(0,0,0,0)';
  };
  const stripes = makePattern((c) => {
    c.strokeStyle = 'rgba(255,255,255,0.75)';
    c.lineWidth = 2;
    c.beginPath();
    c.moveTo(-2, 10);
    c.lineTo(10, -2);
    c.moveTo(-2, 2);
    c.lineTo(2, -2);
    c.moveTo(6, 10);
    c.lineTo(10, 6);
    c.stroke();
  });
  const crosses = makePattern((c) => {
    c.strokeStyle = 'rgba(0,0,0,0.45)';
    c.lineWidth = 1;
    c.beginPath();
    c.moveTo(0, 0);
    c.lineTo(8, 8);
    c.moveTo(8, 0);
    c.lineTo(0, 8);
    c.stroke();
  });
  const downPattern = makePattern((c) => {
    c.fillStyle = '#e4e4e4';
    c.fillRect(0, 0, 8, 8);
    c.strokeStyle = '#b0b0b0';
    c.beginPath();
    c.moveTo(0, 8);
    c.lineTo(8, 0);
    c.stroke();
  });

  // ---- time formatting in the scheduler's time zone ----
  let timeZone = data.timezone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    timeZone = 'UTC';
  }
  const stampFormat = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const stamp = (t: number) => stampFormat.format(new Date(t * 1000)).replace(',', '');
  const duration = (s: number) => {
    const d = Math.floor(s / 86400);
    const h = Math.floor((s % 86400) / 3600);
    const m = Math.floor((s % 3600) / 60);
    const sec = s % 60;
    return `${d > 0 ? `${d}d ` : ''}${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  };

  // ---- the view: a time window and a row window, both fractional ----
  let tMin = data.now;
  let tMax = data.now + 3600;
  // Besteffort jobs may run for days and can be killed at any time: the first view fits the others.
  const fitted = data.bars.some((b) => !b.besteffort) ? data.bars.filter((b) => !b.besteffort) : data.bars;
  for (const b of fitted) {
    if (b.start < tMin) tMin = b.start;
    if (b.end + 1 > tMax) tMax = b.end + 1;
  }
  const pad = (tMax - tMin) * 0.02;
  const home = { t0: tMin - pad, t1: tMax + pad, r0: 0, r1: Math.max(1, rowCount) };
  const view = { ...home };
  let width = 0;
  let height = 0;
  let hovered: GanttBar | undefined;
  let renderMs = 0;
  let renders = 0;
  let drawnBars = 0;
  let queued = false;

  const plotW = () => Math.max(1, width - LABEL_W);
  const plotH = () => Math.max(1, height - AXIS_H);
  const xOf = (t: number) => LABEL_W + ((t - view.t0) / (view.t1 - view.t0)) * plotW();
  const tOf = (x: number) => view.t0 + ((x - LABEL_W) / plotW()) * (view.t1 - view.t0);
  const yOf = (r: number) => AXIS_H + ((r - view.r0) / (view.r1 - view.r0)) * plotH();
  const rOf = (y: number) => view.r0 + ((y - AXIS_H) / plotH()) * (view.r1 - view.r0);

  /** Index of the last group whose first row is ≤ row (groups are sorted and contiguous). */
  const groupAt = (groups: readonly RowGroup[], row: number) => {
    let lo = 0;
    let hi = groups.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (groups[mid]!.first <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };

  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      draw();
    });
  };

  const resize = () => {
    const dpr = window.devicePixelRatio || 1;
    width = Math.max(320, chart.clientWidth);
    const preferred = AXIS_H + Math.min(Math.max(rowCount * 16, 240), 4000);
    height = Math.max(240, Math.min(preferred, window.innerHeight - chart.getBoundingClientRect().top - 16));
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    draw();
  };

  const drawBars = () => {
    const left = LABEL_W;
    const right = width;
    const top = AXIS_H;
    const bottom = height;
    drawnBars = 0;
    for (const b of data.bars) {
      if (b.end + 1 < view.t0 || b.start > view.t1) continue;
      let x0 = xOf(b.start);
      let x1 = xOf(b.end + 1);
      if (x0 < left) x0 = left;
      if (x1 > right) x1 = right;
      if (x1 - x0 < 1) x1 = x0 + 1;
      const fill = b.kind === 'running' ? colour(b.queue, 42) : colour(b.queue, 72);
      const overlay = b.besteffort ? stripes : b.kind === 'reservation' ? crosses : undefined;
      let visible = false;
      for (let i = 0; i < b.rows.length; i += 2) {
        let y0 = yOf(b.rows[i]!);
        let y1 = yOf(b.rows[i + 1]! + 1);
        if (y1 < top || y0 > bottom) continue;
        if (y0 < top) y0 = top;
        if (y1 > bottom) y1 = bottom;
        if (y1 - y0 < 1) y1 = y0 + 1;
        visible = true;
        ctx.fillStyle = fill;
        ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        if (overlay !== undefined && y1 - y0 >= 3 && x1 - x0 >= 3) {
          ctx.fillStyle = overlay;
          ctx.fillRect(x0, y0, x1 - x0, y1 - y0);
        }
        if (b.kind !== 'running' && y1 - y0 >= 4 && x1 - x0 >= 4) {
          ctx.strokeStyle = b.kind === 'reservation' ? '#222' : colour(b.queue, 35);
          ctx.lineWidth = b.kind === 'reservation' ? 2 : 1;
          ctx.strokeRect(x0 + 0.5, y0 + 0.5, x1 - x0 - 1, y1 - y0 - 1);
        }
        if (x1 - x0 >= 34 && y1 - y0 >= 14) {
          ctx.fillStyle = b.kind === 'running' ? '#fff' : '#111';
          ctx.fillText(`${b.id}`, x0 + 4, y0 + Math.min(y1 - y0, 40) / 2);
        }
      }
      if (visible) drawnBars += 1;
    }
  };

  const drawRowBands = () => {
    const rowsPerPx = (view.r1 - view.r0) / plotH();
    const first = Math.max(0, Math.floor(view.r0));
    const last = Math.min(rowCount - 1, Math.ceil(view.r1));
    // Alternate node shading, when nodes are at least 3 px tall.
    if (data.nodes.length > 0) {
      const nodeRows = rowCount / data.nodes.length;
      if (nodeRows / rowsPerPx >= 3) {
        ctx.fillStyle = '#f4f6f9';
        for (let g = groupAt(data.nodes, first); g < data.nodes.length && data.nodes[g]!.first <= last; g++) {
          if (g % 2 === 1) continue;
          const n = data.nodes[g]!;
          ctx.fillRect(LABEL_W, yOf(n.first), plotW(), yOf(n.first + n.count) - yOf(n.first));
        }
      }
    }
    for (const [row, _state] of data.unavailable) {
      if (row < first - 1 || row > last + 1) continue;
      const y0 = yOf(row);
      ctx.fillStyle = downPattern;
      ctx.fillRect(LABEL_W, y0, plotW(), Math.max(1, yOf(row + 1) - y0));
    }
  };

  const drawLabels = () => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, AXIS_H, LABEL_W, plotH());
    ctx.textBaseline = 'middle';
    const first = Math.max(0, Math.floor(view.r0));
    const last = Math.min(rowCount - 1, Math.ceil(view.r1));
    const column = (groups: readonly RowGroup[], x: number, w: number, bold: boolean) => {
      if (groups.length === 0) return;
      ctx.font = bold ? `600 ${FONT}` : FONT;
      let lastY = -Infinity;
      for (let g = groupAt(groups, first); g < groups.length && groups[g]!.first <= last; g++) {
        const grp = groups[g]!;
        const y0 = Math.max(AXIS_H, yOf(grp.first));
        const y1 = Math.min(height, yOf(grp.first + grp.count));
        if (y1 - y0 >= 2) {
          ctx.strokeStyle = '#d0d5dd';
          ctx.beginPath();
          ctx.moveTo(x, y0 + 0.5);
          ctx.lineTo(x + w, y0 + 0.5);
          ctx.stroke();
        }
        const y = (y0 + y1) / 2;
        if (y - lastY < 13) continue;
        lastY = y;
        ctx.fillStyle = '#1f2933';
        let text = grp.name;
        while (text.length > 1 && ctx.measureText(text).width > w - 8) text = text.slice(0, -1);
        ctx.fillText(text === grp.name ? text : `${text}…`, x + 4, y);
      }
    };
    column(data.switches, 0, LABEL_SWITCH, true);
    column(data.nodes, LABEL_SWITCH, LABEL_W - LABEL_SWITCH, false);
    // Switch boundaries across the plot.
    ctx.strokeStyle = '#7b8794';
    ctx.lineWidth = 1;
    for (let g = groupAt(data.switches, first); g < data.switches.length && data.switches[g]!.first <= last; g++) {
      const y = Math.round(yOf(data.switches[g]!.first)) + 0.5;
      if (y <= AXIS_H) continue;
      ctx.beginPath();
      ctx.moveTo(0, y);
      ctx.lineTo(width, y);
      ctx.stroke();
    }
    ctx.strokeStyle = '#7b8794';
    ctx.beginPath();
    ctx.moveTo(LABEL_W + 0.5, AXIS_H);
    ctx.lineTo(LABEL_W + 0.5, height);
    ctx.stroke();
  };

  const STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800, 2592000, 31536000];
  const drawAxis = () => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, AXIS_H);
    const span = view.t1 - view.t0;
    const step = STEPS.find((s) => (s / span) * plotW() >= 110) ?? STEPS[STEPS.length - 1]!;
    ctx.font = FONT;
    ctx.textBaseline = 'alphabetic';
    let lastDay = '';
    for (let t = Math.ceil(view.t0 / step) * step; t <= view.t1; t += step) {
      const x = Math.round(xOf(t)) + 0.5;
      if (x < LABEL_W) continue;
      ctx.strokeStyle = '#e3e7ed';
      ctx.beginPath();
      ctx.moveTo(x, AXIS_H);
      ctx.lineTo(x, height);
      ctx.stroke();
      ctx.strokeStyle = '#7b8794';
      ctx.beginPath();
      ctx.moveTo(x, AXIS_H - 6);
      ctx.lineTo(x, AXIS_H);
      ctx.stroke();
      const s = stamp(t);
      const day = s.slice(0, 10);
      const clock = step < 60 ? s.slice(11, 19) : s.slice(11, 16);
      ctx.fillStyle = '#1f2933';
      ctx.fillText(step >= 86400 ? day : clock, x + 3, AXIS_H - 10);
      if (day !== lastDay && step < 86400) {
        ctx.fillStyle = '#52606d';
        ctx.fillText(day, x + 3, AXIS_H - 25);
        lastDay = day;
      }
    }
    ctx.fillStyle = '#52606d';
    ctx.fillText(timeZone, 6, AXIS_H - 10);
    ctx.strokeStyle = '#7b8794';
    ctx.beginPath();
    ctx.moveTo(0, AXIS_H + 0.5);
    ctx.lineTo(width, AXIS_H + 0.5);
    ctx.stroke();
  };

  const drawNow = () => {
    const x = Math.round(xOf(data.now)) + 0.5;
    if (x < LABEL_W || x > width) return;
    ctx.strokeStyle = '#d62828';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, AXIS_H - 4);
    ctx.lineTo(x, height);
    ctx.stroke();
    ctx.lineWidth = 1;
    ctx.font = `600 ${FONT}`;
    ctx.textBaseline = 'alphabetic';
    const w = ctx.measureText('now').width + 6;
    ctx.fillStyle = '#fff';
    ctx.fillRect(x + 2, AXIS_H - 24, w, 14);
    ctx.fillStyle = '#d62828';
    ctx.fillText('now', x + 5, AXIS_H - 13);
  };

  const drawHover = () => {
    if (!hovered) return;
    const b = hovered;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 2;
    const x0 = Math.max(LABEL_W, xOf(b.start));
    const x1 = Math.min(width, xOf(b.end + 1));
    for (let i = 0; i < b.rows.length; i += 2) {
      const y0 = Math.max(AXIS_H, yOf(b.rows[i]!));
      const y1 = Math.min(height, Math.max(yOf(b.rows[i + 1]! + 1), y0 + 1));
      if (y1 > y0) ctx.strokeRect(x0, y0, Math.max(1, x1 - x0), y1 - y0);
    }
    ctx.lineWidth = 1;
  };

  function draw() {
    const started = performance.now();
    ctx.clearRect(0, 0, width, height);
    ctx.save();
    ctx.beginPath();
    ctx.rect(LABEL_W, AXIS_H, plotW(), plotH());
    ctx.clip();
    drawRowBands();
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    drawBars();
    drawHover();
    ctx.restore();
    drawLabels();
    drawAxis();
    drawNow();
    renderMs = performance.now() - started;
    renders += 1;
    canvas.dataset.renders = String(renders);
  }

  // ---- hit testing and the tooltip ----
  const barAt = (x: number, y: number): GanttBar | undefined => {
    if (x < LABEL_W || y < AXIS_H) return undefined;
    const t = tOf(x);
    const tolerance = (2 / plotW()) * (view.t1 - view.t0);
    const ra = Math.floor(rOf(y));
    const rb = Math.max(ra, Math.ceil(rOf(y + 1)) - 1);
    for (let k = data.bars.length - 1; k >= 0; k--) {
      const b = data.bars[k]!;
      if (b.start > t + tolerance || b.end + 1 < t - tolerance) continue;
      for (let i = 0; i < b.rows.length; i += 2) if (b.rows[i]! <= rb && b.rows[i + 1]! >= ra) return b;
    }
    return undefined;
  };

  const nodesOf = (b: GanttBar) => {
    const names: string[] = [];
    let count = 0;
    let resources = 0;
    for (let i = 0; i < b.rows.length; i += 2) {
      resources += b.rows[i + 1]! - b.rows[i]! + 1;
      if (data.nodes.length === 0) continue;
      for (let g = groupAt(data.nodes, b.rows[i]!); g < data.nodes.length && data.nodes[g]!.first <= b.rows[i + 1]!; g++) {
        if (names[names.length - 1] === data.nodes[g]!.name) continue;
        count += 1;
        if (names.length < 6) names.push(data.nodes[g]!.name);
      }
    }
    const list = count > names.length ? `${names.join(', ')}, … (${count} nodes)` : names.join(', ');
    return `${resources} resource${resources === 1 ? '' : 's'}${list ? ` on ${list}` : ''}`;
  };

  const showTooltip = (b: GanttBar | undefined, clientX: number, clientY: number) => {
    if (!b) {
      tooltip.hidden = true;
      return;
    }
    const kind = b.kind === 'running' ? 'running' : b.kind === 'reservation' ? 'reservation' : 'planned (waiting)';
    const rows: [string, string][] = [
      ['job', `${b.id}`],
      ['user', b.user],
      ['queue', b.queue],
      ['state', `${b.state} · ${kind}${b.besteffort ? ' · besteffort' : ''}`],
      ['request', b.request],
      ['start', stamp(b.start)],
      ['end', `${stamp(b.end)} (${duration(b.end + 1 - b.start)})`],
      ['resources', nodesOf(b)],
      ['message', b.message],
    ];
    tooltip.replaceChildren();
    const table = document.createElement('table');
    for (const [k, v] of rows) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.textContent = k;
      const td = document.createElement('td');
      td.textContent = v;
      tr.append(th, td);
      table.append(tr);
    }
    tooltip.append(table);
    tooltip.dataset.job = String(b.id);
    tooltip.hidden = false;
    const box = chart.getBoundingClientRect();
    const w = tooltip.offsetWidth;
    const h = tooltip.offsetHeight;
    let left = clientX - box.left + 14;
    let top = clientY - box.top + 14;
    if (left + w > box.width) left = Math.max(0, clientX - box.left - w - 14);
    if (top + h > window.innerHeight - box.top) top = Math.max(0, clientY - box.top - h - 14);
    tooltip.style.left = `${left}px`;
    tooltip.style.top = `${top}px`;
  };

  // ---- zoom (wheel), pan (drag), reset (double click, button) ----
  let drag: { x: number; y: number; t0: number; t1: number; r0: number; r1: number } | undefined;
  const local = (e: MouseEvent) => {
    const box = canvas.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const clampRows = () => {
    const span = Math.min(Math.max(view.r1 - view.r0, Math.min(rowCount, 4)), Math.max(1, rowCount));
    let r0 = Math.max(0, Math.min(view.r0, Math.max(1, rowCount) - span));
    if (!Number.isFinite(r0)) r0 = 0;
    view.r0 = r0;
    view.r1 = r0 + span;
  };
  canvas.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const { x, y } = local(e);
      const factor = Math.exp(Math.max(-300, Math.min(300, e.deltaY)) * 0.002);
      if (e.shiftKey) {
        const r = rOf(y);
        view.r0 = r - (r - view.r0) * factor;
        view.r1 = r + (view.r1 - r) * factor;
        clampRows();
      } else {
        const t = x < LABEL_W ? (view.t0 + view.t1) / 2 : tOf(x);
        const span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, (view.t1 - view.t0) * factor));
        const k = (t - view.t0) / (view.t1 - view.t0);
        view.t0 = t - k * span;
        view.t1 = view.t0 + span;
      }
      tooltip.hidden = true;
      schedule();
    },
    { passive: false },
  );
  canvas.addEventListener('mousedown', (e) => {
    const { x, y } = local(e);
    drag = { x, y, ...view };
    canvas.classList.add('dragging');
    tooltip.hidden = true;
  });
  window.addEventListener('mouseup', () => {
    drag = undefined;
    canvas.classList.remove('dragging');
  });
  canvas.addEventListener('mousemove', (e) => {
    const { x, y } = local(e);
    if (drag) {
      const dt = ((x - drag.x) / plotW()) * (drag.t1 - drag.t0);
      view.t0 = drag.t0 - dt;
      view.t1 = drag.t1 - dt;
      const dr = ((y - drag.y) / plotH()) * (drag.r1 - drag.r0);
      view.r0 = drag.r0 - dr;
      view.r1 = drag.r1 - dr;
      clampRows();
      schedule();
      return;
    }
    const b = barAt(x, y);
    if (b !== hovered) {
      hovered = b;
      schedule();
    }
    showTooltip(b, e.clientX, e.clientY);
  });
  canvas.addEventListener('mouseleave', () => {
    tooltip.hidden = true;
    if (hovered) {
      hovered = undefined;
      schedule();
    }
  });
  const reset = () => {
    Object.assign(view, home);
    schedule();
  };
  canvas.addEventListener('dblclick', reset);
  document.getElementById('reset')?.addEventListener('click', reset);

  // ---- the header: summary, legend, jobs without a bar, warnings ----
  const el = (tag: string, text?: string, className?: string) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (className) e.className = className;
    return e;
  };
  const count = (pred: (b: GanttBar) => boolean) => data.bars.reduce((n, b) => n + (pred(b) ? 1 : 0), 0);
  const summary = {
    bars: data.bars.length,
    running: count((b) => b.kind === 'running'),
    planned: count((b) => b.kind === 'planned'),
    reservations: count((b) => b.kind === 'reservation'),
    besteffort: count((b) => b.besteffort),
    unplanned: data.unplanned.length,
    rows: rowCount,
    nodes: data.nodes.length,
    switches: data.switches.length,
  };
  const meta = document.getElementById('meta');
  meta?.append(
    el('span', `now ${stamp(data.now)} (${timeZone})`),
    el('span', `${summary.rows} resources, ${summary.nodes} nodes${summary.switches > 0 ? `, ${summary.switches} switches` : ''}`),
    el('span', `${summary.running} running, ${summary.planned} planned, ${summary.reservations} reservations, ${summary.unplanned} not planned`),
    ...(data.source ? [el('span', data.source)] : []),
  );
  const legend = document.getElementById('legend');
  if (legend) {
    legend.append(el('span', 'queues:', 'label'));
    for (const q of data.queues) {
      const item = el('span', q, 'item');
      const sw = el('i', undefined, 'swatch');
      sw.style.background = colour(q, 42);
      item.prepend(sw);
      legend.append(item);
    }
    legend.append(el('span', 'jobs:', 'label'));
    for (const [label, cls] of [
      ['running', 'k-running'],
      ['planned', 'k-planned'],
      ['reservation', 'k-reservation'],
      ['besteffort (striped)', 'k-besteffort'],
      ['resource not Alive', 'k-down'],
      ['now', 'k-now'],
    ] as const) {
      const item = el('span', label, 'item');
      item.prepend(el('i', undefined, `swatch ${cls}`));
      legend.append(item);
    }
  }
  const extra = document.getElementById('extra');
  if (extra && data.unplanned.length > 0) {
    const details = el('details');
    details.append(el('summary', `${data.unplanned.length} waiting job${data.unplanned.length === 1 ? '' : 's'} not planned`));
    const table = el('table');
    const head = el('tr');
    for (const h of ['job', 'user', 'queue', 'reason', 'message']) head.append(el('th', h));
    table.append(head);
    for (const u of data.unplanned) {
      const tr = el('tr');
      for (const v of [String(u.id), u.user, u.queue, u.code, u.message]) tr.append(el('td', v));
      table.append(tr);
    }
    details.append(table);
    extra.append(details);
  }
  if (extra && data.warnings.length > 0) {
    const details = el('details');
    details.append(el('summary', `${data.warnings.length} warning${data.warnings.length === 1 ? '' : 's'}`));
    const list = el('ul');
    for (const w of data.warnings) list.append(el('li', w));
    details.append(list);
    extra.append(details);
  }

  // ---- read-only summary for tests ----
  const api = {
    ...summary,
    get drawnBars() {
      return drawnBars;
    },
    get renderMs() {
      return renderMs;
    },
    get renders() {
      return renders;
    },
    get view() {
      return { ...view };
    },
    /** A point (page coordinates) where hovering shows this job's tooltip, or undefined (hidden, or covered). */
    barPoint(id: number) {
      const b = data.bars.find((x) => x.id === id);
      if (!b) return undefined;
      const box = canvas.getBoundingClientRect();
      const x0 = Math.max(LABEL_W, xOf(b.start));
      const x1 = Math.min(width, xOf(b.end + 1));
      for (let i = 0; i < b.rows.length; i += 2) {
        const y = (Math.max(AXIS_H, yOf(b.rows[i]!)) + Math.min(height, yOf(b.rows[i + 1]! + 1))) / 2;
        for (const f of [0.5, 0.25, 0.75, 0.1, 0.9]) {
          const x = x0 + (x1 - x0) * f;
          if (barAt(x, y) === b) return { x: box.left + window.scrollX + x, y: box.top + window.scrollY + y };
        }
      }
      return undefined;
    },
  };
  Object.defineProperty(window, '__gantt', { value: Object.freeze(api), writable: false, configurable: false });
  canvas.dataset.bars = String(summary.bars);

  window.addEventListener('resize', resize);
  resize();
  document.body.dataset.ready = 'true';
}
