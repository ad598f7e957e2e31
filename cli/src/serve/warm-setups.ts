/**
 * The setups `oar-sched serve` keeps between rounds: one per way of finding the config (a
 * `--config` file, or a search from a folder), built by `createSchedulerSetup` at its first use
 * exactly as an in-process round builds it, then handed to every later round with the same key.
 * A setup that fails to build is not kept: the next round tries again and reports the same error.
 *
 * Output: a setup's logger is the round's. What it logged while being built (loader warnings,
 * plugins' setup lines) is kept and written again to each later round that uses it, so a served
 * round prints what an in-process round prints; what plugins log during a round goes to that
 * round's stderr.
 *
 * Staleness (`changedFiles`) follows watched-files.ts. A changed file does not reload anything
 * here: Node keeps every module it imported, so the server drops this whole thread (its worker)
 * and builds the setups in a new one (serve/round-worker.ts).
 */
import type { PluginLogger } from '@oar-sched/plugin-api';
import { createSchedulerSetup, type SchedulerSetup, type SetupOptions } from '../setup.js';
import { changedSince, configPaths, fingerprintOf, pluginPaths, type Fingerprint } from './watched-files.js';

interface Held {
  readonly setup: SchedulerSetup;
  /** Log lines of the build, replayed to each later round. */
  readonly lines: readonly { readonly warn: boolean; readonly message: string }[];
  readonly fingerprint: Fingerprint;
}

/** Setups held at most: OAR runs its rounds from one folder with one config; others come and go. */
const MAX_HELD = 8;

export class WarmSetups {
  readonly #held = new Map<string, Held>();
  /** Where a held setup's logger writes: the current round's. */
  #target: PluginLogger = { info: () => {}, warn: () => {} };

  /** The setup for these options (their `logger` receives its lines), built at its first use. */
  async get(options: SetupOptions): Promise<SchedulerSetup> {
    if (options.cwd === undefined || options.logger === undefined) throw new Error('WarmSetups.get: cwd and logger are required');
    this.#target = options.logger;
    const key = options.configFile !== undefined ? `file:${options.configFile}` : `search:${options.cwd}`;
    const held = this.#held.get(key);
    if (held !== undefined) {
      this.#held.delete(key); // most recently used last: the first one is dropped past MAX_HELD
      this.#held.set(key, held);
      for (const line of held.lines) {
        if (line.warn) this.#target.warn(line.message);
        else this.#target.info(line.message);
      }
      return held.setup;
    }
    // Stat'ed before reading, so that an edit made while the setup builds is seen at the next round.
    const configFingerprint = fingerprintOf(configPaths(options.configFile, options.cwd));
    const lines: { warn: boolean; message: string }[] = [];
    let building = true;
    const logger: PluginLogger = {
      info: (message) => {
        if (building) lines.push({ warn: false, message });
        this.#target.info(message);
      },
      warn: (message) => {
        if (building) lines.push({ warn: true, message });
        this.#target.warn(message);
      },
    };
    const setup = await createSchedulerSetup({ ...options, logger });
    building = false;
    const fingerprint = new Map([...configFingerprint, ...fingerprintOf(pluginPaths(setup))]);
    this.#held.set(key, { setup, lines, fingerprint });
    if (this.#held.size > MAX_HELD) this.#held.delete(this.#held.keys().next().value!);
    return setup;
  }

  /** Watched files of any held setup that changed since it was built. */
  changedFiles(): string[] {
    return [...new Set([...this.#held.values()].flatMap((h) => changedSince(h.fingerprint)))];
  }
}
