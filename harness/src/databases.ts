/**
 * The databases a harness test may run on: SQLite always, PostgreSQL when a server answers (the
 * probe of `@oar-sched/db/testing`: `OAR_TEST_PG_URL`, else the local server with trust
 * authentication). When none answers, the PostgreSQL entry is marked unavailable with the reason
 * and a warning is printed once, so its tests show up as skipped, never silently pass.
 */
import { testDatabases } from '@oar-sched/db/testing';

/** One database to run harness tests on: pass `url` as `createHarness({ db: url })`. */
export interface HarnessDatabase {
  /** For test names: `sqlite`, `postgres (postgres@127.0.0.1:5432)`, or with the skip reason. */
  readonly label: string;
  /** `sqlite::memory:`, or the PostgreSQL server's URL (each harness makes its own temporary database there). */
  readonly url: string;
  readonly available: boolean;
  /** Why it is unavailable (undefined when available). */
  readonly skipReason: string | undefined;
}

/**
 * SQLite (in memory) and PostgreSQL, in this order. Typical vitest use (top-level await):
 *
 * ```ts
 * for (const target of await harnessDatabases()) {
 *   describe.skipIf(!target.available)(`my plugin on ${target.label}`, () => {
 *     it('…', async () => {
 *       const h = await createHarness({ db: target.url });
 *       …
 *     });
 *   });
 * }
 * ```
 */
export async function harnessDatabases(): Promise<HarnessDatabase[]> {
  return (await testDatabases()).map((t) => ({
    label: t.label,
    url: t.dialect === 'sqlite' ? 'sqlite::memory:' : (t.adminUrl ?? ''),
    available: t.available,
    skipReason: t.skipReason,
  }));
}
