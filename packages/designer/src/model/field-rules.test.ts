import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram, validate } from '@civicflow/core';
import { examplePath, exampleNames } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { ruleErrorWords } from '../strings.js';
import { addField, outline, renameField, textsOf, type FieldInfo } from './form-model.js';
import { addDerivedValue } from './derived-values.js';
import { formRules } from './form-rules.js';
import { moveFieldTo } from './group-move.js';
import { addFieldRule, changeFieldRule, compareOpsFor, fieldRules, relativePointer, removeFieldRule, setJsonRule, setRuleErrorText, type RuleTexts } from './field-rules.js';
import { codeOf } from '../test-support/designer-error.js';

const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the program's JSON, read in assertions
const value = (doc: ProgramDocument) => doc.value as any;
const texts = (doc: ProgramDocument, form: string): RuleTexts => ({
  words: ruleErrorWords,
  label: (path, locale) => textsOf(doc, `forms.${form}.fields.${path}.label`)[locale] ?? path,
});
const allFields = (doc: ProgramDocument, form: string): FieldInfo[] => {
  const out: FieldInfo[] = [];
  const add = (f: FieldInfo) => (out.push(f), f.children.forEach(add));
  for (const p of outline(doc).find((x) => x.id === form)?.pages ?? []) p.fields.forEach(add);
  return out;
};

/** The mini program with two dates (`start`, `end`), two choices of the same options and a total for the household's ages. */
function planned(): ProgramDocument {
  const doc = ProgramDocument.parse(mini, 'en');
  const add = (key: string, kind: 'date' | 'choice' | 'number', de: string, en: string) => addField(doc, { form: 'intake', page: 'p1', kind, key, labels: { de, en } });
  add('start', 'date', 'Beginn', 'Start');
  add('end', 'date', 'Ende', 'End');
  add('firstChoice', 'choice', 'Erstwunsch', 'First choice');
  add('secondChoice', 'choice', 'Zweitwunsch', 'Second choice');
  add('limit', 'number', 'Grenze', 'Limit');
  return doc;
}

describe('rules across fields in the examples', () => {
  it('reads every rule of every example as the form lists it, and writes it back byte for byte', () => {
    let seen = 0;
    for (const name of exampleNames()) {
      const text = readFileSync(examplePath(name, 'program.json'), 'utf8');
      const doc = ProgramDocument.parse(text, 'en');
      for (const form of outline(doc).map((f) => f.id)) {
        for (const listed of formRules(doc, form).filter((r) => r.kind === 'compare')) {
          const { rules, json } = fieldRules(doc, form, listed.field);
          expect(json).toEqual([]);
          const rule = rules.find((r) => r.other === listed.other)!;
          expect(rule).toBeDefined();
          changeFieldRule(doc, form, listed.field, rule, rule.op, rule.other, texts(doc, form));
          seen++;
        }
      }
      expect(doc.text).toBe(text);
    }
    expect(seen).toBeGreaterThanOrEqual(2);
  });

  it('reads WIR-Vielfalt’s limit beside a fixed maximum, and takes it out and back in one step each', () => {
    const text = readFileSync(examplePath('wir-vielfalt', 'program.json'), 'utf8');
    const doc = ProgramDocument.parse(text, 'en');
    const [rule] = fieldRules(doc, 'application', 'funding.requested').rules;
    expect(rule).toEqual({ op: 'atMost', other: 'funding.totalCosts', place: { kind: 'allOf', at: ['forms', 'application', 'schema', 'properties', 'funding', 'properties', 'requested', 'allOf', 0] } });
    removeFieldRule(doc, 'application', 'funding.requested', rule!);
    expect(value(doc).forms.application.schema.properties.funding.properties.requested).toEqual({ type: 'number', exclusiveMinimum: 0, maximum: 20000 });
    // The fixed maximum stays, and with it the error text of `maximum`.
    addFieldRule(doc, 'application', 'funding.requested', 'atMost', 'funding.totalCosts', texts(doc, 'application'));
    expect(value(doc).forms.application.schema.properties.funding.properties.requested.allOf).toEqual([{ maximum: { $data: '1/totalCosts' } }]);
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(text);
  });

  it('says a rule on a field inside a repeated group to a field at the top with a pointer three levels up', () => {
    expect(relativePointer(['costs', '*', 'amount'], ['total'])).toBe('3/total');
    expect(relativePointer(['funding', 'requested'], ['funding', 'totalCosts'])).toBe('1/totalCosts');
    expect(relativePointer(['group', 'x'], ['start'])).toBe('2/start');
    expect(relativePointer(['costs', '*', 'a'], ['costs', '*', 'b'])).toBe('1/b');
    expect(relativePointer(['total'], ['costs', '*', 'amount'])).toBeUndefined();
  });
});

