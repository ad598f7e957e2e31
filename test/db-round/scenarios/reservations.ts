/**
 * Advance reservations: validation, acknowledgement, too old / refused, late start (walltime
 * reduction), waiting for missing resources, expiry, competition with waiting jobs, quotas.
 */
import type { JobInsert } from '@oar-sched/db';
import { N, b5, job, setJobStartTime, setPlanStart, setResourceState, type DbScenario, type ScenarioContext } from '../harness.js';

const SUBMITTER = 'localhost:4242';
const GOOD = { oarsub: SUBMITTER, lines: ['GOOD RESERVATION'] };
const REFUSED = 'This advance reservation cannot run';

/** An advance reservation (`reservation = 'toSchedule'`) asking k resources for w seconds from `start`. */
function ar(k: number, start: number, w = 60, extra: Omit<JobInsert, 'moldables'> = {}): JobInsert {
  return job(k, w, { reservation: 'toSchedule', startTime: start, infoType: SUBMITTER, ...extra });
}

/** S03: AR(4 res, 60 s) at N+10, accepted in the first round. */
async function s03Setup(ctx: ScenarioContext): Promise<void> {
  await b5(ctx);
  await ctx.add('ar', ar(4, N + 10));
}

const S03_ACCEPTED = {
  exitCode: 0,
  jobs: { ar: { state: 'Waiting', reservation: 'Scheduled', startTime: N + 10, message: 'R=4,W=120,J=P,Q=default', assignedResources: [] } },
  gantt: { ar: { start: N + 10, resources: [1, 2, 3, 4] } },
  stateLogs: { ar: [['toAckReservation', N, N], ['Waiting', N, 0]] },
  events: [],
  notifications: [GOOD],
} as const;

