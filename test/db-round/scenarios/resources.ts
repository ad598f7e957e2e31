/** Resource states and availability: Absent, Suspected, Dead, available_upto, running jobs on Suspected resources. */
import { N, b5, job, type DbScenario } from '../harness.js';

export const resources: readonly DbScenario[] = [
  {
    id: 'S10',
    title: 'a job planned at now on an Absent resource is not launched',
    origin: 'test_db_metasched_bug_toLaunch_absent, run',
    setup: async (ctx) => {
      await b5(ctx, { resources: [...Array.from({ length: 5 }, () => ({ network_address: 'localhost' })), { network_address: 'localhost', state: 'Absent' as const }] });
      await ctx.add('j', job(6));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j: { state: 'Waiting', assignedMoldable: null, assignedResources: [] } },
          gantt: { j: { start: N, resources: [1, 2, 3, 4, 5, 6] } },
          stateLogs: { j: [] },
          notifications: [],
        },
      },
    ],
  },
  {
    id: 'S16',
    title: 'available_upto = now+100 forbids any allocation on the resource ending later',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx, {
        resources: Array.from({ length: 5 }, (_, i) => (i < 2 ? { network_address: 'localhost', available_upto: N + 100 } : { network_address: 'localhost' })),
      });
      await ctx.add('j1', job(4, 60));
      await ctx.add('j2', job(2, 30));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'Waiting', assignedResources: [] }, j2: { state: 'toLaunch', message: 'R=2,W=90,J=P,Q=default', assignedResources: [1, 2] } },
          gantt: { j1: null, j2: { start: N, resources: [1, 2] } },
        },
      },
    ],
  },
  {
    id: 'S17',
    title: 'Suspected and Dead resources are invisible to planning',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx, {
        resources: [
          { network_address: 'localhost', state: 'Suspected' },
          { network_address: 'localhost', state: 'Dead' },
          { network_address: 'localhost' },
          { network_address: 'localhost' },
          { network_address: 'localhost' },
        ],
      });
      await ctx.add('j1', job(3));
      await ctx.add('j2', job(1));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch', assignedResources: [3, 4, 5] }, j2: { state: 'Waiting' } },
          gantt: { j1: { start: N, resources: [3, 4, 5] }, j2: { start: N + 120, resources: [3] } },
        },
      },
    ],
  },
  {
    id: 'S32',
    title: 'a running job on a Suspected resource keeps only its usable resources (ref: aliases resource 1)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx, { resources: Array.from({ length: 5 }, (_, i) => (i === 4 ? { network_address: 'localhost', state: 'Suspected' as const } : { network_address: 'localhost' })) });
      await ctx.add('r', job(2, 1000, { state: 'Running', startTime: N - 10, assignedResources: ctx.res(4, 5) }));
      await ctx.add('j2', job(3));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { r: { state: 'Running' }, j2: { state: 'toLaunch', startTime: N, assignedResources: [1, 2, 3] } },
          gantt: { r: { start: N - 10, resources: [4] }, j2: { start: N, resources: [1, 2, 3] } },
        },
      },
    ],
  },
];
