import { describe, expect, it } from 'vitest';
import { compileExpression } from '../runtime/expression.js';
import { parseExpression } from './parse-expression.js';

/** The value of an expression for some data, read as a designer writes it. */
function evaluate(source: string, data: unknown = {}): unknown {
  const parsed = parseExpression(source);
  expect(parsed.problems).toEqual([]);
  return compileExpression(parsed.expression!)(data);
}

describe('compileExpression', () => {
  const costs = { costs: [{ amount: 0.1 }, { amount: 0.2 }, { item: 'no amount' }, { amount: 'x' }] };

  it('sums and counts a list’s entries, skipping those without a number, and keeps 0.1 + 0.2 at 0.3', () => {
    expect(evaluate('sum(costs.amount)', costs)).toBe(0.3);
    expect(evaluate('count(costs)', costs)).toBe(4);
    expect(evaluate('count(costs.amount)', costs)).toBe(3);
    expect(evaluate('sum(costs.amount)', {})).toBe(0);
    expect(evaluate('count(costs)', {})).toBe(0);
    expect(evaluate('sum(a, b, 1)', { a: 2, b: 3 })).toBe(6);
    expect(evaluate('min(costs.amount)', costs)).toBe(0.1);
    expect(evaluate('max(costs.amount, 7)', costs)).toBe(7);
    expect(evaluate('max(costs.amount)', {})).toBeUndefined();
  });

  it('reads lists inside lists as one list of values', () => {
    const data = { groups: [{ people: [{ age: 3 }, { age: 4 }] }, { people: [{ age: 5 }] }, {}] };
    expect(evaluate('sum(groups.people.age)', data)).toBe(12);
    expect(evaluate('count(groups.people)', data)).toBe(3);
  });

  it('counts an age in full years on a date, a birthday on 29 February on 1 March', () => {
    expect(evaluate("ageAt(b, '2026-06-30')", { b: '2008-06-30' })).toBe(18);
    expect(evaluate("ageAt(b, '2026-06-30')", { b: '2008-07-01' })).toBe(17);
    expect(evaluate("ageAt(b, '2025-02-28')", { b: '2004-02-29' })).toBe(20);
    expect(evaluate("ageAt(b, '2025-03-01')", { b: '2004-02-29' })).toBe(21);
    expect(evaluate("ageAt(b, '2026-06-30')", { b: '2026-02-30' })).toBeUndefined();
    expect(evaluate("ageAt(b, '2026-06-30')", { b: 'soon' })).toBeUndefined();
    expect(evaluate("ageAt(b, '2026-06-30')", {})).toBeUndefined();
  });

  it('counts days between dates across months, years and a leap day, negative when the second comes first', () => {
    expect(evaluate('daysBetween(a, b)', { a: '2024-02-28', b: '2024-03-01' })).toBe(2);
    expect(evaluate('daysBetween(a, b)', { a: '2025-12-31', b: '2026-01-01' })).toBe(1);
    expect(evaluate('daysBetween(a, b)', { a: '2026-03-01', b: '2026-02-01' })).toBe(-28);
    expect(evaluate('daysBetween(a, b)', { a: '2026-03-01' })).toBeUndefined();
  });

  it('has no value where a value it needs is missing or of the wrong kind, and never divides by zero', () => {
    expect(evaluate('a * 2', {})).toBeUndefined();
    expect(evaluate('a + b', { a: 1, b: '2' })).toBeUndefined();
    expect(evaluate('a / b', { a: 1, b: 0 })).toBeUndefined();
    expect(evaluate('-a', { a: 'x' })).toBeUndefined();
    expect(evaluate('a < b', { a: 1, b: 'x' })).toBeUndefined();
    expect(evaluate('round(a / 3, 2)', { a: 10 })).toBe(3.33);
    expect(evaluate('round(a)', { a: -2.5 })).toBe(-3);
    expect(evaluate('round(a, 9)', { a: 1 })).toBeUndefined();
  });

  it('compares numbers and texts (ISO dates in order), and treats an unknown in logic as unknown unless the other side decides', () => {
    expect(evaluate('end > start', { start: '2026-01-31', end: '2026-02-01' })).toBe(true);
    expect(evaluate('a == b', { a: 'x', b: 'x' })).toBe(true);
    expect(evaluate('a != b', { a: 'x', b: 'y' })).toBe(true);
    expect(evaluate('a == b', { a: 'x' })).toBeUndefined();
    expect(evaluate('a && b', { a: false })).toBe(false);
    expect(evaluate('a || b', { a: true })).toBe(true);
    expect(evaluate('a && b', { a: true })).toBeUndefined();
    expect(evaluate('!a', { a: true })).toBe(false);
    expect(evaluate("a > 10 ? 'big' : 'small'", { a: 11 })).toBe('big');
    expect(evaluate("a > 10 ? 'big' : 'small'", {})).toBeUndefined();
  });

  it('reads only the data’s own properties, never what objects inherit', () => {
    expect(evaluate('count(constructor)', {})).toBe(0);
    expect(evaluate('a.toString', { a: {} })).toBeUndefined();
  });
});

describe('parseExpression', () => {
  it('reports a syntax error with its position, and parts and functions derived values do not support', () => {
    expect(parseExpression('a +').problems).toEqual([{ code: 'EXPRESSION_SYNTAX', params: { expression: 'a +', position: 4 } }]);
    expect(parseExpression('a[0]').problems.map((p) => p.code)).toEqual(['EXPRESSION_NOT_ALLOWED']);
    expect(parseExpression('this.a').problems.map((p) => p.params['part'])).toEqual(['this']);
    expect(parseExpression('(a + b).c').problems.map((p) => p.params['part'])).toEqual(['(…).']);
    expect(parseExpression('a; b').problems.map((p) => p.code)).toEqual(['EXPRESSION_NOT_ALLOWED']);
    expect(parseExpression('a | b').problems.map((p) => p.params['part'])).toEqual(['|']);
    expect(parseExpression('today()').problems.map((p) => [p.code, p.params['name']])).toEqual([['EXPRESSION_FUNCTION_UNKNOWN', 'today']]);
    expect(parseExpression('ageAt(a)').problems.map((p) => [p.code, p.params['count']])).toEqual([['EXPRESSION_ARGUMENT_COUNT', 1]]);
  });

  it('lists the field paths an expression reads', () => {
    expect(parseExpression("sum(funding.costs.amount) - a ? ageAt(person.birthDate, '2026-06-30') : b").fields).toEqual([
      ['funding', 'costs', 'amount'],
      ['a'],
      ['person', 'birthDate'],
      ['b'],
    ]);
  });
});
