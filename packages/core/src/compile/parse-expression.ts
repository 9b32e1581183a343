import jsep from 'jsep';
import type { IssueCode } from '../runtime/errors.js';
import type { BinaryOperator, Expression } from '../runtime/expression.js';
import { expressionFunctions, isFunctionName } from '../runtime/expression.js';

/** A problem of an expression, as a check reports it (at the `x-derived` keyword). */
export interface ExpressionProblem {
  readonly code: Extract<IssueCode, `EXPRESSION_${string}`>;
  readonly params: Record<string, unknown>;
}

/** An expression read: its tree (when it has no problems), the field paths it reads, and its problems. */
export interface ParsedExpression {
  readonly expression?: Expression;
  /** Every field path the expression reads, as property names from the form's root. */
  readonly fields: readonly (readonly string[])[];
  readonly problems: readonly ExpressionProblem[];
}

const BINARY: ReadonlySet<string> = new Set<BinaryOperator>(['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||']);

/**
 * Reads a derived value's expression (JavaScript's syntax for arithmetic, comparison and logic, read by jsep, a
 * parser that runs no code) into civicflow's own tree. Allowed are numbers, texts, `true`/`false`/`null`, field paths
 * (`funding.costs.amount`), the operators of `BinaryOperator`, `!`, unary `-`, `a ? b : c`, and calls of the
 * functions in `expressionFunctions`; anything else is a problem.
 */
export function parseExpression(source: string): ParsedExpression {
  let tree: jsep.Expression;
  try {
    tree = jsep(source);
  } catch (e) {
    const index = typeof (e as { index?: unknown }).index === 'number' ? (e as { index: number }).index : 0;
    return { fields: [], problems: [{ code: 'EXPRESSION_SYNTAX', params: { expression: source, position: index + 1 } }] };
  }
  const problems: ExpressionProblem[] = [];
  const fields: string[][] = [];
  const notAllowed = (part: string): Expression => {
    problems.push({ code: 'EXPRESSION_NOT_ALLOWED', params: { expression: source, part } });
    return { lit: null };
  };
  const path = (node: jsep.Expression): string[] | undefined => {
    if (node.type === 'Identifier') return [node['name'] as string];
    if (node.type === 'MemberExpression' && node['computed'] !== true) {
      const inner = path(node['object'] as jsep.Expression);
      const prop = node['property'] as jsep.Expression;
      return inner && prop.type === 'Identifier' ? [...inner, prop['name'] as string] : undefined;
    }
    return undefined;
  };
  const convert = (node: jsep.Expression): Expression => {
    switch (node.type) {
      case 'Literal': {
        const v = node['value'];
        return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null ? { lit: v } : notAllowed(String(node['raw']));
      }
      case 'Identifier':
      case 'MemberExpression': {
        const p = path(node);
        // Not a plain path: name the first part that is not (`[…]`, or what the path starts from, such as `this`).
        if (!p) {
          if (node['computed'] === true) return notAllowed('[…]');
          const before = problems.length;
          convert(node['object'] as jsep.Expression);
          return problems.length > before ? { lit: null } : notAllowed('(…).');
        }
        fields.push(p);
        return { get: p };
      }
      case 'CallExpression': {
        const callee = node['callee'] as jsep.Expression;
        const name = callee.type === 'Identifier' ? (callee['name'] as string) : '';
        const args = (node['arguments'] as jsep.Expression[]).map(convert);
        if (!isFunctionName(name)) {
          problems.push({ code: 'EXPRESSION_FUNCTION_UNKNOWN', params: { expression: source, name: name || '…', functions: Object.keys(expressionFunctions).join(', ') } });
          return { lit: null };
        }
        const { min, max } = expressionFunctions[name];
        if (args.length < min || args.length > max) {
          problems.push({ code: 'EXPRESSION_ARGUMENT_COUNT', params: { expression: source, name, min, max: max === Infinity ? '∞' : max, count: args.length } });
        }
        return { call: name, args };
      }
      case 'BinaryExpression': {
        const op = node['operator'] as string;
        const alias = op === '===' ? '==' : op === '!==' ? '!=' : op;
        if (!BINARY.has(alias)) return notAllowed(op);
        return { op: alias as BinaryOperator, a: convert(node['left'] as jsep.Expression), b: convert(node['right'] as jsep.Expression) };
      }
      case 'UnaryExpression': {
        const op = node['operator'] as string;
        const a = convert(node['argument'] as jsep.Expression);
        if (op === '!') return { not: a };
        if (op === '-') return { neg: a };
        if (op === '+') return a;
        return notAllowed(op);
      }
      case 'ConditionalExpression':
        return {
          if: convert(node['test'] as jsep.Expression),
          then: convert(node['consequent'] as jsep.Expression),
          else: convert(node['alternate'] as jsep.Expression),
        };
      case 'ThisExpression':
        return notAllowed('this');
      case 'ArrayExpression':
        return notAllowed('[…]');
      case 'Compound':
        return notAllowed(';');
      default:
        return notAllowed(node.type);
    }
  };
  const expression = convert(tree);
  return problems.length > 0 ? { fields, problems } : { expression, fields, problems };
}
