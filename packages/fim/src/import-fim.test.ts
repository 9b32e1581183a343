import { beforeAll, describe, expect, it } from 'vitest';
import { loadProgram, validate, type Program } from '@civicflow/core';
import { importFim } from './import-fim.js';
import { FimError } from './errors.js';
import { latinPattern, timePattern } from './map-field.js';
import type { ImportReport } from './report.js';
import { hasSharedFim, minimalData, readFixture, readSharedFim } from './test-support/fim-files.js';

type Schema = Record<string, unknown>;
const formSchema = (definition: Schema) => (definition['forms'] as Record<string, { schema: Schema }>)['antrag']!.schema;
const props = (schema: Schema) => schema['properties'] as Record<string, Schema>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

const geschlechtGenericode = `<?xml version="1.0" encoding="UTF-8"?>
<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/">
  <Identification>
    <ShortName>geschlecht</ShortName><Version>2</Version>
    <CanonicalUri>urn:xpersonenstand:schluesseltabelle:geschlecht</CanonicalUri>
    <CanonicalVersionUri>urn:xpersonenstand:schluesseltabelle:geschlecht_2</CanonicalVersionUri>
  </Identification>
  <ColumnSet>
    <Column Id="Schluessel" Use="required"><ShortName>Schluessel</ShortName><Data Type="string"/></Column>
    <Column Id="Wert" Use="required"><ShortName>Wert</ShortName><Data Type="string"/></Column>
    <Key Id="SchluesselKey"><ShortName>SchluesselKey</ShortName><ColumnRef Ref="Schluessel"/></Key>
  </ColumnSet>
  <SimpleCodeList>
    <Row><Value ColumnRef="Schluessel"><SimpleValue>m</SimpleValue></Value><Value ColumnRef="Wert"><SimpleValue>männlich</SimpleValue></Value></Row>
    <Row><Value ColumnRef="Schluessel"><SimpleValue>w</SimpleValue></Value><Value ColumnRef="Wert"><SimpleValue>weiblich</SimpleValue></Value></Row>
    <Row><Value ColumnRef="Schluessel"><SimpleValue>d</SimpleValue></Value><Value ColumnRef="Wert"><SimpleValue>divers</SimpleValue></Value></Row>
  </SimpleCodeList>
</gc:CodeList>`;

const texts = (definition: Schema) => (definition['texts'] as Record<string, Record<string, string>>)['de']!;
const pagesOf = (definition: Schema) => (definition['forms'] as Record<string, { ui: { pages: { id: string; fields: unknown[] }[] } }>)['antrag']!.ui.pages;
const fixtureLists = (folder: string, file: string) => [readFixture(`${folder}/${file}`).toString('utf8')];