describe('addFieldRule', () => {
  it('writes "end after start" as a $data limit with its error text in every locale; the preview’s validation shows it', () => {
    const doc = planned();
    const before = doc.text;
    addFieldRule(doc, 'intake', 'end', 'after', 'start', texts(doc, 'intake'), 'end after start');
    const v = value(doc);
    expect(v.forms.intake.schema.properties.end).toEqual({ type: 'string', format: 'date', formatExclusiveMinimum: { $data: '1/start' } });
    expect(v.texts.en['forms.intake.fields.end.errors.formatExclusiveMinimum']).toBe('This day must be after “Start”.');
    expect(v.texts.de['forms.intake.fields.end.errors.formatExclusiveMinimum']).toBe('Dieser Tag muss nach „Beginn“ liegen.');
    const program = loadProgram(doc.text);
    const base = { name: 'Ada', housing: 'flat' };
    expect(validate(program, 'intake', { ...base, start: '2026-05-01', end: '2026-05-02' }).valid).toBe(true);
    const wrong = validate(program, 'intake', { ...base, start: '2026-05-01', end: '2026-05-01' }, { locale: 'de' });
    expect(wrong.errors).toEqual([expect.objectContaining({ pointer: '/end', message: 'Dieser Tag muss nach „Beginn“ liegen.' })]);
    doc.undo();
    expect(doc.text).toBe(before);
  });

  it('writes "differs from" as dependentSchemas of the other field, as authoring.md shows', () => {
    const doc = planned();
    addFieldRule(doc, 'intake', 'secondChoice', 'differs', 'firstChoice', texts(doc, 'intake'));
    expect(value(doc).forms.intake.schema.dependentSchemas).toEqual({ firstChoice: { properties: { secondChoice: { not: { const: { $data: '1/firstChoice' } } } } } });
    expect(value(doc).texts.en['forms.intake.fields.secondChoice.errors.not']).toBe('This must differ from “First choice”.');
    expect(fieldRules(doc, 'intake', 'secondChoice').rules.map((r) => [r.op, r.other])).toEqual([['differs', 'firstChoice']]);
    const program = loadProgram(doc.text);
    const base = { name: 'Ada', housing: 'flat' };
    expect(validate(program, 'intake', { ...base, secondChoice: 'option1' }).valid).toBe(true);
    expect(validate(program, 'intake', { ...base, firstChoice: 'option1', secondChoice: 'option2' }).valid).toBe(true);
    const same = validate(program, 'intake', { ...base, firstChoice: 'option1', secondChoice: 'option1' }, { locale: 'en' });
    expect(same.errors).toEqual([expect.objectContaining({ pointer: '/secondChoice', message: 'This must differ from “First choice”.' })]);
    // A second "differs" keyed by the same field is refused, and nothing changes.
    const text = doc.text;
    expect(codeOf(() => addFieldRule(doc, 'intake', 'limit', 'differs', 'firstChoice', texts(doc, 'intake')))).toBe('DESIGNER_RULE_TAKEN');
    expect(doc.text).toBe(text);
  });

  it('compares a field inside a repeated group with one at the top (a list entry counts as a level)', () => {
    const doc = planned();
    addFieldRule(doc, 'intake', 'household.age', 'atMost', 'limit', texts(doc, 'intake'));
    expect(value(doc).forms.intake.schema.properties.household.items.properties.age).toEqual({ type: 'integer', minimum: 0, maximum: { $data: '3/limit' } });
    const program = loadProgram(doc.text);
    const data = { name: 'Ada', housing: 'flat', limit: 17, household: [{ name: 'A', age: 12 }, { name: 'B', age: 18 }] };
    expect(validate(program, 'intake', data).errors.map((e) => e.pointer)).toEqual(['/household/1/age']);
    // The other way round there is no one value to compare with.
    expect(codeOf(() => addFieldRule(doc, 'intake', 'limit', 'atLeast', 'household.age', texts(doc, 'intake')))).toBe('DESIGNER_RULE_OTHER');
    expect(codeOf(() => addFieldRule(doc, 'intake', 'household.age', 'differs', 'limit', texts(doc, 'intake')))).toBe('DESIGNER_RULE_DIFFERS_PLACE');
    expect(codeOf(() => addFieldRule(doc, 'intake', 'limit', 'equals', 'limit', texts(doc, 'intake')))).toBe('DESIGNER_RULE_OTHER');
  });

  it('offers comparisons that fit the field’s kind', () => {
    expect(compareOpsFor('date')).toEqual(['equals', 'differs', 'onOrAfter', 'onOrBefore', 'after', 'before']);
    expect(compareOpsFor('amount')).toEqual(['equals', 'differs', 'atLeast', 'atMost', 'moreThan', 'lessThan']);
    expect(compareOpsFor('choice')).toEqual(['equals', 'differs']);
    expect(compareOpsFor('list')).toEqual([]);
  });
});

