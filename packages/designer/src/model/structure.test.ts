import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram, validate } from '@civicflow/core';
import { ProgramDocument } from '../document/program-document.js';
import { addableKinds } from './field-kinds.js';
import { addChildField, addField, addForm, addOption, addPage, findField, moveOption, movePage, optionsOf, outline, removeChildField, removeOption, removePage, setOptionLabel } from './form-model.js';

const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');
const open = () => ProgramDocument.parse(mini);
const field = (doc: ProgramDocument, key: string) => findField(doc, 'intake', key)!.field;
const validIntake = { name: 'Al', housing: 'flat' };

describe('new fields of every kind', () => {
  it('adds each kind the widget shows, with labels, option labels and first children, and loadProgram accepts them all', () => {
    const doc = open();
    addPage(doc, 'intake', 'more', { de: 'Mehr', en: 'More' });
    for (const kind of addableKinds) addField(doc, { form: 'intake', page: 'more', kind, key: `new_${kind}` });
    const program = loadProgram(doc.text);
    const kinds = outline(doc)[0]!.pages[1]!.fields.map((f) => f.kind);
    expect(kinds).toEqual([...addableKinds]);
    const texts = program.definition.texts!.en!;
    expect(texts['forms.intake.fields.new_choice.options.option2']).toBe('Option 2');
    expect(texts['forms.intake.fields.new_choices.options.option1']).toBe('Option 1');
    expect(texts['forms.intake.fields.new_list.text1.label']).toBe('Text 1');
    expect(field(doc, 'new_group').children.map((c) => c.path)).toEqual(['new_group.text1']);
    // One undo takes back the repeated group with its child's label.
    doc.undo();
    expect(doc.get(['texts', 'de', 'forms.intake.fields.new_list.text1.label'])).toBeUndefined();
    expect(doc.get(['forms', 'intake', 'schema', 'properties', 'new_list'])).toBeUndefined();
  });
});

describe('options of a choice', () => {
  it('adds, labels, moves and removes options with their texts in every locale', () => {
    const doc = open();
    const housing = field(doc, 'housing');
    addOption(doc, 'intake', housing, 'friends', { de: 'Bei Freunden', en: 'With friends' });
    expect(optionsOf(doc, 'intake', housing).map((o) => o.value)).toEqual(['flat', 'shelter', 'none', 'friends']);
    expect(moveOption(doc, housing, 'friends', -1)).toBe(3);
    expect(moveOption(doc, housing, 'flat', -1)).toBeUndefined();
    setOptionLabel(doc, 'intake', housing, 'friends', 'en', 'Staying with friends');
    expect(optionsOf(doc, 'intake', housing)[2]).toEqual({ value: 'friends', label: { de: 'Bei Freunden', en: 'Staying with friends' } });
    const program = loadProgram(doc.text);
    expect(validate(program, 'intake', { name: 'Al', housing: 'friends' }).valid).toBe(true);
    removeOption(doc, 'intake', housing, 'shelter');
    expect(doc.get(['texts', 'de', 'forms.intake.fields.housing.options.shelter'])).toBeUndefined();
    loadProgram(doc.text);
  });

  it('works on a choice of several (items.enum) and refuses a taken, empty or last value', () => {
    const doc = open();
    addField(doc, { form: 'intake', page: 'p1', kind: 'choices', key: 'needs' });
    const needs = field(doc, 'needs');
    addOption(doc, 'intake', needs, 'debt');
    expect(doc.get(['forms', 'intake', 'schema', 'properties', 'needs', 'items', 'enum'])).toEqual(['option1', 'option2', 'debt']);
    const before = doc.text;
    expect(() => addOption(doc, 'intake', needs, 'debt')).toThrow(expect.objectContaining({ code: 'DESIGNER_KEY_TAKEN' }));
    expect(() => addOption(doc, 'intake', needs, ' x')).toThrow(expect.objectContaining({ code: 'DESIGNER_OPTION_INVALID' }));
    removeOption(doc, 'intake', needs, 'option1');
    removeOption(doc, 'intake', needs, 'option2');
    const last = doc.text;
    expect(() => removeOption(doc, 'intake', needs, 'debt')).toThrow(expect.objectContaining({ code: 'DESIGNER_LAST_OPTION', message: expect.stringContaining('at least one option') }));
    expect(doc.text).toBe(last);
    expect(before).not.toBe(last);
  });
});

describe('fields inside groups', () => {
  it('adds and removes a field of a repeated group, keeping its last field', () => {
    const doc = open();
    addChildField(doc, 'intake', field(doc, 'household'), 'date', 'born', { de: 'Geboren', en: 'Born' });
    expect(field(doc, 'household').children.map((c) => [c.path, c.kind])).toEqual([
      ['household.name', 'text'],
      ['household.age', 'integer'],
      ['household.born', 'date'],
    ]);
    expect(doc.get(['texts', 'en', 'forms.intake.fields.household.born.label'])).toBe('Born');
    loadProgram(doc.text);
    removeChildField(doc, 'intake', field(doc, 'household'), 'name');
    expect(doc.get(['forms', 'intake', 'schema', 'properties', 'household', 'items', 'required'])).toBeUndefined();
    expect(doc.get(['texts', 'de', 'forms.intake.fields.household.name.label'])).toBeUndefined();
    removeChildField(doc, 'intake', field(doc, 'household'), 'age');
    expect(() => removeChildField(doc, 'intake', field(doc, 'household'), 'born')).toThrow(expect.objectContaining({ code: 'DESIGNER_LAST_CHILD' }));
    loadProgram(doc.text);
  });
});

