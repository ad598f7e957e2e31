/**
 * The quotas port of one round (core §15–16), from the snapshot's `config.quotas` and resources.
 * `runRound` calls it once, before anything is scheduled, when `config.quotas.enabled`; a bad
 * document throws `OarSchedError('QUOTAS_INVALID')` there, so no round runs with a rule ignored.
 */
import type { SchedulerConfig } from '../model/config.js';
import type { ResourceRecord, Snapshot } from '../model/snapshot.js';
import type { Platform } from '../platform/platform.js';
import type { QuotaPort } from './quota-port.js';
import { resolveLimits } from './limit-value.js';
import { QuotaEnforcer, type ResolvedRule } from './quota-enforcer.js';
import { parseQuotasDocument, type QuotaRule } from './quotas-document.js';
import { RuleTree } from './rule-tree.js';

/**
 * `undefined` when the document has neither a rule nor a calendar (nothing to count or check).
 * Slot sets are cut at calendar boundaries up to `now + windowTimeLimit`, the window time limit.
 */
export function createQuotaPort(snapshot: Snapshot, platform: Platform): QuotaPort | undefined {
  const settings = snapshot.config.quotas;
  const doc = parseQuotasDocument(settings.rules, snapshot.config.timezone);
  const all = countAll(platform.resources, settings.allNbResourcesMode);
  const resolve = (rules: readonly QuotaRule[] | undefined): RuleTree<ResolvedRule> | undefined =>
    rules && rules.length > 0
      ? new RuleTree(rules.map((r) => ({ key: r.key, ruleSet: r.ruleSet, limits: resolveLimits(r.limits, all) })))
      : undefined;
  const calendar = doc.calendar;
  const ruleSets = [resolve(doc.defaultRules), ...(calendar?.ruleSetNames ?? []).map((name) => resolve(doc.namedRuleSets.get(name)))];
  if (!calendar && ruleSets.every((tree) => tree === undefined)) return undefined;
  return new QuotaEnforcer(ruleSets, doc.jobTypes, calendar, calendar ? snapshot.now + settings.windowTimeLimit : undefined);
}

/**
 * `ALL` in limits (core §15.1): the resources of type `default` that are not `Dead`
 * (`default_not_dead`, the default mode), or those that are `Alive` or `Absent` (`default`,
 * OAR3's intent; its literal code counts 1, core §22 #40).
 */
export function countAll(resources: readonly ResourceRecord[], mode: SchedulerConfig['quotas']['allNbResourcesMode']): number {
  let n = 0;
  for (const r of resources) if (r.type === 'default' && (mode === 'default' ? r.state === 'Alive' || r.state === 'Absent' : r.state !== 'Dead')) n++;
  return n;
}