describe('importFim on the Vereinszuschuss fixture (XDatenfelder 2.0)', () => {
  const { program: definition, report } = importFim(readFixture('vereinszuschuss/vereinszuschuss.xml'), { codelists: fixtureLists('vereinszuschuss', 'rechtsform.xml') });
  const program: Program = loadProgram(definition);
  const schema = formSchema(definition);
  const verein = props(schema)['angabenZumVerein']!;
  const vorhaben = props(schema)['dasVorhaben']!;

  it('yields a program that loadProgram accepts, with German texts and the schema id and version', () => {
    expect(program.id).toBe('fim-s99000001');
    expect(program.locales).toEqual(['de']);
    expect(program.version).toBe('1.2.0');
    expect(schema['x-fim-id']).toBe('S99000001');
    expect(schema['x-fim-version']).toBe('1.2');
    expect(report).toMatchObject({ standard: '2.0', fimId: 'S99000001', fimVersion: '1.2', fields: 22, groups: 5 });
    expect(texts(definition)['forms.antrag.title']).toBe('Antrag auf Zuschuss für Vereinsarbeit');
    expect(texts(definition)['forms.antrag.fields.angabenZumVerein.nameDesVereins.label']).toBe('Name des Vereins');
    expect(texts(definition)['forms.antrag.fields.angabenZumVerein.nameDesVereins.help']).toBe('Wie im Vereinsregister oder in der Satzung.');
    expect(texts(definition)['forms.antrag.fields.angabenZumVerein.anschriftDesVereins.help']).toBe('Die Anschrift, an die der Bescheid geht.');
  });

  it('maps groups and nested groups to objects in their order, one page per top-level group', () => {
    expect(Object.keys(props(schema))).toEqual(['angabenZumVerein', 'mitgliedDesVorstands', 'dasVorhaben', 'anlagen', 'ichVersichereDassDieAngabenRichtigSind']);
    expect(Object.keys(props(verein))).toEqual(['nameDesVereins', 'nummerImVereinsregister', 'gegruendetAm', 'rechtsform', 'anzahlDerMitglieder', 'zweckDesVereins', 'anschriftDesVereins']);
    const anschrift = props(verein)['anschriftDesVereins']!;
    expect(anschrift).toMatchObject({ type: 'object', additionalProperties: false, 'x-fim-id': 'G99000020', required: ['strasseUndHausnummer', 'postleitzahl', 'ort'] });
    expect(pagesOf(definition).map((p) => p.id)).toEqual(['angabenZumVerein', 'mitgliedDesVorstands', 'dasVorhaben', 'anlagen', 'angaben']);
  });

  it('maps anzahl 1:1 to required, 0:1 to optional, 2:5 and 1:* to arrays with their limits', () => {
    expect(schema['required']).toEqual(['angabenZumVerein', 'mitgliedDesVorstands', 'dasVorhaben', 'anlagen', 'ichVersichereDassDieAngabenRichtigSind']);
    expect(verein['required']).toContain('nameDesVereins');
    expect(verein['required']).not.toContain('nummerImVereinsregister');
    expect(props(schema)['mitgliedDesVorstands']).toMatchObject({ type: 'array', 'x-fim-id': 'G99000030', minItems: 2, maxItems: 5, items: { type: 'object', required: ['vorname', 'familienname'] } });
    const orte = props(vorhaben)['ortDerDurchfuehrung']!;
    expect(orte).toMatchObject({ type: 'array', 'x-fim-id': 'F99000045', minItems: 1, items: { properties: { wert: { type: 'string', minLength: 2, maxLength: 80 } }, required: ['wert'] } });
    expect(orte).not.toHaveProperty('maxItems');
  });

  it('maps every Datentyp of the file and reads praezisierung from its JSON string of string numbers', () => {
    expect(props(verein)['nameDesVereins']).toEqual({ 'x-fim-id': 'F99000011', type: 'string', minLength: 2, maxLength: 80 });
    expect(props(verein)['gegruendetAm']).toEqual({ 'x-fim-id': 'F99000013', type: 'string', format: 'date' });
    expect(props(verein)['anzahlDerMitglieder']).toEqual({ 'x-fim-id': 'F99000015', type: 'integer', minimum: 3, maximum: 50000 });
    expect(props(vorhaben)['beantragterZuschussInEuro']).toEqual({ 'x-fim-id': 'F99000042', type: 'number', minimum: 50, maximum: 5000 });
    expect(props(vorhaben)['eigenanteilInProzent']).toEqual({ 'x-fim-id': 'F99000043', type: 'number', minimum: 0, maximum: 100 });
    expect(props(vorhaben)['habenSieFuerDasVorhabenWeitereFoerderung']).toEqual({ 'x-fim-id': 'F99000046', type: 'boolean', enum: [true, false] });
    expect(props(props(schema)['anlagen']!)['satzungDesVereins']).toEqual({ 'x-fim-id': 'F99000051', type: 'string', contentEncoding: 'base64' });
    expect(report.warnings.map((w) => w.code)).not.toContain('PRAEZISIERUNG_INVALID');
  });

  it('shows a Feldart label as help text of the next field', () => {
    expect(Object.keys(props(verein))).not.toContain('hinweis');
    expect(texts(definition)['forms.antrag.fields.angabenZumVerein.zweckDesVereins.help']).toBe('Gefördert wird nur Arbeit, die allen Einwohnerinnen und Einwohnern offensteht.');
    expect(report.warnings.filter((w) => w.code === 'LABEL_AS_HELP').map((w) => w.fimId)).toEqual(['F99000016']);
  });

  it('turns the genericode list beside the file into choices, and a list not supplied into free text with a warning', () => {
    expect(props(verein)['rechtsform']).toEqual({ 'x-fim-id': 'F99000014', type: 'string', enum: ['ev', 'nev', 'ggmbh'] });
    expect(texts(definition)['forms.antrag.fields.angabenZumVerein.rechtsform.options.nev']).toBe('nicht eingetragener Verein');
    expect(props(verein)['zweckDesVereins']).toEqual({ 'x-fim-id': 'F99000017', type: 'string' });
    const missing = report.warnings.filter((w) => w.code === 'CODELIST_MISSING');
    expect(missing.map((w) => w.fimId)).toEqual(['F99000017']);
    expect(missing[0]!.message).toContain('urn:example:lindenau:vereinszweck_1');
    const without = importFim(readFixture('vereinszuschuss/vereinszuschuss.xml'));
    expect(without.report.warnings.filter((w) => w.code === 'CODELIST_MISSING').map((w) => w.fimId)).toEqual(['F99000014', 'F99000017']);
    expect(props(props(formSchema(without.program))['angabenZumVerein']!)['rechtsform']).toEqual({ 'x-fim-id': 'F99000014', type: 'string' });
  });

  it('accepts minimal valid data and rejects data that breaks a limit or misses a required field', () => {
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    expect(validate(program, 'antrag', data).errors).toEqual([]);
    const tooShort = clone(data);
    tooShort['angabenZumVerein']!['nameDesVereins'] = 'A';
    expect(validate(program, 'antrag', tooShort).errors.map((e) => [e.pointer, e.code])).toEqual([['/angabenZumVerein/nameDesVereins', 'minLength']]);
    const tooMuch = clone(data);
    tooMuch['dasVorhaben']!['beantragterZuschussInEuro'] = 5000.01;
    expect(validate(program, 'antrag', tooMuch).errors.map((e) => [e.pointer, e.code])).toEqual([['/dasVorhaben/beantragterZuschussInEuro', 'maximum']]);
    const missing = clone(data);
    delete missing['angabenZumVerein']!['gegruendetAm'];
    expect(validate(program, 'antrag', missing).errors.map((e) => e.code)).toEqual(['required']);
    const oneBoardMember = clone(data) as Record<string, unknown>;
    oneBoardMember['mitgliedDesVorstands'] = (oneBoardMember['mitgliedDesVorstands'] as unknown[]).slice(0, 1);
    expect(validate(program, 'antrag', oneBoardMember).errors.map((e) => [e.pointer, e.code])).toEqual([['/mitgliedDesVorstands', 'minItems']]);
  });

  it('applies the "nur dann zu befüllen, wenn … bejaht" rule and lists the other one as not understood', () => {
    expect(report.rules.map((r) => [r.id, r.status])).toEqual([
      ['R99000001', 'applied'],
      ['R99000002', 'not-understood'],
    ]);
    expect(report.rules[1]!.text).toBe('Der beantragte Betrag darf die Gesamtkosten des Vorhabens nicht übersteigen.');
    expect(report.warnings.filter((w) => w.code === 'RULE_NOT_UNDERSTOOD').map((w) => w.fimId)).toEqual(['R99000002']);
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    expect(data['dasVorhaben']!['habenSieFuerDasVorhabenWeitereFoerderung']).toBe(false);
    const withSponsor = (answer: boolean) => {
      const d = clone(data);
      d['dasVorhaben'] = { ...d['dasVorhaben'], habenSieFuerDasVorhabenWeitereFoerderung: answer, beiWem: 'Stiftung Lindenauer Bürger' };
      const result = validate(program, 'antrag', d);
      expect(result.errors).toEqual([]);
      return (result.data as Record<string, Record<string, unknown>>)['dasVorhaben'];
    };
    expect(withSponsor(true)).toHaveProperty('beiWem', 'Stiftung Lindenauer Bürger');
    expect(withSponsor(false)).not.toHaveProperty('beiWem');
  });
});