describe('groups inside groups, and lists of groups', () => {
  it('adds a group inside a repeated group, fields inside that, a list inside it, and removes them at any depth', () => {
    const doc = open();
    const child = (path: string) => {
      const walk = (fields: readonly ReturnType<typeof field>[]): ReturnType<typeof field> | undefined => {
        for (const f of fields) {
          if (f.path === path) return f;
          const inner = walk(f.children);
          if (inner) return inner;
        }
        return undefined;
      };
      return walk(outline(doc)[0]!.pages.flatMap((p) => p.fields))!;
    };
    addChildField(doc, 'intake', field(doc, 'household'), 'group', 'address', { de: 'Anschrift', en: 'Address' });
    addChildField(doc, 'intake', child('household.address'), 'text', 'street', { de: 'Straße', en: 'Street' });
    addChildField(doc, 'intake', child('household.address'), 'list', 'phones', { de: 'Telefone', en: 'Phones' });
    addChildField(doc, 'intake', child('household.address.phones'), 'integer', 'number', { de: 'Nummer', en: 'Number' });
    expect(child('household.address').children.map((c) => [c.path, c.kind])).toEqual([
      ['household.address.text1', 'text'],
      ['household.address.street', 'text'],
      ['household.address.phones', 'list'],
    ]);
    expect(child('household.address.phones').children.map((c) => [c.path, c.kind, c.label.en])).toEqual([
      ['household.address.phones.text1', 'text', 'Text 1'],
      ['household.address.phones.number', 'integer', 'Number'],
    ]);
    expect(doc.get(['forms', 'intake', 'schema', 'properties', 'household', 'items', 'properties', 'address', 'properties', 'phones', 'items', 'properties', 'number'])).toEqual({ type: 'integer' });
    const program = loadProgram(doc.text);
    const entry = { name: 'Ada', age: 30, address: { street: 'Marktplatz 1', phones: [{ number: 30123456 }] } };
    expect(validate(program, 'intake', { ...validIntake, household: [entry] }).errors).toEqual([]);
    expect(validate(program, 'intake', { ...validIntake, household: [{ ...entry, address: { phones: [{ number: 'call me' }] } }] }).errors.map((e) => e.pointer)).toEqual(['/household/0/address/phones/0/number']);
    removeChildField(doc, 'intake', child('household.address.phones'), 'text1');
    removeChildField(doc, 'intake', child('household.address'), 'street');
    expect(doc.get(['texts', 'en', 'forms.intake.fields.household.address.street.label'])).toBeUndefined();
    expect(() => removeChildField(doc, 'intake', child('household.address.phones'), 'number')).toThrow(expect.objectContaining({ code: 'DESIGNER_LAST_CHILD' }));
    loadProgram(doc.text);
  });
});

describe('pages and forms', () => {
  it('moves pages and removes a page with its fields and texts in one step', () => {
    const doc = open();
    addPage(doc, 'intake', 'more', { de: 'Mehr', en: 'More' });
    addField(doc, { form: 'intake', page: 'more', kind: 'text', key: 'note' });
    addField(doc, { form: 'intake', page: 'more', kind: 'email', key: 'mail2' });
    expect(movePage(doc, 'intake', 'more', -1)).toEqual({ position: 1, count: 2 });
    expect(movePage(doc, 'intake', 'more', -1)).toBeUndefined();
    expect(outline(doc)[0]!.pages.map((p) => p.id)).toEqual(['more', 'p1']);
    const withPage = doc.text;
    removePage(doc, 'intake', 'p1');
    expect(outline(doc)[0]!.pages.map((p) => p.id)).toEqual(['more']);
    expect(Object.keys(doc.get(['forms', 'intake', 'schema', 'properties']) as object)).toEqual(['note', 'mail2']);
    expect(doc.get(['forms', 'intake', 'schema', 'required'])).toBeUndefined();
    expect(Object.keys(doc.get(['texts', 'en']) as object).filter((k) => k.startsWith('forms.intake.fields.'))).toEqual(['forms.intake.fields.note.label', 'forms.intake.fields.mail2.label']);
    loadProgram(doc.text);
    expect(() => removePage(doc, 'intake', 'more')).toThrow(expect.objectContaining({ code: 'DESIGNER_LAST_PAGE' }));
    doc.undo();
    expect(doc.text).toBe(withPage);
  });

  it('adds a form that loadProgram accepts, and refuses a taken name', () => {
    const doc = open();
    addForm(doc, 'followUp', { de: 'Nachfrage', en: 'Follow-up' });
    const program = loadProgram(doc.text);
    expect(Object.keys(program.definition.forms)).toEqual(['intake', 'followUp']);
    expect(program.definition.texts!.de!['forms.followUp.title']).toBe('Nachfrage');
    expect(() => addForm(doc, 'intake')).toThrow(expect.objectContaining({ code: 'DESIGNER_KEY_TAKEN' }));
  });
});
