import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram, validate } from '@civicflow/core';
import { examplePath, exampleNames } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { DesignerError } from '../errors.js';
import { addDerivedValue, derivedExpression, derivedOf, expressionError, readDerived, setDerived, sourceFields, sourcesFor } from './derived-values.js';
import { formRules } from './form-rules.js';
import { addField, outline, type FieldInfo } from './form-model.js';
import { moveFieldTo } from './group-move.js';
import { codeOf } from '../test-support/designer-error.js';

const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the program's JSON, read in assertions
const value = (doc: ProgramDocument) => doc.value as any;
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (e) {
    if (e instanceof DesignerError) return e;
    throw e;
  }
  return undefined;
};

/** Every field of a form's outline, at any depth. */
const allFields = (doc: ProgramDocument, form: string): FieldInfo[] => {
  const out: FieldInfo[] = [];
  const add = (f: FieldInfo) => (out.push(f), f.children.forEach(add));
  for (const p of outline(doc).find((x) => x.id === form)?.pages ?? []) p.fields.forEach(add);
  return out;
};

describe('derived values in the examples', () => {
  it('reads every derived value of every example and writes it back byte for byte', () => {
    let seen = 0;
    for (const name of exampleNames()) {
      const text = readFileSync(examplePath(name, 'program.json'), 'utf8');
      const doc = ProgramDocument.parse(text, 'en');
      for (const form of outline(doc).map((f) => f.id)) {
        for (const rule of formRules(doc, form).filter((r) => r.kind === 'derived')) {
          const field = allFields(doc, form).find((f) => f.path === rule.field)!;
          const found = derivedOf(doc, field)!;
          expect(derivedExpression(found.spec)).toBe(rule.expression);
          setDerived(doc, form, field, found.spec);
          seen++;
        }
      }
      expect(doc.text).toBe(text);
      expect(doc.canUndo).toBe(false);
    }
    expect(seen).toBeGreaterThanOrEqual(2);
  });

  it('reads the examples’ expressions as what they are', () => {
    expect(readDerived('sum(funding.costs.amount)')).toEqual({ kind: 'sum', of: 'funding.costs.amount' });
    expect(readDerived('ageAt(birthDate, entryDate)')).toEqual({ kind: 'ageAt', of: 'birthDate', on: { field: 'entryDate' } });
    expect(readDerived("ageAt(person.birthDate, '2026-06-30')")).toEqual({ kind: 'ageAt', of: 'person.birthDate', on: { date: '2026-06-30' } });
    expect(readDerived('daysBetween(start, end)')).toEqual({ kind: 'daysBetween', from: 'start', to: 'end' });
    // Written otherwise than the editor writes it: kept as the formula it is, so nothing is rewritten.
    expect(readDerived('sum( funding.costs.amount )')).toEqual({ kind: 'formula', expression: 'sum( funding.costs.amount )' });
  });

  it('changes the Hagen age to an age on a fixed day: only the expression changes, one undo step', () => {
    const text = readFileSync(examplePath('gemeinsam-fuer-hagen', 'program.json'), 'utf8');
    const doc = ProgramDocument.parse(text, 'en');
    const field = allFields(doc, 'entry').find((f) => f.path === 'ageAtEntry')!;
    setDerived(doc, 'entry', field, { kind: 'ageAt', of: 'birthDate', on: { date: '2026-06-30' } });
    expect(doc.text).toBe(text.replace('"x-derived": "ageAt(birthDate, entryDate)"', `"x-derived": "ageAt(birthDate, '2026-06-30')"`));
    const program = loadProgram(doc.text);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the loaded schema, read in an assertion
    expect((program.definition.forms.entry!.schema as any).properties.ageAtEntry).toMatchObject({ type: 'integer', 'x-derived': "ageAt(birthDate, '2026-06-30')" });
    doc.undo();
    expect(doc.text).toBe(text);
  });
});

