/**
 * `JSON.parse` with an error that says line and column. Node's own messages only sometimes carry
 * an offset, so on failure a small scanner walks the text to the first offending character.
 */
export function parseJsonWithPosition(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const { offset, expected } = firstSyntaxError(text);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const found = offset >= text.length ? 'end of input' : JSON.stringify(text[offset]);
    return { ok: false, message: `expected ${expected} but found ${found} at line ${line}, column ${column}` };
  }
}

class Stop {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {}
}

/**
 * Offset of the first character that makes `text` invalid JSON, and what was expected there.
 * Iterative (an explicit stack of open containers), so an unclosed `[[[[…` a million levels deep
 * gets a position instead of a stack overflow.
 */
export function firstSyntaxError(text: string): { offset: number; expected: string } {
  let i = 0;
  const open: ('{' | '[')[] = [];
  const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (expected: string): never => {
    throw new Stop(i, expected);
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a JSON value');
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text.charCodeAt(i) < 0x20) fail('a closing quote (control characters must be escaped)');
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
  };
  const number = () => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || m[0] === '' || m[0] === '-') fail('a JSON value');
    i += m![0].length;
  };
  /** A member's name and colon; its value follows. */
  const memberName = () => {
    ws();
    if (text[i] !== '"') fail('a property name in double quotes');
    string();
    ws();
    if (text[i] !== ':') fail("':' after the property name");
    i++;
  };
  try {
    let wantValue = true;
    for (;;) {
      if (wantValue) {
        ws();
        const c = text[i];
        if (c === '{' || c === '[') {
          i++;
          ws();
          if (text[i] === (c === '{' ? '}' : ']')) {
            i++;
            wantValue = false;
            continue;
          }
          open.push(c);
          if (c === '{') memberName();
          continue; // the first value of the container
        }
        if (c === '"') string();
        else if (c === 't') literal('true');
        else if (c === 'f') literal('false');
        else if (c === 'n') literal('null');
        else if (c !== undefined && /[-\d]/.test(c)) number();
        else fail('a JSON value');
        wantValue = false;
        continue;
      }
      // After a complete value: a separator, the end of its container, or the end of the text.
      ws();
      const top = open[open.length - 1];
      if (top === undefined) {
        if (i < text.length) fail('the end of the document');
        return { offset: i, expected: 'valid JSON' };
      }
      if (text[i] === ',') {
        i++;
        if (top === '{') memberName();
        wantValue = true;
        continue;
      }
      if (text[i] === (top === '{' ? '}' : ']')) {
        i++;
        open.pop();
        continue;
      }
      fail(top === '{' ? "',' or '}'" : "',' or ']'");
    }
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, expected: e.expected };
    throw e;
  }
}