describe('importFim on the Vereinsfest fixture (XDatenfelder 3.0.0)', () => {
  const { program: definition, report } = importFim(readFixture('vereinsfest/vereinsfest.xml'), { codelists: fixtureLists('vereinsfest', 'sprache.xml') });
  const program: Program = loadProgram(definition);
  const schema = formSchema(definition);
  const fest = props(schema)['dasFest']!;
  const person = props(schema)['ansprechperson']!;

  it('reads the Stammdatenschema with its id, version and German texts', () => {
    expect(program.id).toBe('fim-s99000200');
    expect(program.version).toBe('2.1.0');
    expect(report).toMatchObject({ standard: '3.0.0', fimId: 'S99000200', fimVersion: '2.1.0', fields: 22, groups: 5 });
    expect(texts(definition)['forms.antrag.fields.dasFest.nameDesFests.help']).toBe('So, wie er auf Plakaten steht.');
    expect(Object.keys(props(schema))).toEqual(['dasFest', 'ansprechperson', 'personImOrdnerdienst', 'unterlagen', 'eingangskanal', 'aktenzeichen', 'ichBinMitDerVerarbeitungMeinerAngaben']);
  });

  it('maps every v3 Datentyp', () => {
    const p = props(fest);
    expect(p['nameDesFests']).toMatchObject({ type: 'string', pattern: latinPattern, minLength: 3, maxLength: 60 });
    expect(p['tagDesFests']).toEqual({ 'x-fim-id': 'F99000214', type: 'string', format: 'date' });
    expect(p['beginnUhrzeit']).toEqual({ 'x-fim-id': 'F99000215', type: 'string', pattern: timePattern });
    expect(p['erwarteteGaeste']).toEqual({ 'x-fim-id': 'F99000216', type: 'integer', minimum: 1, maximum: 3000 });
    expect(p['eintrittInEuro']).toEqual({ 'x-fim-id': 'F99000217', type: 'number', minimum: 0, maximum: 80 });
    expect(p['flaecheInQuadratmetern']).toEqual({ 'x-fim-id': 'F99000218', type: 'number', minimum: 10, maximum: 20000 });
    expect(props(props(person)['digitaleErreichbarkeit']!)['erreichbarAb']).toEqual({ 'x-fim-id': 'F99000232', type: 'string', format: 'date-time' });
    expect(props(schema)['ichBinMitDerVerarbeitungMeinerAngaben']).toEqual({ 'x-fim-id': 'F99000263', type: 'boolean', enum: [true, false] });
    const unterlagen = props(props(schema)['unterlagen']!);
    expect(unterlagen['lageplan']).toEqual({ 'x-fim-id': 'F99000251', type: 'string', contentEncoding: 'base64' });
    expect(unterlagen['plakat']).toEqual({ 'x-fim-id': 'F99000252', type: 'string', contentEncoding: 'base64' });
    expect(report.warnings.map((w) => w.code)).not.toContain('DATATYPE_UNKNOWN');
  });

  it('maps every Feldart: input, select with its values, label as help, hidden and locked', () => {
    expect(props(fest)['artDesFests']).toEqual({ 'x-fim-id': 'F99000212', type: 'string', enum: ['sport', 'musik', 'anderes'] });
    expect(texts(definition)['forms.antrag.fields.dasFest.artDesFests.options.musik']).toBe('Konzert');
    expect(texts(definition)['forms.antrag.fields.ansprechperson.vorUndFamilienname.help']).toBe('Diese Person muss am Tag des Fests erreichbar sein.');
    expect(report.warnings.filter((w) => w.code === 'LABEL_AS_HELP').map((w) => w.fimId)).toEqual(['F99000221']);
    expect(props(schema)['eingangskanal']).toEqual({ 'x-fim-id': 'F99000261', type: 'string' });
    expect(JSON.stringify(pagesOf(definition).at(-1))).toContain('{"field":"eingangskanal","widget":"hidden"}');
    expect(props(schema)['aktenzeichen']).toEqual({ 'x-fim-id': 'F99000262', type: 'string', readOnly: true });
    expect(report.warnings.map((w) => w.code)).not.toContain('FELDART_UNKNOWN');
  });

  it('reads praezisierung attributes, a pattern anchored as an HTML pattern is', () => {
    expect(props(person)['postleitzahl']).toEqual({ 'x-fim-id': 'F99000224', type: 'string', pattern: '^(?:[0-9]{5})$' });
    expect(props(person)['telefon']).toEqual({ 'x-fim-id': 'F99000223', type: 'string', minLength: 6, maxLength: 20 });
    expect(props(fest)['wasFuerEinFestIstEs']).toEqual({ 'x-fim-id': 'F99000213', type: 'string', maxLength: 200 });
  });

  it('maps 0:1 and 1:* groups and a 2:5 repeated field', () => {
    expect(person['required']).not.toContain('digitaleErreichbarkeit');
    expect(props(person)['digitaleErreichbarkeit']).toMatchObject({ type: 'object', required: ['eMailAdresse'] });
    const ordner = props(schema)['personImOrdnerdienst']!;
    expect(ordner).toMatchObject({ type: 'array', 'x-fim-id': 'G99000240', minItems: 1 });
    expect(ordner).not.toHaveProperty('maxItems');
    const zeiten = props(ordner['items'] as Schema)['einsatzzeit']!;
    expect(zeiten).toMatchObject({ type: 'array', minItems: 2, maxItems: 5, items: { properties: { wert: { pattern: timePattern } } } });
  });

  it('turns the genericode list beside the file into choices, and warns about the one not supplied', () => {
    expect(props(person)['bevorzugteSprache']).toEqual({ 'x-fim-id': 'F99000225', type: 'string', enum: ['de', 'en', 'tr', 'uk'] });
    expect(texts(definition)['forms.antrag.fields.ansprechperson.bevorzugteSprache.options.uk']).toBe('Ukrainisch');
    expect(props(person)['ortsteil']).toEqual({ 'x-fim-id': 'F99000226', type: 'string' });
    expect(report.warnings.filter((w) => w.code === 'CODELIST_MISSING').map((w) => [w.fimId, w.message.includes('urn:example:lindenau:ortsteil_1')])).toEqual([['F99000226', true]]);
  });

  it('applies the "Wenn … den Wert … hat, ist … anzugeben" rule and the "entweder … oder" rule of the whole schema', () => {
    expect(report.rules.map((r) => [r.id, r.status])).toEqual([
      ['R99000202', 'applied'],
      ['R99000201', 'applied'],
    ]);
    expect(report.rules[0]!.note).toBe('exactly one of ansprechperson.telefon, ansprechperson.digitaleErreichbarkeit.eMailAdresse required');
    expect(report.warnings.filter((w) => w.code.startsWith('RULE_'))).toEqual([]);
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    expect(validate(program, 'antrag', data).errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/ansprechperson/telefon required', '/ansprechperson/digitaleErreichbarkeit required']);
    data['ansprechperson']!['telefon'] = '+49 30 1234567';
    expect(validate(program, 'antrag', data).errors).toEqual([]);
    const other = clone(data);
    other['dasFest']!['artDesFests'] = 'anderes';
    expect(validate(program, 'antrag', other).errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/dasFest/wasFuerEinFestIstEs required']);
    other['dasFest']!['wasFuerEinFestIstEs'] = 'Lichterfest';
    expect(validate(program, 'antrag', other).errors).toEqual([]);
  });

  it('validates submissions against the imported limits and patterns', () => {
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    data['ansprechperson']!['telefon'] = '+49 30 1234567';
    const bad = clone(data);
    bad['dasFest']!['nameDesFests'] = 'Fest 🎉';
    bad['dasFest']!['beginnUhrzeit'] = '24:00';
    bad['dasFest']!['erwarteteGaeste'] = 3001;
    bad['ansprechperson']!['postleitzahl'] = '1234';
    bad['ansprechperson']!['bevorzugteSprache'] = 'fr';
    expect(validate(program, 'antrag', bad).errors.map((e) => `${e.pointer} ${e.code}`).sort()).toEqual([
      '/ansprechperson/bevorzugteSprache enum',
      '/ansprechperson/postleitzahl pattern',
      '/dasFest/beginnUhrzeit pattern',
      '/dasFest/erwarteteGaeste maximum',
      '/dasFest/nameDesFests pattern',
    ]);
  });
});

describe.skipIf(!hasSharedFim)('importFim on the real BlaueKarte.xml (XDatenfelder 2.0, from ../shared/fim)', () => {
  let definition: Schema;
  let report: ImportReport;
  let program: Program;
  let schema: Schema;
  let person: Schema;
  beforeAll(() => {
    ({ program: definition, report } = importFim(readSharedFim('BlaueKarte.xml')));
    program = loadProgram(definition);
    schema = formSchema(definition);
    person = props(schema)['persoenlicheAngabenZumAntragsteller']!;
  });

  it('yields a program that loadProgram accepts, with German texts and the schema id and version', () => {
    expect(program.locales).toEqual(['de']);
    expect(schema['x-fim-id']).toBe('S00000121');
    expect(schema['x-fim-version']).toBe('1.0');
    expect(program.version).toBe('1.0.0');
    expect(report).toMatchObject({ standard: '2.0', fimId: 'S00000121', fimVersion: '1.0' });
    const texts = (definition['texts'] as Record<string, Record<string, string>>)['de']!;
    expect(texts['forms.antrag.fields.persoenlicheAngabenZumAntragsteller.familienname.label']).toBe('Familienname');
    expect(texts['forms.antrag.fields.persoenlicheAngabenZumAntragsteller.familienname.help']).toBe('Geben Sie den Nachnamen, Zunamen bzw. Familiennamen an.');
  });

  it('maps groups to objects in their order, anzahl to required, and praezisierung to limits', () => {
    expect(Object.keys(props(person)).slice(0, 3)).toEqual(['titel', 'familienname', 'geburtsname']);
    expect(person['required']).toContain('familienname');
    expect(person['required']).not.toContain('titel');
    expect(props(person)['familienname']).toMatchObject({ 'x-fim-id': 'F00000013', type: 'string', minLength: 1 });
    expect(props(person)['geburtsort']).toMatchObject({ minLength: 1, maxLength: 80 });
    expect(props(person)['lichtbild']).toMatchObject({ type: 'string', contentEncoding: 'base64' });
    const arrays = JSON.stringify(schema).match(/"type":"array"/g) ?? [];
    expect(arrays.length).toBeGreaterThan(0);
  });

  it('warns about every code list it was not given and makes those fields free text', () => {
    const missing = report.warnings.filter((w) => w.code === 'CODELIST_MISSING');
    expect(new Set(missing.map((w) => w.fimId))).toEqual(new Set(['F00000065', 'F00000039', 'F00000038', 'F00000025']));
    expect(missing.find((w) => w.fimId === 'F00000065')!.message).toContain('urn:xpersonenstand:schluesseltabelle:geschlecht_2');
    expect(props(person)['geschlecht']).toEqual({ 'x-fim-id': 'F00000065', type: 'string' });
  });

  it('turns a supplied genericode list into choices with their labels', () => {
    const withList = importFim(readSharedFim('BlaueKarte.xml'), { codelists: [geschlechtGenericode] });
    loadProgram(withList.program);
    const geschlecht = props(props(formSchema(withList.program))['persoenlicheAngabenZumAntragsteller']!)['geschlecht']!;
    expect(geschlecht['enum']).toEqual(['m', 'w', 'd']);
    const texts = (withList.program['texts'] as Record<string, Record<string, string>>)['de']!;
    expect(texts['forms.antrag.fields.persoenlicheAngabenZumAntragsteller.geschlecht.options.w']).toBe('weiblich');
    expect(withList.report.warnings.filter((w) => w.code === 'CODELIST_MISSING').map((w) => w.fimId)).not.toContain('F00000065');
  });

  it('accepts minimal valid data and rejects data that breaks a limit or misses a required field', () => {
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    expect(validate(program, 'antrag', data).errors).toEqual([]);
    const tooShort = clone(data);
    tooShort['persoenlicheAngabenZumAntragsteller']!['familienname'] = '';
    expect(validate(program, 'antrag', tooShort).errors.map((e) => [e.pointer, e.code])).toEqual([['/persoenlicheAngabenZumAntragsteller/familienname', 'minLength']]);
    const missing = clone(data);
    delete missing['persoenlicheAngabenZumAntragsteller']!['geburtsort'];
    expect(validate(program, 'antrag', missing).errors.map((e) => e.code)).toEqual(['required']);
  });

  it('applies the three "nur dann zu befüllen, wenn … bejaht" rules as conditions on the fields', () => {
    expect(report.rules.map((r) => [r.id, r.status])).toEqual([
      ['R00000254', 'applied'],
      ['R00000252', 'applied'],
      ['R00000255', 'applied'],
    ]);
    const data = minimalData(schema) as Record<string, Record<string, unknown>>;
    const vorstrafe = data['angabenZurVorbestrafung']!;
    expect(vorstrafe['sindSieVorbestraft']).toBe(false);
    // The fields are optional (0:1) in FIM; the rule only says when they may be filled in.
    const withCourt = (answer: boolean) => {
      const d = clone(data);
      d['angabenZurVorbestrafung'] = { sindSieVorbestraft: answer, bezeichnungDesGerichts: 'Amtsgericht Mitte' };
      const result = validate(program, 'antrag', d);
      expect(result.errors).toEqual([]);
      return (result.data as Record<string, Record<string, unknown>>)['angabenZurVorbestrafung'];
    };
    // Answered "yes": the court is asked and kept.
    expect(withCourt(true)).toHaveProperty('bezeichnungDesGerichts', 'Amtsgericht Mitte');
    // Answered "no": the court is hidden, so it is dropped rather than sent.
    expect(withCourt(false)).not.toHaveProperty('bezeichnungDesGerichts');
  });
});

describe.skipIf(!hasSharedFim)('importFim on the real xdatenfelder-ts-v3/simple.xml (XDatenfelder 3.0.0, from ../shared/fim)', () => {
  let definition: Schema;
  let report: ImportReport;
  let program: Program;
  beforeAll(() => {
    ({ program: definition, report } = importFim(readSharedFim('xdatenfelder-ts-v3/simple.xml')));
    program = loadProgram(definition);
  });

  it('reads the group message with attribute-style praezisierung', () => {
    expect(report).toMatchObject({ standard: '3.0.0', fimId: 'G60000000088', fimVersion: '1.2.0', fields: 1, groups: 1 });
    const strasse = props(props(formSchema(definition))['strassenanschrift']!)['strasse'];
    expect(strasse).toEqual({ 'x-fim-id': 'F60000000243', type: 'string', minLength: 1, maxLength: 55 });
  });

  it('reads the "entweder … oder" rule, and lists it as not applied since the file lacks one of its groups', () => {
    expect(report.rules).toHaveLength(1);
    expect(report.rules[0]).toMatchObject({ id: 'R60000000019', status: 'not-applied', reason: { code: 'RULE_ID_UNKNOWN', params: { id: 'G60000087' } } });
    expect(report.rules[0]!.text).toContain('Es muss entweder Feldgruppe G60000086');
    expect(report.warnings.map((w) => [w.code, w.fimId])).toEqual([['RULE_NOT_APPLIED', 'R60000000019']]);
  });

  it('validates submissions against the imported limits', () => {
    expect(validate(program, 'antrag', { strassenanschrift: { strasse: 'Hauptstraße' } }).valid).toBe(true);
    expect(validate(program, 'antrag', {}).valid).toBe(true);
    expect(validate(program, 'antrag', { strassenanschrift: { strasse: 'x'.repeat(56) } }).errors.map((e) => e.code)).toEqual(['maxLength']);
    expect(validate(program, 'antrag', { strassenanschrift: {} }).errors.map((e) => e.code)).toEqual(['required']);
  });
});

/** A small v3 group message; `inner` goes inside the outer group's struktur. */
function v3Group(id: string, inner: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<xdf:xdatenfelder.datenfeldgruppe.0103 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
  <xdf:datenfeldgruppe><xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>Außen</xdf:name>${inner}</xdf:datenfeldgruppe>
</xdf:xdatenfelder.datenfeldgruppe.0103>`;
}
const v3Field = (id: string, extra: string) => `<xdf:datenfeld><xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Feld ${id}</xdf:name>${extra}</xdf:datenfeld>`;
const struktur = (anzahl: string, content: string) => `<xdf:struktur><xdf:anzahl>${anzahl}</xdf:anzahl><xdf:enthaelt>${content}</xdf:enthaelt></xdf:struktur>`;

describe('importFim mapping details', () => {
  it('maps Datentypen, inline values, repetition, hidden and locked fields', () => {
    const xml = v3Group(
      'G60000000001',
      struktur('1:1', v3Field('F60000000001', '<xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>text_latin</code></xdf:datentyp><xdf:praezisierung maxLength="20"/>')) +
        struktur('0:1', v3Field('F60000000002', '<xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>time</code></xdf:datentyp>')) +
        struktur('1:3', v3Field('F60000000003', '<xdf:feldart><code>select</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp><xdf:werte><xdf:wert><xdf:code>a</xdf:code><xdf:name>Eins</xdf:name></xdf:wert><xdf:wert><xdf:code>b</xdf:code><xdf:name>Zwei</xdf:name></xdf:wert></xdf:werte>')) +
        struktur('0:*', v3Field('F60000000004', '<xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>num_int</code></xdf:datentyp><xdf:praezisierung minValue="1" maxValue="9"/>')) +
        struktur('0:1', v3Field('F60000000005', '<xdf:feldart><code>hidden</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp>')) +
        struktur('0:1', v3Field('F60000000006', '<xdf:feldart><code>locked</code></xdf:feldart><xdf:datentyp><code>datetime</code></xdf:datentyp>')) +
        struktur('0:1', v3Field('F60000000007', '<xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp><xdf:praezisierung pattern="(a+)+b"/>')),
    );
    const { program: definition, report } = importFim(xml);
    const program = loadProgram(definition);
    const p = props(formSchema(definition));
    expect(Object.keys(p)).toEqual(['feldF60000000001', 'feldF60000000002', 'feldF60000000003', 'feldF60000000004', 'feldF60000000005', 'feldF60000000006', 'feldF60000000007']);
    expect(p['feldF60000000003']).toEqual({ type: 'array', 'x-fim-id': 'F60000000003', uniqueItems: true, items: { type: 'string', enum: ['a', 'b'] }, minItems: 1, maxItems: 3 });
    expect(p['feldF60000000004']).toMatchObject({ type: 'array', items: { properties: { wert: { type: 'integer', minimum: 1, maximum: 9 } } } });
    expect(p['feldF60000000006']).toMatchObject({ format: 'date-time', readOnly: true });
    expect(p['feldF60000000007']).not.toHaveProperty('pattern');
    expect(report.warnings.map((w) => w.code)).toEqual(['PATTERN_UNSAFE']);
    const pages = JSON.stringify((definition['forms'] as Record<string, { ui: unknown }>)['antrag']!.ui);
    expect(pages).toContain('{"field":"feldF60000000005","widget":"hidden"}');
    const ok = { feldF60000000001: 'Łukasz Müller', feldF60000000002: '23:59', feldF60000000003: ['b'], feldF60000000004: [{ wert: 3 }] };
    expect(validate(program, 'antrag', ok).errors).toEqual([]);
    const bad = { feldF60000000001: 'Name 😀', feldF60000000002: '24:00', feldF60000000003: ['c'], feldF60000000004: [{ wert: 10 }] };
    expect(validate(program, 'antrag', bad).errors.map((e) => `${e.pointer} ${e.code}`).sort()).toEqual([
      '/feldF60000000001 pattern',
      '/feldF60000000002 pattern',
      '/feldF60000000003/0 enum',
      '/feldF60000000004/0/wert maximum',
    ]);
  });

  it('turns a "Wenn …, ist … anzugeben" rule on a choice into a conditional requirement', () => {
    const rule = `<xdf:regel><xdf:identifikation><xdf:id>R60000000001</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Sonstiges</xdf:name>
      <xdf:freitextRegel>Wenn "F60000000010 Art" den Wert "Sonstiges" hat, ist "F60000000011 Beschreibung" anzugeben.</xdf:freitextRegel></xdf:regel>`;
    const xml = v3Group(
      'G60000000002',
      rule +
        struktur('1:1', v3Field('F60000000010', '<xdf:feldart><code>select</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp><xdf:werte><xdf:wert><xdf:code>01</xdf:code><xdf:name>Wohnung</xdf:name></xdf:wert><xdf:wert><xdf:code>99</xdf:code><xdf:name>Sonstiges</xdf:name></xdf:wert></xdf:werte>')) +
        struktur('0:1', v3Field('F60000000011', '<xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>text</code></xdf:datentyp>')),
    );
    const { program: definition, report } = importFim(xml);
    const program = loadProgram(definition);
    expect(report.rules).toMatchObject([{ id: 'R60000000001', status: 'applied' }]);
    expect(validate(program, 'antrag', { feldF60000000010: '01' }).valid).toBe(true);
    expect(validate(program, 'antrag', { feldF60000000010: '99' }).errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/feldF60000000011 required']);
    expect(validate(program, 'antrag', { feldF60000000010: '99', feldF60000000011: 'Zelt' }).valid).toBe(true);
  });
});

describe('importFim refuses bad input with a clear error', () => {
  const codeOf = (run: () => unknown): string => {
    try {
      run();
    } catch (e) {
      if (e instanceof FimError) return e.code;
      throw e;
    }
    return 'no error';
  };

  it('reports malformed XML with its line', () => {
    const broken = readFixture('vereinsfest/vereinsfest.xml').toString('utf8').replace('</xdf:name>', '</xdf:nam>');
    let error: FimError | undefined;
    try {
      importFim(broken);
    } catch (e) {
      error = e as FimError;
    }
    expect(error).toBeInstanceOf(FimError);
    expect(error!.code).toBe('XML_MALFORMED');
    expect(error!.detail?.line).toBe(11);
    expect(codeOf(() => importFim('not xml at all'))).toBe('XML_MALFORMED');
  });

  it('refuses a document in another namespace', () => {
    const other = readFixture('vereinsfest/vereinsfest.xml').toString('utf8').replace('urn:xoev-de:fim:standard:xdatenfelder_3.0.0"', 'urn:example:other"');
    expect(codeOf(() => importFim(other))).toBe('NOT_XDATENFELDER');
    expect(codeOf(() => importFim(geschlechtGenericode))).toBe('NOT_XDATENFELDER');
  });

  it('refuses a group that contains itself', () => {
    const self = v3Group('G60000000003', struktur('0:1', `<xdf:datenfeldgruppe><xdf:identifikation><xdf:id>G60000000003</xdf:id></xdf:identifikation><xdf:name>Wieder</xdf:name></xdf:datenfeldgruppe>`));
    expect(codeOf(() => importFim(self))).toBe('STRUCTURE_CYCLE');
  });

  it('refuses a 50 MB file at once, by its size', () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    const started = performance.now();
    expect(codeOf(() => importFim(big))).toBe('XML_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(1000);
    expect(codeOf(() => importFim(readFixture('vereinszuschuss/vereinszuschuss.xml'), { maxBytes: 20_000 }))).toBe('XML_TOO_LARGE');
  });

  it('refuses a DOCTYPE, so an entity bomb never expands', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(codeOf(() => importFim(bomb))).toBe('XML_DOCTYPE');
  });

  it('refuses elements nested deeper than it reads, without overflowing the stack', () => {
    const deep = `<xdf:a xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_2">${'<b>'.repeat(50_000)}${'</b>'.repeat(50_000)}</xdf:a>`;
    expect(['XML_TOO_DEEP', 'XML_MALFORMED']).toContain(codeOf(() => importFim(deep)));
  });
});
