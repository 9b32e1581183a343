import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { applyTextChanges, exportCsv, exportXliff, importCsv, importXliff, setText, textTable } from './texts.js';

const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');

describe('the text table', () => {
  it('lists every text by locale with what each locale lacks, and edits in place', () => {
    const doc = ProgramDocument.parse(mini);
    setText(doc, 'en', 'forms.intake.fields.name.help', 'As in your passport');
    const t = textTable(doc);
    expect(t.locales).toEqual(['de', 'en']);
    expect(t.missing).toEqual({ de: 1, en: 0 });
    expect(t.rows.find((r) => r.key === 'forms.intake.fields.name.help')!.values).toEqual({ en: 'As in your passport' });
    setText(doc, 'de', 'forms.intake.fields.name.help', 'Wie im Pass');
    expect(textTable(doc).missing).toEqual({ de: 0, en: 0 });
    loadProgram(doc.text);
  });
});

describe('export and import for translators', () => {
  it('round-trips every example program through CSV and XLIFF 2 without a change', async () => {
    for (const name of ['zweite-chance', 'wir-vielfalt', 'zukunftsbuendnis', 'gemeinsam-fuer-hagen']) {
      const doc = ProgramDocument.parse(readFileSync(examplePath(name, 'program.json'), 'utf8'));
      const csv = exportCsv(doc);
      expect(importCsv(doc, csv), name).toEqual({ changes: [], unknownKeys: [] });
      for (const locale of textTable(doc).locales) {
        const xml = exportXliff(doc, locale);
        expect(xml).toContain('urn:oasis:names:tc:xliff:document:2.0');
        expect(importXliff(doc, xml), `${name} ${locale}`).toEqual({ changes: [], unknownKeys: [] });
      }
    }
  });

  it('shows what an import changes before applying it, keeps texts with quotes, commas and line breaks, and applies it as one step', async () => {
    const doc = ProgramDocument.parse(mini);
    const before = doc.text;
    const tricky = 'Name, "wie im Pass"\nzweite Zeile & <mehr>';
    const csv = exportCsv(doc).replace('Vollständiger Name', 'x').replace(/forms\.intake\.fields\.name\.label,[^,\r\n]*,/, `forms.intake.fields.name.label,"${tricky.replace(/"/g, '""')}",`) + '\r\nno.such.key,a,b\r\n';
    const found = importCsv(doc, csv);
    expect(found.unknownKeys).toEqual(['no.such.key']);
    expect(found.changes).toEqual([{ key: 'forms.intake.fields.name.label', locale: 'de', before: 'Name', after: tricky }]);
    expect(doc.text).toBe(before);
    applyTextChanges(doc, found.changes, 'import');
    expect(doc.get(['texts', 'de', 'forms.intake.fields.name.label'])).toBe(tricky);
    // Through XLIFF and back, the tricky text survives.
    const xml = exportXliff(doc, 'de');
    doc.undo();
    expect(doc.text).toBe(before);
    expect((importXliff(doc, xml)).changes).toEqual([{ key: 'forms.intake.fields.name.label', locale: 'de', before: 'Name', after: tricky }]);
  });

  it('refuses what is not such a file, or a language the program lacks, in German and English, changing nothing', async () => {
    const de = ProgramDocument.parse(mini, 'de');
    expect(() => importCsv(de, 'name;de\nx;y')).toThrow(expect.objectContaining({ code: 'DESIGNER_IMPORT_INVALID', message: expect.stringContaining('Zeile 1') }));
    expect(() => importCsv(de, 'key,de,fr\nx,y,z')).toThrow(expect.objectContaining({ code: 'DESIGNER_IMPORT_LOCALE', message: expect.stringContaining('„fr“') }));
    const en = ProgramDocument.parse(mini, 'en');
    expect(() => importXliff(en, '<xliff version="1.2"><file>')).toThrow(expect.objectContaining({ code: 'DESIGNER_IMPORT_INVALID', message: expect.stringContaining('Nothing was changed') }));
    expect(() => importXliff(en, '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"></xliff>')).toThrow(expect.objectContaining({ code: 'DESIGNER_IMPORT_INVALID' }));
    const fr = (exportXliff(en, 'en')).replace('trgLang="en"', 'trgLang="fr"');
    expect(() => importXliff(en, fr)).toThrow(expect.objectContaining({ code: 'DESIGNER_IMPORT_LOCALE' }));
    expect(en.text).toBe(mini);
  });
});
