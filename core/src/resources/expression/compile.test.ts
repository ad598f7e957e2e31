import { describe, expect, it } from 'vitest';
import { compileExpression, type ResourceAttributes } from './index.js';

const node: ResourceAttributes = {
  id: 7,
  type: 'default',
  state: 'Alive',
  availableUpto: 2147483647,
  properties: {
    network_address: 'node-1',
    cpu: 2,
    ratio: 3.5,
    mem: '512',
    gpu: 'YES',
    empty: '',
    dotted: 'axbbbc',
    regexy: 'a(b)[c]{2}^$+?|\\/',
    quote: "it's",
    multiline: 'a\nb',
    astral: '\u{1F600}',
    'odd name': 'x',
    'a"b': 1,
    and: 1,
    MixedCase: 'M',
    // Reserved names are never properties (scenario-format §4); the attribute must win.
    type: 'shadowed',
  },
};

type Truth = 'TRUE' | 'FALSE' | 'UNKNOWN';

/** Distinguishes FALSE from UNKNOWN through the public API: NOT UNKNOWN is still not TRUE. */
function truth(expression: string, resource = node): Truth {
  if (compileExpression(expression)(resource)) return 'TRUE';
  return compileExpression(`NOT (${expression})`)(resource) ? 'FALSE' : 'UNKNOWN';
}

function table(name: string, rows: [string, Truth][]) {
  describe(name, () => {
    it.each(rows)('%s is %s', (expression, expected) => {
      expect(truth(expression)).toBe(expected);
    });
  });
}

table('comparison operators on numbers', [
  ['cpu = 2', 'TRUE'],
  ['cpu = 3', 'FALSE'],
  ['cpu != 3', 'TRUE'],
  ['cpu != 2', 'FALSE'],
  ['cpu <> 3', 'TRUE'],
  ['cpu <> 2', 'FALSE'],
  ['cpu < 3', 'TRUE'],
  ['cpu < 2', 'FALSE'],
  ['cpu <= 2', 'TRUE'],
  ['cpu <= 1', 'FALSE'],
  ['cpu > 1', 'TRUE'],
  ['cpu > 2', 'FALSE'],
  ['cpu >= 2', 'TRUE'],
  ['cpu >= 3', 'FALSE'],
  ['ratio > 3.25', 'TRUE'],
  ['ratio < 3.25', 'FALSE'],
  ['cpu>-1', 'TRUE'],
  ['-3.5 < -3', 'TRUE'],
  ['10 < 9', 'FALSE'],
]);

table('comparison operators on strings (code points)', [
  ["gpu = 'YES'", 'TRUE'],
  ["gpu = 'yes'", 'FALSE'],
  ["gpu != 'NO'", 'TRUE'],
  ["gpu <> 'YES'", 'FALSE'],
  ["gpu < 'YET'", 'TRUE'],
  ["gpu <= 'YES'", 'TRUE'],
  ["gpu > 'YES'", 'FALSE'],
  ["gpu >= 'YESS'", 'FALSE'],
  ["'10' < '9'", 'TRUE'],
  ["'B' < 'a'", 'TRUE'],
  ["'ab' < 'abc'", 'TRUE'],
  ["empty = ''", 'TRUE'],
  // U+1F600 is above U+FFFF by code point but below it by UTF-16 unit.
  ["astral > '\uFFFF'", 'TRUE'],
  ["'\u{10000}' > '\uE000'", 'TRUE'],
]);

table('a literal on either side', [
  ["'YES' = gpu", 'TRUE'],
  ['3 > cpu', 'TRUE'],
  ['2 < cpu', 'FALSE'],
  ['1 = 1', 'TRUE'],
  ["'a' = 'b'", 'FALSE'],
  ['cpu = cpu', 'TRUE'],
]);

table('number versus string coercion', [
  ['mem = 512', 'TRUE'],
  ['mem < 1000', 'TRUE'],
  ["mem < '1000'", 'FALSE'],
  ['mem > 600', 'FALSE'],
  ["cpu = '2'", 'TRUE'],
  ["cpu = '2.0'", 'TRUE'],
  ["cpu < '10'", 'TRUE'],
  ["ratio = '3.50'", 'TRUE'],
  ["cpu > '-1'", 'TRUE'],
  ["cpu = ' 2'", 'UNKNOWN'],
  ["cpu = '2 '", 'UNKNOWN'],
  ["cpu = '+2'", 'UNKNOWN'],
  ["cpu = '2e0'", 'UNKNOWN'],
  ["cpu = '.5'", 'UNKNOWN'],
  ["cpu = 'two'", 'UNKNOWN'],
  ["cpu != 'two'", 'UNKNOWN'],
  ["cpu = ''", 'UNKNOWN'],
  ['gpu = 1', 'UNKNOWN'],
]);

