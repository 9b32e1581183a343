// The rules of the Hundesteuer fixture, one of each kind the rule reader knows, imported as conditions and
// checked both ways with `validate`: while a rule's condition holds its target is required (or shown, or
// hidden), while it does not, not. The fixture lies in one folder with its two code lists and a text file,
// as people download them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAjv, loadProgram, validate } from '@civicflow/core';
import { importFim } from './import-fim.js';
import { exportFitConnect } from './export-fit-connect.js';
import { dateCondition } from './apply-rules.js';
import { fixturesDir } from './test-support/fim-files.js';

type Data = Record<string, Record<string, unknown>>;
const folder = path.join(fixturesDir, 'hundesteuer');
const schemaFile = path.join(folder, 'hundesteuer.xml');
const folderFiles = readdirSync(folder).map((name) => ({ name, content: readFileSync(path.join(folder, name)) }));
const { program: definition, report } = importFim(readFileSync(schemaFile), { codelistFiles: folderFiles.filter((f) => f.name !== 'hundesteuer.xml') });
const program = loadProgram(definition);

/**
 * Data every rule leaves alone: an adult owner under 65, a mixed-breed dog, not dangerous, alone, kept since
 * 2026, no reduction, no direct debit, the notice by e-mail.
 */
function base(): Data {
  return {
    angabenZurHalterinOderZumHalter: { familienname: 'Berger', geburtsdatum: '1980-04-02' },
    angabenZumHund: { nameDesHundes: 'Bello', rasse: '01', gefaehrlicherHund: false, anzahlDerHundeImHaushalt: 1, haltungSeit: '2026-03-01' },
    ermaessigungUndZahlung: { ermaessigungBeantragt: false, zahlungPerLastschrift: false, eMailAdresseFuerDenBescheid: 'berger@example.org' },
  };
}
const problems = (data: unknown) => validate(program, 'antrag', data).errors.map((e) => `${e.pointer} ${e.code}`);
const with_ = (change: (d: Data) => void): Data => {
  const d = base();
  change(d);
  return d;
};