export const reservations: readonly DbScenario[] = [
  {
    id: 'S03',
    title: 'a new AR is validated, acknowledged and Waiting/Scheduled in the same round',
    origin: 'test_db_metasched_ar_1, test_db_all_in_one_ar_1, run',
    setup: s03Setup,
    rounds: [{ expect: S03_ACCEPTED }],
  },
  {
    id: 'S04',
    title: 'an AR whose window has passed is too old: Error, reservation stays toSchedule',
    origin: 'test_db_all_in_one_AR_2, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('ar', ar(4, N - 1000));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'Error', reservation: 'toSchedule', message: 'Reservation too old' } },
          gantt: { ar: null },
          stateLogs: { ar: [['toError', N, N], ['Error', N, 0]] },
          notifications: [{ oarsub: SUBMITTER, lines: ['Reservation too old', 'BAD JOB'] }, { automaton: 'ChState' }],
        },
      },
    ],
  },
  {
    id: 'S05',
    title: 'an AR needing more resources than exist is refused (reservation Scheduled)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('ar', ar(6, N + 10));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'Error', reservation: 'Scheduled', message: REFUSED } },
          gantt: { ar: null },
          stateLogs: { ar: [['toError', N, N], ['Error', N, 0]] },
          notifications: [{ oarsub: SUBMITTER, lines: [REFUSED, 'BAD JOB'] }, { automaton: 'ChState' }],
        },
      },
    ],
  },
  {
    id: 'S05b',
    title: 'an AR asked 30 s in the past starts at now: start_time moved, exit 1',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('ar', ar(2, N - 30));
    },
    rounds: [
      {
        expect: {
          exitCode: 1,
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled', startTime: N } },
          gantt: { ar: { start: N, resources: [1, 2] } },
          stateLogs: { ar: [['toAckReservation', N, N], ['Waiting', N, 0]] },
          notifications: [GOOD],
        },
      },
    ],
  },
  {
    id: 'S06',
    title: 'an accepted AR planned 20 s in the past launches with its walltime reduced (port: 60 → 40)',
    origin: 'test_db_all_in_one_AR_4, run',
    setup: s03Setup,
    rounds: [
      { expect: S03_ACCEPTED },
      {
        before: (ctx) => setPlanStart(ctx, 'ar', N - 20),
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'toLaunch', reservation: 'Scheduled', startTime: N, assignedMoldable: 0, assignedResources: [1, 2, 3, 4], walltimes: [40] } },
          gantt: { ar: { start: N, resources: [1, 2, 3, 4] } },
          events: [{ type: 'REDUCE_RESERVATION_WALLTIME', job: 'ar', description: 'Change walltime from 60 to 40' }],
          stateLogs: { ar: [['toAckReservation', N, N], ['Waiting', N, N], ['toLaunch', N, 0]] },
          notifications: [{ launch: 'ar' }],
        },
      },
    ],
  },
  {
    id: 'S07',
    title: 'an accepted, late AR whose resources are all Suspected is postponed to now+1',
    origin: 'test_db_all_in_one_AR_5, run',
    setup: s03Setup,
    rounds: [
      { expect: S03_ACCEPTED },
      {
        before: async (ctx) => {
          await setPlanStart(ctx, 'ar', N - 20);
          await setJobStartTime(ctx, 'ar', N - 20);
          await setResourceState(ctx, [1, 2, 3, 4, 5], 'Suspected');
        },
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled', assignedResources: [], walltimes: [60] } },
          gantt: { ar: { start: N + 1, resources: [1, 2, 3, 4] } },
          events: [],
          notifications: [],
        },
      },
    ],
  },
  {
    id: 'S07b',
    title: 'a late AR missing 2 of its resources within the waiting timeout is postponed (ref: crash)',
    origin: 'run',
    setup: s03Setup,
    rounds: [
      { expect: S03_ACCEPTED },
      {
        before: async (ctx) => {
          await setPlanStart(ctx, 'ar', N - 20);
          await setResourceState(ctx, [1, 2], 'Suspected');
        },
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled', assignedResources: [], walltimes: [60] } },
          gantt: { ar: { start: N + 1, resources: [1, 2, 3, 4] } },
          events: [],
          notifications: [],
        },
      },
    ],
  },
  {
    id: 'S07c',
    title: 'past the waiting timeout an AR starts on what is left (port: keeps 3,4, walltime 600−350)',
    origin: 'run (all-Alive variant = test_db_all_in_one_AR_6)',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('ar', ar(4, N + 10, 600));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled', message: 'R=4,W=660,J=P,Q=default' } },
          gantt: { ar: { start: N + 10, resources: [1, 2, 3, 4] } },
        },
      },
      {
        before: async (ctx) => {
          await setPlanStart(ctx, 'ar', N - 350);
          await setResourceState(ctx, [1, 2], 'Suspected');
        },
        expect: (ctx) => ({
          exitCode: 0,
          jobs: { ar: { state: 'toLaunch', startTime: N, message: /^R=2,/, assignedMoldable: 0, assignedResources: [3, 4], walltimes: [250] } },
          gantt: { ar: { start: N, resources: [3, 4] } },
          events: [
            { type: 'SCHEDULER_REDUCE_NB_RESSOURCES_FOR_RESERVATION', job: 'ar', description: `[MetaSched] Reduce the number of resources for the job ${ctx.id('ar')}` },
            { type: 'REDUCE_RESERVATION_WALLTIME', job: 'ar', description: 'Change walltime from 600 to 250' },
          ],
          notifications: [{ launch: 'ar' }],
        }),
      },
    ],
  },
  {
    id: 'S08',
    title: 'an accepted AR whose window has passed expires: Error',
    origin: 'test_db_all_in_one_AR_3, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('ar', ar(4, N + 1000));
    },
    rounds: [
      { expect: { exitCode: 0, jobs: { ar: { state: 'Waiting', reservation: 'Scheduled' } }, gantt: { ar: { start: N + 1000, resources: [1, 2, 3, 4] } } } },
      {
        before: async (ctx) => {
          await setPlanStart(ctx, 'ar', N - 2000);
          await setJobStartTime(ctx, 'ar', N - 2000);
        },
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'Error', reservation: 'Scheduled', message: "Reservation expired and couldn't be started.", assignedResources: [] } },
          gantt: { ar: null },
          stateLogs: { ar: [['toAckReservation', N, N], ['Waiting', N, N], ['Error', N, 0]] },
          notifications: [{ automaton: 'ChState' }],
        },
      },
    ],
  },
  {
    id: 'S37',
    title: 'a new AR is validated after the waiting jobs of its group, which take its resources',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(4));
      await ctx.add('ar', ar(4, N + 10));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4] }, ar: { state: 'Error', reservation: 'Scheduled', message: REFUSED } },
          gantt: { j1: { start: N, resources: [1, 2, 3, 4] }, ar: null },
          stateLogs: { j1: [['toLaunch', N, 0]], ar: [['toError', N, N], ['Error', N, 0]] },
          logOrder: [['ar', 'toError'], ['j1', 'toLaunch'], ['ar', 'Error']],
          notifications: [{ launch: 'j1' }, { oarsub: SUBMITTER, lines: [REFUSED, 'BAD JOB'] }, { automaton: 'ChState' }],
        },
      },
    ],
  },
  {
    id: 'S39',
    title: 'two new ARs of one queue: the first takes 3-5, the second finds nothing',
    origin: 'test_db_metasched_ar_2, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('r', job(2, 1000, { state: 'Running', startTime: N - 10, assignedResources: ctx.res(1, 2) }));
      await ctx.add('ar1', ar(3, N + 10));
      await ctx.add('ar2', ar(2, N + 10, 60, { infoType: 'localhost:4243' }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: {
            ar1: { state: 'Waiting', reservation: 'Scheduled', message: 'R=3,W=120,J=P,Q=default' },
            ar2: { state: 'Error', reservation: 'Scheduled', message: REFUSED },
          },
          gantt: { r: { start: N - 10, resources: [1, 2] }, ar1: { start: N + 10, resources: [3, 4, 5] }, ar2: null },
          notifications: [GOOD, { oarsub: 'localhost:4243', lines: [REFUSED, 'BAD JOB'] }, { automaton: 'ChState' }],
        },
      },
    ],
  },
  {
    id: 'S40',
    title: 'an AR at now: exit 1, then launched by the next round without walltime change',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('ar', ar(2, N));
    },
    rounds: [
      {
        expect: {
          exitCode: 1,
          jobs: { ar: { state: 'Waiting', reservation: 'Scheduled', startTime: N } },
          gantt: { ar: { start: N, resources: [1, 2] } },
          notifications: [GOOD],
        },
      },
      {
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'toLaunch', startTime: N, assignedMoldable: 0, assignedResources: [1, 2], walltimes: [60] } },
          gantt: { ar: { start: N, resources: [1, 2] } },
          events: [],
          stateLogs: { ar: [['toAckReservation', N, N], ['Waiting', N, N], ['toLaunch', N, 0]] },
          notifications: [{ launch: 'ar' }],
        },
      },
    ],
  },
  {
    id: 'S44',
    title: 'a 1 h AR started 60 s late: port walltime 3600 → 3540',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('ar', ar(2, N + 100, 3600));
    },
    rounds: [
      { expect: { exitCode: 0, jobs: { ar: { state: 'Waiting', reservation: 'Scheduled' } }, gantt: { ar: { start: N + 100, resources: [1, 2] } } } },
      {
        now: N + 160,
        expect: {
          exitCode: 0,
          jobs: { ar: { state: 'toLaunch', startTime: N + 160, assignedResources: [1, 2], walltimes: [3540] } },
          gantt: { ar: { start: N + 160, resources: [1, 2] } },
          events: [{ type: 'REDUCE_RESERVATION_WALLTIME', job: 'ar', description: 'Change walltime from 3600 to 3540', date: N + 160 }],
          stateLogs: { ar: [['toAckReservation', N, N], ['Waiting', N, N + 160], ['toLaunch', N + 160, 0]] },
          notifications: [{ launch: 'ar' }],
        },
      },
    ],
  },
  {
    id: 'Q1',
    title: 'quotas: an AR over a 1-resource quota is refused',
    origin: 'test_db_all_in_one_quotas_AR',
    config: { quotas: { enabled: true, rules: { quotas: { '*,*,*,*': [1, -1, -1] } } } },
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('ar', ar(4, N + 10));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          // §7.2 step 6 overwrites the quota message in the reference; either text names the refusal.
          jobs: { ar: { state: 'Error', reservation: 'Scheduled', message: /^This advance reservation cannot run/ } },
          gantt: { ar: null },
          stateLogs: { ar: [['toError', N, N], ['Error', N, 0]] },
        },
      },
    ],
  },
];
