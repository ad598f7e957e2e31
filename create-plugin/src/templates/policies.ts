/**
 * The example policy of each hook kind: the source file it generates, how `src/index.ts` registers
 * it, and how a site selects it. Each is small, works as it is, and is the thing the generated
 * tests exercise.
 */
import type { HookKind } from '../options.js';

export interface PolicyTemplate {
  /** File under src/ (without extension). */
  readonly file: string;
  /** The exported function. */
  readonly fn: string;
  /** The `api.*` registration line inside `setup(api)`. */
  register(slug: string): string;
  /** Key of the manifest's `provides` (null: not declared there). */
  readonly provides: 'find' | 'assign' | 'jobsSorting' | 'extraMetasched';
  /** How a job or a site selects it, for the README. */
  selection(slug: string): string;
  source(slug: string): string;
}

export const POLICIES: Readonly<Record<HookKind, PolicyTemplate>> = {
  find: {
    file: 'find',
    fn: 'findFromTheEnd',
    provides: 'find',
    register: (slug) => `api.find('${slug}', findFromTheEnd);`,
    selection: (slug) => `a job asks for it with \`oarsub -t find=${slug}\``,
    source: (slug) => `import type { FindContext, FindResult } from '@oar-sched/plugin-api';
import { IntervalSet } from '@oar-sched/plugin-api';

/**
 * \`find=${slug}\`: fills the cluster from its end. For a one-level request (\`/core=4\`,
 * \`/nodes=2\`, …) it takes the last blocks of that level that are entirely free in the window and
 * allowed by the job's properties; every other request goes to the default find.
 *
 * Called once per candidate time window: return the resources (positions in the resource order),
 * \`null\` when nothing fits in this window, or \`undefined\` to let another find of the same name
 * decide. See docs/reference/hooks.md.
 */
export function findFromTheEnd(ctx: FindContext): FindResult {
  const part = ctx.parts.length === 1 ? ctx.parts[0] : undefined;
  const request = part?.levels.length === 1 ? part.levels[0] : undefined;
  const level = request ? ctx.hierarchy.level(request.level) : undefined;
  if (!part || !request || !level || typeof request.count !== 'number') return ctx.delegate('default');
  const free = ctx.available.intersect(part.constraint);
  let taken = IntervalSet.EMPTY;
  let count = 0;
  for (let i = level.blocks.length - 1; i >= 0 && count < request.count; i--) {
    const block = level.blocks[i]!;
    if (free.contains(block)) {
      taken = taken.union(block);
      count++;
    }
  }
  return count === request.count ? taken : null;
}
`,
  },
  assign: {
    file: 'assign',
    fn: 'firstMoldableOnly',
    provides: 'assign',
    register: (slug) => `api.assign('${slug}', firstMoldableOnly);`,
    selection: (slug) => `a job asks for it with \`oarsub -t assign=${slug}\``,
    source: (slug) => `import type { AssignContext, AssignResult } from '@oar-sched/plugin-api';

/**
 * \`assign=${slug}\`: places a moldable job with its first request only, at the earliest time it
 * fits (the default assign tries every request and keeps the one that finishes first).
 *
 * Return a placement (the scheduler then reserves the resources), \`{ placed: false, reason }\` to
 * leave the job waiting with that reason, or \`undefined\` to let another assign of the same name
 * decide. See docs/reference/hooks.md.
 */
export function firstMoldableOnly(ctx: AssignContext): AssignResult {
  const found = ctx.searchMoldable(0);
  return found.found ? ctx.place(found) : { placed: false, reason: found.reason };
}
`,
  },
  sorting: {
    file: 'sorting',
    fn: 'shortestFirst',
    provides: 'jobsSorting',
    register: (slug) => `api.jobsSorting('${slug}', shortestFirst);`,
    selection: (slug) => `a site selects it with \`scheduler: { sorting: { policy: '${slug}' } }\` in its oar.config (OAR's \`JOB_PRIORITY\`)`,
    source: () => `import type { Job, SortContext, SortResult } from '@oar-sched/plugin-api';

/**
 * Sorting policy: the waiting jobs of a queue group by increasing walltime of their first request;
 * jobs of equal walltime keep their submission order. Called once per queue group and round.
 *
 * Return the jobs in scheduling order, or \`undefined\` to let another policy of the same name
 * decide. See docs/reference/hooks.md.
 */
export function shortestFirst(ctx: SortContext): SortResult {
  const walltime = (job: Job) => job.moldables[0]?.walltime ?? 0;
  return [...ctx.jobs].sort((a, b) => walltime(a) - walltime(b));
}
`,
  },
  'extra-metasched': {
    file: 'extra-metasched',
    fn: 'markDeployNode',
    provides: 'extraMetasched',
    register: (slug) => `api.extraMetasched('${slug}', markDeployNode);`,
    selection: (slug) => `a site selects it with \`extraMetasched: { name: '${slug}' }\` in its oar.config (OAR's \`EXTRA_METASCHED\`)`,
    source: () => `import type { ExtraMetaschedContext } from '@oar-sched/plugin-api';

/**
 * Extra meta-scheduling hook: at the start of each round (before the first queue group), sets
 * \`deploy='YES'\` on the first resource of the resource order, so that jobs submitted with
 * \`-p "deploy='YES'"\` can run there (OAR3's \`foo\` example hook). Called before every queue
 * group; \`prevQueues\` is \`null\` for the first.
 *
 * Property writes are part of the round's transaction: they are dropped if the round fails. See
 * docs/reference/hooks.md.
 */
export function markDeployNode(ctx: ExtraMetaschedContext): void {
  if (ctx.prevQueues !== null) return;
  const first = ctx.platform.resources[0];
  if (first) ctx.setResourceProperty(first.id, 'deploy', 'YES');
}
`,
  },
};
