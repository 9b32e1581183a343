import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadProgram } from '@civicflow/core';
import { repoRoot } from '@civicflow/test-support';
import { runCli, tempDir } from './test-support/run-cli.js';

// The project's own FIM schemas (invented), with the genericode lists they are given beside them.
const fixtures = path.join(repoRoot, 'packages/fim/src/test-support/fixtures');
const zuschuss = path.join(fixtures, 'vereinszuschuss/vereinszuschuss.xml');
const fest = path.join(fixtures, 'vereinsfest/vereinsfest.xml');
// A schema kept in one folder with its two code lists and a text file, as people download them.
const hundesteuerDir = path.join(fixtures, 'hundesteuer');
// Real FIM files are shared between checkouts and read where they lie, never copied into the repository;
// a clone without them skips the tests that need them.
const fim = path.resolve(repoRoot, '../shared/fim');
const hasSharedFim = existsSync(fim);

describe('civicflow import-fim', () => {
  it('writes a program that passes the checks and prints the report', async () => {
    const out = path.join(tempDir(), 'vereinszuschuss.json');
    const { code, stdout, stderr } = await runCli(['import-fim', zuschuss, '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote .*vereinszuschuss\.json: FIM S99000001 1\.2 \(XDatenfelder 2\.0\), 22 fields in 5 groups, 1 of 2 rules applied\n$/);
    expect(stderr).toContain('warning CODELIST_MISSING F99000014: the code list urn:example:lindenau:rechtsform_3 was not supplied');
    expect(stderr).toContain('warning CODELIST_MISSING F99000017: the code list urn:example:lindenau:vereinszweck_1 was not supplied');
    const program = loadProgram(JSON.parse(readFileSync(out, 'utf8')));
    expect(program.id).toBe('fim-s99000001');
  });

  it('reads genericode code lists from --codelists', async () => {
    const dir = tempDir();
    const lists = path.join(dir, 'codelists');
    mkdirSync(lists);
    copyFileSync(path.join(fixtures, 'vereinszuschuss/rechtsform.xml'), path.join(lists, 'rechtsform.xml'));
    const out = path.join(dir, 'p.json');
    const { code, stderr } = await runCli(['import-fim', zuschuss, '--codelists', lists, '-o', out]);
    expect(code).toBe(0);
    expect(stderr).not.toContain('F99000014');
    expect(stderr).toContain('F99000017');
    expect(readFileSync(out, 'utf8')).toContain('"forms.antrag.fields.angabenZumVerein.rechtsform.options.ev": "eingetragener Verein"');
  });

  it('reads --codelists from the folder that also holds the schema, skipping the files that are no code lists', async () => {
    const out = path.join(tempDir(), 'hundesteuer.json');
    const { code, stdout, stderr } = await runCli(['import-fim', path.join(hundesteuerDir, 'hundesteuer.xml'), '--codelists', hundesteuerDir, '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/FIM S99000003 1\.0 \(XDatenfelder 2\.0\), 24 fields in 8 groups, 12 of 14 rules applied\n$/);
    expect(stderr.split('\n').filter((l) => l !== '')).toEqual([
      `skipped ${path.join(hundesteuerDir, 'LIESMICH.txt')} among the code lists: it is not XML`,
      'rule R99000306 not understood (it has no "wenn" (if) clause): Die Chipnummer besteht aus 15 Ziffern.',
      `rule R99000309 read but not applied (it compares the age given by the date F99000302 with 18 years but names no day to count it on, and today's date cannot be part of a condition; name the day in the rule, or pass it with ageOn / --age-on): Wenn die Person laut F99000302 "Geburtsdatum" jünger als 18 Jahre ist, wird F99000352 zur Pflichtangabe.`,
    ]);
    const written = readFileSync(out, 'utf8');
    expect(written).toContain('"forms.antrag.fields.angabenZumHund.rasse.options.03": "Sonstiges"');
    expect(written).toContain('"x-fim-rule": "R99000301"');
  });

  it('says in German which files it skipped and which code lists stayed unresolved', async () => {
    const dir = tempDir();
    copyFileSync(path.join(hundesteuerDir, 'hundesteuer.xml'), path.join(dir, 'hundesteuer.xml'));
    copyFileSync(path.join(hundesteuerDir, 'hunderasse.xml'), path.join(dir, 'hunderasse.xml'));
    writeFileSync(path.join(dir, 'notiz.xml'), '<notiz>Codelisten herunterladen</notiz>');
    mkdirSync(path.join(dir, 'alt'));
    const { code, stderr } = await runCli(['import-fim', 'hundesteuer.xml', '--codelists', '.', '-o', 'p.json', '--locale', 'de'], dir);
    expect(code).toBe(0);
    expect(stderr).toContain('notiz.xml unter den Codelisten übersprungen: Das ist XML, aber keine Genericode-Codeliste');
    expect(stderr).not.toContain('hundesteuer.xml unter');
    expect(stderr).toContain('keine Codeliste angegeben für urn:example:lindenau:ermaessigungsgrund_1');
    expect(stderr).toContain('Regel R99000308 gelesen, aber nicht übernommen');
  });

  it('applies both rules of the Vereinsfest, "entweder … oder" among them', async () => {
    const out = path.join(tempDir(), 'vereinsfest.json');
    const { code, stdout, stderr } = await runCli(['import-fim', fest, '-o', out, '--locale', 'de']);
    expect(code).toBe(0);
    expect(stdout).toContain('FIM S99000200 2.1.0 (XDatenfelder 3.0.0)');
    expect(stdout).toContain('2 von 2 Regeln übernommen');
    expect(stderr).not.toContain('Regel');
  });

  it('lists the rules it did not understand or apply with id, text and the reason, in German when asked', async () => {
    const out = path.join(tempDir(), 'hundesteuer.json');
    const { code, stderr } = await runCli(['import-fim', path.join(hundesteuerDir, 'hundesteuer.xml'), '--codelists', hundesteuerDir, '-o', out, '--locale', 'de']);
    expect(code).toBe(0);
    expect(stderr).toContain('Regel R99000306 nicht verstanden (Sie hat keinen Wenn-Satz): Die Chipnummer besteht aus 15 Ziffern.');
    expect(stderr).toContain('Regel R99000309 gelesen, aber nicht übernommen (Sie vergleicht das Alter nach dem Datum F99000302 mit 18 Jahren, nennt aber keinen Stichtag');
    const english = await runCli(['import-fim', path.join(hundesteuerDir, 'hundesteuer.xml'), '--codelists', hundesteuerDir, '-o', out]);
    expect(english.stderr).toContain('rule R99000306 not understood (it has no "wenn" (if) clause): Die Chipnummer besteht aus 15 Ziffern.');
  });

  it('counts ages on the day --age-on names, and refuses a day the calendar does not have', async () => {
    const out = path.join(tempDir(), 'hundesteuer.json');
    const { code, stdout, stderr } = await runCli(['import-fim', path.join(hundesteuerDir, 'hundesteuer.xml'), '--codelists', hundesteuerDir, '--age-on', '2026-06-30', '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toContain('13 of 14 rules applied');
    expect(stderr).not.toContain('R99000309');
    expect(readFileSync(out, 'utf8')).toContain(`"x-derived": "ageAt(angabenZurHalterinOderZumHalter.geburtsdatum, '2026-06-30')"`);
    const bad = await runCli(['import-fim', path.join(hundesteuerDir, 'hundesteuer.xml'), '--age-on', '30.06.2026', '-o', out, '--locale', 'de']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--age-on „30.06.2026“ ist kein Tag in der Form JJJJ-MM-TT');
  });

  it('exits with 2 and a clear message for a file that is not XDatenfelder, and for a missing -o', async () => {
    const dir = tempDir();
    const bad = path.join(dir, 'bad.xml');
    writeFileSync(bad, '<root xmlns="urn:example"><a/></root>');
    const run = await runCli(['import-fim', bad, '-o', path.join(dir, 'p.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not XDatenfelder 2.0');
    expect(run.stderr).toContain('[NOT_XDATENFELDER]');
    const usage = await runCli(['import-fim', bad]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('the output file is missing');
    const missing = await runCli(['import-fim', path.join(dir, 'nope.xml'), '-o', path.join(dir, 'p.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('there is no such file');
  });
});

describe.skipIf(!hasSharedFim)('civicflow import-fim on the real files (from ../shared/fim)', () => {
  it('writes a program from BlaueKarte.xml that passes the checks and prints the report', async () => {
    const out = path.join(tempDir(), 'blaue-karte.json');
    const { code, stdout, stderr } = await runCli(['import-fim', path.join(fim, 'BlaueKarte.xml'), '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote .*blaue-karte\.json: FIM S00000121 1\.0 \(XDatenfelder 2\.0\), \d+ fields in \d+ groups, 3 of 3 rules applied\n$/);
    expect(stderr).toContain('warning CODELIST_MISSING F00000065: the code list urn:xpersonenstand:schluesseltabelle:geschlecht_2 was not supplied');
    const program = loadProgram(JSON.parse(readFileSync(out, 'utf8')));
    expect(program.id).toBe('fim-s00000121');
  });

  it('reads a genericode code list for BlaueKarte.xml from --codelists', async () => {
    const dir = tempDir();
    const lists = path.join(dir, 'codelists');
    mkdirSync(lists);
    writeFileSync(
      path.join(lists, 'geschlecht.xml'),
      `<gc:CodeList xmlns:gc="http://docs.oasis-open.org/codelist/ns/genericode/1.0/"><Identification><ShortName>g</ShortName><Version>2</Version>
<CanonicalUri>urn:xpersonenstand:schluesseltabelle:geschlecht</CanonicalUri><CanonicalVersionUri>urn:xpersonenstand:schluesseltabelle:geschlecht_2</CanonicalVersionUri></Identification>
<ColumnSet><Column Id="code"/><Column Id="name"/><Key Id="k"><ColumnRef Ref="code"/></Key></ColumnSet>
<SimpleCodeList><Row><Value ColumnRef="code"><SimpleValue>x</SimpleValue></Value><Value ColumnRef="name"><SimpleValue>unbekannt</SimpleValue></Value></Row></SimpleCodeList></gc:CodeList>`,
    );
    const out = path.join(dir, 'p.json');
    const { code, stderr } = await runCli(['import-fim', path.join(fim, 'BlaueKarte.xml'), '--codelists', lists, '-o', out]);
    expect(code).toBe(0);
    expect(stderr).not.toContain('F00000065');
    expect(readFileSync(out, 'utf8')).toContain('"forms.antrag.fields.persoenlicheAngabenZumAntragsteller.geschlecht.options.x": "unbekannt"');
  });

  it('lists the rule of simple.xml it could not apply with id, text and the reason, in German when asked', async () => {
    const out = path.join(tempDir(), 'simple.json');
    const { code, stderr } = await runCli(['import-fim', path.join(fim, 'xdatenfelder-ts-v3/simple.xml'), '-o', out, '--locale', 'de']);
    expect(code).toBe(0);
    expect(stderr).toContain('Regel R60000000019 gelesen, aber nicht übernommen (G60000087 gehört nicht zu diesem Schema)');
    expect(stderr).toContain('Es muss entweder Feldgruppe G60000086');
  });
});
