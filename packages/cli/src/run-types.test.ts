import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { interfaceNameOf } from './generate-types.js';
import { exampleCases } from '@civicflow/test-support';
import { exampleProgram, fixtureProgram, runCli, tempDir } from './test-support/run-cli.js';

const example = exampleProgram('zweite-chance');
const mini = fixtureProgram('mini');

/** Type-checks `files` (name → source) together with the generated declarations; returns errors by file and line. */
function typeCheck(declarations: string, files: Record<string, string>): string[] {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'types.d.ts'), declarations);
  for (const [name, source] of Object.entries(files)) writeFileSync(path.join(dir, name), source);
  const program = ts.createProgram(
    [path.join(dir, 'types.d.ts'), ...Object.keys(files).map((f) => path.join(dir, f))],
    { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [] },
  );
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${path.basename(d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '?';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}

// Each type check runs the TypeScript compiler with its libraries: seconds on a quiet machine, more than the default
// half minute on a busy one.
const COMPILES = { timeout: 120_000 };

/** The parts of the mini fixture the tests change. */
interface MiniDefinition {
  locales: string[];
  forms: Record<string, { schema: { properties: Record<string, unknown> }; ui: { pages: { fields: unknown[] }[] } }>;
  texts: Record<string, Record<string, string>>;
}

/** A copy of the mini fixture, changed by `edit`, written to a temporary file. */
function editedMini(edit: (definition: MiniDefinition) => void): string {
  const definition = JSON.parse(readFileSync(mini, 'utf8')) as MiniDefinition;
  edit(definition);
  const file = path.join(tempDir(), 'program.json');
  writeFileSync(file, JSON.stringify(definition, null, 2));
  return file;
}

describe('interfaceNameOf', () => {
  it('turns a form id into a PascalCase name ending in Data', () => {
    expect(interfaceNameOf('intake')).toBe('IntakeData');
    expect(interfaceNameOf('follow_up')).toBe('FollowUpData');
    expect(interfaceNameOf('planB')).toBe('PlanBData');
  });
});

describe('civicflow types on the Zweite Chance example', COMPILES, () => {
  it('types the intake so that the data of every valid case compiles, and wrong data does not', async () => {
    const out = path.join(tempDir(), 'zweite-chance.d.ts');
    const { code, stdout } = await runCli(['types', 'examples/zweite-chance/program.json', '-o', out]);
    expect(code).toBe(0);
    const formIds = Object.keys((JSON.parse(readFileSync(example, 'utf8')) as { forms: object }).forms);
    expect(formIds).toContain('intake');
    expect(stdout).toBe(`Wrote ${out} (${formIds.map(interfaceNameOf).join(', ')})\n`);
    const declarations = readFileSync(out, 'utf8');
    // Cases whose hidden fields are dropped hold data that is valid only once they are gone; the types
    // describe data as validation returns it.
    const valid = exampleCases('zweite-chance').filter((c) => c.form === 'intake' && c.expect.valid && !c.expect.dropped?.length);
    expect(valid.length).toBeGreaterThan(2);
    const good = valid.map((c, i) => `export const case${i}: IntakeData = ${JSON.stringify(c.data)};`).join('\n');
    expect(typeCheck(declarations, { 'good.ts': `import type { IntakeData } from './types.js';\n${good}\n` })).toEqual([]);

    const bad = `import type { IntakeData } from './types.js';
type Contact = IntakeData['contact'];
export const a: Contact['addressStatus'] = 'maybe';
export const b: IntakeData['person'] = { givenName: 'A', familyName: 'B' };
export const c: IntakeData['household'] = [{ relation: 'partner', firstName: 'Ewa', birthYear: '1988' }];
`;
    expect(typeCheck(declarations, { 'bad.ts': bad }).map((e) => e.split(' ')[0])).toEqual(['bad.ts:3', 'bad.ts:4', 'bad.ts:5']);
  });

  it('documents the fields with their German labels', async () => {
    const { stdout } = await runCli(['types', example]);
    const program = JSON.parse(readFileSync(example, 'utf8')) as { texts: Record<string, Record<string, string>> };
    const label = program.texts['de']!['forms.intake.fields.person.givenName.label']!;
    expect(stdout).toContain(`     * ${label}\n     *\n     * @personalData\n     * @retention P3Y\n     */\n    givenName: string;`);
  });
});

describe('civicflow types on Gemeinsam für Hagen', () => {
  it('names the law that obliges keeping a field beside its retention', async () => {
    const { code, stdout } = await runCli(['types', exampleProgram('gemeinsam-fuer-hagen')]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ \* @personalData\n\s+\* @retention P10Y\n\s+\* @retentionBasis Art\. 82 Verordnung \(EU\) 2021\/1060\n\s+\*\/\n\s+givenName: string;/);
  });
});

describe('civicflow types', COMPILES, () => {
  it('writes declarations that compile and accept valid form data', async () => {
    const out = path.join(tempDir(), 'types', 'mini.d.ts');
    const { code, stdout } = await runCli(['types', mini, '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${out} (IntakeData, FollowUpData)\n`);
    const errors = typeCheck(readFileSync(out, 'utf8'), {
      'good.ts': `import type { Forms, IntakeData } from './types.js';
const intake: IntakeData = {
  name: 'Ada Lovelace', email: 'ada@example.org', housing: 'none', contactPoint: 'Bahnhofsmission',
  address: { street: 'Hauptstr. 1', postcode: '12345' }, household: [{ firstName: 'Bo', age: 3 }], consent: true,
};
export const forms: Forms = { intake, follow_up: { outcome: 'job', note: 'fine' } };
`,
    });
    expect(errors).toEqual([]);
  });

  it('types each field so that wrong data does not compile', async () => {
    const { stdout } = await runCli(['types', mini]);
    const errors = typeCheck(stdout, {
      'bad.ts': `import type { FollowUpData, IntakeData } from './types.js';
export const a: IntakeData = { name: 'A', housing: 'castle', consent: true };
export const b: IntakeData = { name: 42, housing: 'flat', consent: true };
export const c: IntakeData = { housing: 'flat', consent: true };
export const d: IntakeData = { name: 'A', housing: 'flat', consent: true, nickname: 'x' };
export const e: IntakeData = { name: 'A', housing: 'flat', consent: false };
export const f: IntakeData = { name: 'A', housing: 'flat', consent: true, household: [{ age: 3 }] };
export const g: FollowUpData = { outcome: 'job', note: 1 };
`,
    });
    const lines = errors.map((e) => e.split(' ')[0]);
    expect(lines).toEqual(['bad.ts:2', 'bad.ts:3', 'bad.ts:4', 'bad.ts:5', 'bad.ts:6', 'bad.ts:7', 'bad.ts:8']);
  });

  it('documents fields with their labels in the first locale and marks personal data', async () => {
    const { code, stdout } = await runCli(['types', mini]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/\/\*\*\n \* Aufnahme\n \*\/\nexport interface IntakeData \{/);
    expect(stdout).toContain('   * Vor- und Nachname\n   *\n   * @personalData\n   * @retention P2Y\n   */\n  name: string;');
    expect(stdout).toContain('     * Straße und Hausnummer\n     */\n    street?: string;');
    expect(stdout).toContain('     * Vorname\n     */\n    firstName: string;');
    expect(stdout).toContain('export interface FollowUpData {');
    expect(stdout).not.toContain('Full name');
  });

  it('puts the labels in the first locale the program declares', async () => {
    const file = editedMini((d) => {
      d.locales = ['en', 'de'];
    });
    const { stdout } = await runCli(['types', file]);
    expect(stdout).toContain('   * Full name\n');
    expect(stdout).not.toContain('Vor- und Nachname');
  });

  it('works offline: remote references become unknown and x- keywords are left out', async () => {
    const file = editedMini((d) => {
      const props = d.forms.intake!.schema.properties;
      props.extra = { $ref: 'https://json-schema.org/draft/2020-12/schema', 'x-fim-id': 'F60000227' };
      props.home = { $ref: '#/$defs/address', 'x-personal-data': true };
      d.forms.intake!.ui.pages[0]!.fields.push('extra', 'home');
      for (const [locale, texts] of Object.entries(d.texts)) {
        texts['forms.intake.fields.extra.label'] = `Extra ${locale}`;
        texts['forms.intake.fields.home.label'] = `Home ${locale}`;
        texts['forms.intake.fields.home.street.label'] = `Home street ${locale}`;
        texts['forms.intake.fields.home.postcode.label'] = `Home postcode ${locale}`;
      }
    });
    const { code, stdout, stderr } = await runCli(['types', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('   * Extra de\n   */\n  extra?: unknown;');
    expect(stdout).not.toContain('x-fim-id');
    // Two fields that share a definition keep their own labels.
    expect(stdout).toContain('     * Home street de\n');
    expect(stdout).toContain('     * Straße und Hausnummer\n');
    expect(typeCheck(stdout, { 'use.ts': `import type { IntakeData } from './types.js';\nexport const x: IntakeData['home'] = { street: 'a' };\n` })).toEqual([]);
  });

  it('refuses two forms that would get the same interface name', async () => {
    const file = editedMini((d) => {
      d.forms.followUp = d.forms.follow_up!;
      for (const texts of Object.values(d.texts)) {
        for (const [key, value] of Object.entries(texts)) if (key.startsWith('forms.follow_up.')) texts[key.replace('follow_up', 'followUp')] = value;
      }
    });
    const { code, stderr } = await runCli(['types', file]);
    expect(code).toBe(1);
    expect(stderr).toContain('the forms "follow_up" and "followUp" would both be typed as FollowUpData');
  });

  it('prints the problems of a broken program, exits 1 and writes nothing', async () => {
    const out = path.join(tempDir(), 'broken.d.ts');
    const broken = fixtureProgram('broken');
    const { code, stdout, stderr } = await runCli(['types', broken, '-o', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${broken}:19:71: UI_FIELD_UNKNOWN /forms/intake/ui/pages/0/fields/3:`);
    expect(existsSync(out)).toBe(false);
  });

  it('exits 2 when the output cannot be written', async () => {
    const blocker = path.join(tempDir(), 'file');
    writeFileSync(blocker, '');
    const { code, stderr } = await runCli(['types', mini, '-o', path.join(blocker, 'types.d.ts')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^cannot write .*types\.d\.ts: /);
  });
});
