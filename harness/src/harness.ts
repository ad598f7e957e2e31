/**
 * `createHarness`: a fresh OAR database, the scheduler configured and its plugins loaded as in
 * production, and the verbs a plugin test needs: build a cluster, declare queues, submit jobs with
 * oarsub's syntax, run one meta-scheduler round (`runDbRound`, what `oar-sched round` runs) at a
 * chosen time, and read what it decided as plain objects.
 */
import { rmSync } from 'node:fs';
import { formatZodIssues, mergeSchedulerConfig, OarSchedError, schedulerConfigSchema, type PluginRegistry, type RoundResult, type SchedulerConfig, type SchedulerConfigInput } from '@oar-sched/core';
import {
  addResourceColumn,
  initSchema,
  insertJob,
  insertQueue,
  insertResources,
  openDatabase,
  parseDatabaseUrl,
  runDbRound,
  tableColumns,
  type DbConnection,
  type ResourceInsert,
  type ResourceState,
} from '@oar-sched/db';
import { createTemporaryPostgresDatabase } from '@oar-sched/db/testing';
import { RecordingNotifier } from '@oar-sched/notify';
import { definePlugin, type PluginLogger } from '@oar-sched/plugin-api';
import { HARNESS_COLUMNS, HARNESS_CONFIG } from './config.js';
import { parseSubmitLine, toEpoch, toJobInsert, type SubmitOptions } from './oarsub/submit-options.js';
import { loadRegistry, pluginEntries } from './plugins.js';
import { readRound, type HarnessRound } from './read-round.js';

/** The environment variable giving `createHarness`'s default database. */
export const HARNESS_DB_ENV = 'OAR_HARNESS_DB';

/**
 * Scheduler settings (the config file's `scheduler` section, camelCase: `sorting`,
 * `hierarchyLabels`, `quotas`, …) laid over `HARNESS_CONFIG`, plus the extra-metasched hook to
 * call before each queue group (OAR `EXTRA_METASCHED` / `EXTRA_METASCHED_CONFIG`; a name alone
 * means an empty config string).
 */
export type HarnessConfig = SchedulerConfigInput & {
  readonly extraMetasched?: string | { readonly name: string; readonly config?: string | undefined } | undefined;
};

export interface HarnessOptions {
  /**
   * `'sqlite::memory:'`, `'sqlite:PATH'` (an existing file is replaced; the file stays after
   * `close()` for inspection) or `'postgres://user@host:port/db'` (a server whose user may create
   * databases: the harness works in a fresh temporary database there, dropped by `close()`).
   * Default: the `OAR_HARNESS_DB` environment variable, else `'sqlite::memory:'`.
   */
  readonly db?: string | undefined;
  /** Scheduler settings over `HARNESS_CONFIG`, and the extra-metasched hook. */
  readonly config?: HarnessConfig | undefined;
  /**
   * The plugins under test, besides the built-ins (always there): a plugin package folder, a
   * `file:` URL (`import.meta.url`: the package holding the test file), a package name, or a list
   * of these. Default: the nearest package.json from the working directory, if it has an `"oar"`
   * field. Loaded by `oar-sched`'s own plugin loading (see plugins.ts).
   */
  readonly plugins?: string | readonly string[] | undefined;
  /** Options per plugin, keyed by plugin or package name (the config file's `plugins.options`). */
  readonly pluginOptions?: Readonly<Record<string, unknown>> | undefined;
  /** The harness clock at start (epoch seconds or `'YYYY-MM-DD HH:MM:SS'`); default: the current time. */
  readonly now?: number | string | undefined;
  /** Receives plugin and loader log lines; default: kept in `harness.log`. */
  readonly logger?: PluginLogger | undefined;
  /** Where relative plugin paths and package names resolve from; default: `process.cwd()`. */
  readonly cwd?: string | undefined;
}

/** `harness.cluster(spec)`: nodes × cpus × cores resources, one per core. */
export interface ClusterSpec {
  /** Number of nodes (`network_address` `node-1`, `node-2`, … continuing across calls). */
  readonly nodes: number;
  /** CPUs per node (default 1); `cpu` column numbered across the cluster from 1. */
  readonly cpus?: number | undefined;
  /** Cores per CPU (default 1); `core` column numbered across the cluster from 1. */
  readonly cores?: number | undefined;
  /**
   * Extra columns of every resource, or a function of the node number and the cluster-wide cpu
   * and core numbers. Missing columns are created (INTEGER when every value is a whole number,
   * else VARCHAR(255)).
   */
  readonly properties?: Readonly<Record<string, string | number | null>> | ((node: number, cpu: number, core: number) => Readonly<Record<string, string | number | null>>) | undefined;
  /** Default `Alive`. */
  readonly state?: ResourceState | undefined;
  /** `resources.type` (default `default`). */
  readonly type?: string | undefined;
  /** Node name prefix (default `node-`). */
  readonly prefix?: string | undefined;
}

