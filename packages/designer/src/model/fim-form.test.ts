import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProgram, ProgramError } from '@civicflow/core';
import { ProgramDocument } from '../document/program-document.js';
import { DesignerError } from '../errors.js';
import { addFimForm, programFromFim } from './fim-form.js';
import { outline } from './form-model.js';
import { newProgramText } from './templates.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = { name: 'fahrradbuegel.xml', content: readFileSync(path.join(here, '../test-support/fim/fahrradbuegel.xml'), 'utf8') };
const sharedFim = path.resolve(here, '../../../../../shared/fim');

const problems = (text: string) => {
  try {
    loadProgram(text);
    return [];
  } catch (e) {
    if (!(e instanceof ProgramError)) throw e;
    return e.issues.map((i) => `${i.code} ${i.pointer}`);
  }
};

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DesignerError) return { code: e.code, text: e.text };
    throw e;
  }
  return undefined;
};

describe('a FIM schema as a new form', () => {
  it('adds the imported form to a program with a workflow, its texts in every language, in one step', () => {
    const before = newProgramText('intake', { id: 'buegel', title: 'Bügel', locales: ['de', 'en'] });
    const doc = ProgramDocument.parse(before, 'en');
    const result = addFimForm(doc, [fixture]);
    expect(result).toMatchObject({ formId: 'antragAufFahrradbuegel', title: 'Antrag auf Fahrradbügel', fields: 4, groups: 1, unresolvedCodeLists: 1, untranslated: ['en'] });
    // The select field's code list was not given: said in words, with the list named.
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toContain('urn:example:lindenau:untergrund');
    expect(problems(doc.text)).toEqual([]);
    // Written in the file's style: one text a line, indented as the texts before it, after the last one.
    expect(doc.text).toContain('"workflow.events.DECIDE.title": "Decide",\n      "forms.antragAufFahrradbuegel.fields.nameDesVereinsOderHauses.label": "Name des Vereins oder Hauses"');
    expect(JSON.parse(doc.text)).toEqual(JSON.parse(JSON.stringify(doc.value)));
    const form = outline(doc).find((f) => f.id === 'antragAufFahrradbuegel')!;
    expect(form.title).toEqual({ de: 'Antrag auf Fahrradbügel', en: 'Antrag auf Fahrradbügel' });
    const fields = form.pages.flatMap((p) => p.fields);
    expect(fields.map((f) => [f.label.de, f.kind])).toEqual([
      ['Name des Vereins oder Hauses', 'text'],
      ['Standort der Bügel', 'group'],
    ]);
    expect(fields[1]!.children.map((c) => c.label.en)).toEqual(['Straße und Hausnummer', 'Anzahl der Bügel', 'Untergrund']);
    // The program's own forms and texts are untouched; Undo takes the whole import back.
    expect(doc.text.startsWith(before.slice(0, before.indexOf('"antrag": {')))).toBe(true);
    doc.undo();
    expect(doc.text).toBe(before);
  });

  it('numbers the form when its name is taken', () => {
    const doc = ProgramDocument.parse(newProgramText('empty', { id: 'buegel', title: 'Bügel', locales: ['de'] }), 'de');
    expect(addFimForm(doc, [fixture]).formId).toBe('antragAufFahrradbuegel');
    const second = addFimForm(doc, [fixture]);
    expect([second.formId, second.untranslated]).toEqual(['antragAufFahrradbuegel2', []]);
    expect(problems(doc.text)).toEqual([]);
  });

  it('takes the code lists chosen with the schema: the field becomes a choice, and nothing is left to warn about', () => {
    const list = { name: 'untergrund.xml', content: readFileSync(path.join(here, '../test-support/fim/untergrund.xml'), 'utf8') };
    const doc = ProgramDocument.parse(newProgramText('empty', { id: 'buegel', title: 'Bügel', locales: ['de', 'en'] }), 'en');
    // The order of the files does not matter: the XDatenfelder document among them is the schema.
    const result = addFimForm(doc, [list, fixture]);
    expect([result.warnings, result.unresolvedCodeLists]).toEqual([[], 0]);
    const group = outline(doc).find((f) => f.id === result.formId)!.pages.flatMap((p) => p.fields).find((f) => f.kind === 'group')!;
    expect(group.children.map((c) => c.kind)).toEqual(['text', 'integer', 'choice']);
    expect(doc.get(['texts', 'en', `forms.${result.formId}.fields.${group.path}.untergrund.options.asphalt`])).toBe('Asphalt');
    expect(problems(doc.text)).toEqual([]);
  });

  it('makes a new program of a FIM schema with the id, title and languages asked for', () => {
    const { text, imported } = programFromFim([fixture, { name: 'notes.txt', content: 'not a list' }], { id: 'fahrradbuegel', title: 'Fahrradbügel', locales: ['de', 'en'] }, 'de');
    expect(problems(text)).toEqual([]);
    const program = loadProgram(text);
    expect(Object.keys(program.definition.forms)).toEqual(['antragAufFahrradbuegel']);
    expect(program.definition.title).toEqual({ de: 'Fahrradbügel', en: 'Fahrradbügel' });
    expect(imported.skipped).toEqual(['„notes.txt“ ist kein XML und bleibt außen vor.']);
  });

  it('refuses a file that is not a FIM schema, in words, and changes nothing', () => {
    const before = newProgramText('empty', { id: 'buegel', title: 'Bügel', locales: ['de'] });
    const doc = ProgramDocument.parse(before, 'de');
    expect(refusal(() => addFimForm(doc, [{ name: 'liste.csv', content: 'key;de\n' }]))).toEqual({
      code: 'DESIGNER_FIM_INVALID',
      text: 'Die Datei „liste.csv“ kann nicht als FIM-Schema übernommen werden: Keine der gewählten Dateien ist ein XDatenfelder-Dokument (2.0 oder 3.0.0). Es wurde nichts geändert.',
    });
    const broken = { name: 'kaputt.xml', content: fixture.content.replace('</xdf:header>', '</xdf:kopf>') };
    const said = refusal(() => addFimForm(doc, [broken]));
    expect(said?.code).toBe('DESIGNER_FIM_INVALID');
    expect(said?.text).toMatch(/^Die Datei „kaputt.xml“ kann nicht als FIM-Schema übernommen werden: Sie ist kein wohlgeformtes XML \(Zeile \d+, Spalte \d+\)\./);
    expect(doc.text).toBe(before);
    expect(doc.canUndo).toBe(false);
  });
});

describe.skipIf(!existsSync(path.join(sharedFim, 'BlaueKarte.xml')))('a real FIM schema as a new form (BlaueKarte.xml from ../shared/fim)', () => {
  it('imports into the intake template, and the program passes the checks', () => {
    const doc = ProgramDocument.parse(newProgramText('intake', { id: 'blaue-karte', title: 'Blaue Karte', locales: ['de', 'en'] }), 'en');
    const result = addFimForm(doc, [{ name: 'BlaueKarte.xml', content: readFileSync(path.join(sharedFim, 'BlaueKarte.xml'), 'utf8') }]);
    expect(result.fields).toBeGreaterThan(10);
    expect(problems(doc.text)).toEqual([]);
  });
});
