import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadProgram } from '@civicflow/core';
import { repoRoot, runCli, tempDir } from './test-support/run-cli.js';

// The FIM test data is shared between checkouts and read where it lies, never copied into the repository.
const fim = path.resolve(repoRoot, '../shared/fim');

describe('civicflow import-fim', () => {
  it('writes a program that passes the checks and prints the report', async () => {
    const out = path.join(tempDir(), 'blaue-karte.json');
    const { code, stdout, stderr } = await runCli(['import-fim', path.join(fim, 'BlaueKarte.xml'), '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote .*blaue-karte\.json: FIM S00000121 1\.0 \(XDatenfelder 2\.0\), \d+ fields in \d+ groups, 3 of 3 rules applied\n$/);
    expect(stderr).toContain('warning CODELIST_MISSING F00000065: the code list urn:xpersonenstand:schluesseltabelle:geschlecht_2 was not supplied');
    const program = loadProgram(JSON.parse(readFileSync(out, 'utf8')));
    expect(program.id).toBe('fim-s00000121');
  });

  it('reads genericode code lists from --codelists', async () => {
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

  it('lists the rules it did not understand with id and text, in German when asked', async () => {
    const out = path.join(tempDir(), 'simple.json');
    const { code, stderr } = await runCli(['import-fim', path.join(fim, 'xdatenfelder-ts-v3/simple.xml'), '-o', out, '--locale', 'de']);
    expect(code).toBe(0);
    expect(stderr).toContain('Regel R60000000019 nicht verstanden');
    expect(stderr).toContain('Es muss entweder Feldgruppe G60000086');
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
