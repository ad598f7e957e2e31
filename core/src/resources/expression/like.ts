/**
 * Compiles a SQL LIKE pattern into an anchored, case-sensitive RegExp: `%` matches any run of
 * characters (newlines included), `_` exactly one character (a code point, so one astral
 * character counts as one); every other character, backslash included, is literal — there is
 * no escape character, so a literal `%` or `_` cannot be matched (the spec defines none).
 */
export function likeToRegExp(pattern: string): RegExp {
  let source = '';
  for (const char of pattern) {
    source += char === '%' ? '.*' : char === '_' ? '.' : char.replace(/[\\^$.*+?()[\]{}|/]/, '\\$&');
  }
  return new RegExp(`^${source}$`, 'su');
}

/**
 * The text a number is matched against by LIKE: JavaScript's shortest round-trip decimal form
 * (`String(n)`), so `2` → "2", `3.50` → "3.5", `-0` → "0".
 */
export function likeText(value: string | number): string {
  return typeof value === 'number' ? String(value) : value;
}
