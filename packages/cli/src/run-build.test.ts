import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { loadProgram, validate } from '@civicflow/core';
import { fromValidatorsModule, useChecks, validateWith, type ChecksModule, type DefinitionDocument, type ProgramDefinition, type TextsDocument, type ValidatorsModule } from '@civicflow/core/runtime';
import { exampleCases } from '@civicflow/test-support';
import { exampleProgram, fixtureProgram, runCli, tempDir } from './test-support/run-cli.js';
import { widgetWordsFile } from './run-build.js';

const mini = fixtureProgram('mini');

describe('civicflow build on the Zweite Chance example', () => {
  it('writes a module that gives every example case its stated outcome, as validate() does', async () => {
    const out = tempDir();
    const { code, stdout } = await runCli(['build', 'examples/zweite-chance/program.json', '-o', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/zweite-chance\.validators\.js\s+[\d.]+ kB\s+gzip\s+[\d.]+ kB\n/);
    const mod = (await import(pathToFileURL(path.join(out, 'zweite-chance.validators.js')).href)) as ValidatorsModule;
    const compiled = fromValidatorsModule(mod);
    const program = loadProgram(readFileSync(path.join(out, 'zweite-chance.program.json'), 'utf8'));
    expect(compiled.program.hash).toBe(program.hash);
    const cases = exampleCases('zweite-chance');
    expect(cases.some((c) => c.expect.valid) && cases.some((c) => !c.expect.valid)).toBe(true);
    for (const c of cases) {
      const result = validateWith(compiled, c.form, c.data, { locale: c.locale });
      expect(result.valid, c.file).toBe(c.expect.valid);
      const key = (e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`;
      expect(result.errors.map(key).sort(), c.file).toEqual((c.expect.errors ?? []).map(key).sort());
      expect(result, c.file).toEqual(validate(program, c.form, c.data, { locale: c.locale }));
    }
  });
});

describe('civicflow build --browser', () => {
  const zweiteChance = exampleProgram('zweite-chance');
  const importModule = async (file: string) => (await import(pathToFileURL(file).href)) as ValidatorsModule;
  const importChecks = async (mod: ValidatorsModule) => (await import(mod.checksUrl!)) as ChecksModule;
  const readDocument = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as DefinitionDocument & { definition: ProgramDefinition };

  it('writes the module for one form and its definition per locale beside it, which validate like validate()', async () => {
    const out = tempDir();
    const { code, stdout, stderr } = await runCli(['build', zweiteChance, '-o', out, '--browser', '--forms', 'intake']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'zweite-chance-intake.checks.js',
      'zweite-chance-intake.de.json',
      'zweite-chance-intake.en.json',
      'zweite-chance-intake.notes.de.json',
      'zweite-chance-intake.notes.en.json',
      'zweite-chance-intake.preload.de.html',
      'zweite-chance-intake.preload.en.html',
      'zweite-chance-intake.texts.de.json',
      'zweite-chance-intake.texts.en.json',
      'zweite-chance-intake.validators.js',
      'zweite-chance.program.json',
    ]);
    for (const name of readdirSync(out)) expect(stdout).toContain(path.join(out, name));

    const program = loadProgram(readFileSync(zweiteChance, 'utf8'));
    const mod = await importModule(path.join(out, 'zweite-chance-intake.validators.js'));
    expect('definition' in mod).toBe(false);
    expect(mod.hash).toBe(program.hash);
    // The forms' validators are a module of their own beside it, which a page imports once a person works on the form.
    expect(Object.keys(mod.validators)).toEqual([]);
    const checks = await importChecks(mod);
    expect(Object.keys(checks.validators)).toEqual(['intake']);
    expect(mod.locales).toEqual(['de', 'en']);
    // The module names the documents beside it, resolved against its own URL, with the version as a query.
    const v = `?v=${program.hash.slice(0, 16)}`;
    expect(mod.definitionUrls).toEqual({
      de: pathToFileURL(path.join(out, 'zweite-chance-intake.de.json')).href + v,
      en: pathToFileURL(path.join(out, 'zweite-chance-intake.en.json')).href + v,
    });
    expect(() => fromValidatorsModule(mod)).toThrow(/definitions beside it/);

    const de = readDocument(path.join(out, 'zweite-chance-intake.de.json'));
    expect(de.hash).toBe(program.hash);
    expect(Object.keys(de.definition.forms)).toEqual(['intake']);
    expect(de.definition.locales).toEqual(['de']);
    expect(Object.keys(de.definition.texts ?? {})).toEqual(['de']);
    expect(readDocument(path.join(out, 'zweite-chance-intake.en.json')).definition.locales).toEqual(['en']);
    // The words are in the documents only: the code is the same for every language.
    const source = readFileSync(path.join(out, 'zweite-chance-intake.validators.js'), 'utf8');
    const label = de.definition.texts?.['de']?.['forms.intake.fields.person.givenName.label'];
    expect(label).toBe('Vorname');
    expect(source).not.toContain(label);

    // The definition holds the first page's words; the error messages are in the texts file, fetched when the person starts.
    expect(de.textsApart).toBe(true);
    expect(Object.keys(de.definition.texts?.['de'] ?? {}).some((k) => k.includes('.errors.'))).toBe(false);
    const texts = JSON.parse(readFileSync(path.join(out, 'zweite-chance-intake.texts.de.json'), 'utf8')) as TextsDocument;
    const compiled = fromValidatorsModule(mod, { definition: de, texts });
    useChecks(compiled, checks);
    const cases = exampleCases('zweite-chance').filter((c) => c.form === 'intake' && c.locale === 'de');
    const valid = cases.find((c) => c.file === 'valid-fixed-address.json')!;
    expect(valid.expect.valid).toBe(true);
    const result = validateWith(compiled, 'intake', valid.data, { locale: 'de' });
    expect(result.valid).toBe(true);
    expect(result).toEqual(validate(program, 'intake', valid.data, { locale: 'de' }));
    // An invalid case too, so the comparison also covers the errors and their German messages.
    const invalid = cases.find((c) => c.file === 'invalid-postcode.json')!;
    const errors = validateWith(compiled, 'intake', invalid.data, { locale: 'de' });
    expect(errors.valid).toBe(false);
    expect(errors).toEqual(validate(program, 'intake', invalid.data, { locale: 'de' }));
  });

  it('minifies the module and the program file', async () => {
    const out = tempDir();
    await runCli(['build', zweiteChance, '-o', out, '--browser', '--forms', 'intake']);
    const source = readFileSync(path.join(out, 'zweite-chance-intake.validators.js'), 'utf8');
    expect(source.split('\n').length).toBeLessThan(5);
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(readFileSync(path.join(out, 'zweite-chance.program.json'), 'utf8')).not.toContain('\n ');
  });

  it('names the files after the program alone without --forms, and writes only the --locales asked for', async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['build', mini, '-o', out, '--browser', '--locales', 'en']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['mini.checks.js', 'mini.en.json', 'mini.preload.en.html', 'mini.program.json', 'mini.texts.en.json', 'mini.validators.js']);
    const mod = await importModule(path.join(out, 'mini.validators.js'));
    const checks = await importChecks(mod);
    expect(Object.keys(checks.validators).sort()).toEqual(['follow_up', 'intake']);
    expect(mod.locales).toEqual(['en']);
    const compiled = fromValidatorsModule(mod, { definition: readDocument(path.join(out, 'mini.en.json')) });
    useChecks(compiled, checks);
    const result = validateWith(compiled, 'follow_up', { outcome: 'moon' }, { locale: 'en' });
    expect(result).toEqual(validate(loadProgram(readFileSync(mini, 'utf8')), 'follow_up', { outcome: 'moon' }, { locale: 'en' }));
    expect(result.errors.map((e) => e.code)).toEqual(['enum']);
    // The program file stays whole: the server needs every locale.
    expect(loadProgram(readFileSync(path.join(out, 'mini.program.json'), 'utf8')).locales).toEqual(['de', 'en']);
  });

  it('joins several forms into the name', async () => {
    const out = tempDir();
    const { code } = await runCli(['build', mini, '-o', out, '--browser', '--forms', 'follow_up, intake', '--locales', 'de']);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'mini-follow_up-intake.checks.js',
      'mini-follow_up-intake.de.json',
      'mini-follow_up-intake.preload.de.html',
      'mini-follow_up-intake.texts.de.json',
      'mini-follow_up-intake.validators.js',
      'mini.program.json',
    ]);
  });

  it('writes the preload lines for the --public-path the page will use, and refuses a path without its "/"', async () => {
    const out = tempDir();
    const { code } = await runCli(['build', mini, '-o', out, '--browser', '--forms', 'intake', '--public-path', '/cf/mini/']);
    expect(code).toBe(0);
    const hrefs = [...readFileSync(path.join(out, 'mini-intake.preload.de.html'), 'utf8').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs[0]).toBe('/cf/mini/mini-intake.validators.js');
    expect(hrefs[1]).toMatch(/^\/cf\/mini\/mini-intake\.de\.json\?v=[0-9a-f]{16}$/);
    const refused = await runCli(['build', mini, '-o', tempDir(), '--browser', '--public-path', '/cf/mini', '--locale', 'de']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('muss auf „/“ enden');
  });

  it('adds a line for the widget\'s own words in each language with --embed-path, and refuses one without --browser', async () => {
    const out = tempDir();
    const { code } = await runCli(['build', mini, '-o', out, '--browser', '--forms', 'intake', '--public-path', '/cf/mini/', '--embed-path', '/civicflow/']);
    expect(code).toBe(0);
    const hrefs = (locale: string) => [...readFileSync(path.join(out, `mini-intake.preload.${locale}.html`), 'utf8').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(hrefs('de')[0]).toBe('/cf/mini/mini-intake.validators.js');
    expect(hrefs('de')[2]).toBe('/civicflow/cf-form.locale-de.js');
    expect(hrefs('en')[2]).toBe('/civicflow/cf-form.locale-en.js');
    const without = tempDir();
    await runCli(['build', mini, '-o', without, '--browser', '--forms', 'intake']);
    expect(readFileSync(path.join(without, 'mini-intake.preload.de.html'), 'utf8')).not.toContain('cf-form.locale-');
    expect(hrefs('de'), 'a form without periods').not.toContain('/civicflow/cf-form.closed.js');
    expect(hrefs('de'), 'a form without derived values').not.toContain('/civicflow/cf-form.sending.js');
    const refused = await runCli(['build', mini, '-o', tempDir(), '--embed-path', '/civicflow/', '--locale', 'de']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--embed-path „/civicflow/“ geht nur mit --browser');
  });

  it('adds a line for what a form with periods imports to decide whether it is open, and one for what words derived values', async () => {
    const out = tempDir();
    const { code } = await runCli(['build', 'examples/wir-vielfalt/program.json', '-o', out, '--browser', '--public-path', '/cf/wir/', '--embed-path', '/civicflow/']);
    expect(code).toBe(0);
    const preload = readdirSync(out).find((f) => f.endsWith('.preload.de.html'))!;
    const hrefs = [...readFileSync(path.join(out, preload), 'utf8').matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    // Its application form works out a total, which the sending code words.
    expect(hrefs.slice(2)).toEqual(['/civicflow/cf-form.locale-de.js', '/civicflow/cf-form.closed.js', '/civicflow/cf-form.sending.js']);
  });

  it('names the file of each locale\'s widget words as <cf-form> picks it', () => {
    expect(['de', 'de-CH', 'en', 'en-GB', 'fr', 'ar', 'ar-EG', 'de-x-ls', 'tr'].map(widgetWordsFile)).toEqual([
      'cf-form.locale-de.js',
      'cf-form.locale-de.js',
      'cf-form.locale-en.js',
      'cf-form.locale-en.js',
      'cf-form.locale-en.js',
      'cf-form.locale-ar.js',
      'cf-form.locale-ar.js',
      'cf-form.locale-de-x-ls.js',
      'cf-form.locale-tr.js',
    ]);
  });
});

describe('civicflow build --locales', () => {
  it('keeps only the texts of those locales in the module, and the whole definition beside it', async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['build', mini, '-o', out, '--locales', 'de']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['mini.program.json', 'mini.validators.js']);
    const mod = (await import(pathToFileURL(path.join(out, 'mini.validators.js')).href)) as ValidatorsModule;
    const definition = mod.definition as ProgramDefinition;
    expect(definition.locales).toEqual(['de']);
    expect(Object.keys(definition.texts ?? {})).toEqual(['de']);
    const program = loadProgram(readFileSync(mini, 'utf8'));
    const data = { name: 'A', housing: 'none', consent: true };
    const result = validateWith(fromValidatorsModule(mod), 'intake', data, { locale: 'de' });
    expect(result.valid).toBe(false);
    expect(result).toEqual(validate(program, 'intake', data, { locale: 'de' }));
    expect(loadProgram(readFileSync(path.join(out, 'mini.program.json'), 'utf8')).hash).toBe(program.hash);
  });

  it('refuses a locale the program lacks, in the language of --locale, and writes nothing', async () => {
    const out = path.join(tempDir(), 'dist');
    const en = await runCli(['build', mini, '-o', out, '--browser', '--locales', 'de,fr']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain(`civicflow build: ${mini} has no locale "fr"; its locales are de, en`);
    const de = await runCli(['build', mini, '-o', out, '--locales', 'fr,it', '--locale', 'de']);
    expect(de.code).toBe(2);
    expect(de.stderr).toContain(`civicflow build: ${mini} hat keine Sprachen „fr“, „it“; seine Sprachen sind de, en`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses --locales that names no locale', async () => {
    const { code, stderr } = await runCli(['build', mini, '-o', tempDir(), '--locales', ' , ']);
    expect(code).toBe(2);
    expect(stderr).toContain('civicflow build: --locales names no locale');
  });
});

describe('civicflow build', () => {
  it('writes a validators module that validates like validate() does', async () => {
    const out = path.join(tempDir(), 'dist');
    const { code, stderr } = await runCli(['build', mini, '-o', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['mini.program.json', 'mini.validators.js']);

    const source = readFileSync(path.join(out, 'mini.validators.js'), 'utf8');
    // Self-contained and CSP-safe: nothing to resolve, nothing compiled at run time.
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/new Function|\beval\(/);

    const mod = (await import(pathToFileURL(path.join(out, 'mini.validators.js')).href)) as ValidatorsModule;
    const compiled = fromValidatorsModule(mod);
    const program = loadProgram(readFileSync(mini, 'utf8'));
    expect(compiled.program.hash).toBe(program.hash);

    const valid = { name: 'Ada Lovelace', housing: 'flat', consent: true, household: [{ firstName: 'Bo', age: 3 }] };
    expect(validateWith(compiled, 'intake', valid, { locale: 'de' })).toEqual({ valid: true, data: valid, errors: [] });

    const invalid = { name: 'A', housing: 'none', consent: true, address: { postcode: '1' }, household: [{ age: -1 }] };
    const result = validateWith(compiled, 'intake', invalid, { locale: 'de' });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => `${e.pointer} ${e.code}`).sort()).toEqual([
      '/address/postcode pattern',
      '/contactPoint required',
      '/household/0/age minimum',
      '/household/0/firstName required',
      '/name minLength',
    ]);
    expect(result).toEqual(validate(program, 'intake', invalid, { locale: 'de' }));
  });

  it('writes the checked definition, which loads to the same hash', async () => {
    const out = tempDir();
    await runCli(['build', mini, '-o', out]);
    const written = readFileSync(path.join(out, 'mini.program.json'), 'utf8');
    expect(loadProgram(written).hash).toBe(loadProgram(readFileSync(mini, 'utf8')).hash);
  });

  it('prints the raw and gzipped size of each file', async () => {
    const out = tempDir();
    const { stdout } = await runCli(['build', mini, '-o', out]);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Built mini@1.2.0 into ${out}:`);
    for (const name of ['mini.validators.js', 'mini.program.json']) {
      const file = path.join(out, name);
      const bytes = statSync(file).size;
      const gzip = gzipSync(readFileSync(file)).length;
      const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
      const line = lines.find((l) => l.includes(file));
      expect(line, name).toMatch(new RegExp(`${kb(bytes).replace('.', '\\.')}\\s+gzip\\s+${kb(gzip).replace('.', '\\.')}$`));
    }
  });

  it('writes smaller files with --minify', async () => {
    const plain = tempDir();
    const small = tempDir();
    await runCli(['build', mini, '-o', plain]);
    const { code } = await runCli(['build', mini, '-o', small, '--minify']);
    expect(code).toBe(0);
    for (const name of ['mini.validators.js', 'mini.program.json']) {
      expect(statSync(path.join(small, name)).size, name).toBeLessThan(statSync(path.join(plain, name)).size);
    }
    const mod = (await import(pathToFileURL(path.join(small, 'mini.validators.js')).href)) as ValidatorsModule;
    expect(validateWith(fromValidatorsModule(mod), 'follow_up', { outcome: 'moon' }).errors.map((e) => e.code)).toEqual(['enum']);
  });

  it('puts only the chosen forms into the module with --forms, and the whole definition beside it', async () => {
    const out = tempDir();
    const { code, stderr } = await runCli(['build', mini, '-o', out, '--forms', 'follow_up']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const mod = (await import(pathToFileURL(path.join(out, 'mini.validators.js')).href)) as ValidatorsModule;
    expect(Object.keys(mod.validators)).toEqual(['follow_up']);
    const compiled = fromValidatorsModule(mod);
    expect(validateWith(compiled, 'follow_up', { outcome: 'job' }).valid).toBe(true);
    expect(() => validateWith(compiled, 'intake', {})).toThrow(/no form "intake"/);
    expect(Object.keys(loadProgram(readFileSync(path.join(out, 'mini.program.json'), 'utf8')).definition.forms)).toEqual(['intake', 'follow_up']);
  });

  it('refuses --forms that name a form the program lacks', async () => {
    const out = path.join(tempDir(), 'dist');
    const { code, stderr } = await runCli(['build', mini, '-o', out, '--forms', 'intake,exit_interview']);
    expect(code).toBe(2);
    expect(stderr).toContain(`civicflow build: ${mini} has no form "exit_interview"; its forms are intake, follow_up`);
    const de = await runCli(['build', mini, '-o', out, '--forms', 'exit_interview', '--locale', 'de']);
    expect(de.stderr).toContain(`civicflow build: ${mini} hat kein Formular „exit_interview“; seine Formulare sind intake, follow_up`);
    expect(existsSync(out)).toBe(false);
  });

  it('resolves a relative output directory against the working directory', async () => {
    const cwd = tempDir();
    const { code, stdout } = await runCli(['build', mini, '-o', 'public/validators'], cwd);
    expect(code).toBe(0);
    expect(existsSync(path.join(cwd, 'public/validators/mini.validators.js'))).toBe(true);
    expect(stdout).toContain(path.join('public/validators', 'mini.program.json'));
  });

  it('prints the problems of a broken program, exits 1 and writes nothing', async () => {
    const out = path.join(tempDir(), 'dist');
    const { code, stdout, stderr } = await runCli(['build', fixtureProgram('broken'), '-o', out]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/4 problems in .*broken\/program\.json\n$/);
    expect(existsSync(out)).toBe(false);
  });

  it('needs an output directory', async () => {
    const { code, stderr } = await runCli(['build', mini]);
    expect(code).toBe(2);
    expect(stderr).toContain('civicflow build: the output directory is missing: add -o <dir>');
  });
});
