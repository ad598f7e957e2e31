/**
 * Syntax tree of a constraint expression (scenario-format §6). The parser desugars the negated
 * forms: `x NOT IN (…)`, `x NOT LIKE p` and `x IS NOT NULL` become a `not` node around the
 * positive form, which SQL defines as equivalent (also under three-valued logic). `<>` is
 * normalised to `!=`.
 */
export type ExpressionNode = OrNode | AndNode | NotNode | ComparisonNode | InNode | LikeNode | IsNullNode;

export interface OrNode {
  readonly kind: 'or';
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
}

export interface AndNode {
  readonly kind: 'and';
  readonly left: ExpressionNode;
  readonly right: ExpressionNode;
}

export interface NotNode {
  readonly kind: 'not';
  readonly operand: ExpressionNode;
}

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export interface ComparisonNode {
  readonly kind: 'compare';
  readonly operator: ComparisonOperator;
  readonly left: OperandNode;
  readonly right: OperandNode;
}

export interface InNode {
  readonly kind: 'in';
  readonly operand: OperandNode;
  /** Never empty. */
  readonly values: readonly LiteralNode[];
}

export interface LikeNode {
  readonly kind: 'like';
  readonly operand: OperandNode;
  /** Raw SQL pattern: `%` any run, `_` one character, everything else literal. */
  readonly pattern: string;
}

export interface IsNullNode {
  readonly kind: 'isNull';
  readonly operand: OperandNode;
}

export type OperandNode = NameNode | LiteralNode;

/** A resource attribute or property, case-sensitive, already unquoted. */
export interface NameNode {
  readonly kind: 'name';
  readonly name: string;
}

export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: string | number;
}
