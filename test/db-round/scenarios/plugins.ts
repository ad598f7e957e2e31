/** Plugins through the job types (find=, assign=) and the extra-metasched hook (EXTRA_METASCHED). */
import { N, b5, job, type DbScenario } from '../harness.js';

/** The name under which the runner registers its recording extra-metasched hook. */
export const RECORDING_HOOK = 'db-round-recorder';

export const plugins: readonly DbScenario[] = [
  {
    id: 'S25',
    title: 'find_even_or_odd sees resource indices: odd → 2,4; even → 1,3',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(2, 60, { types: ['find=find_even_or_odd:odd'] }));
      await ctx.add('j2', job(2, 60, { types: ['find=find_even_or_odd:even'] }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch', assignedResources: [2, 4] }, j2: { state: 'toLaunch', assignedResources: [1, 3] } },
          gantt: { j1: { start: N, resources: [2, 4] }, j2: { start: N, resources: [1, 3] } },
        },
      },
    ],
  },
  {
    id: 'S26',
    title: 'assign=one_time_find + find=contiguous_1h, and find=contiguous_sorted_1h, on 8 resources',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx, { count: 8 });
      await ctx.add('j1', job(3, 60, { types: ['assign=one_time_find', 'find=contiguous_1h'] }));
      await ctx.add('j2', job(4, 60, { types: ['find=contiguous_sorted_1h'] }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch', assignedResources: [1, 2, 3] }, j2: { state: 'toLaunch', assignedResources: [4, 5, 6, 7] } },
          gantt: { j1: { start: N, resources: [1, 2, 3] }, j2: { start: N, resources: [4, 5, 6, 7] } },
        },
      },
    ],
  },
  {
    id: 'S27',
    title: 'EXTRA_METASCHED=foo sets deploy=YES on resource 1 before the first group; the same round sees it',
    origin: 'oar3-plugins test_db_extra_metasched_1, run',
    extraMetasched: { name: 'foo', config: '' },
    setup: async (ctx) => {
      await b5(ctx, { queues: [{ name: 'default', priority: 3 }] });
      await ctx.add('j1', job(1, 60, { properties: "deploy='YES'" }));
      await ctx.add('j2', job(1, 60, { properties: "deploy='FOO'" }));
      await ctx.add('j3', job(1));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          resources: { 1: { deploy: 'YES' }, 2: { deploy: 'NO' } },
          jobs: { j1: { state: 'toLaunch', assignedResources: [1] }, j2: { state: 'Waiting', assignedResources: [] }, j3: { state: 'toLaunch', assignedResources: [2] } },
          gantt: { j1: { start: N, resources: [1] }, j2: null, j3: { start: N, resources: [2] } },
        },
      },
    ],
  },
  {
    id: 'S33',
    title: 'order resource_id DESC: indices follow the order (odd → ids 4,2)',
    origin: 'run',
    config: { resourceOrder: 'resource_id DESC' },
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(2));
      await ctx.add('j2', job(2, 60, { types: ['find=find_even_or_odd:odd'] }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'toLaunch', assignedResources: [4, 5] }, j2: { state: 'Waiting' } },
          gantt: { j1: { start: N, resources: [4, 5] }, j2: { start: N + 120, resources: [2, 4] } },
        },
      },
    ],
  },
  {
    id: 'S36',
    title: 'the hook is called once per group, before the active filter, never after the last group',
    origin: 'run',
    extraMetasched: { name: RECORDING_HOOK, config: 'my-config-string' },
    setup: async (ctx) => {
      await b5(ctx, {
        queues: [
          { name: 'admin', priority: 10, state: 'notActive' },
          { name: 'qa', priority: 5 },
          { name: 'qb', priority: 5 },
          { name: 'besteffort', priority: 0 },
        ],
      });
      await ctx.add('r', job(1, 60, { queue: 'qa', state: 'Running', startTime: N - 10, assignedResources: ctx.res(1) }));
      await ctx.add('j2', job(1, 60, { queue: 'qa' }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          hookCalls: [
            { prevQueues: null, queues: ['admin'], now: N, jobSecurityTime: 60, config: 'my-config-string', slotSets: ['default'], scheduledJobs: 1 },
            { prevQueues: ['admin'], queues: ['qa', 'qb'], now: N, jobSecurityTime: 60, config: 'my-config-string', slotSets: ['default'], scheduledJobs: 1 },
            { prevQueues: ['qa', 'qb'], queues: ['besteffort'], now: N, jobSecurityTime: 60, config: 'my-config-string', slotSets: ['default'], scheduledJobs: 1 },
          ],
          jobs: { j2: { state: 'toLaunch', startTime: N, assignedResources: [2] } },
          gantt: { r: { start: N - 10, resources: [1] }, j2: { start: N, resources: [2] } },
        },
      },
    ],
  },
];
