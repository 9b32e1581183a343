import { describe, expect, it } from 'vitest';
import { createAjv, loadProgram } from '@civicflow/core';
import { importFim } from './import-fim.js';
import { exportFitConnect } from './export-fit-connect.js';
import { FimError } from './errors.js';
import { minimalData, readFimFile } from './test-support/fim-files.js';

describe('exportFitConnect', () => {
  const { program: definition } = importFim(readFimFile('BlaueKarte.xml'));
  const program = loadProgram(definition);
  const schema = (definition['forms'] as Record<string, { schema: Record<string, unknown> }>)['antrag']!.schema;

  it('keys the data by FIM ids, names the FIM schema URI, and gives a schema that accepts the data', () => {
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    const out = exportFitConnect(program, data);
    expect(out.schemaUri).toBe('https://schema.fitko.de/fim/s00000121_1.0.schema.json');
    expect(out.schema['$id']).toBe(out.schemaUri);
    const person = out.data['G00000630'] as Record<string, unknown>;
    expect(person['F00000013']).toBe(data['persoenlicheAngabenZumAntragsteller']!['familienname']);
    expect(Object.keys(out.data).every((k) => /^[FG]\d+$/.test(k))).toBe(true);
    const validateFit = createAjv().compile(out.schema);
    expect(validateFit(out.data)).toBe(true);
    const broken = structuredClone(out.data);
    delete (broken['G00000630'] as Record<string, unknown>)['F00000013'];
    expect(validateFit(broken)).toBe(false);
  });

  it('unwraps repeated single values back into plain arrays', () => {
    const xml = readFimFile('xdatenfelder-ts-v3/simple.xml').toString('utf8').replace('<xdf:anzahl>1:1</xdf:anzahl>', '<xdf:anzahl>1:2</xdf:anzahl>');
    const imported = importFim(xml);
    const p = loadProgram(imported.program);
    const out = exportFitConnect(p, { strassenanschrift: { strasse: [{ wert: 'A-Weg' }, { wert: 'B-Weg' }] } });
    expect(out.data).toEqual({ G60000000086: { F60000000243: ['A-Weg', 'B-Weg'] } });
    expect(createAjv().compile(out.schema)(out.data)).toBe(true);
  });

  it('refuses invalid data and programs not imported from FIM', () => {
    expect(() => exportFitConnect(program, { persoenlicheAngabenZumAntragsteller: {} })).toThrow(expect.objectContaining({ code: 'SUBMISSION_INVALID' }) as Error);
    const plain = loadProgram({
      id: 'plain', version: '1.0.0', locales: ['de'], title: { de: 'P' },
      forms: { f: { schema: { type: 'object', properties: { a: { type: 'string' } } } } },
      texts: { de: { 'forms.f.title': 'F', 'forms.f.fields.a.label': 'A' } },
    });
    expect(() => exportFitConnect(plain, { a: 'x' })).toThrow(FimError);
  });
});
