/**
 * Scenario file → snapshot. Every user error is an `OarSchedError` whose message names the file,
 * the JSON path and what was expected; nothing here throws anything else for bad input. Input OAR
 * itself accepts but that is probably a mistake becomes a warning (`LoadedScenario.warnings`).
 * The limits of limits.ts are checked before anything recurses into or expands the input.
 */
import { readFileSync } from 'node:fs';
import { IntervalSet } from '@oar-sched/plugin-api';
import { OarSchedError, isOarSchedError, formatPath, validateQuotasConfig, roleOf, parseExpression, type SchedulerConfigInput, type JobRecord, type Snapshot, describeCycle, findDependencyCycles, waitingDependencyGraph } from '@oar-sched/core';
import { parseJsonWithPosition } from './json-errors.js';
import { MAX_LISTED_PROBLEMS } from './limits.js';
import { checkResourceIds, expandResources, resourceCountProblem } from './resource-entries.js';
import type { ScenarioDocument, ScenarioExpect } from './scenario-schema.js';
import { validateScenarioDocument } from './validate-scenario.js';

export interface ScenarioLoadOptions {
  /**
   * The config file's `scheduler` section: the scenario's own `config` is merged over it field by
   * field before validation (see config/merge-scheduler-config.ts).
   */
  readonly schedulerDefaults?: SchedulerConfigInput | undefined;
}

export interface LoadedScenario {
  readonly snapshot: Snapshot;
  readonly expect: ScenarioExpect | undefined;
  /**
   * The validated document (defaults applied), e.g. for tools that rewrite scenarios. Resource-set
   * strings stay `IntervalSet`s here (`toString()` gives the canonical text).
   */
  readonly document: ScenarioDocument;
  /**
   * Input OAR accepts but that is probably a mistake, each naming the file and the JSON path
   * (`schedule` prints them on stderr and adds them to the result's `warnings`).
   */
  readonly warnings: readonly string[];
}

export function loadScenarioFile(file: string, options: ScenarioLoadOptions = {}): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new OarSchedError('SCENARIO_UNREADABLE', `${file}: cannot read the scenario (${code ?? String(e)})`);
  }
  return parseScenario(text, file, options);
}

export function parseScenario(text: string, file = '<scenario>', options: ScenarioLoadOptions = {}): LoadedScenario {
  const json = parseJsonWithPosition(text);
  if (!json.ok) throw new OarSchedError('SCENARIO_INVALID_JSON', `${file}: not valid JSON: ${json.message}`);
  return scenarioFromJson(json.value, file, options);
}

export function scenarioFromJson(value: unknown, file = '<scenario>', options: ScenarioLoadOptions = {}): LoadedScenario {
  const validated = validateScenarioDocument(value, { schedulerDefaults: options.schedulerDefaults });
  if (!validated.ok) throw invalid(file, validated.problems);
  const document = validated.document;
  const tooMany = resourceCountProblem(document.resources);
  if (tooMany !== undefined) throw invalid(file, [tooMany]);
  const problems: string[] = [];
  const declared = checkResourceIds(document.resources, problems);
  checkQueues(document, problems);
  checkJobs(document, declared, problems);
  if (problems.length > 0) throw invalid(file, problems.map((p) => `✖ ${p}`));
  checkQuotas(document, file);
  const warnings = scenarioWarnings(document).map((w) => `${file}: ${w}`);
  const jobs: JobRecord[] = document.jobs.map((j) => ({ ...j, resources: j.resources && idList(j.resources), startTime: j.startTime }));
  const snapshot: Snapshot = {
    now: document.now,
    config: document.config,
    queues: document.queues,
    resources: expandResources(document.resources),
    jobs,
    accounting: document.accounting,
  };
  return { snapshot, expect: document.expect, document, warnings };
}