describe('changeFieldRule and removeFieldRule', () => {
  it('changes "after" into "on or after" in one step, the written error text following the comparison', () => {
    const doc = planned();
    addFieldRule(doc, 'intake', 'end', 'after', 'start', texts(doc, 'intake'));
    setRuleErrorText(doc, 'intake', 'end', 'after', 'de', 'Das Ende liegt nach dem Beginn.');
    const before = doc.text;
    const [rule] = fieldRules(doc, 'intake', 'end').rules;
    changeFieldRule(doc, 'intake', 'end', rule!, 'onOrAfter', 'start', texts(doc, 'intake'), 'change');
    const v = value(doc);
    expect(v.forms.intake.schema.properties.end).toEqual({ type: 'string', format: 'date', formatMinimum: { $data: '1/start' } });
    // The text the editor wrote is written anew; the one a person typed goes along as it is.
    expect(v.texts.en['forms.intake.fields.end.errors.formatMinimum']).toBe('This day must not be before “Start”.');
    expect(v.texts.de['forms.intake.fields.end.errors.formatMinimum']).toBe('Das Ende liegt nach dem Beginn.');
    expect(v.texts.en['forms.intake.fields.end.errors.formatExclusiveMinimum']).toBeUndefined();
    loadProgram(doc.text);
    doc.undo();
    expect(doc.text).toBe(before);
  });

  it('refuses a change that cannot be written and leaves no step behind', () => {
    const doc = planned();
    addFieldRule(doc, 'intake', 'end', 'after', 'start', texts(doc, 'intake'));
    const before = doc.text;
    const [rule] = fieldRules(doc, 'intake', 'end').rules;
    expect(codeOf(() => changeFieldRule(doc, 'intake', 'end', rule!, 'after', 'end', texts(doc, 'intake')))).toBe('DESIGNER_RULE_OTHER');
    expect(doc.text).toBe(before);
    expect(doc.canRedo).toBe(false);
    doc.undo();
    expect(fieldRules(doc, 'intake', 'end').rules).toEqual([]);
  });

  it('removes a rule with its error texts; a "differs" takes its dependentSchemas with it', () => {
    const doc = planned();
    const start = doc.text;
    addFieldRule(doc, 'intake', 'secondChoice', 'differs', 'firstChoice', texts(doc, 'intake'));
    addFieldRule(doc, 'intake', 'end', 'after', 'start', texts(doc, 'intake'));
    for (const path of ['end', 'secondChoice']) removeFieldRule(doc, 'intake', path, fieldRules(doc, 'intake', path).rules[0]!);
    expect(doc.text).toBe(start);
  });

  it('keeps a rule the editor cannot present as JSON, and replaces it with the JSON typed', () => {
    const doc = planned();
    doc.apply([{ op: 'add', path: ['forms', 'intake', 'schema', 'properties', 'end', 'not'], value: { const: { $data: '1/start' } } }], 'json');
    const { rules, json } = fieldRules(doc, 'intake', 'end');
    expect(rules).toEqual([]);
    expect(json).toEqual([{ at: ['forms', 'intake', 'schema', 'properties', 'end'], keys: ['not'], value: { not: { const: { $data: '1/start' } } } }]);
    setJsonRule(doc, json[0]!, '{ "not": { "const": { "$data": "1/name" } } }', 'json');
    expect(value(doc).forms.intake.schema.properties.end.not).toEqual({ const: { $data: '1/name' } });
    expect(codeOf(() => setJsonRule(doc, fieldRules(doc, 'intake', 'end').json[0]!, '{ "not": ', 'json'))).toBe('DESIGNER_NOT_JSON');
    expect(codeOf(() => setJsonRule(doc, fieldRules(doc, 'intake', 'end').json[0]!, '{ "type": "number" }', 'json'))).toBe('DESIGNER_CONDITION_INVALID');
    setJsonRule(doc, fieldRules(doc, 'intake', 'end').json[0]!, '', 'json');
    expect(value(doc).forms.intake.schema.properties.end).toEqual({ type: 'string', format: 'date' });
  });

  it('shows an if/then of the form that limits the field as JSON', () => {
    const doc = planned();
    const pair = { if: { properties: { housing: { const: 'none' } }, required: ['housing'] }, then: { properties: { limit: { maximum: 100 } } } };
    doc.apply([{ op: 'add', path: ['forms', 'intake', 'schema', 'allOf'], value: [pair] }], 'json');
    expect(fieldRules(doc, 'intake', 'limit').json).toEqual([{ at: ['forms', 'intake', 'schema', 'allOf', 0], value: pair }]);
    expect(fieldRules(doc, 'intake', 'end').json).toEqual([]);
  });

  it('keeps the moves refused that a rule would not survive', () => {
    const doc = planned();
    addField(doc, { form: 'intake', page: 'p1', kind: 'group', key: 'period', labels: { de: 'Zeitraum', en: 'Period' } });
    addFieldRule(doc, 'intake', 'end', 'after', 'start', texts(doc, 'intake'));
    expect(codeOf(() => moveFieldTo(doc, 'intake', 'start', { group: 'period', index: 0 }))).toBe('DESIGNER_MOVE_NAMED_RULE');
    expect(codeOf(() => moveFieldTo(doc, 'intake', 'end', { group: 'period', index: 0 }))).toBe('DESIGNER_MOVE_NAMED_RULE');
    expect(allFields(doc, 'intake').some((f) => f.path === 'period.start')).toBe(false);
  });
});

