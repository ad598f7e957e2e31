import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHarness, harnessDatabases, ids, type Harness } from './index.js';

const NOW = 1_767_225_600; // 2026-01-01 00:00:00 UTC

for (const target of await harnessDatabases()) {
  describe.skipIf(!target.available)(`harness on ${target.label}`, () => {
    let h: Harness;
    afterEach(() => h?.close());

    it('cluster: one resource per core, numbered across calls, properties on demand', async () => {
      h = await createHarness({ db: target.url, now: NOW, plugins: [] });
      expect(await h.cluster({ nodes: 2, cpus: 2, cores: 2, properties: (node) => ({ gpu: node === 1 ? 'YES' : 'NO' }) })).toEqual(ids('1-8'));
      expect(await h.cluster({ nodes: 1, properties: { mem: 64 } })).toEqual([9]);
      const rows = await h.db.kysely.selectFrom('resources').selectAll().orderBy('resource_id').execute();
      const view = rows.map((r) => {
        const x = r as Record<string, unknown>;
        return `${String(x.network_address)}/${String(x.cpu)}/${String(x.core)}/${String(x.gpu)}/${String(x.mem)}`;
      });
      expect(view).toEqual(['node-1/1/1/YES/null', 'node-1/1/2/YES/null', 'node-1/2/3/YES/null', 'node-1/2/4/YES/null', 'node-2/3/5/NO/null', 'node-2/3/6/NO/null', 'node-2/4/7/NO/null', 'node-2/4/8/NO/null', 'node-3/5/9/null/64']);
    });

    it('a round: plan, launches, states, messages, state logs, notifications, reasons', async () => {
      h = await createHarness({ db: target.url, now: NOW, plugins: [] });
      await h.cluster({ nodes: 2, cores: 4, properties: { gpu: 'YES' } });
      const a = await h.submit('-l "/nodes=1/core=2,walltime=1:0:0" -n first -u alice');
      const b = await h.submit({ l: ['/nodes=2,walltime=0:10:0', '/nodes=1,walltime=0:30:0'] });
      const c = await h.submit(`-l /nodes=1 -p "gpu='NO'"`);
      const r = await h.round();
      expect(r.exitCode).toBe(0);
      expect(r.plan).toEqual({
        [a]: { start: NOW, end: NOW + 3600 + 60 - 1, resources: [1, 2], moldable: 0, moldableId: 1 },
        [b]: { start: NOW, end: NOW + 1800 + 60 - 1, resources: ids('5-8'), moldable: 1, moldableId: 3 },
      });
      expect(r.launched).toEqual([a, b]);
      expect(r.states).toEqual({ [a]: 'toLaunch', [b]: 'toLaunch', [c]: 'Waiting' });
      expect(r.messages[a]).toBe('R=2,W=3660,J=P,Q=default,N=first');
      expect(r.explain(c)).toMatchObject({ code: 'CONSTRAINT_EMPTY', kind: 'unresolvable' });
      expect(r.explain(a)).toBeUndefined();
      expect(r.stateLogs.filter((l) => l.jobId === a)).toEqual([
        { jobId: a, state: 'Waiting', start: NOW, stop: NOW },
        { jobId: a, state: 'toLaunch', start: NOW, stop: 0 },
      ]);
      expect(r.notifications.filter((n) => n.kind === 'launch').map((n) => (n.kind === 'launch' ? n.jobId : 0))).toEqual([a, b]);
    });

    it('queues: default and besteffort unless the test declares its own', async () => {
      h = await createHarness({ db: target.url, now: NOW, plugins: [] });
      await h.cluster({ nodes: 1 });
      const be = await h.submit('-t besteffort');
      expect((await h.round()).states[be]).toBe('toLaunch');
      const h2 = await createHarness({ db: target.url, now: NOW, plugins: [] });
      try {
        await h2.queue('admin', { priority: 10 });
        await h2.cluster({ nodes: 1 });
        const j = await h2.submit('-q default');
        const r = await h2.round();
        expect(r.states[j]).toBe('Waiting');
        expect(r.messages[j]).toMatch(/queue .*default.* is not declared/);
      } finally {
        await h2.close();
      }
    });

    it('a reservation and a running job occupy the cluster; dependencies wait', async () => {
      h = await createHarness({ db: target.url, now: NOW, plugins: [], config: { jobSecurityTime: 0 } });
      await h.cluster({ nodes: 4 });
      const run = await h.submit({ l: '/nodes=1,walltime=0:10:0', running: { start: NOW - 60, resources: [1] } });
      const ar = await h.submit('-l "/nodes=2,walltime=1:0:0" -r "2026-01-01 02:00:00"');
      const first = await h.submit('-l "/nodes=3,walltime=0:5:0"');
      const next = await h.submit(`-l "/nodes=4,walltime=0:5:0" -a ${first}`);
      const blocked = await h.submit(`-a ${run}`);
      const r = await h.round();
      expect(r.states[ar]).toBe('Waiting');
      expect(r.plan[ar]).toMatchObject({ start: h.time('2026-01-01 02:00:00'), resources: [1, 2] });
      expect(r.plan[run]).toMatchObject({ start: NOW - 60, end: NOW + 539, resources: [1] });
      expect(r.plan[first]).toMatchObject({ start: NOW, resources: ids('2-4') });
      expect(r.plan[next]).toMatchObject({ start: NOW + 540, resources: ids('1-4') });
      expect(r.explain(blocked)).toMatchObject({ code: 'DEPENDENCY', message: `depends on job ${run}, in state Running` });
    });

    it('the round time moves the clock; now accepts dates', async () => {
      h = await createHarness({ db: target.url, now: '2026-01-01 00:00:00', plugins: [] });
      expect(h.now).toBe(NOW);
      await h.cluster({ nodes: 1 });
      const r = await h.round({ now: '2026-01-01 01:00:00' });
      expect([r.now, h.now]).toEqual([NOW + 3600, NOW + 3600]);
    });
  });
}

