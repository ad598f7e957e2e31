import type { ComparisonOperator, ExpressionNode, OperandNode } from './ast.js';
import { likeText, likeToRegExp } from './like.js';
import { parseExpression } from './parser.js';
import { reservedAttribute, type ResourceAttributes, type ResourcePredicate } from './resource.js';
import { compareValues, type SqlValue, type Truth } from './values.js';

type Evaluator = (resource: ResourceAttributes) => Truth;
type Accessor = (resource: ResourceAttributes) => SqlValue;

/**
 * Parses once (throwing OarSchedError('EXPRESSION_SYNTAX')) and returns a predicate that is true
 * only when the expression is TRUE for the resource. Names are resolved and LIKE patterns
 * compiled here, so the predicate does no parsing or lookups by keyword.
 */
export function compileExpression(text: string): ResourcePredicate {
  const evaluate = compileNode(parseExpression(text));
  return (resource) => evaluate(resource) === true;
}

const SIGN_TESTS: Record<ComparisonOperator, (sign: number) => boolean> = {
  '=': (s) => s === 0,
  '!=': (s) => s !== 0,
  '<': (s) => s < 0,
  '<=': (s) => s <= 0,
  '>': (s) => s > 0,
  '>=': (s) => s >= 0,
};

function compileNode(node: ExpressionNode): Evaluator {
  switch (node.kind) {
    case 'or': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (r) => {
        const a = left(r);
        if (a === true) return true;
        const b = right(r);
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    }
    case 'and': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      return (r) => {
        const a = left(r);
        if (a === false) return false;
        const b = right(r);
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    }
    case 'not': {
      const operand = compileNode(node.operand);
      return (r) => {
        const v = operand(r);
        return v === null ? null : !v;
      };
    }
    case 'compare': {
      const left = compileOperand(node.left);
      const right = compileOperand(node.right);
      const test = SIGN_TESTS[node.operator];
      return (r) => {
        const sign = compareValues(left(r), right(r));
        return sign === null ? null : test(sign);
      };
    }
    case 'in': {
      const operand = compileOperand(node.operand);
      const values = node.values.map((literal) => literal.value);
      // Standard SQL: TRUE if some element is equal, else UNKNOWN if some comparison was, else FALSE.
      return (r) => {
        const v = operand(r);
        if (v === null) return null;
        let unknown = false;
        for (const element of values) {
          const sign = compareValues(v, element);
          if (sign === 0) return true;
          if (sign === null) unknown = true;
        }
        return unknown ? null : false;
      };
    }
    case 'like': {
      const operand = compileOperand(node.operand);
      const pattern = likeToRegExp(node.pattern);
      return (r) => {
        const v = operand(r);
        return v === null ? null : pattern.test(likeText(v));
      };
    }
    case 'isNull': {
      const operand = compileOperand(node.operand);
      return (r) => operand(r) === null;
    }
  }
}

/** The reserved names of scenario-format §6 win over a property of the same name. */
function compileOperand(node: OperandNode): Accessor {
  if (node.kind === 'literal') {
    const value = node.value;
    return () => value;
  }
  const name = node.name;
  // Own keys only: `constructor` or `toString` must be NULL, not Object.prototype members.
  return reservedAttribute(name) ?? ((r) => (Object.hasOwn(r.properties, name) ? (r.properties[name] ?? null) : null));
}
