import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { addField, addPage, duplicateField, findField, moveField, moveFieldToPage, outline, removeField, renameField, setConstraint, setLabel, setRequired } from './form-model.js';

const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');
const open = () => ProgramDocument.parse(mini);
const keysOn = (doc: ProgramDocument, page = 0) => outline(doc)[0]!.pages[page]!.fields.map((f) => f.key);

describe('outline', () => {
  it('lists forms, pages and fields with kinds, labels and children', () => {
    const [form] = outline(open());
    expect(form!.id).toBe('intake');
    expect(form!.title).toEqual({ de: 'Aufnahme', en: 'Intake' });
    const page = form!.pages[0]!;
    expect(page.title).toEqual({ de: 'Person', en: 'Person' });
    expect(page.fields.map((f) => [f.key, f.kind, f.required])).toEqual([
      ['name', 'text', true],
      ['email', 'email', false],
      ['housing', 'choice', true],
      ['contactPoint', 'text', false],
      ['birthDate', 'date', false],
      ['household', 'list', false],
    ]);
    expect(page.fields[5]!.children.map((c) => [c.path, c.kind, c.required, c.label.en])).toEqual([
      ['household.name', 'text', true, 'Name'],
      ['household.age', 'integer', false, 'Age'],
    ]);
  });

  it('reads every example program', () => {
    for (const name of ['zweite-chance', 'wir-vielfalt', 'zukunftsbuendnis', 'gemeinsam-fuer-hagen']) {
      const doc = ProgramDocument.parse(readFileSync(examplePath(name, 'program.json'), 'utf8'));
      const forms = outline(doc);
      expect(forms.length, name).toBeGreaterThan(0);
      for (const f of forms) for (const p of f.pages) for (const field of p.fields) expect(field.kind, `${name} ${f.id} ${field.key}`).not.toBe('other');
    }
  });
});

