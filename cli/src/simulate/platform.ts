/**
 * The cluster a trace is replayed on (`simulate --platform FILE`), a small JSON document:
 *
 *   { "nodes": 1000, "coresPerNode": 1 }                       // 1000 resources, node-1 … node-1000
 *   { "resources": [ …scenario-format §4… ] }                   // or the resources of a scenario
 *   optional: "queues": [{ "name": "short", "priority": 5, "swf": [1] }, …]   // §3 + SWF queue numbers
 *   optional: "config": { …scenario-format §2… }                // wins over the config file's scheduler section
 *   optional: "accountingWindow": 86400                        // seconds per accounting window (fair-share)
 *
 * A job asks for `resource_id=P` (P = its processors), so one resource is one processor. Without
 * `queues`, every SWF queue number N becomes a queue `qN` (`default` for -1), all of priority 3
 * (one queue group); with `queues`, a queue takes the SWF numbers of its `swf` list and a number
 * no queue lists goes to the first queue. Validation is the scenario adapter's (file and path in
 * every message).
 */
import { readFileSync } from 'node:fs';
import type { QueueRecord, ResourceRecord, SchedulerConfig, SchedulerConfigInput } from '@oar-sched/core';
import { OarSchedError } from '@oar-sched/core';
import { scenarioFromJson } from '@oar-sched/scenario';
import { DEFAULT_ACCOUNTING_WINDOW } from './accounting.js';

export interface Platform {
  readonly resources: readonly ResourceRecord[];
  readonly queues: readonly QueueRecord[];
  readonly config: SchedulerConfig;
  /** Seconds per accounting window (fair-share input), `accountingWindow` in the file. */
  readonly accountingWindow: number;
  /** Queue name of an SWF queue number. */
  queueOf(swfQueue: number): string;
}

/** The simulator's scheduler default, below the config file: no job security time, so a job's plan is its requested time. */
export const SIMULATOR_DEFAULTS: SchedulerConfigInput = { jobSecurityTime: 0 };

interface PlatformQueue {
  readonly name: string;
  readonly priority?: number;
  readonly state?: string;
  readonly swf?: readonly number[];
}

function invalid(file: string, message: string): never {
  throw new OarSchedError('SCENARIO_INVALID', `${file}: ${message}`, 'see docs/reference/cli.md, "simulate": the platform file');
}

export function loadPlatformFile(file: string, swfQueues: readonly number[], schedulerDefaults: SchedulerConfigInput | undefined): Platform {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    invalid(file, e instanceof Error ? e.message : String(e));
  }
  return platformFromJson(value, file, swfQueues, schedulerDefaults);
}

export function platformFromJson(value: unknown, file: string, swfQueues: readonly number[], schedulerDefaults: SchedulerConfigInput | undefined): Platform {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) invalid(file, 'must be a JSON object');
  const doc = value as Record<string, unknown>;
  const unknown = Object.keys(doc).filter((k) => !['nodes', 'coresPerNode', 'resources', 'queues', 'config', 'accountingWindow'].includes(k));
  if (unknown.length > 0) invalid(file, `unknown key(s) ${unknown.join(', ')} (known: nodes, coresPerNode, resources, queues, config, accountingWindow)`);
  const accountingWindow = doc['accountingWindow'] ?? DEFAULT_ACCOUNTING_WINDOW;
  if (!Number.isInteger(accountingWindow) || (accountingWindow as number) < 1) invalid(file, `accountingWindow: a positive integer (seconds), got ${JSON.stringify(accountingWindow)}`);
  let resources: unknown = doc['resources'];
  if (doc['nodes'] !== undefined) {
    if (resources !== undefined) invalid(file, 'give either "nodes" (with "coresPerNode") or "resources", not both');
    const nodes = doc['nodes'];
    const cores = doc['coresPerNode'] ?? 1;
    if (!Number.isInteger(nodes) || (nodes as number) < 1) invalid(file, `nodes: a positive integer, got ${JSON.stringify(nodes)}`);
    if (!Number.isInteger(cores) || (cores as number) < 1) invalid(file, `coresPerNode: a positive integer, got ${JSON.stringify(cores)}`);
    const list = [];
    for (let n = 0; n < (nodes as number); n++) {
      const first = n * (cores as number) + 1;
      const props = { network_address: `node-${n + 1}` };
      list.push(cores === 1 ? { id: first, properties: props } : { ids: `${first}-${first + (cores as number) - 1}`, properties: props });
    }
    resources = list;
  } else if (doc['coresPerNode'] !== undefined) invalid(file, '"coresPerNode" needs "nodes"');
  if (resources === undefined) invalid(file, 'give the cluster: "nodes" (and "coresPerNode") or "resources"');

  const declared = doc['queues'] as PlatformQueue[] | undefined;
  if (declared !== undefined && (!Array.isArray(declared) || declared.length === 0)) invalid(file, 'queues: a non-empty array');
  const bySwf = new Map<number, string>();
  let queues: unknown[];
  let fallback: string;
  if (declared === undefined) {
    const names = [...new Set(swfQueues)].sort((a, b) => a - b).map((n) => (n < 0 ? 'default' : `q${n}`));
    for (const n of swfQueues) bySwf.set(n, n < 0 ? 'default' : `q${n}`);
    queues = (names.length > 0 ? [...new Set(names)] : ['default']).map((name) => ({ name, priority: 3 }));
    fallback = 'default';
  } else {
    queues = declared.map((q, i) => {
      if (typeof q !== 'object' || q === null) invalid(file, `queues[${i}]: an object`);
      const { swf, ...rest } = q;
      if (swf !== undefined && (!Array.isArray(swf) || !swf.every((n) => Number.isInteger(n)))) invalid(file, `queues[${i}].swf: an array of SWF queue numbers`);
      for (const n of swf ?? []) bySwf.set(n, q.name);
      return rest;
    });
    fallback = declared[0]!.name;
  }
  const scenario = scenarioFromJson({ now: 0, config: doc['config'] ?? {}, queues, resources }, file, {
    schedulerDefaults: { ...SIMULATOR_DEFAULTS, ...schedulerDefaults },
  });
  const { snapshot } = scenario;
  if (!snapshot.config.hierarchyLabels.includes('resource_id')) invalid(file, 'config.hierarchyLabels must include resource_id (jobs ask for resource_id=N)');
  return {
    resources: snapshot.resources,
    queues: snapshot.queues,
    config: snapshot.config,
    accountingWindow: accountingWindow as number,
    queueOf: (n) => bySwf.get(n) ?? fallback,
  };
}
