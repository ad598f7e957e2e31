import { syntaxError } from './syntax-error.js';

export type Keyword = 'AND' | 'OR' | 'NOT' | 'IN' | 'LIKE' | 'IS' | 'NULL';
export type OperatorText = '=' | '!=' | '<>' | '<' | '<=' | '>' | '>=';

/** `source` is the token as written (for messages); `column` is 1-based. */
export type Token = { readonly source: string; readonly column: number } & (
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'keyword'; readonly keyword: Keyword }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'operator'; readonly operator: OperatorText }
  | { readonly kind: '(' | ')' | ',' | 'end' }
);

const KEYWORDS: ReadonlySet<string> = new Set<Keyword>(['AND', 'OR', 'NOT', 'IN', 'LIKE', 'IS', 'NULL']);

const WHITESPACE = /\s+/y;
const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
/** Same syntax as `DECIMAL_LITERAL` in values.ts: optional minus, digits, optional fraction. */
const NUMBER = /-?[0-9]+(?:\.[0-9]+)?/y;
/** Characters that may not touch a number: `1.`, `1.2.3` and `12abc` are one bad token, not several. */
const NUMBER_JUNK = /[A-Za-z0-9_.]+/y;
const OPERATOR = /<>|<=|>=|!=|[=<>]/y;

function matchAt(pattern: RegExp, text: string, index: number): string | undefined {
  pattern.lastIndex = index;
  return pattern.exec(text)?.[0];
}

/** Splits `text` into tokens, always ending with one `end` token. Throws EXPRESSION_SYNTAX. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const space = matchAt(WHITESPACE, text, i);
    if (space) {
      i += space.length;
      continue;
    }
    const column = i + 1;
    const char = text[i]!;
    let token: Token;
    if (char === "'") {
      const { value, end } = readQuoted(text, i, 'string');
      token = { kind: 'string', value, source: text.slice(i, end), column };
    } else if (char === '"') {
      const { value, end } = readQuoted(text, i, 'quoted name');
      if (value === '') throw syntaxError(text, `empty quoted name at column ${column}`);
      token = { kind: 'name', name: value, source: text.slice(i, end), column };
    } else if (char === '(' || char === ')' || char === ',') {
      token = { kind: char, source: char, column };
    } else {
      token = readWord(text, i) ?? readNumber(text, i) ?? readOperator(text, i) ?? unexpectedCharacter(text, i);
    }
    tokens.push(token);
    i += token.source.length;
  }
  tokens.push({ kind: 'end', source: '', column: text.length + 1 });
  return tokens;
}

/** Reads a `'string'` or `"name"` starting at `start`; a doubled delimiter stands for itself. */
function readQuoted(text: string, start: number, what: string): { value: string; end: number } {
  const quote = text[start]!;
  let value = '';
  let i = start + 1;
  for (;;) {
    const close = text.indexOf(quote, i);
    if (close < 0) throw syntaxError(text, `unterminated ${what} starting at column ${start + 1}`);
    value += text.slice(i, close);
    if (text[close + 1] !== quote) return { value, end: close + 1 };
    value += quote;
    i = close + 2;
  }
}

function readWord(text: string, start: number): Token | undefined {
  const word = matchAt(IDENTIFIER, text, start);
  if (word === undefined) return undefined;
  const upper = word.toUpperCase();
  return KEYWORDS.has(upper)
    ? { kind: 'keyword', keyword: upper as Keyword, source: word, column: start + 1 }
    : { kind: 'name', name: word, source: word, column: start + 1 };
}

function readNumber(text: string, start: number): Token | undefined {
  const number = matchAt(NUMBER, text, start);
  if (number === undefined) return undefined;
  const junk = matchAt(NUMBER_JUNK, text, start + number.length);
  if (junk !== undefined) throw syntaxError(text, `invalid number '${number}${junk}' at column ${start + 1}`);
  return { kind: 'number', value: Number(number), source: number, column: start + 1 };
}

function readOperator(text: string, start: number): Token | undefined {
  const operator = matchAt(OPERATOR, text, start) as OperatorText | undefined;
  return operator && { kind: 'operator', operator, source: operator, column: start + 1 };
}

function unexpectedCharacter(text: string, index: number): never {
  const char = String.fromCodePoint(text.codePointAt(index)!);
  // Invisible or look-alike characters (curly quotes pasted from a document) need their code to be found.
  const code = /^[!-~]$/.test(char) ? '' : ` (U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  const hint = char === '-' ? ' (a minus sign must be directly followed by digits)' : '';
  throw syntaxError(text, `unexpected character '${char}'${code} at column ${index + 1}${hint}`);
}
