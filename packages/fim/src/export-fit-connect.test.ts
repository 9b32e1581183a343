import { beforeAll, describe, expect, it } from 'vitest';
import { createAjv, loadProgram, type Program } from '@civicflow/core';
import { importFim } from './import-fim.js';
import { exportFitConnect } from './export-fit-connect.js';
import { FimError } from './errors.js';
import { hasSharedFim, minimalData, readFixture, readSharedFim } from './test-support/fim-files.js';

type Schema = Record<string, unknown>;
const formSchema = (definition: Schema) => (definition['forms'] as Record<string, { schema: Schema }>)['antrag']!.schema;

describe('exportFitConnect', () => {
  const { program: definition } = importFim(readFixture('vereinszuschuss/vereinszuschuss.xml'));
  const program = loadProgram(definition);
  const schema = formSchema(definition);

  it('keys the data by FIM ids, names the FIM schema URI, and gives a schema that accepts the data', () => {
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    const out = exportFitConnect(program, data);
    expect(out.schemaUri).toBe('https://schema.fitko.de/fim/s99000001_1.2.schema.json');
    expect(out.schema['$id']).toBe(out.schemaUri);
    const verein = out.data['G99000010'] as Record<string, unknown>;
    expect(verein['F99000011']).toBe(data['angabenZumVerein']!['nameDesVereins']);
    expect((verein['G99000020'] as Record<string, unknown>)['F99000022']).toBe((data['angabenZumVerein']!['anschriftDesVereins'] as Record<string, unknown>)['postleitzahl']);
    expect(out.data['G99000030']).toHaveLength(2);
    expect(Object.keys(out.data).every((k) => /^[FG]\d+$/.test(k))).toBe(true);
    const validateFit = createAjv().compile(out.schema);
    expect(validateFit(out.data)).toBe(true);
    const broken = structuredClone(out.data);
    delete (broken['G99000010'] as Record<string, unknown>)['F99000011'];
    expect(validateFit(broken)).toBe(false);
  });

  it('unwraps repeated single values back into plain arrays', () => {
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    data['dasVorhaben']!['ortDerDurchfuehrung'] = [{ wert: 'Bürgerhaus' }, { wert: 'Sportplatz Nord' }];
    const out = exportFitConnect(program, data);
    expect((out.data['G99000040'] as Record<string, unknown>)['F99000045']).toEqual(['Bürgerhaus', 'Sportplatz Nord']);
    expect(createAjv().compile(out.schema)(out.data)).toBe(true);
  });

  it('refuses invalid data and programs not imported from FIM', () => {
    expect(() => exportFitConnect(program, { angabenZumVerein: {} })).toThrow(expect.objectContaining({ code: 'SUBMISSION_INVALID' }) as Error);
    const plain = loadProgram({
      id: 'plain', version: '1.0.0', locales: ['de'], title: { de: 'P' },
      forms: { f: { schema: { type: 'object', properties: { a: { type: 'string' } } } } },
      texts: { de: { 'forms.f.title': 'F', 'forms.f.fields.a.label': 'A' } },
    });
    expect(() => exportFitConnect(plain, { a: 'x' })).toThrow(FimError);
  });
});

describe.skipIf(!hasSharedFim)('exportFitConnect on the real files (from ../shared/fim)', () => {
  let program: Program;
  let schema: Schema;
  beforeAll(() => {
    const { program: definition } = importFim(readSharedFim('BlaueKarte.xml'));
    program = loadProgram(definition);
    schema = formSchema(definition);
  });

  it('keys the data of BlaueKarte.xml by FIM ids, and gives a schema that accepts the data', () => {
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

  it('unwraps the repeated Straße of simple.xml back into a plain array', () => {
    const xml = readSharedFim('xdatenfelder-ts-v3/simple.xml').toString('utf8').replace('<xdf:anzahl>1:1</xdf:anzahl>', '<xdf:anzahl>1:2</xdf:anzahl>');
    const p = loadProgram(importFim(xml).program);
    const out = exportFitConnect(p, { strassenanschrift: { strasse: [{ wert: 'A-Weg' }, { wert: 'B-Weg' }] } });
    expect(out.data).toEqual({ G60000000086: { F60000000243: ['A-Weg', 'B-Weg'] } });
    expect(createAjv().compile(out.schema)(out.data)).toBe(true);
  });
});
