/**
 * PostgreSQL: what each gantt resource table holds, remembered from one round to the next. A
 * round ends with each table holding exactly its plan (sync-gantt.ts); it writes the plan's
 * intervals down (a few thousand numbers at nodeonly-r10000-j2000, for 10M rows). When nothing
 * else wrote the table since, the next round knows the table's content without reading it and
 * writes the difference of the two plans: no probe, no count. Otherwise it proves the table equal
 * to its plan as sync-gantt.ts does, which on PostgreSQL costs one probe per interval and gap
 * range (about 150 ms at j2000, both tables) and a whole-table count (row by row: about 800 ms for
 * 2 × 10M rows, gantt-before.ts).
 *
 * "Nothing else wrote it" is what a statement trigger tells, exactly and transactionally. Any
 * write to a gantt resource table, by anyone (OAR's own `kao`, an administrator's `DELETE`, a
 * `TRUNCATE`, the round itself), forgets the table's plan; the round writes its plan again after
 * its last write to the tables, in its transaction. A plan found at the start of a round, once the
 * round has locked the tables against other writers (gantt-before.ts), is the table's
 * content.
 *
 * The objects live beside the gantt tables, in their schema, and are created by the first round
 * that finds them missing, in a savepoint of its transaction (a role that may not create them, or
 * may not use a plans table another role created, gets a warning and rounds that prove, as
 * before):
 * - the table `oar_sched_gantt_plans (table_oid, moldable_ids, resource_lo, resource_hi)`, keyed
 *   by the table's oid (a table dropped and created again is a new oid, without a plan);
 * - the trigger function `oar_sched_forget_gantt_plan()`, `SECURITY DEFINER` so that any role
 *   that may write the gantt may also forget its plan, with a fixed search path; it does nothing
 *   when the plans table is gone;
 * - the trigger `oar_sched_forget_gantt_plan` on both tables, `AFTER INSERT OR UPDATE OR DELETE
 *   OR TRUNCATE … FOR EACH STATEMENT` (one call a statement, whatever its rows), enabled `ALWAYS`
 *   (it fires under `session_replication_role = replica` and logical replication too).
 * A trigger found missing, or enabled any other way than `ALWAYS` (disabled, or re-enabled after
 * `pg_restore --disable-triggers`, which leaves it `ORIGIN`), is created again and the plans are
 * forgotten: rows written while it was off are seen. The one write it cannot see is one made with
 * the trigger disabled and then re-enabled `ALWAYS` by hand; `DELETE FROM oar_sched_gantt_plans`
 * after such a load makes the next round prove.
 *
 * SQLite, which has row triggers only, has its own way: gantt-known-plans-sqlite.ts.
 */
import { sql } from 'kysely';
import type { Db } from '../connection.js';
import { idRanges, type IdRanges } from './gantt-plan.js';
import { GANTT, GANTT_VISU } from './sync-gantt.js';

/** The one table of the scheduler's own in an OAR database. */
export const GANTT_PLANS_TABLE = 'oar_sched_gantt_plans';
const FORGET = 'oar_sched_forget_gantt_plan';
/** The tables whose plans are known, in the order of `KnownGanttPlans`' `gantt` and `visu`. */
export const PLANNED_TABLES = [GANTT.resources, GANTT_VISU.resources] as const;

export interface KnownGanttPlans {
  /** Each table's exact content, when known: nothing but rounds wrote the table since the last one. */
  readonly gantt: IdRanges | undefined;
  readonly visu: IdRanges | undefined;
  /**
   * Call it before the transaction's first write to the tables, with the plan to write (SQLite,
   * whose triggers fire for each row, lifts them; gantt-known-plans-sqlite.ts).
   */
  beforeWrites?(plan: IdRanges): Promise<void>;
  /** Writes down that both tables hold `plan`. Call it after the transaction's last write to them. */
  remember(plan: IdRanges): Promise<void>;
}

export interface KnownGanttPlansLookup {
  /** Undefined when the objects could not be created, or may not be used by this role (see `warning`). */
  readonly plans: KnownGanttPlans | undefined;
  readonly warning?: string;
}

/**
 * The remembered plans, creating the trigger and the plans table where missing. Call it inside
 * the round's transaction, after locking both tables against other writers. PostgreSQL (SQLite:
 * gantt-known-plans-sqlite.ts).
 */
