/**
 * Property filters evaluated by the database itself, as OAR does (metascheduler.md §5.4), but
 * safely: each filter is one `SELECT resource_id FROM resources WHERE (job) AND (part)` — the two
 * fragments each in parentheses ([ref-bug]: OAR concatenates them bare) — sent with a bound
 * parameter so that PostgreSQL's extended protocol refuses a second statement (SQLite's prepare
 * refuses one too), and run in a savepoint that is always rolled back, so a fragment that calls a
 * writing function leaves nothing behind. A fragment that fails becomes an error for its jobs only.
 */
import { sql } from 'kysely';
import { filterKey, type FilterResult, type PropertyFilter, type PropertyFilterPort } from '@oar-sched/core';
import type { Db } from '../connection.js';

const DISCARD = Symbol('discard the savepoint');

export function sqlPropertyFilters(tx: Db): PropertyFilterPort {
  return {
    async resolve(filters: readonly PropertyFilter[]): Promise<ReadonlyMap<string, FilterResult>> {
      const out = new Map<string, FilterResult>();
      for (const filter of filters) out.set(filterKey(filter), await evaluate(tx, filter));
      return out;
    },
  };
}

async function evaluate(tx: Db, filter: PropertyFilter): Promise<FilterResult> {
  const where = [filter.job, filter.part]
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => `(${f})`)
    .join(' AND ');
  let ids: number[] = [];
  try {
    await tx.transaction(async (savepoint) => {
      const { rows } = await sql<{ resource_id: number }>`SELECT resource_id FROM resources WHERE ${0} = 0 AND ${sql.raw(where)} ORDER BY resource_id`.execute(savepoint.kysely);
      ids = rows.map((r) => Number(r.resource_id));
      throw DISCARD;
    });
  } catch (e) {
    if (e !== DISCARD) return { error: `the property filter ${where} cannot be evaluated: ${firstLine(e)}` };
  }
  return ids;
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}
