import { describe, expect, it } from 'vitest';
import { loadProgram } from './load-program.js';
import { validate } from './validate.js';
import { ProgramError } from '../runtime/errors.js';
import { derivedDefinition } from '@civicflow/test-support';

type Def = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const program = loadProgram(derivedDefinition());

function problems(change: (schema: Def) => void, locale = 'en'): { code: string; pointer: string; message: string }[] {
  const d = derivedDefinition() as Def;
  change(d['forms'].budget.schema);
  try {
    loadProgram(d, { locale });
  } catch (e) {
    if (e instanceof ProgramError) return e.issues.map(({ code, pointer, message }) => ({ code, pointer, message }));
    throw e;
  }
  return [];
}

const at = (r: { errors: { pointer: string; code: string; message: string }[] }) => r.errors.map((e) => `${e.pointer} ${e.code}: ${e.message}`);

describe('derived values', () => {
  it('are worked out on validation, whatever the data held there, and go when what they need is missing', () => {
    const data = { costs: [{ item: 'Hall', amount: 1200.5 }, { item: 'Food', amount: 300 }], amount: 1000, total: 999_999, items: 7, share: 1 };
    const r = validate(program, 'budget', data);
    expect(r.valid).toBe(true);
    expect(r.data).toEqual({ costs: data.costs, amount: 1000, total: 1500.5, items: 2, share: 66.6 });
    // Nothing to work out from: no days, age or share; sums and counts of nothing are 0.
    expect(validate(program, 'budget', { days: 3, age: 40, share: 5 }).data).toEqual({ total: 0, items: 0 });
  });

  it('work out a value from another derived value, whatever order the schema lists them in', () => {
    const r = validate(program, 'budget', { start: '2025-01-01', end: '2026-03-01', review: {} });
    expect(r.data).toMatchObject({ days: 424, review: { late: true } });
  });

  it('are worked out again without hidden fields, and a hidden derived value stays away', () => {
    const d = derivedDefinition() as Def;
    const hideWhenNoCosts = { properties: { exception: { const: true } }, required: ['exception'] };
    d['forms'].budget.ui.pages[1].fields = [{ field: 'costs', when: hideWhenNoCosts }, 'total', { field: 'items', when: hideWhenNoCosts }, 'exception', 'amount', 'share', 'review'];
    const p = loadProgram(d);
    const costs = [{ item: 'Hall', amount: 100 }];
    expect(validate(p, 'budget', { costs, exception: true }).data).toEqual({ costs, exception: true, total: 100, items: 1 });
    expect(validate(p, 'budget', { costs, exception: false }).data).toEqual({ exception: false, total: 0 });
  });

  it('put their own errors on the field a person edits, in the words given for the derived value', () => {
    const d = derivedDefinition() as Def;
    d['texts'].en['forms.budget.fields.age.errors.minimum'] = 'You must be {limit} by 30 June 2026.';
    d['texts'].de['forms.budget.fields.age.errors.minimum'] = 'Sie müssen am 30. Juni 2026 mindestens {limit} Jahre alt sein.';
    d['forms'].budget.schema.properties.total.maximum = 1000;
    const p = loadProgram(d);
    const r = validate(p, 'budget', { birthDate: '2010-07-01', costs: [{ item: 'Hall', amount: 2000 }] }, { locale: 'en' });
    expect(at(r)).toEqual(['/birthDate minimum: You must be 18 by 30 June 2026.', '/costs maximum: Please enter 1000 or less.']);
  });
});

