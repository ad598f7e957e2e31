import type { ComparisonOperator, ExpressionNode, LiteralNode, OperandNode } from './ast.js';
import { syntaxError } from './syntax-error.js';
import { tokenize, type Keyword, type Token } from './tokenizer.js';

/**
 * Parses a constraint expression (grammar: scenario-format §6; precedence NOT > AND > OR, AND and
 * OR left-associative). Throws OarSchedError('EXPRESSION_SYNTAX') on any error, including an
 * empty or blank text: "no constraint" is the caller's business, not a valid expression.
 *
 * `NULL` is not a literal (as in the grammar): `x = NULL` is rejected with a hint towards
 * `IS NULL` rather than silently being UNKNOWN for every resource.
 */
export function parseExpression(text: string): ExpressionNode {
  return new Parser(text, tokenize(text)).parse();
}

class Parser {
  #pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parse(): ExpressionNode {
    if (this.#peek().kind === 'end') throw syntaxError(this.text, 'empty expression');
    const expression = this.#or();
    const extra = this.#peek();
    if (extra.kind === ')') throw syntaxError(this.text, `unmatched ')' at column ${extra.column}`);
    if (extra.kind !== 'end') throw this.#expected('AND, OR or the end of the expression');
    return expression;
  }

  #or(): ExpressionNode {
    let left = this.#and();
    while (this.#acceptKeyword('OR')) left = { kind: 'or', left, right: this.#and() };
    return left;
  }

  #and(): ExpressionNode {
    let left = this.#not();
    while (this.#acceptKeyword('AND')) left = { kind: 'and', left, right: this.#not() };
    return left;
  }

  #not(): ExpressionNode {
    return this.#acceptKeyword('NOT') ? { kind: 'not', operand: this.#not() } : this.#primary();
  }

  #primary(): ExpressionNode {
    const open = this.#peek();
    if (this.#accept('(')) {
      const inner = this.#or();
      const close = this.#peek();
      if (!this.#accept(')')) {
        throw syntaxError(
          this.text,
          `expected ')' to close the '(' at column ${open.column} but found ${describe(close)} at column ${close.column}`,
        );
      }
      return inner;
    }
    const operand = this.#operand('a condition');
    const next = this.#peek();
    if (next.kind === 'operator') {
      this.#pos++;
      const operator: ComparisonOperator = next.operator === '<>' ? '!=' : next.operator;
      return { kind: 'compare', operator, left: operand, right: this.#operand('a value') };
    }
    if (this.#acceptKeyword('NOT')) {
      if (this.#acceptKeyword('IN')) return { kind: 'not', operand: this.#inList(operand) };
      if (this.#acceptKeyword('LIKE')) return { kind: 'not', operand: this.#like(operand) };
      throw this.#expected('IN or LIKE');
    }
    if (this.#acceptKeyword('IN')) return this.#inList(operand);
    if (this.#acceptKeyword('LIKE')) return this.#like(operand);
    if (this.#acceptKeyword('IS')) {
      const negated = this.#acceptKeyword('NOT');
      if (!this.#acceptKeyword('NULL')) throw this.#expected('NULL');
      return negated ? { kind: 'not', operand: { kind: 'isNull', operand } } : { kind: 'isNull', operand };
    }
    throw this.#expected('a comparison operator, IN, LIKE or IS');
  }

  /** After the IN keyword: `'(' literal (',' literal)* ')'`. */
  #inList(operand: OperandNode): ExpressionNode {
    const open = this.#peek();
    if (!this.#accept('(')) throw this.#expected("'(' to start the IN list");
    if (this.#peek().kind === ')') throw syntaxError(this.text, `empty IN list at column ${open.column}`);
    const values: LiteralNode[] = [];
    for (;;) {
      values.push(this.#literal('a number or a quoted string in the IN list'));
      if (this.#accept(')')) return { kind: 'in', operand, values };
      if (!this.#accept(',')) throw this.#expected("',' or ')' in the IN list");
    }
  }

  /** After the LIKE keyword: only a string literal may be a pattern. */
  #like(operand: OperandNode): ExpressionNode {
    const pattern = this.#peek();
    if (pattern.kind !== 'string') throw this.#expected('a quoted string pattern');
    this.#pos++;
    return { kind: 'like', operand, pattern: pattern.value };
  }

  #operand(what: string): OperandNode {
    const token = this.#peek();
    if (token.kind !== 'name') return this.#literal(what);
    this.#pos++;
    return { kind: 'name', name: token.name };
  }

  #literal(what: string): LiteralNode {
    const token = this.#peek();
    if (token.kind === 'string' || token.kind === 'number') {
      this.#pos++;
      return { kind: 'literal', value: token.value };
    }
    const isNull = token.kind === 'keyword' && token.keyword === 'NULL';
    throw this.#expected(what, isNull ? ' (to test for a missing property use IS NULL or IS NOT NULL)' : '');
  }

  #peek(): Token {
    return this.tokens[this.#pos]!;
  }

  #accept(kind: '(' | ')' | ','): boolean {
    if (this.#peek().kind !== kind) return false;
    this.#pos++;
    return true;
  }

  #acceptKeyword(keyword: Keyword): boolean {
    const token = this.#peek();
    if (token.kind !== 'keyword' || token.keyword !== keyword) return false;
    this.#pos++;
    return true;
  }

  /** "expected X after <previous token> but found <current token> at column N". */
  #expected(what: string, hint = '') {
    const found = this.#peek();
    const previous = this.#pos > 0 ? ` after ${describe(this.tokens[this.#pos - 1]!)}` : '';
    return syntaxError(
      this.text,
      `expected ${what}${previous} but found ${describe(found)} at column ${found.column}${hint}`,
    );
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of expression';
    case 'operator':
    case '(':
    case ')':
    case ',':
      return `'${token.source}'`;
    default:
      return token.source;
  }
}
