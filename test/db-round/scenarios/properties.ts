/** Property filters: default-type resources only, SQL fragments, group properties, invalid SQL, Dead matches. */
import { N, THREE_NODES, b5, job, type DbScenario } from '../harness.js';

export const properties: readonly DbScenario[] = [
  {
    id: 'S18',
    title: 'a token resource is only given to a job asking type = \'token\'',
    origin: 'test_db_kamelot_4, run',
    setup: async (ctx) => {
      await b5(ctx, { resources: [{ network_address: 'localhost' }, { network_address: 'localhost' }, { network_address: 'localhost' }, { network_address: 'localhost', type: 'token' }] });
      await ctx.add('j1', job(4));
      await ctx.add('j2', job(1, 60, { properties: "type = 'token'" }));
      await ctx.add('j3', job(2));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'Waiting', assignedResources: [] }, j2: { state: 'toLaunch', assignedResources: [4] }, j3: { state: 'toLaunch', assignedResources: [1, 2] } },
          gantt: { j1: null, j2: { start: N, resources: [4] }, j3: { start: N, resources: [1, 2] } },
        },
      },
    ],
  },
  {
    id: 'S19',
    title: 'job and group properties on network_address; whole nodes for network_address=2',
    origin: 'test_db_properties_1/2/3, run',
    setup: async (ctx) => {
      await b5(ctx, { resources: THREE_NODES });
      await ctx.add('j1', job(2, 60, { properties: "network_address='localhost1'" }));
      await ctx.add('j2', job(2, 60, { properties: "network_address='localhost1'" }));
      await ctx.add('j3', {
        queue: 'default',
        moldables: [{ walltime: 60, groups: [{ property: "network_address='localhost0'", levels: [{ label: 'network_address', value: 1 }, { label: 'resource_id', value: 1 }] }] }],
      });
      await ctx.add('j4', { queue: 'default', moldables: [{ walltime: 60, groups: [{ property: '', levels: [{ label: 'network_address', value: 2 }] }] }] });
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: {
            j1: { state: 'toLaunch', assignedResources: [3, 4] },
            j2: { state: 'Waiting' },
            j3: { state: 'toLaunch', assignedResources: [1] },
            j4: { state: 'Waiting', message: 'R=3,W=120,J=P,Q=default' },
          },
          gantt: {
            j1: { start: N, resources: [3, 4] },
            j2: { start: N + 120, resources: [3, 4] },
            j3: { start: N, resources: [1] },
            j4: { start: N + 120, resources: [1, 2, 5] },
          },
        },
      },
    ],
  },
  {
    id: 'S34',
    title: 'invalid property SQL skips that job only (ref: round aborted)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx);
      await ctx.add('j1', job(1, 60, { properties: "nonexistent_col = 'x'" }));
      await ctx.add('j2', job(1));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j1: { state: 'Waiting', assignedResources: [] }, j2: { state: 'toLaunch', startTime: N, assignedResources: [1] } },
          gantt: { j1: null, j2: { start: N, resources: [1] } },
          notifications: [{ launch: 'j2' }],
        },
      },
    ],
  },
  {
    id: 'S45',
    title: 'a property matching only a Dead resource besides one Alive: not planned (ref: wrong node)',
    origin: 'run',
    setup: async (ctx) => {
      await b5(ctx, { resources: THREE_NODES.map((r, i) => (i === 3 ? { ...r, state: 'Dead' as const } : r)) });
      await ctx.add('j', job(2, 60, { properties: "network_address='localhost1'" }));
    },
    rounds: [
      {
        expect: {
          exitCode: 0,
          jobs: { j: { state: 'Waiting', assignedResources: [] } },
          gantt: { j: null },
          notifications: [],
        },
      },
    ],
  },
];
