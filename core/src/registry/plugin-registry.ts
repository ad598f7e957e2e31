/**
 * Registers plugins on one hooks object and remembers who provides what. Every plugin — the
 * built-in defaults included — goes through `use()`. Contracts enforced here:
 * - api version: a plugin built against another major is refused (`PLUGIN_API_MISMATCH`);
 * - options: validated by the plugin's zod schema (`PLUGIN_OPTIONS_INVALID`);
 * - names: two plugins with the same `name`, or two non-built-in plugins providing the same hook
 *   name, is an error (`PLUGIN_DUPLICATE_NAME`) naming both packages; a plugin may provide a name
 *   a built-in provides — it runs first and the built-in is the fallback when it returns
 *   `undefined`.
 * - order: built-in taps get stage `BUILTIN_STAGE` so they always run after the others; other
 *   plugins tap at stage 0 unless they ask for a stage (which must stay below `BUILTIN_STAGE`) or
 *   `before` (a tap already registered). Equal stages run in registration order.
 * - blame: every tap of a keyed hook is wrapped when registered (tap-guard.ts), so an error it
 *   throws, or a find result outside its window's free set, is reported with the plugin's name
 *   (`pluginFailure`).
 * - observers (`onRoundStart`, `onJobDecided`, `onRoundDone`) are listed in `observes`, not in
 *   `provides`: any number of plugins may observe.
 */
import { OarSchedError, isOarSchedError } from '../errors.js';
import {
  PLUGIN_API_VERSION,
  HOOK_KINDS,
  type Hierarchy,
  type ObservationHookKind,
  type RequestPart,
  type FindTapOptions,
  type OarPlugin,
  type PluginLogger,
  type PluginSetupApi,
  type ReasonPlugin,
  type TapOptions,
  type HookKind,
  type SchedulerHooks,
} from '@oar-sched/plugin-api';
import { createHooks } from './create-hooks.js';
import { PluginContractError, TapFailures, type TapIdentity } from './tap-guard.js';
import type { ZodType } from 'zod';
import { formatZodIssues } from '../format-issues.js';

export const BUILTIN_STAGE = 1000;

export type PluginSource = 'built-in' | 'dependency' | 'config';

export interface PluginOrigin {
  readonly source: PluginSource;
  /** npm package name, when the plugin came from a package. */
  readonly packageName?: string | undefined;
  readonly version?: string | undefined;
  /** File the plugin was loaded from. */
  readonly entry?: string | undefined;
}

export interface RegisteredPlugin extends PluginOrigin {
  readonly name: string;
  readonly apiVersion: number;
  /** Hook names this plugin tapped, per keyed hook. */
  readonly provides: Readonly<Record<HookKind, readonly string[]>>;
  /**
   * Observation hooks this plugin taps (`roundStart`, `jobDecided`, `roundDone`). They are not
   * names a plugin provides (any number of plugins may observe), so they are listed apart.
   */
  readonly observes: readonly ObservationHookKind[];
}

type SizeHint = (parts: readonly RequestPart[], hierarchy: Hierarchy) => number;

/** What the round needs to report a plugin that threw or broke its contract. */
export interface PluginFailure {
  readonly plugin: ReasonPlugin;
  /** `find plugin "contiguous" (@acme/x) failed: <error message>` or `… returned resources outside …`. */
  readonly message: string;
}

const HOOK_LABELS: Readonly<Record<HookKind, string>> = {
  jobsSorting: 'job sorting plugin',
  assign: 'assign plugin',
  find: 'find plugin',
  extraMetasched: 'extraMetasched plugin',
};

