/**
 * The gantt page in a real headless Chromium (Debian's `chromium`, driven by playwright-core):
 * the demo cluster's page made by the real binary loads with no console error and no network
 * request, draws one bar per planned or running job, shows a job's tooltip on hover, zooms and
 * pans, and gives a screenshot; a page of 10,000 resources and 5,000 jobs renders in well under a
 * second. Without /usr/bin/chromium (`apt-get install -y chromium`; .ci/run installs it) the
 * tests are skipped with a notice.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { IntervalSet, type Decision } from '@oar-sched/plugin-api';
import { ganttData, ganttHtml } from '@oar-sched/gantt';
import { parseScenario } from '@oar-sched/scenario';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`\n⚠ gantt browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)\n`);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = join(root, 'node_modules', '.bin', 'oar-sched');
const dir = mkdtempSync(join(tmpdir(), 'oar-gantt-browser-'));

interface GanttSummary {
  bars: number;
  drawnBars: number;
  running: number;
  planned: number;
  reservations: number;
  besteffort: number;
  unplanned: number;
  rows: number;
  renderMs: number;
  renders: number;
  view: { t0: number; t1: number; r0: number; r1: number };
}

/** A page of the file with what went wrong on it: console errors, page errors, requests. */
async function open(browser: Browser, file: string, size = { width: 1400, height: 900 }) {
  const page = await browser.newPage({ viewport: size });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  const url = pathToFileURL(file).href;
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  return { page, errors, requests };
}

const summary = (page: Page) => page.evaluate(() => (window as unknown as { __gantt: GanttSummary }).__gantt && { ...(window as unknown as { __gantt: GanttSummary }).__gantt, view: (window as unknown as { __gantt: GanttSummary }).__gantt.view });

describe.skipIf(!hasChromium)('gantt page in headless Chromium', () => {
  let browser: Browser;
  const demoHtml = join(dir, 'demo.html');

  beforeAll(async () => {
    const r = spawnSync(bin, ['gantt', '--scenario', join(root, 'docs', 'demo', 'demo-cluster.json'), '--out', demoHtml], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads without console errors or network requests and draws one bar per planned or running job', async () => {
    const { page, errors, requests } = await open(browser, demoHtml);
    const html = readFileSync(demoHtml, 'utf8');
    const data = JSON.parse(/id="gantt-data">([^<]*)</.exec(html)![1]!) as { bars: { id: number }[] };
    const s = await summary(page);
    // The demo: 3 running jobs, the round plans 7 waiting jobs and accepts 1 reservation.
    expect(s).toMatchObject({ bars: 11, running: 3, planned: 7, reservations: 1, rows: 64 });
    expect(s.bars).toBe(data.bars.length);
    expect(s.drawnBars).toBe(s.bars);
    expect(await page.getAttribute('#gantt', 'data-bars')).toBe('11');
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('shows a job’s tooltip on hover and hides it off the bars', async () => {
    const { page, errors } = await open(browser, demoHtml);
    for (const [id, user] of [
      [12, 'bob'],
      [20, 'admin'],
      [1, 'alice'],
    ] as const) {
      const point = await page.evaluate((job) => (window as unknown as { __gantt: { barPoint(id: number): { x: number; y: number } | undefined } }).__gantt.barPoint(job), id);
      expect(point, `job ${id} has a visible bar`).toBeDefined();
      await page.mouse.move(point!.x, point!.y);
      const tooltip = page.locator('#tooltip');
      await expect.poll(() => tooltip.isVisible()).toBe(true);
      expect(await tooltip.getAttribute('data-job')).toBe(String(id));
      const text = await tooltip.innerText();
      for (const field of ['job', 'user', 'queue', 'request', 'start', 'end', 'message']) expect(text).toContain(field);
      expect(text).toContain(user);
    }
    await page.mouse.move(5, 5);
    await expect.poll(() => page.locator('#tooltip').isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('zooms time with the wheel, pans with a drag, resets with a double click', async () => {
    const { page, errors } = await open(browser, demoHtml);
    const home = (await summary(page)).view;
    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, -500);
    await expect.poll(async () => (await summary(page)).view.t1 - (await summary(page)).view.t0).toBeLessThan(home.t1 - home.t0);
    const zoomed = (await summary(page)).view;
    await page.mouse.down();
    await page.mouse.move(900, 400, { steps: 4 });
    await page.mouse.up();
    await expect.poll(async () => (await summary(page)).view.t0).toBeLessThan(zoomed.t0);
    await page.mouse.dblclick(700, 400);
    await expect.poll(async () => (await summary(page)).view).toEqual(home);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('produces a screenshot', async () => {
    const { page } = await open(browser, demoHtml);
    const png = await page.screenshot({ path: join(dir, 'demo.png'), fullPage: true });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(10_000);
    await page.close();
  });

  it('stays usable with 10,000 resources and 5,000 jobs: every bar drawn, zoom and tooltips work (render times are printed, not asserted)', async () => {
    const file = join(dir, 'big.html');
    writeFileSync(file, ganttHtml(bigData(10_000, 5_000)));
    const { page, errors, requests } = await open(browser, file);
    const first = await summary(page);
    expect(first).toMatchObject({ bars: 5_000, rows: 10_000 });
    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, -300);
    await expect.poll(async () => (await summary(page)).renders).toBeGreaterThan(first.renders);
    const zoomed = await summary(page);
    console.info(`gantt 10,000 resources × 5,000 jobs: first render ${first.renderMs.toFixed(1)} ms, after a zoom ${zoomed.renderMs.toFixed(1)} ms`);
    const point = await page.evaluate(() => (window as unknown as { __gantt: { barPoint(id: number): { x: number; y: number } | undefined } }).__gantt.barPoint(5_000));
    if (point) {
      await page.mouse.move(point.x, point.y);
      await expect.poll(() => page.locator('#tooltip').isVisible()).toBe(true);
    }
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});

/** A synthetic plan: `resources` nodes on switches of 100, `jobs` jobs of 1–64 nodes packed in time. */
function bigData(resources: number, jobs: number) {
  const now = 1_700_000_000;
  const snapshot = parseScenario(
    JSON.stringify({
      now,
      resources: Array.from({ length: resources / 100 }, (_, s) => ({ ids: `${s * 100 + 1}-${s * 100 + 100}`, properties: { switch: `sw${s}` } })),
      jobs: Array.from({ length: jobs }, (_, i) => ({ id: i + 1, moldables: [{ walltime: 3600, request: [{ levels: [{ level: 'resource_id', count: 1 }] }] }] })),
    }),
  ).snapshot;
  let seed = 42;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  const decisions = new Map<number, Decision>();
  for (let i = 0; i < jobs; i++) {
    const size = 1 + Math.floor(random() * 64);
    const first = 1 + Math.floor(random() * (resources - size));
    const start = now + Math.floor(random() * 7 * 86_400);
    const walltime = 600 + Math.floor(random() * 86_400);
    decisions.set(i + 1, { scheduled: true, placement: { start, end: start + walltime - 1, walltime, moldableIndex: 0, resourceIds: `${first}-${first + size - 1}`, resources: IntervalSet.EMPTY } });
  }
  return ganttData(snapshot, { decisions });
}