describe('rules across fields', () => {
  it('place each error on the field it concerns, in the designer’s words per locale', () => {
    const data = { start: '2026-03-01', end: '2026-02-01', firstChoice: 'a', secondChoice: 'a', costs: [{ item: 'Hall', amount: 100 }], amount: 150 };
    expect(at(validate(program, 'budget', data, { locale: 'de' })).sort()).toEqual([
      '/amount maximum: Bitte beantragen Sie höchstens 100 Euro.',
      '/end formatExclusiveMinimum: Das Ende muss nach dem Beginn liegen.',
      '/secondChoice not: Bitte wählen Sie etwas anderes als bei der ersten Wahl.',
    ]);
    expect(at(validate(program, 'budget', data, { locale: 'en' }))[0]).toBe('/end formatExclusiveMinimum: The end must come after the start.');
    expect(validate(program, 'budget', { ...data, end: '2026-03-02', secondChoice: 'b', amount: 100 }).valid).toBe(true);
  });

  it('hold while a field they compare with is empty', () => {
    expect(validate(program, 'budget', { end: '2026-02-01', secondChoice: 'a' }).valid).toBe(true);
  });

  it('keep an amount within 20,000 unless an exception was granted, and within the total always', () => {
    const costs = [{ item: 'Building', amount: 50_000 }];
    expect(at(validate(program, 'budget', { costs, amount: 25_000 }, { locale: 'en' }))).toEqual(['/amount maximum: Please request at most 20000 euros.']);
    expect(validate(program, 'budget', { costs, amount: 25_000, exception: true }).valid).toBe(true);
    expect(at(validate(program, 'budget', { costs, amount: 60_000, exception: true }, { locale: 'en' }))).toEqual(['/amount maximum: Please request at most 50000 euros.']);
  });

  it('compare with a derived value that the server works out, never with one the data claims', () => {
    const r = validate(program, 'budget', { costs: [{ item: 'Hall', amount: 100 }], amount: 500, total: 1000 });
    expect(r.errors.map((e) => [e.pointer, e.params['limit']])).toEqual([['/amount', 100]]);
  });
});

describe('civicflow check of derived values and rules', () => {
  const base = '/forms/budget/schema/properties';

  it('reports an expression that cannot be read, with its pointer and position, in German and English', () => {
    const found = problems((s) => (s.properties.total['x-derived'] = 'sum(costs.amount'));
    expect(found).toEqual([{ code: 'EXPRESSION_SYNTAX', pointer: `${base}/total/x-derived`, message: expect.stringContaining('at character 17') }]);
    const de = problems((s) => (s.properties.total['x-derived'] = 'sum(costs.amount'), 'de');
    expect(de[0]!.message).toContain('bei Zeichen 17');
  });

  it('reports unknown functions and fields, wrong argument counts and unsupported parts at the expression', () => {
    const found = problems((s) => {
      s.properties.total['x-derived'] = 'total(costs.amount)';
      s.properties.items['x-derived'] = 'count(costs.price)';
      s.properties.age['x-derived'] = 'ageAt(birthDate)';
      s.properties.days['x-derived'] = 'end[0]';
    });
    expect(found.map((p) => [p.code, p.pointer])).toEqual([
      ['EXPRESSION_NOT_ALLOWED', `${base}/days/x-derived`],
      ['EXPRESSION_ARGUMENT_COUNT', `${base}/age/x-derived`],
      ['EXPRESSION_FUNCTION_UNKNOWN', `${base}/total/x-derived`],
      ['EXPRESSION_FIELD_UNKNOWN', `${base}/items/x-derived`],
    ]);
    expect(found[3]!.message).toContain('"costs.price"');
  });

  it('refuses derived values that need themselves, and derived values in lists or on groups', () => {
    const found = problems((s) => {
      s.properties.total['x-derived'] = 'share + 1';
      s.properties.costs.items.properties.amount['x-derived'] = '1';
      s.properties.review['x-derived'] = '1';
    });
    expect(found.map((p) => [p.code, p.pointer])).toEqual([
      ['DERIVED_FIELD_INVALID', `${base}/costs/items/properties/amount/x-derived`],
      ['DERIVED_FIELD_INVALID', `${base}/review/x-derived`],
      ['DERIVED_CYCLE', `${base}/total/x-derived`],
    ]);
    expect(found[2]!.message).toContain('total → share → total');
  });

  it('refuses "$data" on a keyword that cannot compare, and a "$data" pointer that leads to no field', () => {
    const found = problems((s) => {
      s.properties.firstChoice.enum = { $data: '1/secondChoice' };
      s.properties.amount.maximum = { $data: '1/totl' };
      s.properties.costs.items.properties.amount.maximum = { $data: '4/amount' };
      s.properties.review.properties.note.maxLength = 200;
      s.properties.review.properties.note.const = { $data: '2/firstChoice' };
    });
    expect(found.map((p) => [p.code, p.pointer])).toEqual([
      ['DATA_REF_KEYWORD', `${base}/firstChoice/enum`],
      ['DATA_REF_UNKNOWN', `${base}/costs/items/properties/amount/maximum/$data`],
      ['DATA_REF_UNKNOWN', `${base}/amount/maximum/$data`],
    ]);
  });

  it('accepts "$data" pointers out of a list entry and out of a group', () => {
    expect(
      problems((s) => {
        s.properties.costs.items.properties.amount.maximum = { $data: '3/total' };
        s.properties.review.properties.note.const = { $data: '2/firstChoice' };
      }),
    ).toEqual([]);
  });
});
