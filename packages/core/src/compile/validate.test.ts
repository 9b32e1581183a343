import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadProgram } from './load-program.js';
import { runtimeValidators, validate } from './validate.js';
import { runValidation, type FormValidators } from '../runtime/run-validation.js';
import { visibleFields, visiblePages } from './visible.js';
import { UnknownFormError } from '../runtime/errors.js';
import { maxErrors } from '../runtime/map-errors.js';
import { arbitraryFromSchema, loadExample, miniDefinition, readCaseFile } from '@civicflow/test-support';

type Def = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const mini = loadProgram(miniDefinition());

function withDefinition(change: (d: Def) => void) {
  const d = miniDefinition() as Def;
  change(d);
  return loadProgram(d);
}

const codes = (r: { errors: { pointer: string; code: string }[] }) => r.errors.map((e) => `${e.pointer} ${e.code}`).sort();

describe('validate', () => {
  it('accepts valid data and returns it unchanged', () => {
    const data = { name: 'Ada', housing: 'flat', household: [{ name: 'Bo', age: 3 }] };
    const r = validate(mini, 'intake', data);
    expect(r).toEqual({ valid: true, data, errors: [] });
    expect(r.data).toBe(data);
  });

  it('points a missing required field at the field itself, not at its parent', () => {
    const r = validate(mini, 'intake', { household: [{}] });
    expect(codes(r)).toEqual(['/household/0/name required', '/housing required', '/name required']);
  });

  it('reports every problem at once with a stable code and the limit in its params', () => {
    const r = validate(mini, 'intake', { name: 'A', email: 'not-an-address', housing: 'castle', household: [{ name: 'x', age: -2 }] });
    expect(codes(r)).toEqual(['/email format', '/household/0/age minimum', '/housing enum', '/name minLength']);
    expect(r.errors.find((e) => e.code === 'minLength')!.params).toEqual({ limit: 2 });
  });

  it('writes messages in the requested locale, German or English', () => {
    const de = validate(mini, 'intake', { name: 'A', housing: 'flat' }, { locale: 'de' });
    const en = validate(mini, 'intake', { name: 'A', housing: 'flat' }, { locale: 'en' });
    expect(de.errors[0]!.message).toBe('Bitte geben Sie mindestens 2 Zeichen ein.');
    expect(en.errors[0]!.message).toBe('Please enter at least 2 characters.');
  });

  it('defaults to the program’s first locale and falls back to English for others', () => {
    expect(validate(mini, 'intake', {}).errors[0]!.message).toBe('Bitte füllen Sie dieses Feld aus.');
    expect(validate(mini, 'intake', {}, { locale: 'fr' }).errors[0]!.message).toBe('Please fill in this field.');
    expect(validate(mini, 'intake', {}, { locale: 'de-AT' }).errors[0]!.message).toBe('Bitte füllen Sie dieses Feld aus.');
  });

  it('uses the program’s own text for a field before its text for the code, before the built-in one', () => {
    const p = withDefinition((d) => {
      for (const l of ['de', 'en']) {
        d['texts'][l]['forms.intake.fields.name.errors.required'] = l === 'de' ? 'Wie heißen Sie?' : 'What is your name?';
        d['texts'][l]['errors.required'] = l === 'de' ? 'Pflichtangabe.' : 'Required.';
      }
    });
    const r = validate(p, 'intake', {}, { locale: 'en' });
    expect(r.errors.map((e) => [e.pointer, e.message])).toEqual([
      ['/name', 'What is your name?'],
      ['/housing', 'Required.'],
    ]);
  });

  it('requires a field conditionally through if/then', () => {
    expect(codes(validate(mini, 'intake', { name: 'Ada', housing: 'none' }))).toEqual(['/contactPoint required']);
    expect(validate(mini, 'intake', { name: 'Ada', housing: 'none', contactPoint: 'Day centre' }).valid).toBe(true);
  });

  it('drops hidden fields from the data and does not validate them', () => {
    const r = validate(mini, 'intake', { name: 'Ada', housing: 'flat', contactPoint: 42 });
    expect(r.valid).toBe(true);
    expect(r.data).toEqual({ name: 'Ada', housing: 'flat' });
  });

  it('hides fields inside repeatable groups per item, judged on the item', () => {
    const p = withDefinition((d) => {
      d['forms'].intake.ui.pages[0].fields[5] = {
        field: 'household',
        fields: ['name', { field: 'age', when: { properties: { name: { minLength: 3 } } } }],
      };
    });
    const r = validate(p, 'intake', { name: 'Ada', housing: 'flat', household: [{ name: 'Al', age: -1 }, { name: 'Alma', age: 4 }] });
    expect(r.valid).toBe(true);
    expect(r.data).toEqual({ name: 'Ada', housing: 'flat', household: [{ name: 'Al' }, { name: 'Alma', age: 4 }] });
    expect(visibleFields(p, 'intake', r.data)).toContain('/household/1/age');
    expect(visibleFields(p, 'intake', r.data)).not.toContain('/household/0/age');
  });

  it('hides the fields of a hidden page', () => {
    const p = withDefinition((d) => {
      const page = d['forms'].intake.ui.pages[0];
      page.fields.pop();
      d['forms'].intake.ui.pages.push({ id: 'family', fields: ['household'], when: { properties: { housing: { enum: ['flat', 'shelter'] } }, required: ['housing'] } });
      for (const l of ['de', 'en']) d['texts'][l]['forms.intake.pages.family.title'] = 'Family';
    });
    expect(visiblePages(p, 'intake', { housing: 'none' })).toEqual(['p1']);
    expect(visiblePages(p, 'intake', { housing: 'flat' })).toEqual(['p1', 'family']);
    const r = validate(p, 'intake', { name: 'Ada', housing: 'none', contactPoint: 'x', household: [{}] });
    expect(r).toMatchObject({ valid: true, data: { name: 'Ada', housing: 'none', contactPoint: 'x' } });
  });

  it('throws a typed error for a form the program does not have', () => {
    expect(() => validate(mini, 'nope', {})).toThrow(UnknownFormError);
  });
});