describe('addDerivedValue', () => {
  it('adds a sum as the format says: type, x-derived, an entry on the page, its label in every locale — one step', () => {
    const doc = ProgramDocument.parse(mini, 'en');
    addDerivedValue(doc, { form: 'intake', key: 'totalAge', labels: { de: 'Alter zusammen', en: 'Ages together' }, spec: { kind: 'sum', of: 'household.age' }, page: 'p1' }, '+ total');
    const v = value(doc);
    expect(v.forms.intake.schema.properties.totalAge).toEqual({ type: 'number', 'x-derived': 'sum(household.age)' });
    expect(Object.keys(v.forms.intake.schema.properties).at(-1)).toBe('totalAge');
    expect(v.forms.intake.ui.pages[0].fields.at(-1)).toBe('totalAge');
    expect(v.texts.de['forms.intake.fields.totalAge.label']).toBe('Alter zusammen');
    expect(v.texts.en['forms.intake.fields.totalAge.label']).toBe('Ages together');
    // The new text sits with the form's other field texts.
    expect(Object.keys(v.texts.en).at(-1)).toBe('forms.intake.fields.totalAge.label');
    expect(doc.text).toContain(`          "totalAge": {\n            "type": "number",\n            "x-derived": "sum(household.age)"\n          }\n`);
    doc.undo();
    expect(doc.text).toBe(mini);
  });

  it('gives a program loadProgram accepts, whose validation works the values out as the server does', () => {
    const doc = ProgramDocument.parse(mini, 'en');
    addDerivedValue(doc, { form: 'intake', key: 'people', labels: { en: 'People' }, spec: { kind: 'count', of: 'household' }, page: 'p1' });
    addDerivedValue(doc, { form: 'intake', key: 'ages', labels: { en: 'Ages' }, spec: { kind: 'sum', of: 'household.age' }, page: 'p1' });
    addDerivedValue(doc, { form: 'intake', key: 'age', labels: { en: 'Age' }, spec: { kind: 'ageAt', of: 'birthDate', on: { date: '2026-06-30' } }, page: 'p1' });
    addDerivedValue(doc, { form: 'intake', key: 'perPerson', labels: { en: 'Per person' }, spec: { kind: 'formula', expression: 'people > 0 ? round(ages / people, 1) : null' }, page: 'p1' });
    // A locale without a label takes the first one given, to be translated.
    expect(value(doc).texts.de['forms.intake.fields.people.label']).toBe('People');
    expect(value(doc).forms.intake.schema.properties.people).toEqual({ type: 'integer', 'x-derived': 'count(household)' });
    const program = loadProgram(doc.text);
    const data = { name: 'Ada', housing: 'flat', birthDate: '1990-07-01', household: [{ name: 'A', age: 30 }, { name: 'B', age: 5 }, { name: 'C', age: 2 }], people: 99 };
    const result = validate(program, 'intake', data);
    expect(result.valid).toBe(true);
    // What a caller claims is ignored: the values are worked out again.
    expect(result.data).toMatchObject({ people: 3, ages: 37, age: 35, perPerson: 12.3 });
  });

  it('checks a formula with core’s parser and says where it is wrong, in German and English, changing nothing', () => {
    for (const locale of ['de', 'en'] as const) {
      const doc = ProgramDocument.parse(mini, locale);
      const add = (expression: string) => () => addDerivedValue(doc, { form: 'intake', key: 'x', labels: { en: 'X' }, spec: { kind: 'formula', expression }, page: 'p1' });
      const syntax = errorOf(add('household.age * (2 +'))!;
      expect(syntax.code).toBe('DESIGNER_EXPRESSION_INCOMPLETE');
      expect(syntax.text).toMatch(locale === 'de' ? /nach Zeichen 20/ : /after character 20/);
      const near = errorOf(add('count(household) ) 2'))!;
      expect(near.code).toBe('DESIGNER_EXPRESSION_SYNTAX');
      expect(near.text).toContain(locale === 'de' ? 'bei Zeichen 18 („) 2“)' : 'at character 18 (") 2")');
      expect(codeOf(add('count(household); 1'))).toBe('DESIGNER_EXPRESSION_NOT_ALLOWED');
      expect(codeOf(add('today()'))).toBe('DESIGNER_EXPRESSION_FUNCTION');
      expect(codeOf(add('round(1, 2, 3)'))).toBe('DESIGNER_EXPRESSION_ARGUMENTS');
      const unknown = errorOf(add('sum(houshold.age)'))!;
      expect(unknown.code).toBe('DESIGNER_EXPRESSION_FIELD');
      expect(unknown.text).toContain('houshold.age');
      expect(codeOf(add('x + 1'))).toBe('DESIGNER_DERIVED_SELF');
      expect(codeOf(() => addDerivedValue(doc, { form: 'intake', key: 'a', labels: {}, spec: { kind: 'ageAt', of: 'birthDate', on: { date: '30.06.2026' } } }))).toBe('DESIGNER_DERIVED_DATE');
      expect(codeOf(() => addDerivedValue(doc, { form: 'intake', key: 'name', labels: {}, spec: { kind: 'count', of: 'household' } }))).toBe('DESIGNER_KEY_TAKEN');
      expect(doc.text).toBe(mini);
      expect(doc.canUndo).toBe(false);
    }
    expect(expressionError(ProgramDocument.parse(mini), 'intake', 'count(household) + 1')).toBeUndefined();
  });

  it('offers numbers in lists for a sum, lists for a count, dates outside lists for ages and days', () => {
    const fields = sourceFields(ProgramDocument.parse(mini), 'intake');
    expect(sourcesFor(fields, 'sum').map((f) => f.path)).toEqual(['household.age']);
    expect(sourcesFor(fields, 'count').map((f) => f.path)).toEqual(['household']);
    expect(sourcesFor(fields, 'ageAt').map((f) => f.path)).toEqual(['birthDate']);
    expect(sourcesFor(fields, 'daysBetween', 'birthDate')).toEqual([]);
  });

  it('changes a sum into a count in one step, its type with it; a derived value still does not go into a list', () => {
    const doc = ProgramDocument.parse(mini, 'en');
    addDerivedValue(doc, { form: 'intake', key: 'total', labels: { en: 'Total' }, spec: { kind: 'sum', of: 'household.age' }, page: 'p1' });
    const after = doc.text;
    const field = allFields(doc, 'intake').find((f) => f.path === 'total')!;
    setDerived(doc, 'intake', field, { kind: 'count', of: 'household' });
    expect(value(doc).forms.intake.schema.properties.total).toEqual({ type: 'integer', 'x-derived': 'count(household)' });
    expect(codeOf(() => setDerived(doc, 'intake', field, { kind: 'formula', expression: 'count(' }))).toBe('DESIGNER_EXPRESSION_INCOMPLETE');
    doc.undo();
    expect(doc.text).toBe(after);
    expect(codeOf(() => moveFieldTo(doc, 'intake', 'total', { group: 'household', index: 0 }))).toBe('DESIGNER_MOVE_DERIVED_IN_LIST');
    expect(codeOf(() => moveFieldTo(doc, 'intake', 'household', { page: 'p1', index: 0 }))).toBeUndefined();
    const birth = ProgramDocument.parse(mini, 'en');
    withAgeAndGroup(birth);
    expect(codeOf(() => moveFieldTo(birth, 'intake', 'birthDate', { group: 'address', index: 0 }))).toBe('DESIGNER_MOVE_NAMED_DERIVED');
  });
});

/** The mini program with an age worked out from the date of birth, and a group `address` to move it into. */
function withAgeAndGroup(doc: ProgramDocument): void {
  addDerivedValue(doc, { form: 'intake', key: 'age', labels: { en: 'Age' }, spec: { kind: 'ageAt', of: 'birthDate', on: { date: '2026-06-30' } }, page: 'p1' });
  addField(doc, { form: 'intake', page: 'p1', kind: 'group', key: 'address', labels: { de: 'Adresse', en: 'Address' } });
}
