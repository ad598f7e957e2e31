/**
 * The end-to-end scenarios of shared/spec/metascheduler-scenarios.md §2 as database rounds: each
 * scenario writes its "before" state with the test-data writers, runs one or more rounds of
 * `runDbRound` at a frozen `now`, and reads the database back (jobs, gantt and its visu copy,
 * assigned resources, state logs, events, frags, walltimes, resources) and the notifications the
 * round sent. Every scenario runs on SQLite and on PostgreSQL (skipped, with the reason in the
 * test names, only when no server answers); one fresh database per scenario, shared by its rounds.
 *
 * Not here: E1, E2 (energy saving), X1 (external scheduler mode), S28 (walltime change, not
 * implemented). Where a scenario gives "ref" and "port" results, the port's are asserted.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, type ExpectStatic } from 'vitest';
import { schedulerConfigSchema, type PluginRegistry } from '@oar-sched/core';
import { initSchema, runDbRound, type DbRoundResult } from '@oar-sched/db';
import { dumpData, GANTT_PLANS_TABLE, testDatabases } from '@oar-sched/db/testing';
import { RecordingNotifier } from '@oar-sched/notify';
import { definePlugin, type PluginLogger } from '@oar-sched/plugin-api';
import { createSchedulerSetup } from 'oar-sched';
import { HARNESS_CONFIG, N, ScenarioContext, readResources, readView, sorted, type DbScenario, type HookCallRecord, type NotificationExpect, type RoundExpect } from './harness.js';
import { basics } from './scenarios/basics.js';
import { besteffort } from './scenarios/besteffort.js';
import { dependencies } from './scenarios/dependencies.js';
import { plugins, RECORDING_HOOK } from './scenarios/plugins.js';
import { properties } from './scenarios/properties.js';
import { queues } from './scenarios/queues.js';
import { reservations } from './scenarios/reservations.js';
import { resources } from './scenarios/resources.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const SCENARIOS: readonly DbScenario[] = [...basics, ...reservations, ...besteffort, ...properties, ...resources, ...dependencies, ...queues, ...plugins];

/** §2 of metascheduler-scenarios.md, minus E1, E2, X1 and S28 (plus S24nb, S24's second test). */
const SPEC_IDS = [
  'S01', 'S02', 'S03', 'S04', 'S05', 'S05b', 'S06', 'S07', 'S07b', 'S07c', 'S08', 'S09', 'S09b', 'S09c', 'S10',
  'S11', 'S12', 'S13', 'S14', 'S15', 'S16', 'S17', 'S18', 'S19', 'S20', 'S21', 'S22', 'S23', 'S24', 'S24nb', 'S25',
  'S26', 'S27', 'S29', 'S30', 'S31', 'S32', 'S33', 'S34', 'S35', 'S36', 'S37', 'S38', 'S39', 'S40', 'S41', 'S43',
  'S44', 'S45', 'S46', 'S47', 'Q1',
];

/**
 * KNOWN_FAILING: scenarios the round currently gets wrong, keyed by id (every database) or
 * `id@sqlite` / `id@postgres`, with what the spec expects and what the round does. They are
 * skipped with the reason in their name. Remove an entry as soon as the round is fixed.
 */
const KNOWN_FAILING: Readonly<Record<string, string>> = {
};

/**
 * "Unchanged" is about OAR's tables: a round may create and write the scheduler's
 * own table of the gantt's known plans (adapters/db/src/round/gantt-known-plans.ts), which no OAR tool reads.
 */
const OAR_TABLES = { omit: [GANTT_PLANS_TABLE] };
const silent: PluginLogger = { info: () => {}, warn: () => {} };

/** The recording hook of S36: one record per call (only S36 uses it, so concurrent tests do not mix). */
const hookCalls: HookCallRecord[] = [];
const recorder = definePlugin({
  name: 'db-round-test-recorder',
  setup(api) {
    api.extraMetasched(RECORDING_HOOK, (c) => {
      hookCalls.push({
        prevQueues: c.prevQueues === null ? null : [...c.prevQueues],
        queues: [...c.queues],
        now: c.now,
        jobSecurityTime: c.jobSecurityTime,
        config: c.config,
        slotSets: [...c.slotSets.keys()].sort(),
        scheduledJobs: c.scheduledJobs.size,
      });
    });
  },
});