describe('renameField with derived values and rules', () => {
  it('renames the field where derived values read it and rules compare with it; loadProgram accepts it; one undo step', () => {
    const doc = planned();
    addFieldRule(doc, 'intake', 'end', 'after', 'start', texts(doc, 'intake'));
    addFieldRule(doc, 'intake', 'secondChoice', 'differs', 'firstChoice', texts(doc, 'intake'));
    addFieldRule(doc, 'intake', 'household.age', 'atMost', 'limit', texts(doc, 'intake'));
    addDerivedValue(doc, { form: 'intake', key: 'ages', labels: { en: 'Ages' }, spec: { kind: 'formula', expression: "sum(household.age) + count(household) * 0 + ('household' == 'x' ? 1 : 0)" }, page: 'p1' });
    const renames: [string, string][] = [['start', 'begin'], ['firstChoice', 'choice1'], ['secondChoice', 'choice2'], ['household', 'people'], ['limit', 'cap']];
    for (const [from, to] of renames) {
      const before = doc.text;
      renameField(doc, 'intake', from, to);
      if (from === 'start') {
        doc.undo();
        expect(doc.text).toBe(before);
        doc.redo();
      }
    }
    const v = value(doc).forms.intake.schema;
    expect(v.properties.end.formatExclusiveMinimum).toEqual({ $data: '1/begin' });
    expect(v.dependentSchemas).toEqual({ choice1: { properties: { choice2: { not: { const: { $data: '1/choice1' } } } } } });
    expect(v.properties.people.items.properties.age.maximum).toEqual({ $data: '3/cap' });
    expect(v.properties.ages['x-derived']).toBe("sum(people.age) + count(people) * 0 + ('household' == 'x' ? 1 : 0)");
    loadProgram(doc.text);
  });
});
