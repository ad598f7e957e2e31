/**
 * Quota rule keys (core §15.1): `"<queue>,<project>,<jobType>,<user>"`. Each field is a literal
 * value, `*` (all jobs together, one shared counter) or `/` (one counter per distinct value; not
 * allowed for the type field).
 */
import { quotasInvalid } from './calendar/invalid.js';

/** `*`: every job together. */
export const ALL_TOGETHER = '*';
/** `/`: one counter per distinct value of the field. */
export const PER_VALUE = '/';

export interface RuleKey {
  /** The key as written in the document (for messages). */
  readonly text: string;
  readonly queue: string;
  readonly project: string;
  readonly type: string;
  readonly user: string;
}

/**
 * Parses one key; throws `QUOTAS_INVALID` at `where` when it does not have exactly 4 non-empty
 * fields, when a field has surrounding blanks (OAR would take `" *"` as a literal value that
 * matches nothing), or when the type field is `/`.
 */
export function parseRuleKey(text: string, where: string): RuleKey {
  const fields = text.split(',');
  const expected = 'expected "<queue>,<project>,<jobType>,<user>", each a value, "*" or "/"';
  if (fields.length !== 4) {
    throw quotasInvalid(where, `rule key ${JSON.stringify(text)} has ${fields.length} field(s), not 4`, expected);
  }
  for (const field of fields) {
    if (field === '') throw quotasInvalid(where, `rule key ${JSON.stringify(text)} has an empty field`, expected);
    if (field.trim() !== field) {
      throw quotasInvalid(where, `rule key ${JSON.stringify(text)}: field ${JSON.stringify(field)} has surrounding blanks`, expected);
    }
  }
  const [queue, project, type, user] = fields as [string, string, string, string];
  if (type === PER_VALUE) {
    throw quotasInvalid(where, `rule key ${JSON.stringify(text)}: "/" is not allowed in the job type field`, 'use a type name or "*"');
  }
  return { text, queue, project, type, user };
}