/** `harness.queue(name, options)`. */
export interface QueueOptions {
  /** Higher first; equal priorities form one queue group (default 0). */
  readonly priority?: number | undefined;
  /** Default true (`Active`); false: `notActive`. */
  readonly active?: boolean | undefined;
  /** `scheduler_policy` (default `kamelot`). */
  readonly policy?: string | undefined;
}

/** `harness.round(options)`. */
export interface RoundOptions {
  /** The round's time (epoch seconds or `'YYYY-MM-DD HH:MM:SS'`); default: the harness clock. The clock moves to it. */
  readonly now?: number | string | undefined;
}

/**
 * Creates a harness: opens (or creates) the database, creates OAR's schema and the harness
 * columns (`core`, `cpu`, `host`, `mem`), validates the configuration and loads the plugins.
 * Any problem throws before a test runs: an invalid setting (`CONFIG_INVALID`, with its path), a
 * plugin that does not load (the loader's coded error), an extra-metasched name no plugin provides.
 */
export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const cwd = options.cwd ?? process.cwd();
  const lines: string[] = [];
  const logger: PluginLogger = options.logger ?? { info: (m) => lines.push(`info: ${m}`), warn: (m) => lines.push(`warn: ${m}`) };
  const { config, extraMetasched } = harnessConfig(options.config);
  const registry = await loadRegistry(pluginEntries(options.plugins, cwd), { ...options.pluginOptions }, cwd, logger);
  if (extraMetasched !== undefined && !registry.has('extraMetasched', extraMetasched.name)) {
    const known = registry.plugins.flatMap((p) => p.provides.extraMetasched);
    throw new OarSchedError('CONFIG_INVALID', `createHarness: config.extraMetasched: no plugin provides an extraMetasched hook named "${extraMetasched.name}" (known: ${known.join(', ') || 'none'})`, 'list the package that provides it in plugins');
  }
  const capture: { result: RoundResult | undefined } = { result: undefined };
  registry.use(
    definePlugin({
      name: '@oar-sched/harness',
      setup(api) {
        api.onRoundDone((result) => {
          capture.result = result;
        });
      },
    }),
    { source: 'config', packageName: '@oar-sched/harness' },
  );

  const url = options.db ?? (process.env[HARNESS_DB_ENV] || 'sqlite::memory:');
  const location = parseDatabaseUrl(url, { baseDir: cwd });
  let db: DbConnection;
  let dispose: () => Promise<void>;
  if (location.dialect === 'postgres') {
    const temporary = await createTemporaryPostgresDatabase(url);
    db = temporary.db;
    dispose = () => temporary.dispose();
  } else {
    if (!location.memory) rmSync(location.path, { force: true });
    db = await openDatabase(url, { baseDir: cwd });
    dispose = () => db.close();
  }
  try {
    await initSchema(db);
    for (const [name, type] of HARNESS_COLUMNS) await addResourceColumn(db, name, type);
  } catch (e) {
    await dispose();
    throw e;
  }
  const now = options.now === undefined ? Math.floor(Date.now() / 1000) : toEpoch(options.now, config.timezone, 'createHarness: now');
  const harness = new Harness({ db, dispose, config, extraMetasched, registry, capture, now, lines });
  OPEN.add(harness);
  return harness;
}

const OPEN = new Set<Harness>();

/**
 * Closes every harness of this module instance not closed yet, e.g. `afterEach(closeAllHarnesses)`
 * in a test file, so that a failing test does not leak a temporary database.
 */
export async function closeAllHarnesses(): Promise<void> {
  await Promise.allSettled([...OPEN].map((h) => h.close()));
}

