/** Dependencies and inner jobs whose requirement cannot be met. */
import { N, b5, job, type DbScenario } from '../harness.js';

export const dependencies: readonly DbScenario[] = [
  {
    id: 'S11',
    title: 'dependencies on Waiting, Error, Terminated (exit 0 / 1) and Running jobs',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      const id = (n: number) => ctx.id(`j${n}`);
      await ctx.add('j1', job(1));
      await ctx.add('j2', job(1, 60, { dependencies: [id(1)] }));
      await ctx.add('j3', job(1, 60, { state: 'Error' }));
      await ctx.add('j4', job(1, 60, { state: 'Terminated', exitCode: 1 }));
      await ctx.add('j5', job(1, 60, { dependencies: [id(3)] }));
      await ctx.add('j6', job(1, 60, { dependencies: [id(4)] }));
      await ctx.add('j7', job(1, 60, { state: 'Terminated', exitCode: 0 }));
      await ctx.add('j8', job(1, 60, { dependencies: [id(7)] }));
      await ctx.add('j9', job(1, 60, { state: 'Running', startTime: N - 10, assignedResources: ctx.res(5) }));
      await ctx.add('j10', job(1, 60, { dependencies: [id(9)] }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: {
            j1: { state: 'toLaunch', assignedResources: [1] },
            j2: { state: 'Waiting', assignedResources: [] },
            j3: { state: 'Error' },
            j4: { state: 'Terminated' },
            j5: { state: 'toLaunch', assignedResources: [2] },
            j6: { state: 'Waiting', assignedResources: [] },
            j7: { state: 'Terminated' },
            j8: { state: 'toLaunch', assignedResources: [3] },
            j9: { state: 'Running' },
            j10: { state: 'Waiting', assignedResources: [] },
          },
          gantt: {
            j1: { start: N, resources: [1] },
            j2: { start: N + 120, resources: [1] },
            j5: { start: N, resources: [2] },
            j8: { start: N, resources: [3] },
            j9: { start: N - 10, resources: [5] },
          },
          notifications: [{ launch: 'j1' }, { launch: 'j5' }, { launch: 'j8' }],
        },
      },
    ],
  },
  {
    id: 'S46',
    title: 'a job depending on an unschedulable job of the same batch is not planned (ref: launched)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      const j1 = await ctx.add('j1', job(6));
      await ctx.add('j2', job(1, 60, { dependencies: [j1.jobId] }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'Waiting', assignedResources: [] }, j2: { state: 'Waiting', assignedResources: [] } },
          gantt: {},
          notifications: [],
        },
      },
    ],
  },
  {
    id: 'S47',
    title: 'an inner job of a missing container is skipped (ref: round aborted)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(1, 60, { types: ['inner=99'] }));
      await ctx.add('j2', job(1));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'Waiting', assignedResources: [] }, j2: { state: 'toLaunch', startTime: N, assignedResources: [1] } },
          gantt: { j2: { start: N, resources: [1] } },
          notifications: [{ launch: 'j2' }],
        },
      },
    ],
  },
];
