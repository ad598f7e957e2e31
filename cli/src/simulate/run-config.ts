/**
 * One config's simulation, from file names to report: the config file and its plugins
 * (createSchedulerSetup, as every command), the platform, the engine, the figures. Runs in the
 * main thread for one config, in a worker thread (simulate-worker.ts) per config with `--vs`;
 * everything it takes and returns is plain data, so it crosses a thread by structured clone.
 */
import { createSchedulerSetup } from '../setup.js';
import { processIo, stderrLogger } from '../io.js';
import { simulate, type TimelinePoint } from './engine.js';
import { computeReport, type SimulationReport } from './metrics.js';
import { loadPlatformFile } from './platform.js';
import type { SwfJob } from './swf.js';

export interface ConfigRunInput {
  /** Name in the report (the config file as typed, or "defaults"). */
  readonly name: string;
  /** Absolute config file; undefined: searched from cwd as elsewhere (or the defaults). */
  readonly configFile: string | undefined;
  readonly cwd: string;
  readonly platformFile: string;
  readonly jobs: readonly SwfJob[];
}

export interface ConfigRunOutput {
  readonly report: SimulationReport;
  readonly timeline: readonly TimelinePoint[];
}

export async function runConfig(input: ConfigRunInput, onProgress?: (finished: number, total: number) => void): Promise<ConfigRunOutput> {
  const setup = await createSchedulerSetup({ configFile: input.configFile, cwd: input.cwd, logger: stderrLogger(processIo) });
  const platform = loadPlatformFile(input.platformFile, input.jobs.map((j) => j.queue), setup.config.schedulerInput);
  const run = await simulate(input.jobs, platform, setup.registry, { roundOptions: setup.roundOptions, onProgress });
  return { report: computeReport(input.name, run), timeline: run.timeline };
}
