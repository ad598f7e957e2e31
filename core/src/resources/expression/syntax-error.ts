import { OarSchedError } from '../../errors.js';

/**
 * `detail` says what was expected and at which column (1-based, in UTF-16 code units); the whole
 * expression is appended so the message stands alone. The caller adds the file and JSON path.
 */
export function syntaxError(text: string, detail: string): OarSchedError {
  return new OarSchedError('EXPRESSION_SYNTAX', `${detail} in ${JSON.stringify(text)}`);
}
