// Data that a form schema which is not closed refuses gets the input guard's look only where Ajv's errors say the
// schema did not hold it (see `guardFreeDespiteErrors`): these tests pin that validation answers exactly as with the
// whole guard.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Program } from '../model/program.js';
import type { RawError } from '../runtime/validation-error.js';
import { loadProgram } from './load-program.js';
import { formPlan, runtimeValidators, validate } from './validate.js';
import { heldValues } from './closed-schema.js';
import { runValidation, type FormValidators } from '../runtime/run-validation.js';
import { defaultLimits } from '../runtime/check-input.js';
import type { JsonSchema } from '../model/json-schema.js';
import { withoutMaxLength } from '../test-support/not-closed.js';
import { exampleNames, fuzzParameters, hostileBody, mutatedFromSchema, readCaseFile, readExample, taintedFromSchema } from '@civicflow/test-support';

type Schema = Record<string, unknown>;

/** A program's forms made not closed, as forms found in the wild are: every string loses its `maxLength`. */
const openedProgram = (name: string): Program => loadProgram(withoutMaxLength(readExample(name) as { forms: Record<string, { schema: Schema }> }));

/** The program's validators without the shortcut: refused data gets the whole input guard. */
function wholeGuard(program: Program): FormValidators {
  const v = runtimeValidators(program);
  return { validator: (f) => v.validator(f), conditions: (f) => v.conditions(f), plan: (f) => ({ ...v.plan(f), storableDespiteErrors: undefined }), inputGuard: v.inputGuard };
}

/** Counts how often the shortcut answered that the guard finds nothing, so a test can see that it ran. */
function counting(program: Program): { validators: FormValidators; taken: () => number } {
  const v = runtimeValidators(program);
  let taken = 0;
  const plans = new Map<string, ReturnType<FormValidators['plan']>>();
  const plan = (f: string) => {
    let p = plans.get(f);
    if (!p) {
      const base = v.plan(f);
      const despite = base.storableDespiteErrors;
      p = despite ? { ...base, storableDespiteErrors: (data: unknown, errors: readonly RawError[]) => (despite(data, errors) ? (taken++, true) : false) } : base;
      plans.set(f, p);
    }
    return p;
  };
  return { validators: { validator: (f) => v.validator(f), conditions: (f) => v.conditions(f), plan, inputGuard: v.inputGuard }, taken: () => taken };
}

const zweite = openedProgram('zweite-chance');
const invalidCase = readCaseFile<{ data: Record<string, unknown> }>('zweite-chance', 'invalid-household-member.json');