export async function knownGanttPlans(tx: Db): Promise<KnownGanttPlansLookup> {
  const state = await trackingState(tx);
  const known: (IdRanges | undefined)[] = [undefined, undefined];
  if (state.tracked && !state.mayUsePlans) {
    // Created by another role (say, a first round run by hand as the superuser).
    return {
      plans: undefined,
      warning: `this role may not read and write ${state.plansTable}: each round reads and counts the gantt tables, about 40 ms per million rows; GRANT SELECT, INSERT, UPDATE ON ${state.plansTable} TO ${state.role} lets it skip that`,
    };
  }
  if (state.tracked) {
    const { rows } = await sql<{ table_oid: unknown; moldable_ids: number[]; resource_lo: number[]; resource_hi: number[] }>`
      SELECT table_oid, moldable_ids, resource_lo, resource_hi FROM ${sql.raw(state.plansTable)}`.execute(tx.kysely);
    const byOid = new Map(rows.map((r) => [Number(r.table_oid), r]));
    state.oids.forEach((oid, i) => {
      const r = byOid.get(oid);
      if (r !== undefined) known[i] = idRanges(r.moldable_ids, r.resource_lo, r.resource_hi);
    });
  } else {
    try {
      await tx.transaction((sp) => install(sp, state.schema));
    } catch (e) {
      return {
        plans: undefined,
        warning: `could not create the gantt plan trigger (${e instanceof Error ? e.message : String(e)}): each round reads and counts the gantt tables, about 40 ms per million rows; one round run by the tables' owner creates it, then GRANT SELECT, INSERT, UPDATE ON ${state.plansTable} TO ${state.role}`,
      };
    }
  }
  const [gantt, visu] = known;
  return {
    plans: {
      gantt,
      visu,
      async remember(plan) {
        if (bothHold(gantt, visu, plan)) return;
        const [moldables, lo, hi] = [plan.moldable, plan.lo, plan.hi].map((a) => Array.from(a));
        await sql`INSERT INTO ${sql.raw(state.plansTable)} (table_oid, moldable_ids, resource_lo, resource_hi)
          SELECT oid, ${moldables}::integer[], ${lo}::integer[], ${hi}::integer[] FROM unnest(${[...state.oids]}::oid[]) AS t (oid)
          ON CONFLICT (table_oid) DO UPDATE SET moldable_ids = EXCLUDED.moldable_ids, resource_lo = EXCLUDED.resource_lo, resource_hi = EXCLUDED.resource_hi`.execute(tx.kysely);
      },
    },
  };
}

/**
 * Both tables were known to hold `plan` already: the round wrote neither (no trigger fired), and
 * their plans are still written down.
 */
export function bothHold(gantt: IdRanges | undefined, visu: IdRanges | undefined, plan: IdRanges): boolean {
  return gantt !== undefined && visu !== undefined && sameRanges(gantt, plan) && sameRanges(visu, plan);
}

function sameRanges(a: IdRanges, b: IdRanges): boolean {
  const same = (x: Int32Array, y: Int32Array) => x.length === y.length && x.every((v, i) => v === y[i]);
  return same(a.moldable, b.moldable) && same(a.lo, b.lo) && same(a.hi, b.hi);
}

interface TrackingState {
  /** The gantt tables' schema, quoted. */
  readonly schema: string;
  readonly plansTable: string;
  readonly oids: readonly [number, number];
  /** The plans table exists and both triggers are enabled ALWAYS. */
  readonly tracked: boolean;
  /** This role may select, insert and update in the plans table (when it exists). */
  readonly mayUsePlans: boolean;
  readonly role: string;
}

async function trackingState(tx: Db): Promise<TrackingState> {
  const { rows } = await sql<{ schema: string; name: string; oid: unknown; enabled: string | null; has_plans: boolean; may_use: boolean | null; role: string }>`
    SELECT n.nspname AS schema, c.relname AS name, c.oid::bigint AS oid,
      (SELECT t.tgenabled FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = ${FORGET}) AS enabled,
      p.plans IS NOT NULL AS has_plans,
      CASE WHEN p.plans IS NOT NULL THEN has_table_privilege(p.plans, 'SELECT, INSERT, UPDATE') END AS may_use,
      quote_ident(current_user) AS role
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,
      LATERAL (SELECT to_regclass(quote_ident(n.nspname) || '.' || ${GANTT_PLANS_TABLE}) AS plans) p
    WHERE c.oid IN (${PLANNED_TABLES[0]}::regclass, ${PLANNED_TABLES[1]}::regclass)`.execute(tx.kysely);
  const row = (name: string) => rows.find((r) => r.name === name)!;
  const [gantt, visu] = [row(PLANNED_TABLES[0]), row(PLANNED_TABLES[1])];
  const schema = quoteIdent(gantt.schema);
  return {
    schema,
    plansTable: `${schema}.${GANTT_PLANS_TABLE}`,
    oids: [Number(gantt.oid), Number(visu.oid)],
    tracked: gantt.schema === visu.schema && gantt.has_plans && gantt.enabled === 'A' && visu.enabled === 'A',
    mayUsePlans: gantt.may_use === true,
    role: gantt.role,
  };
}

async function install(tx: Db, schema: string): Promise<void> {
  const run = (statement: string) => sql.raw(statement).execute(tx.kysely);
  const plans = `${schema}.${GANTT_PLANS_TABLE}`;
  await run(`CREATE TABLE IF NOT EXISTS ${plans} (
    table_oid oid PRIMARY KEY, moldable_ids integer[] NOT NULL, resource_lo integer[] NOT NULL, resource_hi integer[] NOT NULL)`);
  await run(
    `COMMENT ON TABLE ${plans} IS 'oar-sched: the rows each gantt resource table holds as the last round left them, as runs (moldable_ids[i], resource_lo[i] .. resource_hi[i]); any other write to the table deletes its row (trigger ${FORGET}). Safe to empty or drop: rounds then read the tables.'`,
  );
  await run(`CREATE OR REPLACE FUNCTION ${schema}.${FORGET}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
    BEGIN
      -- A dropped plans table must not fail the gantt's writers.
      IF to_regclass(${quoteLiteral(plans)}) IS NOT NULL THEN
        DELETE FROM ${plans} WHERE table_oid = TG_RELID;
      END IF;
      RETURN NULL;
    END
    $body$`);
  for (const table of PLANNED_TABLES) {
    await run(`DROP TRIGGER IF EXISTS ${FORGET} ON ${schema}.${table}`);
    await run(`CREATE TRIGGER ${FORGET} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${schema}.${table} FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.${FORGET}()`);
    await run(`ALTER TABLE ${schema}.${table} ENABLE ALWAYS TRIGGER ${FORGET}`);
  }
  await run(`DELETE FROM ${plans}`);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