/** One error listing at most `MAX_LISTED_PROBLEMS` lines (`✖ … → at path`), then how many more. */
function invalid(file: string, lines: readonly string[]): OarSchedError {
  const shown = lines.slice(0, MAX_LISTED_PROBLEMS);
  if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more`);
  return new OarSchedError('SCENARIO_INVALID', `${file}: invalid scenario:\n${shown.join('\n')}`);
}

function idList(ids: IntervalSet | readonly number[]): number[] {
  return ids instanceof IntervalSet ? [...ids.values()] : [...ids];
}

function checkQueues(document: ScenarioDocument, problems: string[]): void {
  const seen = new Map<string, number>();
  document.queues.forEach((queue, i) => {
    const first = seen.get(queue.name);
    if (first !== undefined) problems.push(`queue "${queue.name}" is declared twice (queues[${first}] and queues[${i}]) → at queues[${i}].name`);
    else seen.set(queue.name, i);
  });
}

function checkJobs(document: ScenarioDocument, declared: IntervalSet, problems: string[]): void {
  const seen = new Map<number, number>();
  const securityTime = document.config.jobSecurityTime;
  document.jobs.forEach((job, i) => {
    const at = (path: readonly PropertyKey[]) => formatPath(['jobs', i, ...path]);
    const first = seen.get(job.id);
    if (first !== undefined) problems.push(`job id ${job.id} is used twice (jobs[${first}] and jobs[${i}]) → at ${at(['id'])}`);
    seen.set(job.id, i);
    checkExpression(job.properties, () => at(['properties']), problems);
    job.moldables.forEach((m, k) => {
      m.request.forEach((p, n) => checkExpression(p.property, () => at(['moldables', k, 'request', n, 'property']), problems));
      // A zero-length occupation [start, start - 1] is no occupation at all: the job would hold
      // nothing while "running". With a security time the job still occupies that (a warning).
      if (m.walltime + securityTime < 1) {
        problems.push(`expected a walltime ≥ 1 second (with jobSecurityTime ${securityTime}, walltime ${m.walltime} occupies no time) → at ${at(['moldables', k, 'walltime'])}`);
      }
    });
    const preoccupying = roleOf(job) === 'preoccupying';
    if ((preoccupying || job.reservation !== 'None') && job.startTime === undefined && job.state !== 'Terminated') {
      problems.push(`a ${preoccupying ? 'running or planned job' : 'reservation'} needs "startTime" → at ${at(['startTime'])}`);
    }
    if (preoccupying && job.resources === undefined) {
      problems.push(`a running or planned job needs "resources" → at ${at(['resources'])}`);
    }
    if (job.resources !== undefined) {
      const held = job.resources instanceof IntervalSet ? job.resources : IntervalSet.fromValues(job.resources);
      const undeclared = held.difference(declared);
      if (!undeclared.isEmpty) problems.push(`resource ${undeclared.min} is not declared in "resources" → at ${at(['resources'])}`);
    }
    if (job.moldableIndex >= job.moldables.length) {
      problems.push(`moldableIndex ${job.moldableIndex} but the job has ${job.moldables.length} moldable(s) → at ${at(['moldableIndex'])}`);
    }
    job.dependencies.forEach((dep, k) => {
      if (dep === job.id) problems.push(`job ${job.id} depends on itself (expected the ids of other jobs) → at ${at(['dependencies', k])}`);
    });
  });
}

/** States of jobs that have started (core §8.2's pre-occupying states, accepted reservations aside). */
const STARTED_STATES: ReadonlySet<string> = new Set(['Running', 'toLaunch', 'Launching', 'Finishing', 'Suspended', 'Resuming']);

/** Things OAR accepts and the round copes with, but that are probably not what the user meant. */
function scenarioWarnings(document: ScenarioDocument): string[] {
  const warnings: string[] = [];
  const securityTime = document.config.jobSecurityTime;
  const indexOf = new Map<number, number>();
  document.jobs.forEach((job, i) => {
    indexOf.set(job.id, i);
    const at = (path: readonly PropertyKey[]) => formatPath(['jobs', i, ...path]);
    job.moldables.forEach((m, k) => {
      if (m.walltime === 0) {
        warnings.push(`job ${job.id} has walltime 0 (expected at least 1 second), so it occupies only the job security time (${securityTime} s) → at ${at(['moldables', k, 'walltime'])}`);
      }
    });
    // OAR loads started jobs with their jobs.start_time as it is (metascheduler §4.4 step 3) and
    // its own test suite plans "Running" jobs in the future, so this is not an error: the round
    // keeps the row as given, and the job's resources are free until its start.
    if (STARTED_STATES.has(job.state) && job.startTime !== undefined && job.startTime > document.now) {
      warnings.push(
        `job ${job.id} is ${job.state} but its startTime ${job.startTime} is after now (${document.now}); ` +
          `it is kept as given, so its resources count as free until then → at ${at(['startTime'])}`,
      );
    }
  });
  // Waiting jobs depending on each other in a ring: none can ever be planned (the round gives each
  // a DEPENDENCY reason naming the cycle). A database round meets such rows too, so not an error.
  for (const cycle of findDependencyCycles(waitingDependencyGraph(document.jobs))) {
    warnings.push(`${describeCycle(cycle)}, so none of them can be scheduled → at jobs[${indexOf.get(cycle[0]!)}].dependencies`);
  }
  return warnings;
}

/** A bad quotas document is refused here, naming the file and the entry (`config.quotas.rules…`). */
function checkQuotas(document: ScenarioDocument, file: string): void {
  try {
    validateQuotasConfig(document.config);
  } catch (e) {
    if (!isOarSchedError(e)) throw e;
    const where = e.message.startsWith('quotas.') ? `config.${e.message}` : e.message;
    throw new OarSchedError(e.code, `${file}: invalid scenario: ${where}`, e.hint);
  }
}

/** `path` is only worked out for a problem: most jobs have no constraint, and 5,000 jobs is 10,000 paths. */
function checkExpression(text: string, path: () => string, problems: string[]): void {
  if (text.trim() === '') return;
  try {
    parseExpression(text);
  } catch (e) {
    if (!isOarSchedError(e)) throw e;
    problems.push(`${e.message} → at ${path()}`);
  }
}