function harnessConfig(input: HarnessConfig | undefined): { config: SchedulerConfig; extraMetasched: { name: string; config: string } | undefined } {
  const { extraMetasched: extra, ...scheduler } = input ?? {};
  const parsed = schedulerConfigSchema.safeParse(mergeSchedulerConfig(HARNESS_CONFIG, scheduler) ?? {});
  if (!parsed.success) {
    throw new OarSchedError('CONFIG_INVALID', `createHarness: invalid config:\n${formatZodIssues(parsed.error.issues, 'config')}`);
  }
  const hook = typeof extra === 'string' ? { name: extra, config: '' } : extra === undefined ? undefined : { name: extra.name, config: extra.config ?? '' };
  return { config: parsed.data, extraMetasched: hook === undefined || hook.name === 'default' ? undefined : hook };
}

interface HarnessParts {
  readonly db: DbConnection;
  readonly dispose: () => Promise<void>;
  readonly config: SchedulerConfig;
  readonly extraMetasched: { name: string; config: string } | undefined;
  readonly registry: PluginRegistry;
  readonly capture: { result: RoundResult | undefined };
  readonly now: number;
  readonly lines: string[];
}

/**
 * A fresh OAR database with a scheduler configured on it (make one with `createHarness`). Jobs
 * and resources get the database's ids (1, 2, … on a fresh database, SQLite and PostgreSQL alike).
 *
 * Queues: when the first round starts and no queue was declared (`queue()`), the harness declares
 * `default` (priority 3) and `besteffort` (priority 0), as OAR's plugin test fixture does. A test
 * that declares any queue owns the whole list.
 */
export class Harness {
  /** The database connection, for what the verbs do not cover (raw rows, reading tables). */
  readonly db: DbConnection;
  /** The validated scheduler configuration the rounds run with. */
  readonly config: SchedulerConfig;
  /** The registry the rounds run with: the built-ins, the plugins under test, the harness's observer. */
  readonly registry: PluginRegistry;
  /** The extra-metasched hook called before each queue group, if any. */
  readonly extraMetasched: { readonly name: string; readonly config: string } | undefined;
  readonly #dispose: () => Promise<void>;
  readonly #capture: { result: RoundResult | undefined };
  readonly #lines: string[];
  readonly #notifier = new RecordingNotifier();
  #now: number;
  #columns: Set<string> | undefined;
  #nodes = 0;
  #cpus = 0;
  #cores = 0;
  #closed = false;

  /** @internal Use `createHarness`. */
  constructor(parts: HarnessParts) {
    this.db = parts.db;
    this.#dispose = parts.dispose;
    this.config = parts.config;
    this.extraMetasched = parts.extraMetasched;
    this.registry = parts.registry;
    this.#capture = parts.capture;
    this.#now = parts.now;
    this.#lines = parts.lines;
  }

  /** The harness clock (epoch seconds): default submission time and round time. */
  get now(): number {
    return this.#now;
  }

