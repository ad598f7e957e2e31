/** An operand's value for one resource; `null` is SQL NULL (a missing property). */
export type SqlValue = string | number | null;

/** SQL three-valued truth: `null` is UNKNOWN. */
export type Truth = boolean | null;

/**
 * What a string must look like to be compared with a number: the number-literal syntax of the
 * expression language (optional `-`, digits, optional `.digits`). Deliberately strict: no
 * surrounding blanks, no `+`, no exponent, no `.5` or `5.`; anything else compares as UNKNOWN.
 */
const DECIMAL_LITERAL = /^-?[0-9]+(?:\.[0-9]+)?$/;

/**
 * Sign of `a - b` (-1, 0 or 1), or `null` (UNKNOWN) when either side is NULL, or one is a number
 * and the other a string that is not a decimal literal. Numbers compare numerically, strings by
 * Unicode code points (not UTF-16 units, not locale).
 */
export function compareValues(a: SqlValue, b: SqlValue): number | null {
  if (a === null || b === null) return null;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  const x = typeof a === 'number' ? a : decimalValue(a);
  const y = typeof b === 'number' ? b : decimalValue(b);
  if (x === null || y === null) return null;
  // NaN (impossible from JSON or literals) falls through to UNKNOWN rather than "equal".
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : null;
}

function decimalValue(text: string): number | null {
  return DECIMAL_LITERAL.test(text) ? Number(text) : null;
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const common = Math.min(a.length, b.length);
  let i = 0;
  while (i < common && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === common) return a.length < b.length ? -1 : 1;
  return codePointRank(a.charCodeAt(i)) < codePointRank(b.charCodeAt(i)) ? -1 : 1;
}

/**
 * UTF-16 unit order equals code point order except that surrogates (U+D800–DFFF, i.e. astral
 * characters) sort below U+E000–FFFF; moving the surrogates above U+FFFF fixes that.
 */
function codePointRank(unit: number): number {
  return unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit;
}