describe('validate with bad input', () => {
  it.each(['__proto__', 'constructor', 'prototype'])('rejects the key %s anywhere in the data', (key) => {
    const data = JSON.parse(`{"name": "Ada", "household": [{"${key}": {"polluted": true}}]}`);
    const r = validate(mini, 'intake', data);
    expect(r.valid).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ pointer: `/household/0/${key}`, code: 'forbiddenKey' })]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('rejects nesting 10,000 levels deep with a clear error instead of overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const r = validate(mini, 'intake', { name: 'Ada', housing: 'flat', household: deep });
    expect(r.valid).toBe(false);
    expect(r.errors[0]!.code).toBe('tooDeep');
    expect(r.errors[0]!.message).toContain('32');
  });

  it('rejects a 10 MB string with the limit in the message', () => {
    const r = validate(mini, 'intake', { name: 'x'.repeat(10 * 1024 * 1024), housing: 'flat' }, { locale: 'en' });
    expect(r.errors).toEqual([expect.objectContaining({ pointer: '/name', code: 'tooLong', message: 'This text is longer than 100000 characters.' })]);
  });

  it('rejects values that are not JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const cases: unknown[] = [() => 1, undefined, Number.NaN, Infinity, new Date(), new Map(), 10n, Symbol('s'), cyclic];
    for (const value of cases) {
      const r = validate(mini, 'intake', { name: 'Ada', housing: 'flat', contactPoint: value });
      expect(r.valid, String(typeof value)).toBe(false);
      expect(['notJson', 'tooDeep']).toContain(r.errors[0]!.code);
    }
    for (const root of [null, 'text', 3, [], undefined]) expect(validate(mini, 'intake', root).errors[0]!.code).toBe('notObject');
  });

  it('never throws for any JSON value or JS value, and always answers valid or with errors', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withNullPrototype: true })), (value) => {
        const r = validate(mini, 'intake', value);
        expect(r.valid || r.errors.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('name', 'housing', 'contactPoint', 'household', 'email', '__proto__', 'x'), fc.jsonValue()), (value) => {
        const r = validate(mini, 'intake', value);
        expect(r.valid || r.errors.length > 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('answers a limit taken from another field that holds an object with errors, the object shown as an ellipsis', () => {
    const program = withDefinition((d) => {
      d.forms.intake.schema.properties.from = { type: 'string', format: 'date' };
      d.forms.intake.schema.properties.until = { type: 'string', format: 'date', formatMinimum: { $data: '1/from' } };
      d.forms.intake.ui.pages[0].fields.push('from', 'until');
      for (const locale of ['de', 'en']) {
        for (const name of ['from', 'until']) d.texts[locale][`forms.intake.fields.${name}.label`] = name;
        d.texts[locale]['errors.formatMinimum'] = 'Not before {limit}.';
      }
    });
    for (const from of [{ a: 1 }, Object.assign(Object.create(null) as object, { a: 1 })]) {
      const r = validate(program, 'intake', { name: 'Ada', housing: 'flat', from, until: '2026-01-01' });
      expect(codes(r)).toEqual(['/from type', '/until formatMinimum']);
      expect(r.errors.find((e) => e.pointer === '/until')!.message).toBe('Not before ….');
    }
  });

  it('accepts any data generated from the form’s schema', () => {
    const schema = mini.definition.forms['intake']!.schema as Record<string, unknown>;
    fc.assert(
      fc.property(arbitraryFromSchema(schema), (data) => {
        const r = validate(mini, 'intake', data);
        expect(r.errors).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('validate with bad input on a closed schema', () => {
  // Every object of the Zweite Chance intake is closed and every string capped, so Ajv's own errors
  // describe hostile data; this checks they do, clearly and without throwing.
  const program = loadExample('zweite-chance');

  // Issue 22, break 2: Ajv's uniqueItems equality calls valueOf/toString on list items, which the data shadowed.
  it('answers objects that shadow toString or valueOf in a list of unique items with forbiddenKey, never a throw', () => {
    for (const key of ['toString', 'valueOf']) {
      const data = JSON.parse(`{"health": {"needs": [{"a": 1}, {"${key}": 1}]}}`);
      const r = validate(program, 'intake', data, { locale: 'de' });
      expect(r.valid).toBe(false);
      expect(r.errors).toEqual([expect.objectContaining({ pointer: `/health/needs/1/${key}`, code: 'forbiddenKey', message: `Der Feldname „${key}“ ist nicht erlaubt.` })]);
    }
  });

  // A limit from another field (`$data`) that holds an object replacing toString was turned into text and threw.
  it('answers a date limit from another field that holds an object replacing toString or valueOf, never a throw', () => {
    for (const agreedOn of ['{"toString": 1}', '{"valueOf": {}, "toString": null}', '[{"toString": 1}]']) {
      const data = JSON.parse(`{"plan": {"agreedOn": ${agreedOn}, "goals": "Arbeit", "measures": [], "nextReview": "2026-01-01"}}`);
      const r = validate(program, 'coachingPlan', data, { locale: 'de' });
      expect(r.valid).toBe(false);
      expect(r.errors).toContainEqual(expect.objectContaining({ pointer: '/plan/agreedOn', code: 'type' }));
      expect(r.errors).toContainEqual(expect.objectContaining({ pointer: '/plan/nextReview', code: 'formatExclusiveMinimum' }));
    }
  });

  it('names an unknown or polluting key at its place', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'nickname']) {
      const r = validate(program, 'intake', JSON.parse(`{"person": {"${key}": {"x": 1}}}`), { locale: 'en' });
      expect(r.errors).toContainEqual(expect.objectContaining({ pointer: `/person/${key}`, code: 'additionalProperties', message: 'This field is not part of the form.' }));
    }
  });

  it('rejects deep nesting, huge strings and values JSON cannot hold without throwing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(validate(program, 'intake', { person: deep }).valid).toBe(false);
    const long = validate(program, 'intake', { person: { givenName: 'x'.repeat(10 * 1024 * 1024) } }, { locale: 'en' });
    expect(long.errors).toContainEqual(expect.objectContaining({ pointer: '/person/givenName', code: 'maxLength' }));
    for (const value of [() => 1, Number.NaN, Infinity, 10n, Symbol('s')]) {
      expect(validate(program, 'intake', { person: { givenName: value } }).errors).toContainEqual(expect.objectContaining({ pointer: '/person/givenName', code: 'type' }));
    }
  });

  it('applies the guard with its own codes when the caller sets limits', () => {
    const r = validate(program, 'intake', { person: { givenName: 'x'.repeat(300) } }, { limits: { maxStringLength: 200 } });
    expect(r.errors).toEqual([expect.objectContaining({ pointer: '/person/givenName', code: 'tooLong' })]);
  });
});

// Issue 22, break 3: JSON carries NUL and lone surrogates, PostgreSQL stores neither, so valid data got a 500 from the store.
describe('validate with text a database cannot store', () => {
  const zweite = loadExample('zweite-chance');
  const texts = ['Ada\u0000', '\ud800', 'a\udc00b', '\ud83d\ude00\ude00', '\ud83d\ud83d\ude00'];

  it('refuses NUL and unpaired surrogates in any string, for an open and a closed schema, at the place', () => {
    for (const text of texts) {
      const open = validate(mini, 'intake', { name: 'Ada', housing: 'flat', household: [{ name: text }] }, { locale: 'en' });
      expect(open.valid, JSON.stringify(text)).toBe(false);
      expect(open.errors).toEqual([{ pointer: '/household/0/name', code: 'textNotStorable', message: 'A character in this text cannot be saved.', params: {} }]);
      const closed = validate(zweite, 'intake', { person: { givenName: text } }, { locale: 'de' });
      expect(closed.errors).toEqual([{ pointer: '/person/givenName', code: 'textNotStorable', message: 'Ein Zeichen in diesem Text lässt sich nicht speichern.', params: {} }]);
    }
  });

  it('refuses them in keys too, which a closed schema refuses as unknown', () => {
    const r = validate(mini, 'intake', { name: 'Ada', housing: 'flat', household: [{ name: 'B', 'a\u0000': 1 }] });
    expect(codes(r)).toEqual(['/household/0/a\u0000 textNotStorable']);
    const closed = validate(zweite, 'intake', { person: { '\ud800': 'x' } });
    expect(codes(closed)).toContain('/person/\ud800 additionalProperties');
  });

  it('refuses them in data a closed schema accepts, which skips the rest of the guard', () => {
    const data = readCaseFile<{ data: { person: Record<string, unknown> } }>('zweite-chance', 'valid-homeless-contact-point.json').data;
    expect(validate(zweite, 'intake', data).errors).toEqual([]);
    data.person['languages'] = 'Polish\u0000';
    expect(codes(validate(zweite, 'intake', data))).toEqual(['/person/languages textNotStorable']);
  });

  it('accepts every other character, emoji and other pairs of surrogates among them', () => {
    const r = validate(mini, 'intake', { name: 'Ada \ud83d\ude00 \u{10ffff}\u0001\ufffe\uffff\u2028', housing: 'flat' });
    expect(r.errors).toEqual([]);
  });
});

// Issue 22, break 9: validate must never throw; a stack overflow left in the validator is an answer, not a throw.
describe('validation when the validator overflows the stack', () => {
  it('answers tooDeep instead of throwing, and still throws what is a real fault', () => {
    const overflowing = (error: Error): FormValidators => ({
      ...runtimeValidators(mini),
      validator: () => Object.assign((): boolean => { throw error; }, { errors: null }),
      inputGuard: undefined,
    });
    const r = runValidation(mini, overflowing(new RangeError('Maximum call stack size exceeded')), 'intake', { name: 'Ada', housing: 'flat' }, { locale: 'en' });
    expect(r).toEqual({ valid: false, data: undefined, errors: [{ pointer: '', code: 'tooDeep', message: 'The data is nested more than 32 levels deep.', params: { limit: 32 } }] });
    expect(() => runValidation(mini, overflowing(new TypeError('x')), 'intake', {})).toThrow(TypeError);
  });

  it('answers data deeper than a recursive list can be checked with tooDeep, without the guard too', () => {
    const program = withDefinition((d) => {
      d['forms'].intake.schema.properties.tree = { $ref: '#/$defs/tree' };
      d['forms'].intake.schema.$defs = { tree: { type: 'array', items: { $ref: '#/$defs/tree' } } };
      d['forms'].intake.ui.pages[0].fields.push('tree');
      for (const locale of ['de', 'en']) d['texts'][locale]['forms.intake.fields.tree.label'] = 'Tree';
    });
    let deep: unknown[] = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const data = { name: 'Ada', housing: 'flat', tree: deep };
    expect(validate(program, 'intake', data).errors.map((e) => e.code)).toEqual(['tooDeep']);
    const unguarded: FormValidators = { ...runtimeValidators(program), inputGuard: undefined };
    expect(runValidation(program, unguarded, 'intake', data).errors.map((e) => e.code)).toEqual(['tooDeep']);
  });
});

describe('required fields that a condition hides', () => {
  it('drops the missing-field error of a hidden field, at the top and per list item', () => {
    const p = withDefinition((d) => {
      d['forms'].intake.schema.required.push('contactPoint');
      d['forms'].intake.schema.properties.household.items.required.push('age');
      d['forms'].intake.ui.pages[0].fields[5] = {
        field: 'household',
        fields: ['name', { field: 'age', when: { properties: { name: { minLength: 3 } } } }],
      };
    });
    const r = validate(p, 'intake', { name: 'Ada', housing: 'flat', household: [{ name: 'Al' }, { name: 'Alma' }] });
    expect(codes(r)).toEqual(['/household/1/age required']);
    expect(codes(validate(p, 'intake', { name: 'Ada', housing: 'none', household: [] }))).toEqual(['/contactPoint required']);
  });
});

// Issue 22, break 1: mapping scanned the errors found so far for each new one, and nothing capped the list, so
// a body of 90,000 wrong items held the server for half a minute.
describe('validate of data with very many errors', () => {
  const program = loadExample('zweite-chance');

  it('lists at most maxErrors errors and counts the rest exactly', () => {
    const data = { household: Array(100_001).fill(1) };
    const r = validate(program, 'intake', data, { locale: 'en' });
    expect(r.valid).toBe(false);
    expect(r.errors).toHaveLength(maxErrors);
    // Each item is no object, the list is too long, and the five required sections are missing.
    expect(r.moreErrors).toBe(100_001 + 1 + 5 - maxErrors);
    expect(r.errors).toContainEqual(expect.objectContaining({ pointer: '/household/0', code: 'type', message: expect.any(String) }));
    expect(new Set(r.errors.map((e) => e.pointer + ' ' + e.code)).size).toBe(maxErrors);
  });

  it('finds a repeat in a long list of unique items and counts every wrong item', () => {
    // Every item of a list of unique items fails its enum, and the list holds repeats: one uniqueItems error.
    const needs = Array.from({ length: 100_001 }, (_, i) => `need ${i % 50_000}`);
    const r = validate(program, 'intake', { health: { needs } }, { locale: 'en' });
    expect(r.errors).toHaveLength(maxErrors);
    expect(r.moreErrors).toBe(100_001 + 1 + 1 + 5 - maxErrors);
  });

  it('says nothing of more errors when they fit', () => {
    const r = validate(program, 'intake', { household: Array(maxErrors - 6).fill(1) });
    expect(r.errors).toHaveLength(maxErrors);
    expect(r).not.toHaveProperty('moreErrors');
  });
});