table('attribute names', [
  ['resource_id = 7', 'TRUE'],
  ['resource_id = 8', 'FALSE'],
  ['id = 7', 'TRUE'],
  ['id >= 8', 'FALSE'],
  ["type = 'default'", 'TRUE'],
  ["type = 'shadowed'", 'FALSE'],
  ["\"type\" = 'default'", 'TRUE'],
  ["state = 'Alive'", 'TRUE'],
  ["state = 'alive'", 'FALSE'],
  ['available_upto = 2147483647', 'TRUE'],
  ['available_upto < 100', 'FALSE'],
  ['availableUpto IS NULL', 'TRUE'],
  ['ID IS NULL', 'TRUE'],
]);

table('names: case-sensitive, quoted, missing', [
  ["\"gpu\" = 'YES'", 'TRUE'],
  ['GPU IS NULL', 'TRUE'],
  ['"GPU" IS NULL', 'TRUE'],
  ["MixedCase = 'M'", 'TRUE'],
  ['mixedcase IS NULL', 'TRUE'],
  ["\"odd name\" = 'x'", 'TRUE'],
  ['"a""b" = 1', 'TRUE'],
  ['"and" = 1', 'TRUE'],
  ['constructor IS NULL', 'TRUE'],
  ['toString IS NULL', 'TRUE'],
  ['__proto__ IS NULL', 'TRUE'],
]);

table('string literals with escaped quotes', [
  ["quote = 'it''s'", 'TRUE'],
  ["quote = 'its'", 'FALSE'],
  ["'''' = ''''", 'TRUE'],
  ["'a''' > 'a'", 'TRUE'],
]);

table('IS NULL and IS NOT NULL', [
  ['missing IS NULL', 'TRUE'],
  ['missing IS NOT NULL', 'FALSE'],
  ['gpu IS NULL', 'FALSE'],
  ['gpu IS NOT NULL', 'TRUE'],
  ['empty IS NULL', 'FALSE'],
  ['1 IS NULL', 'FALSE'],
  ["'' IS NOT NULL", 'TRUE'],
  ['NOT missing IS NULL', 'FALSE'],
]);

table('three-valued logic (missing is NULL)', [
  ['missing = 1', 'UNKNOWN'],
  ['missing != 1', 'UNKNOWN'],
  ["missing <> 'x'", 'UNKNOWN'],
  ['missing < 1', 'UNKNOWN'],
  ['missing = missing', 'UNKNOWN'],
  ['NOT missing = 1', 'UNKNOWN'],
  ['NOT NOT missing = 1', 'UNKNOWN'],
  ['1 = 1 OR missing = 1', 'TRUE'],
  ['missing = 1 OR 1 = 1', 'TRUE'],
  ['1 = 2 OR missing = 1', 'UNKNOWN'],
  ['missing = 1 OR 1 = 2', 'UNKNOWN'],
  ['1 = 1 AND missing = 1', 'UNKNOWN'],
  ['1 = 2 AND missing = 1', 'FALSE'],
  ['missing = 1 AND 1 = 2', 'FALSE'],
  ['missing = 1 AND missing = 2', 'UNKNOWN'],
  ['missing = 1 OR missing = 2', 'UNKNOWN'],
  ['NOT (1 = 2 AND missing = 1)', 'TRUE'],
  ['NOT (1 = 1 OR missing = 1)', 'FALSE'],
  ['missing IS NULL OR missing = 1', 'TRUE'],
]);

table('precedence NOT > AND > OR, and parentheses', [
  ['1 = 1 OR 1 = 2 AND 1 = 2', 'TRUE'],
  ['(1 = 1 OR 1 = 2) AND 1 = 2', 'FALSE'],
  ['1 = 2 AND 1 = 2 OR 1 = 1', 'TRUE'],
  ['1 = 2 AND (1 = 2 OR 1 = 1)', 'FALSE'],
  ['NOT 1 = 2 AND 1 = 2', 'FALSE'],
  ['NOT (1 = 2 AND 1 = 2)', 'TRUE'],
  ['NOT 1 = 1 OR 1 = 1', 'TRUE'],
  ['NOT (1 = 1 OR 1 = 1)', 'FALSE'],
  ['NOT NOT 1 = 1', 'TRUE'],
  ['((cpu = 2))', 'TRUE'],
  // scheduler-core §5: job and part expressions are joined with " AND " without parentheses.
  ["type = 'other' OR gpu = 'YES' AND type = 'nope'", 'FALSE'],
  ["type = 'default' OR gpu = 'NO' AND type = 'nope'", 'TRUE'],
]);

