/**
 * Plain waiting and current jobs: launch, sequential plans, security time, running jobs' plans,
 * timesharing, containers, moldables, interactive start predictions, suspended jobs.
 */
import { N, b5, job, moldable, setJobState, type DbScenario } from '../harness.js';

export const basics: readonly DbScenario[] = [
  {
    id: 'S01',
    title: 'one waiting job is launched at now on the first 4 resources',
    origin: 'test_db_metasched_simple_1, test_db_all_in_one_simple_1, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(4, 60));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch', startTime: N, assignedMoldable: 0, message: 'R=4,W=120,J=P,Q=default', assignedResources: [1, 2, 3, 4], walltimes: [60] } },
          gantt: { j1: { start: N, resources: [1, 2, 3, 4], moldable: 0 } },
          stateLogs: { j1: [['toLaunch', N, 0]] },
          events: [],
          frags: [],
          notifications: [{ launch: 'j1' }],
        },
      },
    ],
  },
  {
    id: 'S02',
    title: 'two 60 s jobs on the same resources: the second is planned at now+120 (security time)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(4, 60));
      await ctx.add('j2', job(4, 60));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: {
            j1: { state: 'toLaunch', startTime: N, assignedMoldable: 0, assignedResources: [1, 2, 3, 4] },
            j2: { state: 'Waiting', message: 'R=4,W=120,J=P,Q=default', assignedMoldable: null, assignedResources: [] },
          },
          gantt: { j1: { start: N, resources: [1, 2, 3, 4] }, j2: { start: N + 120, resources: [1, 2, 3, 4] } },
          stateLogs: { j1: [['toLaunch', N, 0]], j2: [] },
          notifications: [{ launch: 'j1' }],
        },
      },
    ],
  },
  {
    id: 'S15',
    title: 'a running job (now−30, 100 s) frees its resources at now+130',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('r', job(3, 100, { state: 'Running', startTime: N - 30, assignedResources: ctx.res(1, 2, 3) }));
      await ctx.add('j2', job(3));
      await ctx.add('j3', job(2));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: {
            r: { state: 'Running', message: 'R=3,J=P,Q=default', startTime: N - 30 },
            j2: { state: 'Waiting', message: 'R=3,W=120,J=P,Q=default' },
            j3: { state: 'toLaunch', startTime: N, assignedResources: [4, 5] },
          },
          gantt: { r: { start: N - 30, resources: [1, 2, 3] }, j2: { start: N + 130, resources: [1, 2, 3] }, j3: { start: N, resources: [4, 5] } },
          notifications: [{ launch: 'j3' }],
        },
      },
    ],
  },
  {
    id: 'S20',
    title: 'timesharing: two *,* and two user,* jobs (toto, titi) all start at now on 1-4',
    origin: 'test_db_timesharing_2/3, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(4, 60, { user: 'toto', types: ['timesharing=*,*'] }));
      await ctx.add('j2', job(4, 60, { user: 'titi', types: ['timesharing=*,*'] }));
      await ctx.add('j3', job(4, 60, { user: 'toto', types: ['timesharing=user,*'] }));
      await ctx.add('j4', job(4, 60, { user: 'titi', types: ['timesharing=user,*'] }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: Object.fromEntries(['j1', 'j2', 'j3', 'j4'].map((j) => [j, { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4] }])),
          gantt: Object.fromEntries(['j1', 'j2', 'j3', 'j4'].map((j) => [j, { start: N, resources: [1, 2, 3, 4] }])),
          notifications: [{ launch: 'j1' }, { launch: 'j2' }, { launch: 'j3' }, { launch: 'j4' }],
        },
      },
    ],
  },
  {
    id: 'S21',
    title: 'a container and its inner jobs in the same round',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      const box = await ctx.add('j1', job(4, 300, { types: ['container'] }));
      await ctx.add('j2', job(2, 60, { types: [`inner=${box.jobId}`] }));
      await ctx.add('j3', job(2, 60, { types: [`inner=${box.jobId}`] }));
      await ctx.add('j4', job(3, 60, { types: [`inner=${box.jobId}`] }));
      await ctx.add('j5', job(1));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: {
            j1: { state: 'toLaunch', message: 'R=4,W=360,J=P,Q=default', assignedResources: [1, 2, 3, 4] },
            j2: { state: 'toLaunch', assignedResources: [1, 2] },
            j3: { state: 'toLaunch', assignedResources: [3, 4] },
            j4: { state: 'Waiting', assignedResources: [] },
            j5: { state: 'toLaunch', assignedResources: [5] },
          },
          gantt: {
            j1: { start: N, resources: [1, 2, 3, 4] },
            j2: { start: N, resources: [1, 2] },
            j3: { start: N, resources: [3, 4] },
            j4: { start: N + 120, resources: [1, 2, 3] },
            j5: { start: N, resources: [5] },
          },
          notifications: [{ launch: 'j1' }, { launch: 'j2' }, { launch: 'j3' }, { launch: 'j5' }],
        },
      },
    ],
  },
  {
    id: 'S23',
    title: 'a moldable job launches with its second moldable',
    origin: 'test_db_moldable_1/2, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(3));
      await ctx.add('j2', { queue: 'default', moldables: [moldable(4, 60), moldable(2, 70)] });
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: {
            j1: { state: 'toLaunch', assignedMoldable: 0, assignedResources: [1, 2, 3] },
            j2: { state: 'toLaunch', startTime: N, assignedMoldable: 1, assignedResources: [4, 5], message: 'R=2,W=130,J=P,Q=default', walltimes: [60, 70] },
          },
          gantt: { j1: { start: N, resources: [1, 2, 3], moldable: 0 }, j2: { start: N, resources: [4, 5], moldable: 1 } },
        },
      },
    ],
  },
  {
    id: 'S29',
    title: 'an interactive waiting job gets its start prediction',
    origin: 'test_db_all_in_one_simple_interactive_waiting_1, run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(4));
      await ctx.add('j2', job(4, 60, { jobType: 'INTERACTIVE', infoType: '0.0.0.0:1234' }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch' }, j2: { state: 'Waiting', message: 'R=4,W=120,J=I,Q=default' } },
          gantt: { j1: { start: N, resources: [1, 2, 3, 4] }, j2: { start: N + 120, resources: [1, 2, 3, 4] } },
          // N = 1970-01-12 13:46:40 UTC (the config's default time zone).
          notifications: [{ launch: 'j1' }, { oarsub: '0.0.0.0:1234', lines: ['[1970-01-12 13:46:40] Start prediction: 1970-01-12 13:48:40 (R=4,W=120,J=I,Q=default)'] }],
        },
      },
    ],
  },
  {
    id: 'S30',
    title: 'a Hold job is ignored; a Suspended job keeps its plan but frees its resources',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(4, 60, { state: 'Hold' }));
      await ctx.add('j2', job(2, 600, { state: 'Suspended', suspended: 'YES', startTime: N - 100, assignedResources: ctx.res(1, 2) }));
      await ctx.add('j3', job(5));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'Hold', message: '' }, j2: { state: 'Suspended' }, j3: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4, 5] } },
          gantt: { j1: null, j2: { start: N - 100, resources: [1, 2] }, j3: { start: N, resources: [1, 2, 3, 4, 5] } },
          notifications: [{ launch: 'j3' }],
        },
      },
    ],
  },
  {
    id: 'S31',
    title: 'a toLaunch job occupies its resources and is notified again',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(2, 60, { state: 'toLaunch', startTime: N - 5, assignedResources: ctx.res(1, 2) }));
      await ctx.add('j2', job(4));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch', startTime: N - 5 }, j2: { state: 'Waiting' } },
          gantt: { j1: { start: N - 5, resources: [1, 2] }, j2: { start: N + 115, resources: [1, 2, 3, 4] } },
          notifications: [{ launch: 'j1' }],
        },
      },
    ],
  },
  {
    id: 'S41',
    title: 'after the first job terminates, its plan goes and the second job launches',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(4, 60));
      await ctx.add('j2', job(4, 60));
    },
    rounds: [
      {
        expect: { exitCode: 0, gantt: { j1: { start: N, resources: [1, 2, 3, 4] }, j2: { start: N + 120, resources: [1, 2, 3, 4] } } },
      },
      {
        before: (ctx) => setJobState(ctx, 'j1', 'Terminated', { exitCode: 0 }),
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'Terminated' }, j2: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4] } },
          gantt: { j1: null, j2: { start: N, resources: [1, 2, 3, 4] } },
          stateLogs: { j2: [['toLaunch', N, 0]] },
          notifications: [{ launch: 'j2' }],
        },
      },
    ],
  },
  {
    id: 'S43',
    title: 'a running job past its walltime+security occupies nothing',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('r', job(4, 60, { state: 'Running', startTime: N - 200, assignedResources: ctx.res(1, 2, 3, 4) }));
      await ctx.add('j2', job(4));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { r: { state: 'Running' }, j2: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4] } },
          gantt: { r: { start: N - 200, resources: [1, 2, 3, 4] }, j2: { start: N, resources: [1, 2, 3, 4] } },
        },
      },
    ],
  },
];