  /** Plugin and loader log lines (`info: …`, `warn: …`), oldest first, unless a `logger` was given. */
  get log(): readonly string[] {
    return [...this.#lines];
  }

  /** Epoch seconds of a date written `'YYYY-MM-DD HH:MM:SS'` in the scheduler's time zone (`config.timezone`). */
  time(date: string): number {
    return toEpoch(date, this.config.timezone, 'time');
  }

  /**
   * Adds `nodes × cpus × cores` resources, one per core, in node, cpu, core order:
   * `network_address` `node-N`, `cpu` and `core` numbered across the cluster (a second call
   * continues the numbering), plus `properties`. Returns their ids in that order.
   */
  async cluster(spec: ClusterSpec): Promise<number[]> {
    const { nodes, cpus = 1, cores = 1 } = spec;
    for (const [name, n] of [['nodes', nodes], ['cpus', cpus], ['cores', cores]] as const) {
      if (!Number.isSafeInteger(n) || n < 1) throw new TypeError(`cluster: ${name} must be a whole number ≥ 1, got ${String(n)}`);
    }
    const rows: ResourceInsert[] = [];
    for (let n = 1; n <= nodes; n++) {
      const node = ++this.#nodes;
      for (let c = 1; c <= cpus; c++) {
        const cpu = ++this.#cpus;
        for (let k = 1; k <= cores; k++) {
          const core = ++this.#cores;
          const extra = typeof spec.properties === 'function' ? spec.properties(node, cpu, core) : spec.properties;
          rows.push({
            network_address: `${spec.prefix ?? 'node-'}${node}`,
            cpu,
            core,
            ...(spec.state !== undefined ? { state: spec.state } : {}),
            ...(spec.type !== undefined ? { type: spec.type } : {}),
            ...extra,
          });
        }
      }
    }
    return this.resources(rows);
  }

  /**
   * Adds resource rows as given (OAR's columns and properties; missing property columns are
   * created as `cluster` does). Returns their ids in order.
   */
  async resources(rows: readonly ResourceInsert[]): Promise<number[]> {
    await this.#ensureColumns(rows);
    return insertResources(this.db, rows);
  }

  /** Declares a queue, or changes it when it exists. */
  async queue(name: string, options: QueueOptions = {}): Promise<void> {
    const state = options.active === false ? ('notActive' as const) : ('Active' as const);
    const existing = await this.db.kysely.selectFrom('queues').select('queue_name').where('queue_name', '=', name).executeTakeFirst();
    if (existing === undefined) {
      await insertQueue(this.db, { name, priority: options.priority ?? 0, state, schedulerPolicy: options.policy });
    } else {
      await this.db.kysely
        .updateTable('queues')
        .set({ priority: options.priority ?? 0, state, ...(options.policy !== undefined ? { scheduler_policy: options.policy } : {}) })
        .where('queue_name', '=', name)
        .execute();
    }
  }

  /**
   * Submits a job as oarsub does and returns its id: an oarsub command line (`'-l
   * "/nodes=2,walltime=1:0:0" -t besteffort'`, quoted as in a shell) or the same options as an
   * object. Writes the job, its moldables, groups, levels, types, dependencies and a state log
   * row. A bad request throws a `SubmitError` saying what is wrong and where.
   */
  async submit(job: string | SubmitOptions): Promise<number> {
    const options = typeof job === 'string' ? parseSubmitLine(job) : job;
    const columns = await this.#resourceColumns();
    const insert = toJobInsert(
      options,
      { labels: this.config.hierarchyLabels, columns: [...columns], timeZone: this.config.timezone, now: this.#now },
      typeof job === 'string' ? `oarsub ${job}` : undefined,
    );
    const { jobId } = await insertJob(this.db, insert);
    await this.db.kysely.updateTable('jobs').set({ array_id: jobId }).where('job_id', '=', jobId).execute();
    await this.db.kysely
      .insertInto('job_state_logs')
      .values({ job_id: jobId, job_state: insert.state ?? 'Waiting', date_start: insert.state === 'Running' ? insert.startTime! : insert.submissionTime! })
      .execute();
    return jobId;
  }

  /**
   * Runs one meta-scheduler round (`runDbRound`: the code `oar-sched round` runs) with the
   * notifications recorded, and reads back what it decided.
   */
  async round(options: RoundOptions = {}): Promise<HarnessRound> {
    if (this.#closed) throw new Error('round: the harness is closed');
    if (options.now !== undefined) this.#now = toEpoch(options.now, this.config.timezone, 'round: now');
    await this.#defaultQueues();
    this.#capture.result = undefined;
    this.#notifier.clear();
    const round = await runDbRound(this.db, {
      config: this.config,
      registry: this.registry,
      extraMetasched: this.extraMetasched,
      now: this.#now,
      notifier: this.#notifier,
      logger: { info: () => {}, warn: () => {} },
    });
    return readRound(this.db, round, this.#capture.result, this.config.jobSecurityTime, this.#notifier.calls);
  }

  /** Closes the database (PostgreSQL: drops the temporary database). Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    OPEN.delete(this);
    await this.#notifier.close();
    await this.#dispose();
  }

  async #defaultQueues(): Promise<void> {
    const any = await this.db.kysely.selectFrom('queues').select('queue_name').limit(1).executeTakeFirst();
    if (any !== undefined) return;
    await insertQueue(this.db, { name: 'default', priority: 3 });
    await insertQueue(this.db, { name: 'besteffort', priority: 0 });
  }

  async #resourceColumns(): Promise<Set<string>> {
    this.#columns ??= new Set((await tableColumns(this.db, 'resources')).map((c) => c.name));
    return this.#columns;
  }

  async #ensureColumns(rows: readonly ResourceInsert[]): Promise<void> {
    const columns = await this.#resourceColumns();
    const missing = new Map<string, unknown[]>();
    for (const row of rows) {
      for (const [key, value] of Object.entries(row)) {
        if (columns.has(key) || value === undefined) continue;
        (missing.get(key) ?? missing.set(key, []).get(key)!).push(value);
      }
    }
    for (const [name, values] of missing) {
      const integer = values.every((v) => v === null || (typeof v === 'number' && Number.isSafeInteger(v)));
      await addResourceColumn(this.db, name, integer ? 'INTEGER' : 'VARCHAR(255)');
      columns.add(name);
    }
  }
}

