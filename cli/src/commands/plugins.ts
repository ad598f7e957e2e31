/**
 * `oar-sched plugins`: what a scheduler started here would load — the same composition root as
 * `schedule`, so a plugin that fails to load fails here with the same coded error.
 */
import './zod-mode.js'; // first: before any schema is built
import { relative } from 'node:path';
import { HOOK_KINDS, type HookKind } from '@oar-sched/plugin-api';
import type { RegisteredPlugin } from '@oar-sched/core';
import { EXIT_OK } from '../exit-codes.js';
import { cwdOf, stderrLogger, userPath, type CliIo } from '../io.js';
import { createSchedulerSetup } from '../setup.js';

export interface PluginsCommandOptions {
  readonly json?: boolean;
  readonly config?: string;
}

/** One line of `oar-sched plugins --json` (a stable contract for scripts). */
export interface PluginListing {
  readonly name: string;
  readonly source: RegisteredPlugin['source'];
  /** npm package name; `null` for a local file listed in the config. */
  readonly package: string | null;
  readonly version: string | null;
  readonly apiVersion: number;
  /** Module the plugin was loaded from. */
  readonly entry: string | null;
  /** Hook names the plugin tapped, per hook. */
  readonly provides: Readonly<Record<HookKind, readonly string[]>>;
}

export interface PluginsReport {
  /** Config file used, `null` when none was found. */
  readonly config: string | null;
  /** Project whose dependencies were searched, `null` when no package.json was found. */
  readonly project: string | null;
  /** In registration order. */
  readonly plugins: readonly PluginListing[];
  readonly disabled: readonly string[];
}

export async function pluginsCommand(options: PluginsCommandOptions, io: CliIo): Promise<number> {
  const setup = await createSchedulerSetup({
    configFile: options.config !== undefined ? userPath(io, options.config) : undefined,
    cwd: cwdOf(io),
    logger: stderrLogger(io),
  });
  const report: PluginsReport = {
    config: setup.config.file ?? null,
    project: setup.projectDir ?? null,
    plugins: setup.registry.plugins.map((p) => ({
      name: p.name,
      source: p.source,
      package: p.packageName ?? null,
      version: p.version || null,
      apiVersion: p.apiVersion,
      entry: p.entry ?? null,
      provides: p.provides,
    })),
    disabled: setup.disabled,
  };
  io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, cwdOf(io)));
  return EXIT_OK;
}

export function formatReport(report: PluginsReport, cwd: string): string {
  const header = ['PLUGIN', 'SOURCE', 'PACKAGE', 'VERSION', 'API', 'PROVIDES'];
  const rows = report.plugins.map((p) => [
    p.name,
    p.source,
    p.package ?? (p.entry ? `file ${relative(cwd, p.entry) || p.entry}` : '-'),
    p.version ?? '-',
    String(p.apiVersion),
    HOOK_KINDS.filter((k) => p.provides[k].length > 0)
      .map((k) => `${k}: ${p.provides[k].join(', ')}`)
      .join('; ') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [
    `config:  ${report.config ?? 'none found (defaults)'}`,
    `project: ${report.project ?? 'no package.json found (no dependency discovered)'}`,
    '',
    line(header),
    ...rows.map(line),
    ...(report.disabled.length > 0 ? ['', `disabled: ${report.disabled.join(', ')}`] : []),
    '',
  ].join('\n');
}