table('IN and NOT IN', [
  ['cpu IN (1, 2, 3)', 'TRUE'],
  ['cpu IN (1, 3)', 'FALSE'],
  ['cpu NOT IN (1, 3)', 'TRUE'],
  ['cpu NOT IN (2)', 'FALSE'],
  ["gpu IN ('NO', 'YES')", 'TRUE'],
  ["gpu IN ('yes')", 'FALSE'],
  ['mem IN (256, 512)', 'TRUE'],
  ["cpu IN ('2')", 'TRUE'],
  ["cpu IN ('x', 2)", 'TRUE'],
  ["cpu IN (1, 'x')", 'UNKNOWN'],
  ["cpu NOT IN (1, 'x')", 'UNKNOWN'],
  ['missing IN (1)', 'UNKNOWN'],
  ['missing NOT IN (1)', 'UNKNOWN'],
  ["type IN ('default', 'besteffort')", 'TRUE'],
  ['id IN (7)', 'TRUE'],
  ['2 IN (1, 2)', 'TRUE'],
]);

table('LIKE and NOT LIKE', [
  ["network_address LIKE 'node-%'", 'TRUE'],
  ["network_address LIKE 'node-_'", 'TRUE'],
  ["network_address LIKE 'node_'", 'FALSE'],
  ["network_address LIKE 'node-1_'", 'FALSE'],
  ["network_address LIKE 'ode-%'", 'FALSE'],
  ["network_address LIKE '%-1'", 'TRUE'],
  ["network_address LIKE '%o%'", 'TRUE'],
  ["network_address LIKE 'Node-%'", 'FALSE'],
  ["network_address NOT LIKE 'Node-%'", 'TRUE'],
  ["network_address NOT LIKE 'node%'", 'FALSE'],
  ["network_address LIKE 'node-1'", 'TRUE'],
  ["empty LIKE '%'", 'TRUE'],
  ["empty LIKE '_'", 'FALSE'],
  ["dotted LIKE 'a.b*c'", 'FALSE'],
  ["'a.b*c' LIKE 'a.b*c'", 'TRUE'],
  ["regexy LIKE 'a(b)[c]{2}^$+?|\\/'", 'TRUE'],
  ["regexy LIKE 'a(b)[c]{2}^$+?|\\_'", 'TRUE'],
  // Backslash is an ordinary character, not an escape.
  ["'a_' LIKE 'a\\_'", 'FALSE'],
  ["'a\\b' LIKE 'a\\_'", 'TRUE'],
  ["quote LIKE 'it''%'", 'TRUE'],
  ["multiline LIKE 'a_b'", 'TRUE'],
  ["multiline LIKE 'a%'", 'TRUE'],
  ["astral LIKE '_'", 'TRUE'],
  ["cpu LIKE '2'", 'TRUE'],
  ["ratio LIKE '3._'", 'TRUE'],
  ["3.50 LIKE '%0'", 'FALSE'],
  ["missing LIKE '%'", 'UNKNOWN'],
  ["missing NOT LIKE 'x'", 'UNKNOWN'],
]);

table('keywords are case-insensitive', [
  ["gpu = 'YES' and cpu = 2", 'TRUE'],
  ['cpu = 1 Or cpu = 2', 'TRUE'],
  ['not cpu = 1', 'TRUE'],
  ['cpu nOt iN (1)', 'TRUE'],
  ["gpu like 'Y%'", 'TRUE'],
  ['missing is null', 'TRUE'],
  ['gpu Is NoT nUlL', 'TRUE'],
]);

describe('compileExpression', () => {
  it('returns a reusable predicate that filters resources', () => {
    const predicate = compileExpression("gpu = 'YES' AND cpu >= 2");
    const other: ResourceAttributes = { ...node, id: 8, properties: { gpu: 'YES', cpu: 1 } };
    expect([node, other, node].filter(predicate).map((r) => r.id)).toEqual([7, 7]);
  });

  it('rejects a syntax error at compile time', () => {
    expect(() => compileExpression('gpu =')).toThrow(expect.objectContaining({ code: 'EXPRESSION_SYNTAX' }));
  });
});
