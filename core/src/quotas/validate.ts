/**
 * Up-front validation of the quotas part of a configuration, for loaders (scenario file, config
 * file) that want a bad document refused when it is read rather than when a round starts.
 */
import type { SchedulerConfig } from '../model/config.js';
import { parseQuotasDocument } from './quotas-document.js';

/**
 * Throws `OarSchedError('QUOTAS_INVALID')` naming the entry (path relative to the scheduler
 * config, `quotas.rules…`, or `config.timezone`) when the document is invalid. Checks the document
 * whenever quotas are enabled or a document is given, so a typo cannot hide until quotas are
 * switched on.
 */
export function validateQuotasConfig(config: Pick<SchedulerConfig, 'quotas' | 'timezone'>): void {
  if (!config.quotas.enabled && Object.keys(config.quotas.rules).length === 0) return;
  parseQuotasDocument(config.quotas.rules, config.timezone);
}
