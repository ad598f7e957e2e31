/**
 * The generated tests, one file per hook kind, on `@oar-sched/harness`: a real round on an
 * in-memory SQLite OAR database with this plugin loaded the way a site loads it. Between them
 * they show how to assert a placement, an ordering and a reason.
 */
import type { HookKind } from '../options.js';
import type { PackagePlan } from './package-files.js';

const HEADER = `import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '@oar-sched/harness';
`;

/** Sets up a harness with this package's plugin (\`plugins: import.meta.url\`: the package holding this file). */
const setup = (config: string) => `
let h: Harness;
beforeEach(async () => {
  h = await createHarness({ plugins: import.meta.url, now: '2026-01-01 08:00:00'${config} });
  // Two nodes of four cores: resources 1-4 on node-1, 5-8 on node-2.
  await h.cluster({ nodes: 2, cores: 4 });
});
afterEach(() => h.close());
`;

export const TESTS: Readonly<Record<HookKind, (plan: PackagePlan) => string>> = {
  find: ({ slug }) => `${HEADER}${setup('')}
describe('find=${slug}', () => {
  it('places a job on the last free cores', async () => {
    const job = await h.submit('-l "/core=2,walltime=1:00:00" -t find=${slug}');
    const round = await h.round();
    expect(round.launched).toEqual([job]);
    expect(round.plan[job]?.resources).toEqual([7, 8]);
  });

  it('takes whole nodes from the end too, and leaves the default find unchanged', async () => {
    const mine = await h.submit('-l "/nodes=1,walltime=1:00:00" -t find=${slug}');
    const other = await h.submit('-l "/nodes=1,walltime=1:00:00"');
    const round = await h.round();
    expect(round.plan[mine]?.resources).toEqual([5, 6, 7, 8]);
    expect(round.plan[other]?.resources).toEqual([1, 2, 3, 4]);
  });

  it('leaves a job that can never fit waiting, and says why', async () => {
    const job = await h.submit('-l "/core=9" -t find=${slug}');
    const round = await h.round();
    expect(round.states[job]).toBe('Waiting');
    // The find returned nothing in every window of the plan (see docs/reference/error-codes.md).
    expect(round.explain(job)).toMatchObject({ code: 'NO_WINDOW' });
  });
});
`,
  assign: ({ slug }) => `${HEADER}${setup('')}
// Two requests: all 8 cores for 4 hours, or 1 core for 1 hour.
const twoRequests = '-l "/core=8,walltime=4:00:00" -l "/core=1,walltime=1:00:00"';

describe('assign=${slug}', () => {
  it('places the job with its first request', async () => {
    const job = await h.submit(\`\${twoRequests} -t assign=${slug}\`);
    const round = await h.round();
    expect(round.plan[job]).toMatchObject({ moldable: 0, resources: [1, 2, 3, 4, 5, 6, 7, 8] });
  });

  it('where the default assign keeps the request that finishes first', async () => {
    const job = await h.submit(twoRequests);
    const round = await h.round();
    expect(round.plan[job]).toMatchObject({ moldable: 1, resources: [1] });
  });

  it('leaves the job waiting, with the reason of its first request, when that one cannot fit', async () => {
    const job = await h.submit('-l "/core=9" -l "/core=1" -t assign=${slug}');
    const round = await h.round();
    expect(round.states[job]).toBe('Waiting');
    expect(round.explain(job)).toMatchObject({ code: 'REQUEST_UNSATISFIABLE' });
  });
});
`,
  sorting: ({ slug }) => `${HEADER}${setup(`, config: { sorting: { policy: '${slug}' } }`)}
describe('sorting policy ${slug}', () => {
  it('schedules the shortest jobs first', async () => {
    // Each job takes the whole cluster, so the plan runs them one after the other, in the order given.
    const long = await h.submit('-l "/core=8,walltime=3:00:00"');
    const short = await h.submit('-l "/core=8,walltime=1:00:00"');
    const medium = await h.submit('-l "/core=8,walltime=2:00:00"');
    const round = await h.round();
    const byStart = Object.entries(round.plan)
      .sort(([, a], [, b]) => a.start - b.start)
      .map(([id]) => Number(id));
    expect(byStart).toEqual([short, medium, long]);
    expect(round.launched).toEqual([short]);
  });

  it('keeps submission order between jobs of the same walltime', async () => {
    const first = await h.submit('-l "/core=8,walltime=1:00:00"');
    const second = await h.submit('-l "/core=8,walltime=1:00:00"');
    const round = await h.round();
    expect(round.plan[first]!.start).toBeLessThan(round.plan[second]!.start);
  });
});
`,
  'extra-metasched': ({ slug }) => `${HEADER}${setup(`, config: { extraMetasched: '${slug}' }`)}
describe('extra-metasched hook ${slug}', () => {
  it("marks the first resource deploy='YES' before scheduling, so a deploy job runs there", async () => {
    const job = await h.submit(\`-l "/resource_id=1" -p "deploy='YES'"\`);
    const round = await h.round();
    expect(round.launched).toEqual([job]);
    expect(round.plan[job]?.resources).toEqual([1]);
  });
});

describe('without the hook', () => {
  it('the same job waits: no resource has deploy=YES', async () => {
    const plain = await createHarness({ plugins: import.meta.url, now: '2026-01-01 08:00:00' });
    try {
      await plain.cluster({ nodes: 2, cores: 4 });
      const job = await plain.submit(\`-l "/resource_id=1" -p "deploy='YES'"\`);
      const round = await plain.round();
      expect(round.states[job]).toBe('Waiting');
      // No resource matches the job's property filter.
      expect(round.explain(job)).toMatchObject({ code: 'CONSTRAINT_EMPTY' });
    } finally {
      await plain.close();
    }
  });
});
`,
};
