import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import type { DesignerError } from '../errors.js';
import { addChildField, addField, outline, setRequired } from './form-model.js';
import { moveFieldTo, referencesTo } from './group-move.js';
import { setShowWhen } from './conditions.js';
import { codeOf } from '../test-support/designer-error.js';

const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');

/** The mini program with a group `address` (street) after the household, on the one page. */
function withGroup(): ProgramDocument {
  const doc = ProgramDocument.parse(mini, 'en');
  addField(doc, { form: 'intake', page: 'p1', kind: 'group', key: 'address', labels: { de: 'Adresse', en: 'Address' } });
  return doc;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the program's JSON, read in assertions
const value = (doc: ProgramDocument) => doc.value as any;
const top = (doc: ProgramDocument) => outline(doc)[0]!.pages[0]!.fields;
const field = (doc: ProgramDocument, key: string) => top(doc).find((f) => f.key === key)!;
const accepted = (doc: ProgramDocument) => expect(() => loadProgram(doc.text)).not.toThrow();

describe('moveFieldTo', () => {
  it('moves a field into a group: schema, required, texts in every language follow its path; out again gives the text back', () => {
    const doc = withGroup();
    const before = doc.text;
    const at = moveFieldTo(doc, 'intake', 'name', { group: 'address', index: 0 });
    expect(at).toEqual({ path: 'address.name', position: 1, count: 2 });
    const v = value(doc);
    expect(Object.keys(v.forms.intake.schema.properties.address.properties)).toEqual(['name', 'text1']);
    expect(v.forms.intake.schema.properties.address.properties.name).toEqual({ type: 'string', minLength: 2, maxLength: 50, 'x-personal-data': true, 'x-retention': 'P2Y' });
    expect(v.forms.intake.schema.properties.address.required).toEqual(['name']);
    expect(v.forms.intake.schema.required).toEqual(['housing']);
    expect(v.forms.intake.schema.properties.name).toBeUndefined();
    expect(v.texts.de['forms.intake.fields.address.name.label']).toBe('Name');
    expect(v.texts.en['forms.intake.fields.name.label']).toBeUndefined();
    expect(top(doc).map((f) => f.key)).toEqual(['email', 'housing', 'contactPoint', 'birthDate', 'household', 'address']);
    accepted(doc);
    // One step: undo gives back the text byte for byte.
    doc.undo();
    expect(doc.text).toBe(before);
    doc.redo();
    // And out again, to its first place on the page.
    expect(moveFieldTo(doc, 'intake', 'address.name', { page: 'p1', index: 0 })).toEqual({ path: 'name', position: 1, count: 7 });
    expect(top(doc).map((f) => f.key)).toEqual(['name', 'email', 'housing', 'contactPoint', 'birthDate', 'household', 'address']);
    expect(value(doc).forms.intake.schema.required).toEqual(['housing', 'name']);
    expect(value(doc).texts.en['forms.intake.fields.name.label']).toBe('Name');
    accepted(doc);
  });

  it('moves a field into a repeated group and between groups; its widget and autocomplete go with its entry', () => {
    const doc = withGroup();
    moveFieldTo(doc, 'intake', 'email', { group: 'household', index: 1 });
    const v = value(doc);
    expect(Object.keys(v.forms.intake.schema.properties.household.items.properties)).toEqual(['name', 'email', 'age']);
    expect(v.texts.en['forms.intake.fields.household.email.label']).toBe('Email');
    accepted(doc);
    moveFieldTo(doc, 'intake', 'household.email', { group: 'address', index: 1 });
    expect(outline(doc)[0]!.pages[0]!.fields.find((f) => f.key === 'address')!.children.map((c) => c.path)).toEqual(['address.text1', 'address.email']);
    accepted(doc);
    // A field with a widget keeps it: the group's entry then lists its fields.
    addField(doc, { form: 'intake', page: 'p1', kind: 'consent', key: 'consent', labels: { de: 'Ja', en: 'Yes' } });
    setRequired(doc, 'intake', 'consent', true);
    moveFieldTo(doc, 'intake', 'consent', { group: 'address', index: 0 });
    const entry = value(doc).forms.intake.ui.pages[0].fields.at(-1);
    expect(entry).toEqual({ field: 'address', fields: [{ field: 'consent', widget: 'consent' }, 'text1', 'email'] });
    expect(field(doc, 'address').children.map((c) => [c.key, c.kind])).toEqual([
      ['consent', 'consent'],
      ['text1', 'text'],
      ['email', 'email'],
    ]);
    accepted(doc);
  });

  it('reorders within a group', () => {
    const doc = withGroup();
    addChildField(doc, 'intake', field(doc, 'address'), 'text', 'town', { de: 'Ort', en: 'Town' });
    expect(moveFieldTo(doc, 'intake', 'address.town', { group: 'address', index: 0 })).toEqual({ path: 'address.town', position: 1, count: 2 });
    expect(field(doc, 'address').children.map((c) => c.key)).toEqual(['town', 'text1']);
    accepted(doc);
  });

  it('refuses, in words and changing nothing: a group into itself, a taken name, the last field of a group, a field a condition names', () => {
    const doc = withGroup();
    const before = doc.text;
    expect(codeOf(() => moveFieldTo(doc, 'intake', 'address', { group: 'address', index: 0 }))).toBe('DESIGNER_MOVE_INTO_ITSELF');
    expect(codeOf(() => moveFieldTo(doc, 'intake', 'name', { group: 'household', index: 0 }))).toBe('DESIGNER_KEY_TAKEN');
    expect(codeOf(() => moveFieldTo(doc, 'intake', 'address.text1', { page: 'p1', index: 0 }))).toBe('DESIGNER_LAST_CHILD');
    // "housing" is named by the contact point's condition and by the schema's if/then.
    expect(referencesTo(doc, 'intake', 'housing').map((r) => [r.kind, r.owner])).toEqual([
      ['condition', 'contactPoint'],
    ]);
    let error: DesignerError | undefined;
    try {
      moveFieldTo(doc, 'intake', 'housing', { group: 'address', index: 0 });
    } catch (e) {
      error = e as DesignerError;
    }
    expect(error?.code).toBe('DESIGNER_MOVE_NAMED');
    expect(error?.text).toBe('"Housing" cannot be moved: the condition at "Contact point" names the field where it is now. Change or remove that condition first. Nothing was changed.');
    // A field with its own condition does not go into a repeated group, where the condition would read the entry.
    expect(codeOf(() => moveFieldTo(doc, 'intake', 'contactPoint', { group: 'household', index: 0 }))).toBe('DESIGNER_MOVE_OWN_CONDITION');
    expect(doc.text).toBe(before);
    // Into a plain group it goes, condition and all (it still reads the whole form).
    moveFieldTo(doc, 'intake', 'contactPoint', { group: 'address', index: 1 });
    expect(value(doc).forms.intake.ui.pages[0].fields.at(-1)).toEqual({
      field: 'address',
      fields: ['text1', { field: 'contactPoint', when: { properties: { housing: { const: 'none' } }, required: ['housing'] } }],
    });
    accepted(doc);
  });

  it('finds what names a field in the examples: derived values, rules across fields, conditions', () => {
    const wir = ProgramDocument.parse(readFileSync(examplePath('wir-vielfalt', 'program.json'), 'utf8'), 'en');
    const form = outline(wir).find((f) => JSON.stringify(f).includes('totalCosts'))!.id;
    const kinds = (path: string) => referencesTo(wir, form, path).map((r) => r.kind);
    expect(kinds('funding.costs')).toContain('derived');
    expect(kinds('funding.totalCosts')).toContain('rule');
    expect(kinds('funding.requested')).toContain('rule');
    const doc = ProgramDocument.parse(mini, 'en');
    setShowWhen(doc, 'intake', 'email', { properties: { household: { items: { properties: { age: { minimum: 18 } } } } } }, 'x');
    expect(referencesTo(doc, 'intake', 'household.age')).toEqual([{ kind: 'condition', owner: 'email' }]);
  });
});