describe('form edits', () => {
  it('adds a page and fields that loadProgram accepts, with labels in both locales, and undoes each as one step', () => {
    const doc = open();
    addPage(doc, 'intake', 'contact', { de: 'Kontakt', en: 'Contact' });
    addField(doc, { form: 'intake', page: 'contact', kind: 'phone', key: 'phone', labels: { de: 'Telefon', en: 'Phone' } });
    addField(doc, { form: 'intake', page: 'contact', kind: 'consent', key: 'consent', labels: { de: 'Einverstanden', en: 'I agree' } });
    setRequired(doc, 'intake', 'consent', true);
    const program = loadProgram(doc.text);
    expect(program.definition.forms.intake!.ui!.pages!.map((p) => p.id)).toEqual(['p1', 'contact']);
    expect(doc.get(['texts', 'de', 'forms.intake.fields.phone.label'])).toBe('Telefon');
    expect(doc.get(['texts', 'en', 'forms.intake.pages.contact.title'])).toBe('Contact');
    // Texts go beside the form's other texts.
    const deKeys = Object.keys(doc.get(['texts', 'de']) as object);
    expect(deKeys.indexOf('forms.intake.pages.contact.title')).toBe(deKeys.indexOf('forms.intake.pages.p1.title') + 1);
    expect(doc.get(['forms', 'intake', 'ui', 'pages', 1, 'fields', 1])).toEqual({ field: 'consent', widget: 'consent' });
    doc.undo(); // required
    doc.undo(); // consent and its texts
    expect(doc.get(['texts', 'en', 'forms.intake.fields.consent.label'])).toBeUndefined();
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(mini);
  });

  it('refuses a key that is taken or not a name, changing nothing', () => {
    const doc = open();
    expect(() => addField(doc, { form: 'intake', page: 'p1', kind: 'text', key: 'email' })).toThrow(expect.objectContaining({ code: 'DESIGNER_KEY_TAKEN' }));
    expect(() => addField(doc, { form: 'intake', page: 'p1', kind: 'text', key: '1st' })).toThrow(expect.objectContaining({ code: 'DESIGNER_KEY_INVALID' }));
    expect(doc.text).toBe(mini);
  });

  it('renames a field everywhere: schema in place, required, entry, conditions, texts', () => {
    const doc = open();
    renameField(doc, 'intake', 'housing', 'living');
    const def = loadProgram(doc.text).definition;
    const schema = def.forms.intake!.schema as { properties: object; required: string[]; if: { required: string[] } };
    expect(Object.keys(schema.properties)).toEqual(['name', 'birthDate', 'email', 'living', 'contactPoint', 'household']);
    expect(schema.required).toEqual(['name', 'living']);
    expect(schema.if.required).toEqual(['living']);
    expect(doc.get(['texts', 'de', 'forms.intake.fields.living.label'])).toBe('Wohnen');
    doc.undo();
    expect(doc.text).toBe(mini);
  });

  it('removes a field with its required entry, page entry and texts', () => {
    const doc = open();
    removeField(doc, 'intake', 'email');
    loadProgram(doc.text);
    expect(keysOn(doc)).toEqual(['name', 'housing', 'contactPoint', 'birthDate', 'household']);
    expect(doc.get(['texts', 'en', 'forms.intake.fields.email.label'])).toBeUndefined();
  });

  it('moves a field up and down on its page and across pages', () => {
    const doc = open();
    expect(moveField(doc, 'intake', 'email', -1)).toEqual({ page: 'p1', position: 1, count: 6 });
    expect(keysOn(doc)).toEqual(['email', 'name', 'housing', 'contactPoint', 'birthDate', 'household']);
    expect(moveField(doc, 'intake', 'email', -1)).toBeUndefined();
    addPage(doc, 'intake', 'more', { de: 'Mehr', en: 'More' });
    addField(doc, { form: 'intake', page: 'more', kind: 'text', key: 'note' });
    expect(moveField(doc, 'intake', 'household', 1)).toEqual({ page: 'more', position: 1, count: 2 });
    expect(keysOn(doc, 1)).toEqual(['household', 'note']);
    // The entry with its condition goes along.
    const entry = doc.get(['forms', 'intake', 'ui', 'pages', 0, 'fields', 3]);
    expect(entry).toMatchObject({ field: 'contactPoint' });
    moveFieldToPage(doc, 'intake', 'contactPoint', 'more', 2);
    expect(keysOn(doc, 1)).toEqual(['household', 'note', 'contactPoint']);
    expect(doc.get(['forms', 'intake', 'ui', 'pages', 1, 'fields', 2])).toEqual(entry);
    loadProgram(doc.text);
  });

  it('duplicates a field after itself with its texts and required mark', () => {
    const doc = open();
    expect(duplicateField(doc, 'intake', 'housing')).toBe('housing_2');
    const def = loadProgram(doc.text).definition;
    expect(Object.keys((def.forms.intake!.schema as { properties: object }).properties).slice(3, 5)).toEqual(['housing', 'housing_2']);
    expect(keysOn(doc).slice(2, 4)).toEqual(['housing', 'housing_2']);
    expect(findField(doc, 'intake', 'housing_2')!.field.required).toBe(true);
    expect(doc.get(['texts', 'en', 'forms.intake.fields.housing_2.label'])).toBe('Housing');
  });

  it('sets labels, required and constraints, and refuses unsafe or invalid patterns as loadProgram does', () => {
    const doc = open();
    setLabel(doc, 'intake', 'name', 'de', 'Vollständiger Name');
    setRequired(doc, 'intake', 'email', true);
    setConstraint(doc, 'intake', 'name', 'maxLength', 80);
    setConstraint(doc, 'intake', 'name', 'pattern', '^[A-Za-zÄÖÜäöüß .-]+$');
    setConstraint(doc, 'intake', 'name', 'minLength', undefined);
    const steps = doc.text;
    expect(() => setConstraint(doc, 'intake', 'name', 'pattern', '^(a+)+$')).toThrow(expect.objectContaining({ code: 'DESIGNER_PATTERN_UNSAFE' }));
    expect(() => setConstraint(doc, 'intake', 'name', 'pattern', '(')).toThrow(expect.objectContaining({ code: 'DESIGNER_PATTERN_INVALID' }));
    expect(() => setConstraint(doc, 'intake', 'name', 'maxLength', -1)).toThrow(expect.objectContaining({ code: 'DESIGNER_CONSTRAINT_INVALID' }));
    expect(doc.text).toBe(steps);
    // The same pattern is refused by loadProgram: the designer's check is the same one.
    const unsafe = JSON.parse(doc.text) as { forms: { intake: { schema: { properties: { name: { pattern: string } } } } } };
    unsafe.forms.intake.schema.properties.name.pattern = '^(a+)+$';
    expect(() => loadProgram(unsafe)).toThrow(/pattern/i);
    const def = loadProgram(doc.text).definition;
    const name = (def.forms.intake!.schema as { properties: Record<string, object> }).properties.name;
    expect(name).toEqual({ type: 'string', maxLength: 80, 'x-personal-data': true, 'x-retention': 'P2Y', pattern: '^[A-Za-zÄÖÜäöüß .-]+$' });
    expect((def.forms.intake!.schema as { required: string[] }).required).toEqual(['name', 'housing', 'email']);
    expect(def.texts!.de!['forms.intake.fields.name.label']).toBe('Vollständiger Name');
  });
});

describe('placeOf', () => {
  it('maps problem pointers to the field, page or form they are about', async () => {
    const { placeOf } = await import('./problem-place.js');
    const doc = open();
    expect(placeOf(doc, '/forms/intake/schema/properties/household/items/properties/age/minimum')).toEqual({ form: 'intake', field: 'household.age' });
    expect(placeOf(doc, '/forms/intake/ui/pages/0/fields/3/when')).toEqual({ form: 'intake', page: 'p1', field: 'contactPoint' });
    expect(placeOf(doc, '/forms/intake/ui/pages/0')).toEqual({ form: 'intake', page: 'p1' });
    expect(placeOf(doc, '/texts/en/forms.intake.fields.email.label')).toEqual({ form: 'intake', field: 'email' });
    expect(placeOf(doc, '/texts/de/forms.intake.pages.p1.title')).toEqual({ form: 'intake', page: 'p1' });
    expect(placeOf(doc, '/forms/intake/schema/required')).toEqual({ form: 'intake' });
    expect(placeOf(doc, '/version')).toEqual({});
  });
});