describe('the input guard on refused data of a form that is not closed', () => {
  it('answers the invalid household case with the same errors and German words, whether the intake is closed or not', () => {
    const closed = loadProgram(readExample('zweite-chance'));
    const expected = [
      { pointer: '/household/0/relation', code: 'required', message: 'Bitte füllen Sie dieses Feld aus.', params: { missingProperty: 'relation' } },
      { pointer: '/household/0/birthYear', code: 'minimum', message: 'Bitte geben Sie ein Jahr mit 4 Ziffern ein, zum Beispiel 2015.', params: { comparison: '>=', limit: 1900 } },
      { pointer: '/household/1/relation', code: 'enum', message: 'Bitte wählen Sie eine der Möglichkeiten.', params: { allowedValues: ['partner', 'child', 'parent', 'sibling', 'otherRelative', 'other'] } },
      { pointer: '/household/1/firstName', code: 'minLength', message: 'Bitte füllen Sie dieses Feld aus.', params: { limit: 1 } },
    ];
    for (const program of [closed, zweite]) {
      const r = validate(program, 'intake', invalidCase.data, { locale: 'de' });
      expect(r).toEqual({ valid: false, data: invalidCase.data, errors: expected });
      expect(r).toEqual(runValidation(program, wholeGuard(program), 'intake', invalidCase.data, { locale: 'de' }));
    }
    expect(formPlan(zweite, 'intake').closed).toBe(false);
    const { validators, taken } = counting(zweite);
    runValidation(zweite, validators, 'intake', invalidCase.data, { locale: 'de' });
    expect(taken()).toBe(1);
  });

  it('still finds what the guard refuses below the places of the errors', () => {
    const base = structuredClone(invalidCase.data) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const person = base['person'] as Record<string, unknown>;
    const cases: [string, unknown, string, string][] = [
      // A string the pattern refuses, longer than the guard allows.
      ['too long in a pattern field', { ...base, contact: { ...base['contact'], address: { ...base['contact'].address, postcode: '1'.repeat(100_001) } } }, '/contact/address/postcode', 'tooLong'],
      ['unstorable in a pattern field', { ...base, contact: { ...base['contact'], address: { ...base['contact'].address, postcode: '6312\0' } } }, '/contact/address/postcode', 'textNotStorable'],
      ['a forbidden key the schema does not know', { ...base, person: JSON.parse(`{"__proto__": 1, "givenName": ${JSON.stringify(person['givenName'])}}`) as unknown }, '/person/__proto__', 'forbiddenKey'],
      ['an unknown key holding deep data', { ...base, extra: JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown }, '/extra' + '/0'.repeat(31), 'tooDeep'],
      ['a value of the wrong type holding deep data', { ...base, work: JSON.parse('['.repeat(40) + ']'.repeat(40)) as unknown }, '/work' + '/0'.repeat(31), 'tooDeep'],
      ['more values than the guard allows in a list too long', { ...base, household: Array(100_001).fill(1) }, '', 'tooLarge'],
      // Fewer values than the limit below the error, more with the rest of the data.
      ['more values than the guard allows with an unknown key', { ...base, extra: Array(99_990).fill(0) }, '', 'tooLarge'],
      ['a non-finite number where a string belongs', { ...base, person: { ...person, givenName: Infinity } }, '/person/givenName', 'notJson'],
    ];
    for (const [what, data, pointer, code] of cases) {
      const r = validate(zweite, 'intake', data, { locale: 'en' });
      expect(r.errors[0], what).toMatchObject({ pointer, code });
      expect(r, what).toEqual(runValidation(zweite, wholeGuard(zweite), 'intake', data, { locale: 'en' }));
    }
  });

  it('still finds what the guard refuses where a bound of the schema failed, in a form that keeps its other bounds', () => {
    // As the bench makes the intake not closed: only its strings with a pattern lose their maxLength.
    const definition = readExample('zweite-chance') as { forms: Record<string, { schema: Schema }> };
    const program = loadProgram(withoutMaxLength(definition, (string) => typeof string['pattern'] === 'string'));
    expect(formPlan(program, 'intake').closed).toBe(false);
    const base = invalidCase.data as Record<string, Record<string, unknown>>;
    const cases: [string, unknown, string, string][] = [
      ['a name longer than its maxLength and the guard allows', { ...base, person: { ...base['person'], givenName: 'x'.repeat(100_001) } }, '/person/givenName', 'tooLong'],
      ['a date in no date format, longer than the guard allows', { ...base, person: { ...base['person'], birthDate: '1'.repeat(100_001) } }, '/person/birthDate', 'tooLong'],
      ['an email in no email format, with a NUL', { ...base, contact: { ...base['contact'], email: 'a\0b' } }, '/contact/email', 'textNotStorable'],
      ['a choice not offered, with a lone surrogate', { ...base, housing: { ...base['housing'], situation: '\ud800' } }, '/housing/situation', 'textNotStorable'],
    ];
    for (const [what, data, pointer, code] of cases) {
      const r = validate(program, 'intake', data, { locale: 'en' });
      expect(r.errors[0], what).toMatchObject({ pointer, code });
      expect(r, what).toEqual(runValidation(program, wholeGuard(program), 'intake', data, { locale: 'en' }));
    }
  });

  it('counts only forms whose schema bounds the values it holds', () => {
    const held = (schema: Schema) => heldValues(schema as JsonSchema, defaultLimits);
    expect(held({ type: 'object', additionalProperties: false, properties: { a: { type: 'string' }, b: { type: 'array', maxItems: 3, items: { type: 'number' } } } })).toBe(1 + 1 + (1 + 3));
    expect(held({ type: 'object', additionalProperties: false, properties: { b: { type: 'array', items: { type: 'number' } } } })).toBe(Infinity);
    expect(held({ type: 'object', properties: { a: { type: 'string' } } })).toBe(Infinity);
    expect(held({ type: 'object', additionalProperties: false, properties: { a: {} } })).toBe(Infinity);
    expect(held({ $defs: { n: { type: 'object', additionalProperties: false, properties: { next: { $ref: '#/$defs/n' } } } }, $ref: '#/$defs/n' })).toBe(Infinity);
    expect(held({ type: 'object', additionalProperties: false, properties: { a: { enum: ['x', 'y'] }, b: { enum: [{ deep: [] }] } } })).toBe(Infinity);
    expect(held({ type: 'object', additionalProperties: false, properties: { a: { enum: ['x', 'y'] } } })).toBe(2);
    expect(held(zweite.definition.forms['intake']!.schema as Schema)).toBeLessThan(defaultLimits.maxValues);
  });

  for (const name of exampleNames()) {
    it(`${name}: answers each form made not closed as the whole guard does, for changed and hostile data`, () => {
      const program = openedProgram(name);
      const forms = Object.keys(program.definition.forms);
      const whole = wholeGuard(program);
      const { validators, taken } = counting(program);
      // Data made from the forms as they were (with their bounds), validated by the forms made not closed.
      const original = loadProgram(readExample(name));
      const schemaOf = (formId: string) => original.definition.forms[formId]!.schema as Schema;
      const options = { maxListItems: 50, unstorableText: true };
      const data = fc.constantFrom(...forms).chain((formId) =>
        fc.oneof(mutatedFromSchema(schemaOf(formId), options), taintedFromSchema(schemaOf(formId), options), hostileBody(schemaOf(formId), options)).map((d) => [formId, d] as const),
      );
      fc.assert(
        fc.property(data, fc.constantFrom(...program.locales), ([formId, d], locale) => {
          expect(runValidation(program, validators, formId, d, { locale })).toEqual(runValidation(program, whole, formId, d, { locale }));
        }),
        fuzzParameters(60, 1),
      );
      // The fuzz runs above get a fresh seed each time, and sixty of them may all miss the shortcut; these sixty
      // always come the same, so that the count below does not depend on luck.
      for (const [formId, d] of fc.sample(data, { numRuns: 60, seed: 20261203 })) {
        expect(runValidation(program, validators, formId, d, { locale: 'de' })).toEqual(runValidation(program, whole, formId, d, { locale: 'de' }));
      }
      expect(taken(), 'refused data for which the shortcut answered').toBeGreaterThan(0);
    });
  }
});