let registryPromise: Promise<PluginRegistry> | undefined;
/** Built-in plugins, the repository's example plugins (find_even_or_odd, foo, …) and the recorder. */
function registry(): Promise<PluginRegistry> {
  registryPromise ??= createSchedulerSetup({ cwd: ROOT, logger: silent }).then(({ registry }) => {
    registry.use(recorder, { source: 'config' });
    return registry;
  });
  return registryPromise;
}

describe('database-round scenarios: the list', () => {
  it('covers every scenario of metascheduler-scenarios.md §2 except E1, E2, X1 and S28, once each', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...SPEC_IDS].sort());
  });

  it('KNOWN_FAILING names only existing scenarios', () => {
    const ids = new Set(SCENARIOS.map((s) => s.id));
    expect(Object.keys(KNOWN_FAILING).filter((k) => !ids.has(k.split('@')[0]!))).toEqual([]);
  });
});

for (const target of await testDatabases()) {
  describe.skipIf(!target.available)(`database-round scenarios on ${target.label}`, () => {
    for (const scenario of SCENARIOS) {
      const known = KNOWN_FAILING[`${scenario.id}@${target.dialect}`] ?? KNOWN_FAILING[scenario.id];
      const name = `${scenario.id} ${scenario.title}`;
      if (known !== undefined) {
        it.skip(`${name} [KNOWN FAILING: ${known}]`, () => {});
        continue;
      }
      // Concurrent: most of a PostgreSQL scenario's time is CREATE DATABASE and the schema.
      it.concurrent(name, async ({ expect }) => {
        const t = await target.create();
        try {
          await initSchema(t.db);
          const ctx = new ScenarioContext(t.db);
          await scenario.setup(ctx);
          const config = schedulerConfigSchema.parse({ ...HARNESS_CONFIG, ...scenario.config });
          for (const [i, round] of scenario.rounds.entries()) {
            await round.before?.(ctx);
            const now = round.now ?? N;
            const expected = typeof round.expect === 'function' ? round.expect(ctx) : round.expect;
            const dumpBefore = expected.unchanged === true ? await dumpData(t.db, OAR_TABLES) : undefined;
            if (scenario.extraMetasched?.name === RECORDING_HOOK) hookCalls.length = 0;
            const notifier = new RecordingNotifier();
            const result = await runDbRound(t.db, { config, registry: await registry(), extraMetasched: scenario.extraMetasched, now, notifier, logger: silent });
            await check(ctx, expected, { expect, result, notifier, now, dumpBefore, label: `${scenario.id} round ${i + 1}` });
          }
        } finally {
          await t.dispose();
        }
      });
    }
  });
}

interface Observed {
  /** The test's own `expect` (concurrent tests). */
  readonly expect: ExpectStatic;
  readonly result: DbRoundResult;
  readonly notifier: RecordingNotifier;
  readonly now: number;
  readonly dumpBefore: Record<string, unknown[]> | undefined;
  readonly label: string;
}

