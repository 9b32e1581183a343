import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadProgram } from '@civicflow/core';
import { formLayout } from '@civicflow/core/runtime';
import { exampleProgram, fixtureProgram, runCli, tempDir } from './test-support/run-cli.js';

const example = exampleProgram('zweite-chance');
const mini = fixtureProgram('mini');
const broken = fixtureProgram('broken');

/** Writes a program text to a temporary file and returns its path. */
function writeTemp(text: string, name = 'program.json'): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, text);
  return file;
}

describe('civicflow check on the Zweite Chance example', () => {
  it('finds no problem and prints the summary line', async () => {
    const { code, stdout, stderr } = await runCli(['check', 'examples/zweite-chance/program.json']);
    const program = loadProgram(readFileSync(example, 'utf8'));
    const forms = Object.values(program.definition.forms);
    const fields = forms.reduce((sum, form) => sum + formLayout(form).fields.length, 0);
    expect(forms.length).toBeGreaterThan(1);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toBe(`OK zweite-chance@1.0.0: ${forms.length} forms, ${fields} fields, locales de, en, hash ${program.hash}\n`);
  });

  it('reports each problem of a broken copy on the line where it is', async () => {
    const original = readFileSync(example, 'utf8');
    const edits: [string, string][] = [
      ['"minLength": 1,', '"minLenght": 1,'],
      ['{"field": "givenName", "autocomplete": "given-name"}', '{"field": "givenNme", "autocomplete": "given-name"}'],
      ['      "forms.intake.fields.person.givenName.label": "Given name",\n', ''],
    ];
    let text = original;
    for (const [from, to] of edits) {
      expect(text.includes(from), from).toBe(true);
      text = text.replace(from, to);
    }
    const file = writeTemp(text);
    const { code, stdout } = await runCli(['check', file, '--json']);
    expect(code).toBe(1);
    const { problems } = JSON.parse(stdout) as { problems: { code: string; pointer: string; line: number; column: number }[] };
    const lines = text.split('\n');
    const at = (p: { line: number; column: number }) => lines[p.line - 1]!.slice(p.column - 1);
    expect(problems.map((p) => p.code).sort()).toEqual(['FORM_SCHEMA_INVALID', 'TEXT_MISSING', 'UI_FIELD_UNKNOWN']);
    for (const p of problems) {
      if (p.code === 'FORM_SCHEMA_INVALID') expect(at(p)).toMatch(/^"minLenght": 1,/);
      if (p.code === 'UI_FIELD_UNKNOWN') expect(at(p)).toMatch(/^"field": "givenNme"/);
      // The missing text has no place of its own; it is shown at the English texts.
      if (p.code === 'TEXT_MISSING') expect(at(p)).toMatch(/^"en": \{/);
    }
  });

  // Issue 22, break 9: such a schema loaded, and then every validation threw "Maximum call stack size exceeded".
  it('refuses references the validator cannot run, on the line of the keyword', async () => {
    const original = readFileSync(example, 'utf8');
    const from = '"intake": {\n      "schema": {\n        "type": "object",\n';
    expect(original.includes(from)).toBe(true);
    const text = original.replace(from, `${from}        "allOf": [{"$ref": "#"}],\n        "$dynamicAnchor": "form",\n`);
    const file = writeTemp(text);
    const { code, stdout } = await runCli(['check', file]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toEqual([
      `${file}:16:9: SCHEMA_DYNAMIC_REF /forms/intake/schema/$dynamicAnchor: "$dynamicAnchor" is not supported: where it leads depends on the path that led there, which the validator follows only in part (some schemas make it loop for any data), and the form cannot be laid out from it. Use "$ref" to a fixed place in "$defs".`,
      `1 problem in ${file}`,
    ]);
    const loop = writeTemp(original.replace(from, `${from}        "allOf": [{"$ref": "#"}],\n`));
    const checked = await runCli(['check', loop]);
    expect(checked.stdout).toContain(`${loop}:15:20: SCHEMA_REF_LOOP /forms/intake/schema/allOf/0/$ref: This "$ref" leads back to where it started`);
  });
});

describe('civicflow check', () => {
  it('prints a one-line summary with forms, fields, locales and hash, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['check', mini]);
    const hash = loadProgram(readFileSync(mini, 'utf8')).hash;
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`OK mini@1.2.0: 2 forms, 13 fields, locales de, en, hash ${hash}\n`);
  });

  it('speaks German with --locale de', async () => {
    const { code, stdout } = await runCli(['check', mini, '--locale', 'de']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^OK mini@1\.2\.0: 2 Formulare, 13 Felder, Sprachen de, en, Hash [0-9a-f]{64}\n$/);
  });

  it('reports every problem with its code, pointer, line and column, and exits 1', async () => {
    const { code, stdout } = await runCli(['check', 'packages/cli/src/fixtures/broken/program.json']);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    const file = 'packages/cli/src/fixtures/broken/program.json';
    expect(lines).toEqual([
      `${file}:11:39: FORM_SCHEMA_INVALID /forms/intake/schema/properties/name/minLenght: The form schema cannot be compiled: unknown keyword "minLenght".`,
      expect.stringMatching(new RegExp(`^${file}:12:43: PATTERN_UNSAFE /forms/intake/schema/properties/postcode/pattern: The pattern`)),
      `${file}:19:71: UI_FIELD_UNKNOWN /forms/intake/ui/pages/0/fields/3: The field "nickname" does not exist in the form schema.`,
      // The missing text cannot be located itself, so it is placed at the locale's texts.
      `${file}:32:5: TEXT_MISSING /texts/en/forms.intake.fields.postcode.label: The text "forms.intake.fields.postcode.label" is missing for locale "en".`,
      `4 problems in ${file}`,
    ]);
  });

  it('places each problem on the text it names', async () => {
    const text = readFileSync(broken, 'utf8').split('\n');
    const { stdout } = await runCli(['check', broken, '--json']);
    const report = JSON.parse(stdout) as { problems: { pointer: string; line: number; column: number }[] };
    const expected: Record<string, string> = {
      '/forms/intake/schema/properties/name/minLenght': '"minLenght"',
      '/forms/intake/schema/properties/postcode/pattern': '"pattern"',
      '/forms/intake/ui/pages/0/fields/3': '"nickname"',
      '/texts/en/forms.intake.fields.postcode.label': '"en"',
    };
    expect(report.problems.map((p) => p.pointer).sort()).toEqual(Object.keys(expected).sort());
    for (const p of report.problems) {
      expect(text[p.line - 1]!.slice(p.column - 1).startsWith(expected[p.pointer]!), p.pointer).toBe(true);
    }
  });

  it('reports problems in German with --locale de', async () => {
    const { code, stdout } = await runCli(['check', broken, '--locale', 'de']);
    expect(code).toBe(1);
    expect(stdout).toContain('UI_FIELD_UNKNOWN /forms/intake/ui/pages/0/fields/3: Das Feld „nickname“ gibt es im Formularschema nicht.');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(`4 Probleme in ${broken}`);
  });

  it('reports every way a definition misses the program format', async () => {
    const file = writeTemp('{\n  "id": "Not An Id",\n  "locales": [],\n  "title": {},\n  "forms": 3\n}\n');
    const { code, stdout } = await runCli(['check', file, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { ok: boolean; problems: { code: string; pointer: string; line: number; column: number }[] };
    expect(report.ok).toBe(false);
    const byPointer = new Map(report.problems.map((p) => [p.pointer, p]));
    expect(report.problems.every((p) => p.code === 'SCHEMA_INVALID')).toBe(true);
    expect(byPointer.get('/id')).toMatchObject({ line: 2, column: 3 });
    expect(byPointer.get('/locales')).toMatchObject({ line: 3, column: 3 });
    expect(byPointer.get('/forms')).toMatchObject({ line: 5, column: 3 });
    // "version" is missing, so it lands on the document itself.
    expect(byPointer.get('/version')).toMatchObject({ line: 1, column: 1 });
  });

  it('prints a machine-readable summary with --json', async () => {
    const { code, stdout } = await runCli(['check', mini, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      ok: true,
      problems: [],
      program: { id: 'mini', version: '1.2.0', ref: 'mini@1.2.0', locales: ['de', 'en'], forms: { intake: { fields: 11, pages: 2 }, follow_up: { fields: 2, pages: 1 } } },
    });
    expect(report.program.hash).toBe(loadProgram(readFileSync(mini, 'utf8')).hash);
  });

  it('exits 2 with a clear message for a file that does not exist', async () => {
    const { code, stdout, stderr } = await runCli(['check', 'no/such/program.json']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('cannot read no/such/program.json: there is no such file\n');
  });

  it('exits 2 for a directory', async () => {
    const { code, stderr } = await runCli(['check', 'packages']);
    expect(code).toBe(2);
    expect(stderr).toContain('it is a directory');
  });

  it('exits 2 and shows where a file stops being JSON', async () => {
    const file = writeTemp('{\n  "id": "x",\n  "forms": { "a": 1, }\n}\n');
    const { code, stderr } = await runCli(['check', file]);
    expect(code).toBe(2);
    expect(stderr).toBe(`${file}:3:22: not valid JSON: expected a property name in double quotes, found character "}"\n`);
  });

  it('reports a file that is not JSON as JSON too, with --json', async () => {
    const file = writeTemp('id: x\n');
    const { code, stdout } = await runCli(['check', file, '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ ok: false, error: { code: 'NOT_JSON', line: 1, column: 1 } });
  });

  it('reads a file that starts with a byte order mark', async () => {
    const file = writeTemp('\uFEFF' + readFileSync(mini, 'utf8'));
    const { code } = await runCli(['check', file]);
    expect(code).toBe(0);
  });
});

describe('civicflow check on the locales of a program', () => {
  /** The Zweite Chance example with one more locale and some of its texts. */
  function withLocale(locale: string, texts: Record<string, string>, title?: string): string {
    type Def = { locales: string[]; texts: Record<string, Record<string, string>>; title: Record<string, string>; description: Record<string, string> };
    const def = JSON.parse(readFileSync(example, 'utf8')) as Def;
    def.locales.push(locale);
    def.texts[locale] = texts;
    if (title) def.title[locale] = def.description[locale] = title;
    return writeTemp(JSON.stringify(def, null, 2));
  }

  it('tells the texts missing in a language in one line per locale, with the count and the first keys', async () => {
    const de = (JSON.parse(readFileSync(example, 'utf8')) as { texts: { de: Record<string, string> } }).texts.de;
    const keys = Object.keys(de);
    const given = Object.fromEntries(keys.slice(0, 10).map((k) => [k, `ar ${k}`]));
    const file = withLocale('ar', given, 'فرصة ثانية');
    const { code, stdout } = await runCli(['check', file]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    const missing = keys.slice(10);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${file}:\\d+:\\d+: TEXT_MISSING /texts/ar: ${missing.length} texts are missing for locale "ar", the first: `));
    const named = lines[0]!.split('the first: ')[1]!.split(', ');
    expect(named).toHaveLength(6);
    expect(named.pop()).toBe('…');
    for (const key of named) expect(missing).toContain(key);
    // The count line still counts every missing text, as --json lists each.
    expect(lines[1]).toBe(`${missing.length} problems in ${file}`);
    const json = JSON.parse((await runCli(['check', file, '--json'])).stdout) as { problems: unknown[] };
    expect(json.problems).toHaveLength(missing.length);
  });

  it('accepts Leichte Sprache with some texts and says which ones are shown in German', async () => {
    const file = withLocale('de-x-ls', { 'forms.intake.title': 'Anmelden bei Zweite Chance' });
    const { code, stdout } = await runCli(['check', file, '--locale', 'de']);
    expect(code).toBe(0);
    const [summary, note] = stdout.trimEnd().split('\n');
    expect(summary).toMatch(/^OK zweite-chance@1\.0\.0: .*Sprachen de, en, de-x-ls, Hash /);
    const de = Object.keys((JSON.parse(readFileSync(example, 'utf8')) as { texts: { de: Record<string, string> } }).texts.de);
    expect(note).toMatch(new RegExp(`^de-x-ls: ${de.length - 1} Texte werden in de gezeigt, sie sind für de-x-ls nicht geschrieben, die ersten: `));
    expect(note).not.toContain('forms.intake.title,');
    const json = JSON.parse((await runCli(['check', file, '--json'])).stdout) as { program: { textsFromFallback: Record<string, { from: string; keys: string[] }> } };
    expect(json.program.textsFromFallback['de-x-ls']!.from).toBe('de');
    expect(json.program.textsFromFallback['de-x-ls']!.keys).toHaveLength(de.length - 1);
  });
});
