import { describe, expect, it } from 'vitest';
import { firstSyntaxError, parseJsonWithPosition } from './json-errors.js';

describe('firstSyntaxError', () => {
  it.each([
    ['{"a": [1, 2,]}', 12, 'a JSON value'],
    ['{"a" 1}', 5, "':' after the property name"],
    ['{"a": 1,}', 8, 'a property name in double quotes'],
    ['[1 2]', 3, "',' or ']'"],
    ['{"a": 1} x', 9, 'the end of the document'],
    ['[-]', 1, 'a JSON value'],
    ['{"a": {"b": [tru]}}', 13, 'a JSON value'],
    ['[[], {}, "x", 1.5e3, null]', 26, 'valid JSON'],
  ])('%s', (text, offset, expected) => {
    expect(firstSyntaxError(text)).toEqual({ offset, expected });
  });

  it('finds the end of an unclosed array 1,000,000 levels deep without recursion', () => {
    const text = `{"now": ${'['.repeat(1_000_000)}`;
    expect(firstSyntaxError(text)).toEqual({ offset: text.length, expected: 'a JSON value' });
    expect(parseJsonWithPosition(text)).toMatchObject({ ok: false, message: expect.stringContaining('found end of input at line 1') });
  });
});
