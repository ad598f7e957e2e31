/** Queue groups: priorities, inactive queues, one FIFO batch per group, max jobs per group. */
import { N, b5, job, type DbScenario } from '../harness.js';

export const queues: readonly DbScenario[] = [
  {
    id: 'S12',
    title: 'max 2 jobs per queue group: the first 2 launch, the others are untouched',
    origin: 'test_no_db_metasched_max_job_internal_cycle, test_kamelot_max_job_*, run',
    config: { maxJobsPerQueuesGroup: 2 },
    setup: async (ctx) => {
      await b5(ctx, { count: 10 });
      for (let i = 1; i <= 5; i++) await ctx.add(`j${i}`, job(2));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: {
            j1: { state: 'toLaunch', assignedResources: [1, 2] },
            j2: { state: 'toLaunch', assignedResources: [3, 4] },
            j3: { state: 'Waiting', message: '', assignedResources: [] },
            j4: { state: 'Waiting', message: '', assignedResources: [] },
            j5: { state: 'Waiting', message: '', assignedResources: [] },
          },
          gantt: { j1: { start: N, resources: [1, 2] }, j2: { start: N, resources: [3, 4] } },
          stateLogs: { j3: [], j4: [], j5: [] },
          notifications: [{ launch: 'j1' }, { launch: 'j2' }],
        },
      },
    ],
  },
  {
    id: 'S13',
    title: 'the admin queue (10) goes before default (3)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx, { queues: [{ name: 'admin', priority: 10 }, { name: 'default', priority: 3 }, { name: 'besteffort', priority: 0 }] });
      await ctx.add('j1', job(4));
      await ctx.add('j2', job(4, 60, { queue: 'admin' }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'Waiting', message: 'R=4,W=120,J=P,Q=default' }, j2: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4], message: 'R=4,W=120,J=P,Q=admin' } },
          gantt: { j1: { start: N + 120, resources: [1, 2, 3, 4] }, j2: { start: N, resources: [1, 2, 3, 4] } },
        },
      },
    ],
  },
  {
    id: 'S14',
    title: 'jobs of a notActive queue are ignored entirely',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx, { queues: [{ name: 'default', priority: 3, state: 'notActive' }, { name: 'besteffort', priority: 0 }] });
      await ctx.add('j', job(4));
    },
    rounds: [{ expect: { exitCode: 0, unchanged: true, jobs: { j: { state: 'Waiting', message: '' } }, gantt: {}, notifications: [] } }],
  },
  {
    id: 'S35',
    title: 'two queues of equal priority form one FIFO batch in job id order',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx, { queues: [{ name: 'qa', priority: 5 }, { name: 'qb', priority: 5 }, { name: 'besteffort', priority: 0 }] });
      await ctx.add('j1', job(4, 60, { queue: 'qb' }));
      await ctx.add('j2', job(4, 60, { queue: 'qa' }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3, 4] }, j2: { state: 'Waiting', message: 'R=4,W=120,J=P,Q=qa' } },
          gantt: { j1: { start: N, resources: [1, 2, 3, 4] }, j2: { start: N + 120, resources: [1, 2, 3, 4] } },
        },
      },
    ],
  },
];