export class PluginRegistry {
  readonly #failures = new TapFailures();
  readonly hooks: SchedulerHooks = createHooks((kind, key, tap) => this.#failures.guard(kind, key, tap));
  readonly #plugins: RegisteredPlugin[] = [];
  readonly #providers = new Map<string, RegisteredPlugin[]>();
  /** `sorting.<section>` → the schema a plugin declared for it. */
  readonly #sortingSections = new Map<string, { readonly schema: ZodType; readonly plugin: string }>();
  /** find name → size hint; `null` once a tap of that name comes without one. */
  readonly #sizeHints = new Map<string, SizeHint | null>();

  /** Where plugins' log lines (and observer failures reported after a round) go. */
  constructor(readonly logger: PluginLogger = silentLogger) {}

  get plugins(): readonly RegisteredPlugin[] {
    return this.#plugins;
  }

  /** Plugins providing `name` on hook `kind`, in registration order. */
  providers(kind: HookKind, name: string): readonly RegisteredPlugin[] {
    return this.#providers.get(`${kind}:${name}`) ?? [];
  }

  has(kind: HookKind, name: string): boolean {
    return this.providers(kind, name).length > 0;
  }

  /** The `necessarySize` hint of a find name, when every tap of that name gave one. */
  findSizeHint(name: string): SizeHint | undefined {
    return this.#sizeHints.get(name) ?? undefined;
  }

  /**
   * The plugin an error thrown by a hook call came from (every tap is wrapped when it is
   * registered, see tap-guard.ts), with the message a `PLUGIN_ERROR` reason gives; `undefined`
   * for an error no tap threw.
   */
  pluginFailure(error: unknown): PluginFailure | undefined {
    const origin = this.#failures.originOf(error);
    if (!origin) return undefined;
    const plugin = this.#describeTap(origin);
    const who = `${HOOK_LABELS[origin.hook]} "${origin.key}" (${plugin.packageName ?? plugin.name})`;
    const message = error instanceof PluginContractError ? `${who} ${error.message}` : `${who} failed: ${errorText(error)}`;
    return { plugin, message };
  }

  /** The registered plugin a tap belongs to (taps are named after their plugin). */
  pluginOfTap(tapName: string): RegisteredPlugin | undefined {
    return this.#plugins.find((p) => p.name === tapName);
  }

  #describeTap(origin: TapIdentity): ReasonPlugin {
    const registered = this.pluginOfTap(origin.tapName);
    return {
      name: origin.tapName,
      ...(registered?.packageName !== undefined ? { packageName: registered.packageName } : {}),
      hook: origin.hook,
      key: origin.key,
    };
  }

  /** The settings sections of `sorting` that plugins declared, with their schemas. */
  get sortingSections(): ReadonlyMap<string, { readonly schema: ZodType; readonly plugin: string }> {
    return this.#sortingSections;
  }

  use<Options>(plugin: OarPlugin<Options>, origin: PluginOrigin, rawOptions?: unknown): RegisteredPlugin {
    const label = origin.packageName ?? plugin.name;
    if (typeof plugin.apiVersion !== 'number') {
      throw new OarSchedError(
        'PLUGIN_API_MISMATCH',
        `plugin ${label} does not say which plugin API it was built for (no numeric "apiVersion")`,
        'create the plugin object with definePlugin() from @oar-sched/core/plugin, which records the API version',
      );
    }
    if (plugin.apiVersion !== PLUGIN_API_VERSION) {
      throw new OarSchedError(
        'PLUGIN_API_MISMATCH',
        `plugin ${label} was built for plugin API ${plugin.apiVersion}, this scheduler provides API ${PLUGIN_API_VERSION}`,
        `upgrade ${label} to a release built against @oar-sched/core plugin API ${PLUGIN_API_VERSION}`,
      );
    }
    const namesake = this.#plugins.find((p) => p.name === plugin.name);
    if (namesake) {
      throw new OarSchedError(
        'PLUGIN_DUPLICATE_NAME',
        `two plugins are named "${plugin.name}": ${describeOrigin(namesake)} and ${describeOrigin({ ...origin, name: plugin.name })}`,
        'keep one of them: uninstall one package, or add its package name to plugins.disable',
      );
    }
    const options = this.#validateOptions(plugin, label, rawOptions);
    const provides = Object.fromEntries(HOOK_KINDS.map((k) => [k, [] as string[]])) as Record<HookKind, string[]>;
    const observes: ObservationHookKind[] = [];
    const registered: RegisteredPlugin = { ...origin, name: plugin.name, apiVersion: plugin.apiVersion, provides, observes };
    const observe = (kind: ObservationHookKind) => {
      if (!observes.includes(kind)) observes.push(kind);
    };
    const builtIn = origin.source === 'built-in';
    const tapOptions = (o?: TapOptions) => {
      if (!builtIn && o?.stage !== undefined && o.stage >= BUILTIN_STAGE) {
        throw new OarSchedError(
          'PLUGIN_LOAD_FAILED',
          `plugin ${label} asks for tap stage ${o.stage}; stages from ${BUILTIN_STAGE} up are reserved for the built-in fallbacks`,
          `use a stage below ${BUILTIN_STAGE} in ${label}`,
        );
      }
      return {
        name: plugin.name,
        stage: o?.stage ?? (builtIn ? BUILTIN_STAGE : 0),
        ...(o?.before !== undefined ? { before: o.before } : {}),
      };
    };
    const claim = (kind: HookKind, name: string) => {
      const key = `${kind}:${name}`;
      const others = this.#providers.get(key) ?? [];
      const clash = others.find((p) => p.source !== 'built-in' && p.name !== plugin.name);
      if (!builtIn && clash) {
        throw new OarSchedError(
          'PLUGIN_DUPLICATE_NAME',
          `${kind} "${name}" is provided by both ${describeOrigin(clash)} and ${describeOrigin({ ...origin, name: plugin.name })}`,
          `disable one of them in the config (plugins.disable), or rename the hook in one plugin`,
        );
      }
      if (!others.includes(registered)) this.#providers.set(key, [...others, registered]);
      if (!provides[kind].includes(name)) provides[kind].push(name);
    };
    const api: PluginSetupApi<Options> = {
      options,
      hooks: this.hooks,
      log: prefixed(this.logger, plugin.name),
      find: (name, fn, o?: FindTapOptions) => {
        claim('find', name);
        const previous = this.#sizeHints.get(name);
        this.#sizeHints.set(name, o?.necessarySize && previous !== null ? minHint(previous, o.necessarySize) : null);
        this.hooks.find.for(name).tap(tapOptions(o), fn);
      },
      assign: (name, fn, o) => {
        claim('assign', name);
        this.hooks.assign.for(name).tap(tapOptions(o), fn);
      },
      jobsSorting: (name, fn, o) => {
        claim('jobsSorting', name);
        this.hooks.jobsSorting.for(name).tap(tapOptions(o), fn);
      },
      extraMetasched: (name, fn, o) => {
        claim('extraMetasched', name);
        this.hooks.extraMetasched.for(name).tapPromise(tapOptions(o), async (ctx) => fn(ctx));
      },
      onRoundStart: (fn, o) => {
        observe('roundStart');
        this.hooks.roundStart.tap(tapOptions(o), fn);
      },
      onJobDecided: (fn, o) => {
        observe('jobDecided');
        this.hooks.jobDecided.tap(tapOptions(o), fn);
      },
      onRoundDone: (fn, o) => {
        observe('roundDone');
        this.hooks.roundDone.tap(tapOptions(o), fn);
      },
      sortingSettings: (section, schema) => {
        const declared = this.#sortingSections.get(section);
        if (section === 'policy' || section === 'custom' || (declared && declared.schema !== schema)) {
          throw new OarSchedError(
            'PLUGIN_DUPLICATE_NAME',
            `plugin ${label} declares the sorting settings section "${section}", ${declared ? `already declared by plugin ${declared.plugin}` : 'a name the scheduler reserves'}`,
            `rename the section in ${label}`,
          );
        }
        if (!declared) this.#sortingSections.set(section, { schema, plugin: plugin.name });
      },
    };
    try {
      plugin.setup(api);
    } catch (e) {
      if (isOarSchedError(e)) throw e;
      throw new OarSchedError(
        'PLUGIN_LOAD_FAILED',
        `plugin ${label} failed during setup: ${e instanceof Error ? e.message : String(e)}`,
        `fix or disable ${label}`,
      );
    }
    this.#plugins.push(registered);
    return registered;
  }

