/**
 * Besteffort jobs: invisible to higher groups, killed (fragged) when a due job needs their
 * resources, spared when timesharing-compatible, checkpointed first, killed ahead of an AR.
 */
import type { JobInsert } from '@oar-sched/db';
import { N, b5, job, type DbScenario, type RoundExpect, type ScenarioContext } from '../harness.js';

/** A running besteffort job (queue and type besteffort) on resources 1..k. */
function runningBe(ctx: ScenarioContext, k: number, extra: Omit<JobInsert, 'moldables'> = {}): JobInsert {
  return job(k, 500, { queue: 'besteffort', state: 'Running', startTime: N - 250, assignedResources: ctx.res(...Array.from({ length: k }, (_, i) => i + 1)), ...extra, types: ['besteffort', ...(extra.types ?? [])] });
}

function killed(ctx: ScenarioContext): Pick<RoundExpect, 'frags' | 'events'> {
  const id = ctx.id('be');
  return {
    frags: [{ job: 'be', state: 'LEON' }],
    events: [
      { type: 'BESTEFFORT_KILL', job: 'be', description: `kill the besteffort job ${id}` },
      { type: 'FRAG_JOB_REQUEST', job: 'be', description: `User oar requested to frag the job ${id}` },
    ],
  };
}

export const besteffort: readonly DbScenario[] = [
  {
    id: 'S09',
    title: 'a waiting job due now on a running BE job\'s resources: BE fragged, nothing launched, exit 2',
    origin: 'test_db_metasched_be_released_for_job, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('be', runningBe(ctx, 4));
      await ctx.add('j2', job(4, 500));
    },
    rounds: [
      {
        expect: (ctx) => ({
          exitCode: 2,
          ...killed(ctx),
          jobs: { be: { state: 'Running', message: 'R=4,J=P,Q=besteffort' }, j2: { state: 'Waiting', assignedMoldable: null, assignedResources: [] } },
          gantt: { be: { start: N - 250, resources: [1, 2, 3, 4] }, j2: { start: N, resources: [1, 2, 3, 4] } },
          stateLogs: { j2: [] },
          notifications: [{ automaton: 'ChState' }],
        }),
      },
    ],
  },
  {
    id: 'S09b',
    title: 'timesharing *,* BE and waiting job: no kill, the job launches (ref: killed)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('be', runningBe(ctx, 4, { types: ['timesharing=*,*'] }));
      await ctx.add('j2', job(4, 500, { types: ['timesharing=*,*'] }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          frags: [],
          events: [],
          jobs: { be: { state: 'Running' }, j2: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4] } },
          gantt: { be: { start: N - 250, resources: [1, 2, 3, 4] }, j2: { start: N, resources: [1, 2, 3, 4] } },
          notifications: [{ launch: 'j2' }],
        },
      },
    ],
  },
  {
    id: 'S09c',
    title: 'a BE job with checkpoint=30 and no CHECKPOINT event is signalled, not fragged; exit 2 (ref: crash)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('be', runningBe(ctx, 4, { checkpoint: 30 }));
      await ctx.add('j2', job(4, 500));
    },
    rounds: [
      {
        expect: {
          exitCode: 2,
          frags: [],
          noEvents: ['BESTEFFORT_KILL', 'FRAG_JOB_REQUEST'],
          jobs: { be: { state: 'Running' }, j2: { state: 'Waiting', assignedResources: [] } },
          gantt: { be: { start: N - 250, resources: [1, 2, 3, 4] }, j2: { start: N, resources: [1, 2, 3, 4] } },
        },
      },
    ],
  },
  {
    id: 'S22',
    title: 'a waiting BE job is planned after the default queue\'s job and kills nothing',
    origin: 'test_db_all_in_one_BE, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('be', job(1, 100, { queue: 'besteffort', types: ['besteffort'] }));
      await ctx.add('j2', job(5, 100));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          frags: [],
          jobs: { be: { state: 'Waiting' }, j2: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4, 5] } },
          gantt: { be: { start: N + 160, resources: [1] }, j2: { start: N, resources: [1, 2, 3, 4, 5] } },
          notifications: [{ launch: 'j2' }],
        },
      },
    ],
  },
  {
    id: 'S24',
    title: 'kill look-ahead 120: an AR due at now+60 frags the BE job, from the round after its validation',
    origin: 'test_db_metasched_ar_check_kill_be_security_time, run',
    config: { besteffortKillDurationBeforeReservation: 120 },
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('be', runningBe(ctx, 5));
      await ctx.add('ar', job(4, 60, { reservation: 'toSchedule', startTime: N + 60, infoType: 'localhost:4242' }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          frags: [],
          events: [],
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled' }, be: { state: 'Running' } },
          gantt: { be: { start: N - 250, resources: [1, 2, 3, 4, 5] }, ar: { start: N + 60, resources: [1, 2, 3, 4] } },
          notifications: [{ oarsub: 'localhost:4242', lines: ['GOOD RESERVATION'] }],
        },
      },
      {
        expect: (ctx) => ({
          exitCode: 2,
          ...killed(ctx),
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled' }, be: { state: 'Running' } },
          gantt: { be: { start: N - 250, resources: [1, 2, 3, 4, 5] }, ar: { start: N + 60, resources: [1, 2, 3, 4] } },
          notifications: [{ automaton: 'ChState' }],
        }),
      },
    ],
  },
  {
    id: 'S24nb',
    title: 'kill look-ahead 60 and the AR due at now+120: no frag',
    origin: 'test_db_metasched_ar_check_kill_be_no_be_security_time (S24 variant)',
    config: { besteffortKillDurationBeforeReservation: 60 },
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('be', runningBe(ctx, 5));
      await ctx.add('ar', job(4, 60, { reservation: 'toSchedule', startTime: N + 120, infoType: 'localhost:4242' }));
    },
    rounds: [
      { expect: { exitCode: 0, frags: [], jobs: { ar: { state: 'Waiting', reservation: 'Scheduled' } }, gantt: { be: { start: N - 250, resources: [1, 2, 3, 4, 5] }, ar: { start: N + 120, resources: [1, 2, 3, 4] } } } },
      {
        expect: {
          exitCode: 0,
          frags: [],
          events: [],
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled' }, be: { state: 'Running' } },
          gantt: { be: { start: N - 250, resources: [1, 2, 3, 4, 5] }, ar: { start: N + 120, resources: [1, 2, 3, 4] } },
          notifications: [],
        },
      },
    ],
  },
  {
    id: 'S38',
    title: 'a waiting BE job is planned around an AR of a higher group',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('be', job(4, 60, { queue: 'besteffort', types: ['besteffort'] }));
      await ctx.add('ar', job(4, 60, { reservation: 'toSchedule', startTime: N + 10, infoType: 'localhost:4242' }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          frags: [],
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled', startTime: N + 10 }, be: { state: 'Waiting' } },
          gantt: { ar: { start: N + 10, resources: [1, 2, 3, 4] }, be: { start: N + 130, resources: [1, 2, 3, 4] } },
        },
      },
    ],
  },
];
