import { describe, expect, it } from 'vitest';
import { isOarSchedError } from '../../errors.js';
import { parseExpression, type ExpressionNode } from './index.js';

const name = (n: string) => ({ kind: 'name', name: n }) as const;
const lit = (value: string | number) => ({ kind: 'literal', value }) as const;
const eq = (n: string, value: string | number): ExpressionNode => ({ kind: 'compare', operator: '=', left: name(n), right: lit(value) });

describe('parseExpression builds the tree', () => {
  it.each<[string, ExpressionNode]>([
    ['a = 1 OR b = 2 AND c = 3', { kind: 'or', left: eq('a', 1), right: { kind: 'and', left: eq('b', 2), right: eq('c', 3) } }],
    ['a = 1 AND b = 2 OR c = 3', { kind: 'or', left: { kind: 'and', left: eq('a', 1), right: eq('b', 2) }, right: eq('c', 3) }],
    ['(a = 1 OR b = 2) AND c = 3', { kind: 'and', left: { kind: 'or', left: eq('a', 1), right: eq('b', 2) }, right: eq('c', 3) }],
    ['a = 1 OR b = 2 OR c = 3', { kind: 'or', left: { kind: 'or', left: eq('a', 1), right: eq('b', 2) }, right: eq('c', 3) }],
    ['NOT a = 1 AND b = 2', { kind: 'and', left: { kind: 'not', operand: eq('a', 1) }, right: eq('b', 2) }],
    ['NOT NOT a = 1', { kind: 'not', operand: { kind: 'not', operand: eq('a', 1) } }],
    ["'x' <> a", { kind: 'compare', operator: '!=', left: lit('x'), right: name('a') }],
    ['a>=-1.5', { kind: 'compare', operator: '>=', left: name('a'), right: lit(-1.5) }],
    ['a <= b', { kind: 'compare', operator: '<=', left: name('a'), right: name('b') }],
    ['"NOT" != \'it\'\'s\'', { kind: 'compare', operator: '!=', left: name('NOT'), right: lit("it's") }],
    ['"x""y" < 0', { kind: 'compare', operator: '<', left: name('x"y'), right: lit(0) }],
    ["a IN (1, 'b')", { kind: 'in', operand: name('a'), values: [lit(1), lit('b')] }],
    ['a not in (2)', { kind: 'not', operand: { kind: 'in', operand: name('a'), values: [lit(2)] } }],
    ["a LIKE '%_'", { kind: 'like', operand: name('a'), pattern: '%_' }],
    ["a NOT LIKE 'x'", { kind: 'not', operand: { kind: 'like', operand: name('a'), pattern: 'x' } }],
    ['a IS NULL', { kind: 'isNull', operand: name('a') }],
    ['a IS NOT NULL', { kind: 'not', operand: { kind: 'isNull', operand: name('a') } }],
    ['  \n\ta\t=\n1  ', eq('a', 1)],
  ])('%s', (text, expected) => {
    expect(parseExpression(text)).toEqual(expected);
  });
});

describe('parseExpression rejects', () => {
  it.each<[string, string, string]>([
    ['empty text', '', 'empty expression'],
    ['blank text', ' \t ', 'empty expression'],
    ['unterminated string', "gpu = 'YES", 'unterminated string starting at column 7'],
    ['unterminated string after an escaped quote', "gpu = 'it''s", 'unterminated string starting at column 7'],
    ['unterminated quoted name', '"gpu = 1', 'unterminated quoted name starting at column 1'],
    ['empty quoted name', '"" = 1', 'empty quoted name at column 1'],
    ['missing right operand', 'gpu = ', `expected a value after '=' but found end of expression at column 7 in "gpu = "`],
    ['missing left operand', '= 1', "expected a condition but found '=' at column 1"],
    ['missing operator', 'gpu', 'expected a comparison operator, IN, LIKE or IS after gpu'],
    ['missing condition after AND', 'gpu = 1 AND', 'expected a condition after AND but found end of expression at column 12'],
    ['missing condition after OR', 'OR gpu = 1', 'expected a condition but found OR at column 1'],
    ['lone NOT', 'NOT', 'expected a condition after NOT'],
    ['trailing garbage', 'gpu = 1 2', 'expected AND, OR or the end of the expression after 1 but found 2 at column 9'],
    ['unbalanced closing parenthesis', 'gpu = 1)', "unmatched ')' at column 8"],
    ['unclosed parenthesis', '(gpu = 1', "expected ')' to close the '(' at column 1 but found end of expression at column 9"],
    ['empty parentheses', '()', "expected a condition after '(' but found ')' at column 2"],
    ['parenthesised operand', '(gpu) = 1', "expected a comparison operator, IN, LIKE or IS after gpu but found ')'"],
    ['empty IN list', 'cpu IN ()', 'empty IN list at column 8'],
    ['IN without parentheses', 'cpu IN 1', "expected '(' to start the IN list after IN but found 1"],
    ['trailing comma in IN list', 'cpu IN (1,)', "in the IN list after ',' but found ')' at column 11"],
    ['name in IN list', 'cpu IN (gpu)', 'expected a number or a quoted string in the IN list'],
    ['missing comma in IN list', 'cpu IN (1 2)', "expected ',' or ')' in the IN list after 1 but found 2"],
    ['unclosed IN list', 'cpu IN (1', "expected ',' or ')' in the IN list after 1 but found end of expression"],
    ['LIKE with a name', 'gpu LIKE other', 'expected a quoted string pattern after LIKE but found other'],
    ['LIKE with a number', 'gpu LIKE 1', 'expected a quoted string pattern after LIKE'],
    ['IS without NULL', 'gpu IS 1', 'expected NULL after IS but found 1'],
    ['IS NOT without NULL', 'gpu IS NOT', 'expected NULL after NOT but found end of expression'],
    ['NOT before an operator', 'gpu NOT = 1', "expected IN or LIKE after NOT but found '='"],
    ['= NULL', 'gpu = NULL', 'use IS NULL or IS NOT NULL'],
    ['doubled operator', 'gpu == 1', "expected a value after '=' but found '='"],
    ['keyword used as a name', 'in = 1', 'expected a condition but found in at column 1'],
    ['bad character', 'gpu # 1', "unexpected character '#' at column 5"],
    ['typographic quote', 'gpu = \u2018YES\u2019', "unexpected character '\u2018' (U+2018) at column 7"],
    ['lone exclamation mark', 'gpu ! 1', "unexpected character '!' at column 5"],
    ['detached minus sign', 'cpu = - 1', "unexpected character '-' at column 7"],
    ['number without fraction digits', 'cpu = 1.', "invalid number '1.' at column 7"],
    ['number with two dots', 'cpu = 1.2.3', "invalid number '1.2.3' at column 7"],
    ['number glued to a word', 'cpu = 12abc', "invalid number '12abc' at column 7"],
  ])('%s: %s', (_, text, fragment) => {
    let error: unknown;
    try {
      parseExpression(text);
    } catch (e) {
      error = e;
    }
    expect(isOarSchedError(error) && error.code).toBe('EXPRESSION_SYNTAX');
    expect((error as Error).message).toContain(fragment);
    expect((error as Error).message).toContain(`in ${JSON.stringify(text)}`);
  });
});
