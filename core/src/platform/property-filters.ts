/**
 * Property filters evaluated outside the engine. In a database round OAR evaluates each job's
 * filter with the database itself (`SELECT resource_id FROM resources WHERE …`, metascheduler.md
 * §5.4), so the adapter does it through this port, once per queue group, after the group's
 * extra-metasched hook (whose property changes it has written by then). Without a port the
 * engine compiles the filters itself (scenario files).
 */

/** One request part's filter: the job's `properties` and the part's own property, as written. */
export interface PropertyFilter {
  readonly job: string;
  readonly part: string;
}

/** What a filter selects: resource ids (any state, any type), or why it could not be evaluated. */
export type FilterResult = readonly number[] | { readonly error: string };

export interface PropertyFilterPort {
  /** Evaluates each filter; a filter that fails gets `{ error }` (its jobs wait, the round goes on). */
  resolve(filters: readonly PropertyFilter[]): Promise<ReadonlyMap<string, FilterResult>>;
}

/** Key of a filter in `resolve`'s result. */
export function filterKey(filter: PropertyFilter): string {
  return `${filter.job.trim()}\u0000${filter.part.trim()}`;
}

/** Whether the part needs no filter: no job filter, and no part filter but `type = 'default'` (core §5). */
export function isDefaultFilter(filter: PropertyFilter): boolean {
  const part = filter.part.trim();
  return filter.job.trim() === '' && (part === '' || /^type\s*=\s*'default'$/.test(part));
}
