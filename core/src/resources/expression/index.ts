export type {
  AndNode,
  ComparisonNode,
  ComparisonOperator,
  ExpressionNode,
  InNode,
  IsNullNode,
  LikeNode,
  LiteralNode,
  NameNode,
  NotNode,
  OperandNode,
  OrNode,
} from './ast.js';
export { compileExpression } from './compile.js';
export { parseExpression } from './parser.js';
export type { ResourceAttributes, ResourcePredicate } from './resource.js';