describe('rules of the Hundesteuer fixture', () => {
  it('applies every rule of a kind the reader knows, and reports the others with id, text and reason', () => {
    expect(report.rules.map((r) => `${r.id} ${r.status}`)).toEqual([
      'R99000301 applied',
      'R99000302 applied',
      'R99000303 applied',
      'R99000304 applied',
      'R99000305 applied',
      'R99000306 not-understood',
      'R99000307 applied',
      'R99000308 applied',
      'R99000309 not-applied',
      'R99000310 applied',
      'R99000311 applied',
      'R99000312 applied',
      'R99000313 applied',
      'R99000314 applied',
    ]);
    expect(report.ruleSummary).toEqual({ applied: 12, total: 14, share: 12 / 14 });
    const age = report.rules.find((r) => r.id === 'R99000309')!;
    expect(age.reason).toEqual({ code: 'RULE_AGE_NO_DAY', params: { id: 'F99000302', years: 18 } });
    expect(age.note).toContain('names no day to count it on');
    expect(report.warnings.filter((w) => w.code.startsWith('RULE_')).map((w) => `${w.code} ${w.fimId}`)).toEqual(['RULE_NOT_UNDERSTOOD R99000306', 'RULE_NOT_APPLIED R99000309']);
    expect(report.rules.find((r) => r.id === 'R99000306')).toMatchObject({ text: 'Die Chipnummer besteht aus 15 Ziffern.', note: 'it has no "wenn" (if) clause' });
  });

  it('accepts the data no rule is about', () => {
    expect(problems(base())).toEqual([]);
  });

  it('R99000301: "03 Sonstiges" (code and label) makes the group of the other breed required, with its own required field', () => {
    expect(problems(with_((d) => (d.angabenZumHund!['rasse'] = '02')))).toEqual([]);
    expect(problems(with_((d) => (d.angabenZumHund!['rasse'] = '03')))).toContain('/angabenZumHund/angabenZurSonstigenRasse required');
    expect(problems(with_((d) => Object.assign(d.angabenZumHund!, { rasse: '03', beschreibungDerRasse: 'Pudelmix', angabenZurSonstigenRasse: {} })))).toEqual([
      '/angabenZumHund/angabenZurSonstigenRasse/herkunftDerRasse required',
    ]);
    expect(problems(with_((d) => Object.assign(d.angabenZumHund!, { rasse: '03', beschreibungDerRasse: 'Pudelmix', angabenZurSonstigenRasse: { herkunftDerRasse: 'Frankreich' } })))).toEqual([]);
  });

  it('R99000302: a label ("Sonstiges") or a code ("04"), joined by "oder", makes a field required', () => {
    for (const rasse of ['03', '04']) {
      expect(problems(with_((d) => Object.assign(d.angabenZumHund!, { rasse, angabenZurSonstigenRasse: { herkunftDerRasse: 'Irland' } })))).toEqual([
        '/angabenZumHund/beschreibungDerRasse required',
      ]);
    }
    expect(problems(with_((d) => (d.angabenZumHund!['rasse'] = '01')))).toEqual([]);
  });

  it('R99000303: a ticked yes/no field makes a group required', () => {
    expect(problems(with_((d) => (d.angabenZumHund!['gefaehrlicherHund'] = true)))).toEqual(['/angabenZumHund/sachkundenachweis required']);
    expect(problems(with_((d) => Object.assign(d.angabenZumHund!, { gefaehrlicherHund: true, sachkundenachweis: { nachweisDerSachkunde: 'JVBERi0xLjQK' } })))).toEqual([]);
  });

  it('R99000304: a number of at least 2 shows a field, which is dropped while fewer', () => {
    const one = validate(program, 'antrag', with_((d) => (d.ermaessigungUndZahlung!['namenDerWeiterenHunde'] = 'Rex')));
    expect(one.valid).toBe(true);
    expect((one.data as Data).ermaessigungUndZahlung).not.toHaveProperty('namenDerWeiterenHunde');
    const two = validate(program, 'antrag', with_((d) => {
      d.angabenZumHund!['anzahlDerHundeImHaushalt'] = 2;
      d.ermaessigungUndZahlung!['namenDerWeiterenHunde'] = 'Rex';
    }));
    expect(two.valid).toBe(true);
    expect((two.data as Data).ermaessigungUndZahlung!['namenDerWeiterenHunde']).toBe('Rex');
  });

  it('R99000305: a date before 01.01.2026 makes a field required; the day itself and later do not', () => {
    expect(problems(with_((d) => (d.angabenZumHund!['haltungSeit'] = '2025-12-31')))).toEqual(['/angabenZumHund/chipnummer required']);
    expect(problems(with_((d) => (d.angabenZumHund!['haltungSeit'] = '1999-06-15')))).toEqual(['/angabenZumHund/chipnummer required']);
    expect(problems(with_((d) => (d.angabenZumHund!['haltungSeit'] = '2026-01-01')))).toEqual([]);
    expect(problems(with_((d) => Object.assign(d.angabenZumHund!, { haltungSeit: '2025-12-31', chipnummer: '276098100123456' })))).toEqual([]);
  });

  it('R99000307: "entfällt" hides a group while a yes/no field is no, so its data is neither checked nor sent', () => {
    const no = validate(program, 'antrag', with_((d) => (d.ermaessigungUndZahlung!['angabenZurErmaessigung'] = { grundDerErmaessigung: 'xx' })));
    expect(no.errors).toEqual([]);
    expect((no.data as Data).ermaessigungUndZahlung).not.toHaveProperty('angabenZurErmaessigung');
    expect(problems(with_((d) => Object.assign(d.ermaessigungUndZahlung!, { ermaessigungBeantragt: true, angabenZurErmaessigung: { grundDerErmaessigung: 'xx' } })))).toEqual([
      '/ermaessigungUndZahlung/angabenZurErmaessigung/grundDerErmaessigung enum',
    ]);
  });

  it('R99000310, R99000311: "ja" makes a group required, "nein" hides it, so its data is neither checked nor sent', () => {
    const yesNo = (lastschrift: boolean, bank?: object) => with_((d) => Object.assign(d.ermaessigungUndZahlung!, { zahlungPerLastschrift: lastschrift }, bank ? { bankverbindung: bank } : {}));
    expect(problems(yesNo(true))).toEqual(['/ermaessigungUndZahlung/bankverbindung required']);
    expect(problems(yesNo(true, {}))).toEqual(['/ermaessigungUndZahlung/bankverbindung/iBAN required']);
    expect(problems(yesNo(true, { iBAN: 'DE02120300000000202051' }))).toEqual([]);
    expect(problems(yesNo(false))).toEqual([]);
    const no = validate(program, 'antrag', yesNo(false, { iBAN: 'DE02120300000000202051' }));
    expect(no.errors).toEqual([]);
    expect((no.data as Data).ermaessigungUndZahlung).not.toHaveProperty('bankverbindung');
  });

  it('R99000312: "entweder … oder" asks for exactly one of a field and a group, in the words of the choice', () => {
    const address = { strasseUndHausnummer: 'Am Markt 1', postleitzahlUndOrt: '12345 Lindenau' };
    const withNotice = (email: string | undefined, post: object | undefined) =>
      with_((d) => {
        delete d.ermaessigungUndZahlung!['eMailAdresseFuerDenBescheid'];
        Object.assign(d.ermaessigungUndZahlung!, email ? { eMailAdresseFuerDenBescheid: email } : {}, post ? { postanschriftFuerDenBescheid: post } : {});
      });
    expect(problems(withNotice('berger@example.org', undefined))).toEqual([]);
    expect(problems(withNotice(undefined, address))).toEqual([]);
    const none = validate(program, 'antrag', withNotice(undefined, undefined)).errors;
    expect(none.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/ermaessigungUndZahlung/eMailAdresseFuerDenBescheid required', '/ermaessigungUndZahlung/postanschriftFuerDenBescheid required']);
    expect(none[0]!.message).toBe('Bitte geben Sie entweder „E-Mail-Adresse für den Bescheid“ oder „Postanschrift für den Bescheid“ an.');
    const both = validate(program, 'antrag', withNotice('berger@example.org', address)).errors;
    expect(both.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/ermaessigungUndZahlung/eMailAdresseFuerDenBescheid falseSchema', '/ermaessigungUndZahlung/postanschriftFuerDenBescheid falseSchema']);
    expect(both[1]!.message).toBe('Bitte geben Sie nur eines an: „E-Mail-Adresse für den Bescheid“ oder „Postanschrift für den Bescheid“.');
    // An empty group is not given.
    expect(problems(withNotice('berger@example.org', {}))).not.toContain('/ermaessigungUndZahlung/eMailAdresseFuerDenBescheid falseSchema');
  });

  it('R99000313: an age on the day a date field names ("zum Zeitpunkt") below 18 makes a field required', () => {
    const owner = (geburtsdatum: string, name?: string) =>
      with_((d) => {
        d.angabenZurHalterinOderZumHalter!['geburtsdatum'] = geburtsdatum;
        if (name) d.ermaessigungUndZahlung!['nameDerErziehungsberechtigtenPerson'] = name;
      });
    // The dog is kept since 2026-03-01: born 2008-03-01 is 18 that day, born a day later 17.
    expect(problems(owner('2008-03-02'))).toEqual(['/ermaessigungUndZahlung/nameDerErziehungsberechtigtenPerson required']);
    expect(problems(owner('2010-05-01'))).toEqual(['/ermaessigungUndZahlung/nameDerErziehungsberechtigtenPerson required']);
    expect(problems(owner('2008-03-01'))).toEqual([]);
    expect(problems(owner('2008-03-02', 'Anna Berger'))).toEqual([]);
    const result = validate(program, 'antrag', owner('2008-03-02'));
    expect((result.data as Data).angabenZurHalterinOderZumHalter!['alterAmTagHaltungSeit']).toBe(17);
  });

  it('R99000314: an age on a date the rule names ("am 01.01.2026") of at least 65 shows a field, which is dropped while younger', () => {
    const owner = (geburtsdatum: string) =>
      validate(program, 'antrag', with_((d) => {
        d.angabenZurHalterinOderZumHalter!['geburtsdatum'] = geburtsdatum;
        d.ermaessigungUndZahlung!['rentenausweis'] = 'JVBERi0xLjQK';
      }));
    expect((owner('1961-01-01').data as Data).ermaessigungUndZahlung!['rentenausweis']).toBe('JVBERi0xLjQK');
    expect((owner('1961-01-02').data as Data).ermaessigungUndZahlung).not.toHaveProperty('rentenausweis');
    expect(owner('1961-01-02').valid).toBe(true);
  });

  it('R99000309: an age without a day is applied on the day the import is given (ageOn), and refused as no day otherwise', () => {
    const withDay = importFim(readFileSync(schemaFile), { codelistFiles: folderFiles.filter((f) => f.name !== 'hundesteuer.xml'), ageOn: '2026-06-30' });
    expect(withDay.report.rules.find((r) => r.id === 'R99000309')).toMatchObject({ status: 'applied' });
    const p = loadProgram(withDay.program);
    // The dog is kept from 2026-07-01, so R99000313 (18 on that day) leaves all of these alone.
    const born = (geburtsdatum: string) =>
      validate(p, 'antrag', with_((d) => {
        d.angabenZurHalterinOderZumHalter!['geburtsdatum'] = geburtsdatum;
        d.angabenZumHund!['haltungSeit'] = '2026-07-01';
      })).errors.map((e) => `${e.pointer} ${e.code}`);
    expect(born('2008-07-01')).toEqual(['/ermaessigungUndZahlung/nameDerErziehungsberechtigtenPerson required']);
    expect(born('2008-06-30')).toEqual([]);
    expect(born('1980-04-02')).toEqual([]);
    expect(() => importFim(readFileSync(schemaFile), { ageOn: '2026-02-30' })).toThrow(expect.objectContaining({ code: 'AGE_ON_INVALID' }));
  });

  it('R99000308: "nicht … bzw. …" with "ist nicht auszufüllen" hides a field unless one of two codes is chosen', () => {
    const reduction = (grund: string) =>
      validate(program, 'antrag', with_((d) => Object.assign(d.ermaessigungUndZahlung!, { ermaessigungBeantragt: true, angabenZurErmaessigung: { grundDerErmaessigung: grund, nachweisUeberDieAusbildungDesHundes: 'JVBERi0xLjQK' } })));
    expect((reduction('01').data as Data).ermaessigungUndZahlung!['angabenZurErmaessigung']).toEqual({ grundDerErmaessigung: '01' });
    for (const grund of ['02', '03']) {
      expect((reduction(grund).data as Data).ermaessigungUndZahlung!['angabenZurErmaessigung']).toEqual({ grundDerErmaessigung: grund, nachweisUeberDieAusbildungDesHundes: 'JVBERi0xLjQK' });
    }
  });

  it('names the rule of every condition in x-fim-rule', () => {
    const json = JSON.stringify(definition);
    const named = [...json.matchAll(/"x-fim-rule":"(R\d+)"/g)].map((m) => m[1]);
    expect([...new Set(named)].sort()).toEqual(report.rules.filter((r) => r.status === 'applied').map((r) => r.id).sort());
    const forms = definition['forms'] as Record<string, { schema: { allOf: Record<string, unknown>[] } }>;
    expect(forms['antrag']!.schema.allOf.map((c) => c['x-fim-rule'])).toEqual([
      'R99000301', 'R99000302', 'R99000303', 'R99000305', 'R99000310', 'R99000312', 'R99000312', 'R99000312', 'R99000313',
    ]);
  });

  it('exports to FIT-Connect with every field named by its FIM id, and a schema whose conditions do the same', () => {
    const data = with_((d) => Object.assign(d.angabenZumHund!, { rasse: '03', beschreibungDerRasse: 'Pudelmix', angabenZurSonstigenRasse: { herkunftDerRasse: 'Frankreich' } }));
    const out = exportFitConnect(program, data);
    const keys = (v: unknown): string[] => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.entries(v).flatMap(([k, x]) => [k, ...keys(x)]) : []);
    expect(keys(out.data).every((k) => /^[FG]\d+$/.test(k))).toBe(true);
    expect((out.data['G99000310'] as Record<string, unknown>)['G99000320']).toEqual({ F99000321: 'Frankreich' });
    const check = createAjv().compile(out.schema);
    expect(check(out.data)).toBe(true);
    const broken = structuredClone(out.data);
    delete (broken['G99000310'] as Record<string, unknown>)['G99000320'];
    expect(check(broken)).toBe(false);
    expect(JSON.stringify(out.schema)).toContain('"x-fim-rule":"R99000301"');
    expect(JSON.stringify(out.schema)).not.toMatch(/"(angabenZumHund|rasse)"/);
    // The derived ages are not FIM fields: neither they nor the conditions on them go to FIT-Connect.
    expect(JSON.stringify(out.data)).not.toContain('alter');
    expect(JSON.stringify(out.schema)).not.toMatch(/alterAm|R99000313|R99000314/);
    expect(JSON.stringify(out.schema)).toContain('"x-fim-rule":"R99000312"');
  });
});

describe('code lists from a folder as people keep it', () => {
  it('uses the genericode lists, skips every other file with the reason, and lists what was resolved', () => {
    const all = importFim(readFileSync(schemaFile), { codelistFiles: folderFiles });
    expect(all.report.codeLists).toEqual({
      resolved: ['urn:example:lindenau:hunderasse_2', 'urn:example:lindenau:ermaessigungsgrund_1'],
      unresolved: [],
      skipped: [
        { name: 'LIESMICH.txt', code: 'NOT_XML', reason: 'it is not XML' },
        { name: 'hundesteuer.xml', code: 'XDATENFELDER', reason: 'it is an XDatenfelder document, not a code list' },
      ],
    });
    expect(all.report.warnings.filter((w) => w.code.startsWith('CODELIST'))).toEqual([]);
  });

  it('names the references no list matched, and uses another version of a list with a warning', () => {
    const rasse = folderFiles.find((f) => f.name === 'hunderasse.xml')!.content.toString('utf8').replace(/<Version>2</, '<Version>3<').replace('hunderasse_2<', 'hunderasse_3<');
    const { report: r } = importFim(readFileSync(schemaFile), { codelistFiles: [{ name: 'hunderasse-3.xml', content: rasse }] });
    expect(r.codeLists.resolved).toEqual(['urn:example:lindenau:hunderasse_2']);
    expect(r.codeLists.unresolved).toEqual(['urn:example:lindenau:ermaessigungsgrund_1']);
    expect(r.warnings.filter((w) => w.code.startsWith('CODELIST')).map((w) => `${w.code} ${w.fimId}`)).toEqual(['CODELIST_VERSION_DIFFERS F99000311', 'CODELIST_MISSING F99000341']);
    // Without its code list, a rule on the field's values is read but not applied.
    expect(r.rules.find((x) => x.id === 'R99000308')).toMatchObject({ status: 'not-applied' });
    expect(r.rules.find((x) => x.id === 'R99000308')!.note).toContain('code list of F99000341 was not supplied');
  });
});

describe('dateCondition', () => {
  it('orders every day of a few years against a date exactly as the calendar does', () => {
    const ajv = createAjv();
    const days: string[] = [];
    for (let t = Date.UTC(2023, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    for (const date of ['2026-01-01', '2025-12-31', '2024-02-29', '2019-10-09', '2030-09-19']) {
      for (const comparator of ['<', '<=', '>', '>='] as const) {
        const check = ajv.compile(dateCondition(comparator, date));
        const wrong = days.filter((d) => check(d) !== (comparator === '<' ? d < date : comparator === '<=' ? d <= date : comparator === '>' ? d > date : d >= date));
        expect(wrong, `${comparator} ${date}`).toEqual([]);
      }
    }
  });
});

describe('rules in XDatenfelder 3.0.0: typ and ziel', () => {
  const field = (id: string, datentyp: string) =>
    `<xdf:struktur><xdf:anzahl>0:1</xdf:anzahl><xdf:enthaelt><xdf:datenfeld><xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Feld ${id}</xdf:name><xdf:feldart><code>input</code></xdf:feldart><xdf:datentyp><code>${datentyp}</code></xdf:datentyp></xdf:datenfeld></xdf:enthaelt></xdf:struktur>`;
  const rule = (id: string, typ: string, text: string, ziel = '') =>
    `<xdf:regel><xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Regel ${id}</xdf:name><xdf:freitextRegel>${text}</xdf:freitextRegel><xdf:typ><code>${typ}</code></xdf:typ>${ziel}</xdf:regel>`;
  const xml = (rules: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xdf:xdatenfelder.datenfeldgruppe.0103 xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
  <xdf:datenfeldgruppe><xdf:identifikation><xdf:id>G60000000100</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation><xdf:name>Gruppe</xdf:name>
  ${rules}${field('F60000000101', 'bool')}${field('F60000000102', 'text')}${field('F60000000103', 'num')}${field('F60000000104', 'date')}</xdf:datenfeldgruppe>
</xdf:xdatenfelder.datenfeldgruppe.0103>`;

  it('acts on the ziel when the text names no target, and refuses a calculation (typ B)', () => {
    const { program: d, report: r } = importFim(
      xml(
        rule('R60000000101', 'V', 'Ist auszufüllen, wenn F60000000101 bejaht wurde.', '<xdf:ziel element="F60000000102" name="ziel"/>') +
          rule('R60000000102', 'B', 'Wenn F60000000101 bejaht wurde, ist F60000000103 auszufüllen.'),
      ),
    );
    expect(r.rules.map((x) => `${x.id} ${x.status}`)).toEqual(['R60000000101 applied', 'R60000000102 not-understood']);
    expect(r.rules[1]!.note).toContain('Regeltyp B');
    const p = loadProgram(d);
    expect(validate(p, 'antrag', { feldF60000000101: true }).errors.map((e) => `${e.pointer} ${e.code}`)).toEqual(['/feldF60000000102 required']);
    expect(validate(p, 'antrag', { feldF60000000101: false }).valid).toBe(true);
  });

  it('says why a rule that was read does not fit the fields it names', () => {
    const { report: r, program: d } = importFim(
      xml(
        rule('R60000000103', 'K', 'Wenn F60000000102 mindestens 3 ist, ist F60000000103 auszufüllen.') +
          rule('R60000000104', 'K', 'Wenn F60000000103 bejaht wurde, ist F60000000102 auszufüllen.') +
          rule('R60000000105', 'K', 'Wenn F60000000101 bejaht wurde, ist F60000000999 auszufüllen.') +
          rule('R60000000106', 'K', 'Wenn F60000000103 größer als 2,5 ist, ist F60000000102 auszufüllen.') +
          rule('R60000000107', 'K', 'Wenn das Alter laut F60000000104 zum Zeitpunkt F60000000102 mindestens 18 Jahre beträgt, ist F60000000103 auszufüllen.') +
          rule('R60000000108', 'K', 'Wenn das Alter laut F60000000103 am 01.01.2026 mindestens 18 Jahre beträgt, ist F60000000102 auszufüllen.'),
      ),
    );
    expect(r.rules.map((x) => `${x.id} ${x.status}: ${x.note}`)).toEqual([
      'R60000000103 not-applied: it compares F60000000102 with the number 3, but F60000000102 is not a number field',
      'R60000000104 not-applied: the condition asks for yes or no, but F60000000103 is not a yes/no field',
      'R60000000105 not-applied: F60000000999 is not part of this schema',
      'R60000000106 applied: feldF60000000102 required when feldF60000000103 > 2.5',
      'R60000000107 not-applied: it counts an age on the day F60000000102 names, but F60000000102 is not a date field',
      'R60000000108 not-applied: it counts an age on a day it names, but F60000000103 is not a date of birth to count from',
    ]);
    // A rule not applied adds no derived age to the form.
    expect(JSON.stringify(d)).not.toContain('x-derived');
  });
});
