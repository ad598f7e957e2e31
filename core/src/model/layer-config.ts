/**
 * How the config file's `scheduler` section and a scenario's own `config` combine for
 * `oar-sched schedule --scenario`: the scenario wins, field by field. Both are merged as written
 * (before defaults), so a field the scenario leaves out comes from the config file, then from the
 * default. Objects that are sections of the schema (the top level, `quotas`, `sorting`,
 * and each policy section such as `sorting.fairshare`) merge key by key; every other value — arrays,
 * records such as `quotas.rules` or `projectTargets`, and `sorting.custom` — is replaced whole,
 * because half of a quotas document or of a plugin selection is never what anyone meant.
 */
import type { SchedulerConfigInput } from './config.js';

const MERGED_SECTIONS: ReadonlySet<string> = new Set(['', 'quotas', 'sorting']);

/** `sorting.<policy section>` (`sorting.fairshare`, a third-party policy's section, …) merges too; `sorting.custom` does not. */
function merges(path: string): boolean {
  return MERGED_SECTIONS.has(path) || (path.startsWith('sorting.') && path !== 'sorting.custom' && path.indexOf('.', 8) < 0);
}

/**
 * `override` is the scenario's raw `config` (not yet validated: anything that is not an object is
 * returned as is, so the scenario's validation reports it at its own path).
 */
export function mergeSchedulerConfig(base: SchedulerConfigInput | undefined, override: unknown): unknown {
  return mergeAt('', base, override);
}

function mergeAt(path: string, base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!merges(path) || !isPlainObject(base) || !isPlainObject(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    out[key] = mergeAt(path === '' ? key : `${path}.${key}`, base[key], value);
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
