export { createQuotaPort, countAll } from './create-quota-port.js';
export { validateQuotasConfig } from './validate.js';
export { parseQuotasDocument, type QuotasDocument, type QuotaRule } from './quotas-document.js';
export { parseRuleKey, type RuleKey } from './rule-key.js';
export { parseLimitValue, resolveLimit, resolveLimits, type LimitValue, type Limits } from './limit-value.js';
export { QuotaCalendar, type CalendarDocument } from './calendar/index.js';