  #validateOptions<Options>(plugin: OarPlugin<Options>, label: string, raw: unknown): Options {
    if (!plugin.options) {
      if (raw !== undefined && !(typeof raw === 'object' && raw !== null && Object.keys(raw).length === 0)) {
        throw new OarSchedError('PLUGIN_OPTIONS_INVALID', `plugin ${label} takes no options`, `remove the options given to ${label} in the config`);
      }
      return {} as Options;
    }
    const parsed = plugin.options.safeParse(raw ?? {});
    if (!parsed.success) {
      throw new OarSchedError(
        'PLUGIN_OPTIONS_INVALID',
        `invalid options for plugin ${label}:\n${formatZodIssues(parsed.error.issues, 'options')}`,
        `fix the options given to ${label} in the config (plugins.options or its plugins.list entry)`,
      );
    }
    return parsed.data;
  }
}

/** An error's text: its message for an `Error`, `String(error)` otherwise. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `"name" (package@version, source)` for messages. */
function describeOrigin(p: PluginOrigin & { readonly name: string }): string {
  const pkg = p.packageName && p.packageName !== p.name ? `${p.packageName}${p.version ? `@${p.version}` : ''}, ` : '';
  const where = p.source === 'config' && !p.packageName && p.entry ? `file ${p.entry}` : p.source;
  return `"${p.name}" (${pkg}${where})`;
}

function minHint(previous: SizeHint | undefined, next: SizeHint): SizeHint {
  return previous ? (parts, h) => Math.min(previous(parts, h), next(parts, h)) : next;
}

function prefixed(logger: PluginLogger, name: string): PluginLogger {
  return { info: (m) => logger.info(`[${name}] ${m}`), warn: (m) => logger.warn(`[${name}] ${m}`) };
}

/** The default logger: the engine writes nowhere by itself; the app passes its own. */
export const silentLogger: PluginLogger = { info: () => {}, warn: () => {} };