/** Compares what the scenario states with the database and the round's outputs (every mismatch reported). */
async function check(ctx: ScenarioContext, exp: RoundExpect, { expect, result, notifier, now, dumpBefore, label }: Observed): Promise<void> {
  const view = await readView(ctx);
  const at = (what: string) => `${label}: ${what}`;

  expect.soft(result.now, at('result.now')).toBe(now);
  if (exp.exitCode !== undefined) expect.soft(result.exitCode, at('exit code')).toBe(exp.exitCode);

  for (const [name, want] of Object.entries(exp.jobs ?? {})) {
    const got = view.jobs[name];
    if (!got) {
      expect.soft(got, at(`job ${name} exists`)).toBeDefined();
      continue;
    }
    const picked = Object.fromEntries(Object.keys(want).map((k) => [k, got[k as keyof typeof got]]));
    const wanted = Object.fromEntries(Object.entries(want).map(([k, v]) => [k, v instanceof RegExp ? expect.stringMatching(v) : v]));
    expect.soft(picked, at(`job ${name}`)).toEqual(wanted);
  }

  if (exp.gantt !== undefined) {
    const wanted: Record<string, unknown[]> = {};
    for (const [name, plan] of Object.entries(exp.gantt)) if (plan !== null) wanted[name] = [plan];
    const got: Record<string, unknown[]> = {};
    for (const [name, rows] of Object.entries(view.gantt)) {
      const plan = exp.gantt[name];
      got[name] = rows.map((r) =>
        plan ? { start: r.start, ...(plan.resources === undefined ? {} : { resources: r.resources }), ...(plan.moldable === undefined ? {} : { moldable: r.moldable }) } : r,
      );
    }
    expect.soft(got, at('gantt (every planned job)')).toEqual(wanted);
  }
  expect.soft(view.visuRows, at('visu gantt equals the gantt')).toEqual(view.ganttRows);

  if (exp.events !== undefined) {
    const wanted = sorted(exp.events.map((e) => ({ type: e.type, job: e.job, date: e.date ?? now, description: e.description })));
    expect.soft(view.events, at('event_logs')).toEqual(wanted);
  }
  if (exp.noEvents !== undefined) {
    expect.soft(view.events.filter((e) => exp.noEvents!.includes(e.type)), at(`no ${exp.noEvents.join('/')} event`)).toEqual([]);
  }
  if (exp.frags !== undefined) {
    const wanted = sorted(exp.frags.map((f) => ({ job: f.job, date: f.date ?? now, state: f.state ?? 'LEON' })));
    expect.soft(view.frags, at('frag_jobs')).toEqual(wanted);
  }
  for (const [name, logs] of Object.entries(exp.stateLogs ?? {})) {
    const got = view.stateLogs.filter((l) => l.job === name).map((l) => [l.state, l.start, l.stop]);
    expect.soft(got, at(`job_state_logs of ${name}`)).toEqual(logs.map((l) => [...l]));
  }
  if (exp.logOrder !== undefined) {
    const key = (job: string, state: string) => `${job}:${state}`;
    const wanted = exp.logOrder.map(([j, s]) => key(j, s));
    const got = view.stateLogs.map((l) => key(l.job, l.state)).filter((k) => wanted.includes(k));
    expect.soft(got, at('order of job_state_logs rows')).toEqual(wanted);
  }
  if (exp.notifications !== undefined) {
    const got = sorted(
      notifier.calls.map((c): NotificationExpect =>
        c.kind === 'launch' ? { launch: ctx.jobName(c.jobId) } : c.kind === 'automaton' ? { automaton: c.command } : { oarsub: c.infoType, lines: [...c.lines] },
      ),
    );
    expect.soft(got, at('notifications')).toEqual(sorted([...exp.notifications]));
  }
  if (exp.resources !== undefined) {
    const numbers = Object.keys(exp.resources).map(Number);
    const columns = [...new Set(Object.values(exp.resources).flatMap((r) => Object.keys(r)))];
    const got = await readResources(ctx, numbers, columns);
    const wanted = Object.fromEntries(numbers.map((n) => [n, Object.fromEntries(columns.map((c) => [c, exp.resources![n]![c] ?? got[n]![c]]))]));
    expect.soft(got, at('resources')).toEqual(wanted);
  }
  if (exp.unchanged === true) {
    expect.soft(await dumpData(ctx.db, OAR_TABLES), at('database unchanged')).toEqual(dumpBefore);
  }
  if (exp.hookCalls !== undefined) {
    const norm = (c: HookCallRecord) => ({ ...c, prevQueues: c.prevQueues === null ? null : [...c.prevQueues].sort(), queues: [...c.queues].sort() });
    expect.soft(hookCalls.map(norm), at('extra-metasched hook calls')).toEqual(exp.hookCalls.map(norm));
  }
}
