import { quotasInvalid } from './invalid.js';

/**
 * Checks that a calendar entry names one of the document's named rule sets. The default rules
 * (`quotas` key) are what applies OUTSIDE every period, so they cannot be named by an entry.
 */
export function checkRuleSetRef(where: string, name: string, ruleSetNames: ReadonlySet<string>): void {
  if (ruleSetNames.has(name)) return;
  const known = [...ruleSetNames].map((n) => JSON.stringify(n)).join(', ');
  throw quotasInvalid(
    where,
    `unknown rule set ${JSON.stringify(name)}`,
    known === ''
      ? 'the quotas document defines no named rule set; add one (a key next to "quotas" holding rules)'
      : `named rule sets defined in the quotas document: ${known}`,
  );
}