describe('createHarness', () => {
  it('loads the package under test through the real loader (a folder, or a file: URL)', async () => {
    const folder = join(import.meta.dirname, '../../examples/find-contiguous');
    for (const plugins of [folder, new URL('../../examples/find-contiguous/src/plugin.ts', import.meta.url).href]) {
      const h = await createHarness({ plugins });
      try {
        expect(h.registry.has('find', 'contiguous_1h')).toBe(true);
        expect(h.registry.plugins.find((p) => p.provides.find.includes('contiguous_1h'))).toMatchObject({ packageName: '@oar-sched/example-find-contiguous' });
      } finally {
        await h.close();
      }
    }
  });

  it('default plugins: the nearest package.json with an "oar" field from cwd, none otherwise', async () => {
    const h = await createHarness({ cwd: join(import.meta.dirname, '../../examples/find-local/src') });
    const none = await createHarness({ cwd: import.meta.dirname });
    try {
      expect(h.registry.has('find', 'local')).toBe(true);
      expect(none.registry.has('find', 'local')).toBe(false);
      expect(none.registry.has('find', 'default')).toBe(true);
    } finally {
      await h.close();
      await none.close();
    }
  });

  it.each([
    [{ config: { jobSecurityTime: -1 } }, 'createHarness: invalid config'],
    [{ config: { extraMetasched: 'nope' } }, 'no plugin provides an extraMetasched hook named "nope"'],
    [{ plugins: '@oar-sched/not-installed' }, 'plugin package @oar-sched/not-installed is not installed'],
    [{ plugins: './no/such/folder' }, 'does not exist'],
    [{ db: 'mysql://x' }, 'mysql'],
  ])('refuses %j', async (options, message) => {
    await expect(createHarness(options)).rejects.toThrow(message);
  });

  it('a sqlite:PATH database is replaced at start and kept after close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oar-harness-'));
    try {
      const url = `sqlite:${join(dir, 'oar.db')}`;
      for (let i = 0; i < 2; i++) {
        const h = await createHarness({ db: url, plugins: [] });
        expect(await h.cluster({ nodes: 1 })).toEqual([1]);
        await h.close();
      }
      expect(existsSync(join(dir, 'oar.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bad request names the problem', async () => {
    const h = await createHarness({ plugins: [] });
    try {
      await expect(h.submit('-l "/nodes=two"')).rejects.toThrow('-l "/nodes=two": "two" is not a count (expected a positive integer, ALL, BEST or HALF_BEST) at /nodes=two');
      await expect(h.submit('-l /gpus=2')).rejects.toThrow('unknown resource label "gpus" (known: resource_id, network_address (or nodes), cpu, core)');
    } finally {
      await h.close();
    }
  });
});

describe('ids', () => {
  it.each([
    ['1-3 7', [1, 2, 3, 7]],
    ['', []],
  ])('%j', (text, list) => expect(ids(text)).toEqual(list));
  it('throws on junk', () => expect(() => ids('3-1')).toThrow('runs backwards'));
});
