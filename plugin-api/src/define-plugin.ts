/**
 * How a plugin is written: `export default definePlugin({ name, setup(api) { api.find(...) } })`.
 * The same path serves the built-in plugins and third-party packages.
 */
import type { z } from 'zod';
import type { Hierarchy } from './hierarchy.js';
import type { RequestPart } from './job.js';
import type { AssignFn, ExtraMetaschedFn, FindFn, JobDecidedFn, RoundDoneFn, RoundStartFn, SortFn } from './contexts.js';
import type { SchedulerHooks } from './hooks.js';

/**
 * Version of this API. A plugin records the version it was built against; the loader refuses a
 * plugin whose major differs (`PLUGIN_API_MISMATCH`). Bumped on any breaking change of
 * `plugin-api/`.
 */
export const PLUGIN_API_VERSION = 1;

export interface TapOptions {
  /** tapable stage: lower runs first. Built-in plugins tap at `BUILTIN_STAGE` so others come first. */
  readonly stage?: number;
  /** Run before the tap of this plugin name. */
  readonly before?: string;
}

export interface FindTapOptions extends TapOptions {
  /**
   * Optional speed hint: a lower bound on `|available|` below which this find is guaranteed to
   * return no resources for these parts. The core then skips such windows without calling the
   * find. Leave it out unless it is exact for every input.
   */
  readonly necessarySize?: (parts: readonly RequestPart[], hierarchy: Hierarchy) => number;
}

export interface PluginLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface PluginSetupApi<Options> {
  /** The plugin's options, validated by its `options` schema. */
  readonly options: Options;
  /** The raw hooks, for what the helpers below do not cover. */
  readonly hooks: SchedulerHooks;
  readonly log: PluginLogger;
  find(name: string, fn: FindFn, options?: FindTapOptions): void;
  assign(name: string, fn: AssignFn, options?: TapOptions): void;
  jobsSorting(name: string, fn: SortFn, options?: TapOptions): void;
  extraMetasched(name: string, fn: ExtraMetaschedFn, options?: TapOptions): void;
  /**
   * Observation (an addition to API v1): called once per round before anything is scheduled,
   * with `now`, a summary of the configuration and counts. Observers cannot change the round: a
   * return value is ignored and an error becomes a round warning naming the plugin.
   */
  onRoundStart(fn: RoundStartFn, options?: TapOptions): void;
  /** Observation: called once per waiting job and new reservation, with its decision. */
  onJobDecided(fn: JobDecidedFn, options?: TapOptions): void;
  /** Observation: called once per round with the round's (frozen) result. */
  onRoundDone(fn: RoundDoneFn, options?: TapOptions): void;
  /**
   * Declares the settings section `sorting.<section>` of the scheduler config, read by this
   * plugin's sorting policy as `ctx.settings[section]`. The scheduler validates the section with
   * `schema` (defaults applied, errors naming `sorting.<section>.<key>`) before the round starts;
   * a section that no plugin declares is a configuration error. Two plugins may declare the same
   * section only with the same schema object (e.g. MULTIFACTOR reusing FAIRSHARE's).
   */
  sortingSettings(section: string, schema: z.ZodType): void;
}

export interface OarPlugin<Options = Record<string, never>> {
  /** Shown in errors and `oar-sched plugins`; the package name is a good choice. */
  readonly name: string;
  /** Filled by `definePlugin` with the API version the plugin was compiled against. */
  readonly apiVersion: number;
  /** Schema of the options the config may pass (`plugins: [{ name, options }]`). */
  readonly options?: z.ZodType<Options>;
  setup(api: PluginSetupApi<Options>): void;
}

export type PluginDefinition<Options> = Omit<OarPlugin<Options>, 'apiVersion'> & { readonly apiVersion?: number };

export function definePlugin<Options = Record<string, never>>(plugin: PluginDefinition<Options>): OarPlugin<Options> {
  return Object.freeze({ apiVersion: PLUGIN_API_VERSION, ...plugin });
}
