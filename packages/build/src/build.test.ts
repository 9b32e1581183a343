import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkInput, loadProgram, validate } from '@civicflow/core';
import { DefinitionMismatchError, definitionLocale, fromValidatorsModule, hasAllTexts, hasChecks, useChecks, validateWith, visibilityWith, type ChecksModule, type CompiledProgram, type DefinitionDocument, type TextsDocument, type ValidatorsModule } from '@civicflow/core/runtime';
import { buildBrowserFiles, buildValidatorsModule, definitionDocument } from './build.js';
import { dropErrorDetails, shortenSchemaPaths } from './standalone.js';
import { computeVisibility, runtimeValidators } from '@civicflow/core/compile';
import { arbitraryFromSchema, derivedDefinition, loadExample, miniDefinition } from '@civicflow/test-support';

const program = loadProgram(miniDefinition());
let source = '';
let compiled: CompiledProgram;
let builtModule: ValidatorsModule;

beforeAll(async () => {
  source = await buildValidatorsModule(program);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-build-')), 'mini.validators.js');
  writeFileSync(file, source);
  builtModule = (await import(pathToFileURL(file).href)) as ValidatorsModule;
  compiled = fromValidatorsModule(builtModule, { inputGuard: checkInput });
});

describe('buildValidatorsModule', () => {
  it('writes a module with no imports, no require and no code generation at run time', () => {
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\brequire\(\s*["'][^"']+["']\s*\)(?!\.default';)/);
    expect(source).not.toMatch(/new Function|\beval\(/);
  });

  it('without the input guard, leaves hostile data to the schema (the widget sends only its own data)', () => {
    const bare = fromValidatorsModule(builtModule);
    const hostile = JSON.parse('{"name":"Ada","housing":"flat","__proto__":{"x":1}}') as unknown;
    expect(validateWith(compiled, 'intake', hostile).errors.map((e) => e.code)).toContain('forbiddenKey');
    expect(validateWith(bare, 'intake', hostile).errors.map((e) => e.code)).not.toContain('forbiddenKey');
    // What the widget's own data can hold — a string longer than the guard allows, here in a field without
    // maxLength (a file read inline is one) — gets the guard's very answer without it.
    const long = { name: 'Ada', housing: 'flat', email: `${'a'.repeat(150_000)}@example.org`, household: [{ name: 'b'.repeat(100_001) }] };
    expect(validateWith(bare, 'intake', long, { locale: 'de' })).toEqual(validate(program, 'intake', long, { locale: 'de' }));
    expect(validateWith(bare, 'intake', long).errors.map((e) => [e.code, e.pointer])).toEqual([
      ['tooLong', '/email'],
      ['tooLong', '/household/0/name'],
    ]);
  });

  // Issue 22, break 3: a person can paste a NUL or half of an emoji; the widget must say so, as the server does.
  it('without the input guard, still refuses text a database cannot store, exactly as validate does', async () => {
    const bare = fromValidatorsModule(builtModule);
    const data = { name: 'Ada\u0000', housing: 'flat', household: [{ name: 'B\ud800', age: 3 }] };
    expect(validateWith(bare, 'intake', data, { locale: 'en' })).toEqual(validate(program, 'intake', data, { locale: 'en' }));
    expect(validateWith(bare, 'intake', data).errors.map((e) => [e.code, e.pointer])).toEqual([
      ['textNotStorable', '/name'],
      ['textNotStorable', '/household/0/name'],
    ]);
    const closed = loadExample('zweite-chance');
    const page = fromValidatorsModule((await import(`data:text/javascript;base64,${Buffer.from(await buildValidatorsModule(closed, { compact: true, forms: ['intake'] })).toString('base64')}`)) as ValidatorsModule);
    const person = { person: { givenName: 'Ada\ud83d' } };
    expect(validateWith(page, 'intake', person, { locale: 'de' })).toEqual(validate(closed, 'intake', person, { locale: 'de' }));
    expect(validateWith(page, 'intake', person).errors.map((e) => e.code)).toEqual(['textNotStorable']);
  });

  it('carries the definition and its hash', () => {
    expect(compiled.program.hash).toBe(program.hash);
    expect(compiled.program.definition).toEqual(program.definition);
  });

  it('gives exactly the result of validate, for any data', () => {
    const schema = program.definition.forms['intake']!.schema as Record<string, unknown>;
    const anyData = fc.oneof(
      arbitraryFromSchema(schema),
      fc.record({ name: fc.oneof(fc.string(), fc.integer()), housing: fc.constantFrom('flat', 'none', 'x'), contactPoint: fc.jsonValue(), household: fc.array(fc.dictionary(fc.constantFrom('name', 'age', 'x'), fc.jsonValue())) }, { requiredKeys: [] }),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(anyData, fc.constantFrom('de', 'en'), (data, locale) => {
        expect(validateWith(compiled, 'intake', data, { locale })).toEqual(validate(program, 'intake', data, { locale }));
        if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
          expect(visibilityWith(compiled, 'intake', data)).toEqual(computeVisibility(program, runtimeValidators(program), 'intake', data));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('precompiled format checks', () => {
  it('checks formats that are functions, such as date, in the precompiled module', () => {
    expect(validateWith(compiled, 'intake', { name: 'Ada', housing: 'flat', birthDate: '1990-02-30' }).errors.map((e) => e.code)).toEqual(['format']);
    expect(validateWith(compiled, 'intake', { name: 'Ada', housing: 'flat', birthDate: '1990-02-28' }).valid).toBe(true);
  });
});

describe('modules for some forms, minified', () => {
  it('holds only the chosen forms and their texts, and validates them as validate does', async () => {
    const source = await buildValidatorsModule(program, { forms: ['intake'], minify: true });
    expect(source.length).toBeLessThan((await buildValidatorsModule(program)).length);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-build-')), 'mini.min.js');
    writeFileSync(file, source);
    const mod = (await import(pathToFileURL(file).href)) as ValidatorsModule;
    const small = fromValidatorsModule(mod);
    expect(Object.keys(small.program.definition.forms)).toEqual(['intake']);
    expect(small.program.hash).toBe(program.hash);
    for (const data of [{}, { name: 'A', housing: 'none' }, { name: 'Ada', housing: 'flat', household: [{ name: 'Bo', age: 3 }] }]) {
      expect(validateWith(small, 'intake', data, { locale: 'en' })).toEqual(validate(program, 'intake', data, { locale: 'en' }));
    }
  });

  it('keeps what the applicant is told in each state, which the confirmation after sending shows, and no other workflow text', () => {
    const zweite = loadExample('zweite-chance');
    const doc = JSON.parse(definitionDocument(zweite, { forms: ['intake'], locale: 'en' })) as { definition: { texts: Record<string, Record<string, string>>; workflow?: unknown } };
    const keys = Object.keys(doc.definition.texts['en']!);
    const told = Object.keys(zweite.definition.texts!['en']!).filter((k) => /^workflow\.states\.\w+\.applicant\./.test(k));
    expect(told).toContain('workflow.states.profiling.applicant.next');
    expect(keys.filter((k) => k.startsWith('workflow.'))).toEqual(told);
    expect(doc.definition.workflow).toBeUndefined();
  });

  it('gives a Leichte Sprache page its own texts and German for the rest, and an Arabic page Arabic only', () => {
    const hagen = loadExample('gemeinsam-fuer-hagen');
    type Doc = { definition: { locales: string[]; title: Record<string, string>; texts: Record<string, Record<string, string>> } };
    const ls = (JSON.parse(definitionDocument(hagen, { locale: 'de-x-ls' })) as Doc).definition;
    expect(ls.locales).toEqual(['de-x-ls']);
    expect(Object.keys(ls.texts)).toEqual(['de-x-ls']);
    expect(ls.texts['de-x-ls']!['forms.contact.title']).toBe('Erster Kontakt');
    // The staff's advice form has no texts in Leichte Sprache: the page carries its German ones.
    expect(ls.texts['de-x-ls']!['forms.advice.title']).toBe(hagen.definition.texts!['de']!['forms.advice.title']);
    expect(Object.keys(ls.texts['de-x-ls']!).sort()).toEqual(Object.keys(hagen.definition.texts!['de']!).sort());
    const ar = (JSON.parse(definitionDocument(hagen, { locale: 'ar' })) as Doc).definition;
    expect(ar.texts['ar']).toEqual(hagen.definition.texts!['ar']);
    expect(ar.title).toEqual({ ar: hagen.definition.title['ar'] });
  });

  it('refuses a form the program does not have', async () => {
    await expect(buildValidatorsModule(program, { forms: ['nope'] })).rejects.toThrow(/no form "nope"/);
  });
});

describe('modules for browsers', () => {
  const importModule = async (code: string, dir = mkdtempSync(path.join(tmpdir(), 'cf-build-')), name = 'm.js') => {
    writeFileSync(path.join(dir, name), code);
    return (await import(pathToFileURL(path.join(dir, name)).href)) as ValidatorsModule;
  };

  it('bundles only the formats the forms use', async () => {
    const code = await buildValidatorsModule(program, { minify: true });
    // The intake has a date field: date's check is there, the URI and IPv6 expressions of unused formats are not.
    expect(code).toMatch(/isLeap|\b29\b/);
    expect(code).not.toContain('[0-9a-f]{1,4}:');
    expect(code).not.toContain('uri-template');
  });

  it('holds only the chosen locales', async () => {
    const small = fromValidatorsModule(await importModule(await buildValidatorsModule(program, { locales: ['en'], minify: true })));
    expect(small.program.locales).toEqual(['en']);
    expect(Object.keys(small.program.definition.texts ?? {})).toEqual(['en']);
    expect(Object.keys(small.program.definition.title)).toEqual(['en']);
    await expect(buildValidatorsModule(program, { locales: ['fr'] })).rejects.toThrow(/no locale "fr"/);
  });

  it('compact: bare schemas, no combined check, and still exactly the result of validate', async () => {
    const mod = await importModule(await buildValidatorsModule(program, { compact: true, minify: true }));
    expect(mod.plans['intake']!.guards).toBeUndefined();
    expect(mod.combinedConditions).toEqual({});
    const lean = fromValidatorsModule(mod, { inputGuard: checkInput });
    const schema = program.definition.forms['intake']!.schema as Record<string, unknown>;
    const anyData = fc.oneof(
      arbitraryFromSchema(schema),
      fc.record({ name: fc.oneof(fc.string(), fc.integer()), housing: fc.constantFrom('flat', 'none', 'x'), contactPoint: fc.jsonValue(), household: fc.array(fc.dictionary(fc.constantFrom('name', 'age', 'x'), fc.jsonValue())) }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(anyData, fc.constantFrom('de', 'en'), (data, locale) => {
        expect(validateWith(lean, 'intake', data, { locale })).toEqual(validate(program, 'intake', data, { locale }));
      }),
      { numRuns: 300 },
    );
  });

  it('buildBrowserFiles: the preload lines name exactly the addresses the widget asks for', async () => {
    const files = await buildBrowserFiles(program, { forms: ['intake'], name: 'mini-intake', publicPath: '/cf/mini/1.0.0/' });
    const links = (html: string) => [...html.matchAll(/<link ([^>]*)>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/([a-z]+)(?:="([^"]*)")?/g)].map((a) => [a[1], a[2] ?? ''])));
    const dir = mkdtempSync(path.join(tmpdir(), 'cf-build-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const mod = await importModule(files['mini-intake.validators.js']!, dir, 'mini-intake.validators.js');
    for (const locale of ['de', 'en']) {
      const [module, words] = links(files[`mini-intake.preload.${locale}.html`]!);
      expect(module).toEqual({ rel: 'modulepreload', href: '/cf/mini/1.0.0/mini-intake.validators.js' });
      expect(words).toEqual({ rel: 'preload', as: 'fetch', crossorigin: '', href: `/cf/mini/1.0.0/mini-intake.${locale}.json?v=${program.hash.slice(0, 16)}` });
      // The module resolves its words against its own address: served at the public path, the same URL.
      const served = new URL(mod.definitionUrls![locale]!.replace(pathToFileURL(dir).href + '/', 'https://example.org/cf/mini/1.0.0/'));
      expect(`${served.pathname}${served.search}`).toBe(words!['href']);
    }
    const beside = await buildBrowserFiles(program, { forms: ['intake'], name: 'mini-intake' });
    expect(links(beside['mini-intake.preload.de.html']!).map((l) => l['href'])).toEqual(['mini-intake.validators.js', `mini-intake.de.json?v=${program.hash.slice(0, 16)}`]);
    await expect(buildBrowserFiles(program, { name: 'x', publicPath: '/cf' })).rejects.toThrow(/PUBLIC_PATH_INVALID/);
  });

  it('buildBrowserFiles: code in one module, the definition per locale beside it', async () => {
    const files = await buildBrowserFiles(program, { forms: ['intake'], name: 'mini-intake' });
    expect(Object.keys(files).sort()).toEqual(['mini-intake.checks.js', 'mini-intake.de.json', 'mini-intake.en.json', 'mini-intake.preload.de.html', 'mini-intake.preload.en.html', 'mini-intake.validators.js']);
    const dir = mkdtempSync(path.join(tmpdir(), 'cf-build-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const mod = await importModule(files['mini-intake.validators.js']!, dir, 'mini-intake.validators.js');
    expect(mod.definition).toBeUndefined();
    expect(mod.locales).toEqual(['de', 'en']);
    expect(mod.definitionUrls!['en']).toBe(`${pathToFileURL(path.join(dir, 'mini-intake.en.json')).href}?v=${program.hash.slice(0, 16)}`);
    expect(() => fromValidatorsModule(mod)).toThrow(/definitions beside it/);
    expect(definitionLocale(mod, 'en-GB')).toBe('en');
    expect(definitionLocale(mod, 'ar')).toBe('de');

    const doc = JSON.parse(readFileSync(path.join(dir, 'mini-intake.en.json'), 'utf8')) as DefinitionDocument;
    expect(Object.keys(doc.definition as object)).not.toContain('workflow');
    const english = fromValidatorsModule(mod, { definition: doc });
    expect(english.program.locales).toEqual(['en']);
    expect(english.program.hash).toBe(program.hash);
    // The forms' validators are a module of their own, which the page hands over when a person works on the form.
    expect(mod.validators).toEqual({});
    expect(mod.checksUrl).toBe(`${pathToFileURL(path.join(dir, 'mini-intake.checks.js')).href}?v=${program.hash.slice(0, 16)}`);
    expect(hasChecks(english)).toBe(false);
    const checks = (await import(mod.checksUrl!)) as ChecksModule;
    expect(() => useChecks(english, { ...checks, hash: 'f'.repeat(64) })).toThrow(DefinitionMismatchError);
    // The input guard's quick checks come with the validators, not with what the page loads first.
    expect(mod.quickChecks).toBeUndefined();
    expect(checks.quickChecks?.['intake']?.storable).toBeTypeOf('function');
    expect(english.validators.plan('intake').storable).toBeUndefined();
    useChecks(english, checks);
    expect(hasChecks(english)).toBe(true);
    expect(english.validators.plan('intake').storable).toBe(checks.quickChecks!['intake']!.storable);
    // The same module in another language has them too.
    const german = fromValidatorsModule(mod, { definition: JSON.parse(readFileSync(path.join(dir, 'mini-intake.de.json'), 'utf8')) as DefinitionDocument });
    expect(hasChecks(german)).toBe(true);
    expect(validateWith(german, 'intake', {}, { locale: 'de' })).toEqual(validate(program, 'intake', {}, { locale: 'de' }));
    for (const data of [{}, { name: 'A', housing: 'none' }, { name: 'Ada', housing: 'flat', birthDate: '1990-02-30', household: [{ name: 'Bo', age: 3 }] }]) {
      expect(validateWith(english, 'intake', data, { locale: 'en' })).toEqual(validate(program, 'intake', data, { locale: 'en' }));
    }
    expect(() => fromValidatorsModule(mod, { definition: { ...doc, hash: 'f'.repeat(64) } })).toThrow(DefinitionMismatchError);
  });
});

describe('what applicants are told, apart', () => {
  it('buildBrowserFiles: a program that tells applicants what comes next keeps those texts in a file per locale, named by the module', async () => {
    const zweite = loadExample('zweite-chance');
    const files = await buildBrowserFiles(zweite, { forms: ['intake'], name: 'zc' });
    expect(Object.keys(files).sort()).toEqual([
      'zc.checks.js',
      'zc.de.json',
      'zc.en.json',
      'zc.notes.de.json',
      'zc.notes.en.json',
      'zc.preload.de.html',
      'zc.preload.en.html',
      'zc.texts.de.json',
      'zc.texts.en.json',
      'zc.validators.js',
    ]);
    const told = (key: string) => /^workflow\.states\.[^.]+\.applicant\./.test(key);
    for (const locale of ['de', 'en']) {
      const doc = JSON.parse(files[`zc.${locale}.json`]!) as { definition: { texts: Record<string, Record<string, string>> } };
      expect(Object.keys(doc.definition.texts[locale]!).filter(told)).toEqual([]);
      const notes = JSON.parse(files[`zc.notes.${locale}.json`]!) as { hash: string; texts: Record<string, string> };
      expect(notes.hash).toBe(zweite.hash);
      expect(Object.keys(notes.texts).every(told)).toBe(true);
      // The same texts the whole definition in that locale holds.
      const whole = Object.fromEntries(Object.entries(JSON.parse(definitionDocument(zweite, { forms: ['intake'], locale })).definition.texts[locale] as Record<string, string>).filter(([k]) => told(k)));
      expect(notes.texts).toEqual(whole);
      expect(notes.texts['workflow.states.profiling.applicant.next']).toMatch(/\S/);
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'cf-build-'));
    writeFileSync(path.join(dir, 'zc.validators.js'), files['zc.validators.js']!);
    const mod = (await import(pathToFileURL(path.join(dir, 'zc.validators.js')).href)) as ValidatorsModule;
    expect(mod.notesUrls!['de']).toBe(`${pathToFileURL(path.join(dir, 'zc.notes.de.json')).href}?v=${zweite.hash.slice(0, 16)}`);
    const compiledZc = fromValidatorsModule(mod, { definition: JSON.parse(files['zc.de.json']!) as DefinitionDocument });
    expect(compiledZc.notesUrls).toEqual(mod.notesUrls);
  });

  it('buildBrowserFiles: a program that tells applicants nothing writes no such file', async () => {
    const files = await buildBrowserFiles(program, { forms: ['intake'], name: 'mini-intake' });
    expect(Object.keys(files).some((f) => f.includes('.notes.'))).toBe(false);
    expect(files['mini-intake.validators.js']).not.toContain('notesUrls');
  });
});

describe('the words of later pages, apart', () => {
  const importModule = async (code: string, dir: string, name: string) => {
    writeFileSync(path.join(dir, name), code);
    return (await import(pathToFileURL(path.join(dir, name)).href)) as ValidatorsModule;
  };
  const zweite = loadExample('zweite-chance');
  type Texts = Record<string, string>;
  const definitionTexts = (file: string, locale: string) => (JSON.parse(file) as { definition: { texts: Record<string, Texts> } }).definition.texts[locale]!;

  it('buildBrowserFiles: the definition holds exactly the titles and the first page’s words, the texts file the rest', async () => {
    const files = await buildBrowserFiles(zweite, { forms: ['intake'], name: 'zc' });
    for (const locale of ['de', 'en']) {
      const whole = definitionTexts(definitionDocument(zweite, { forms: ['intake'], locale, notesApart: true }), locale);
      const first = definitionTexts(files[`zc.${locale}.json`]!, locale);
      const rest = JSON.parse(files[`zc.texts.${locale}.json`]!) as { hash: string; locale: string; texts: Texts };
      expect(rest.hash).toBe(zweite.hash);
      expect(rest.locale).toBe(locale);
      // The intake's first page shows the group `person`: its label, help and choices, none of its error messages.
      const expected = Object.keys(whole).filter(
        (k) => k === 'forms.intake.title' || /^forms\.intake\.pages\.[^.]+\.title$/.test(k) || (k.startsWith('forms.intake.fields.person.') && !k.includes('.errors.')),
      );
      expect(Object.keys(first).sort()).toEqual(expected.sort());
      expect(Object.keys(first)).toContain('forms.intake.pages.consent.title');
      expect(Object.keys(first).some((k) => k.startsWith('forms.intake.fields.contact.'))).toBe(false);
      expect(Object.keys(rest.texts)).toContain('forms.intake.fields.contact.addressStatus.label');
      expect(Object.keys(rest.texts)).toContain('forms.intake.fields.person.interpreterLanguage.errors.required');
      // Together, the whole words, each once.
      expect(Object.keys(first).filter((k) => k in rest.texts)).toEqual([]);
      expect({ ...first, ...rest.texts }).toEqual(whole);
    }
  });

  it('the module names the texts files; a program built from the definition alone says it lacks them, and with them has all its words', async () => {
    const files = await buildBrowserFiles(zweite, { forms: ['intake'], name: 'zc' });
    const dir = mkdtempSync(path.join(tmpdir(), 'cf-build-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    const mod = await importModule(files['zc.validators.js']!, dir, 'zc.validators.js');
    expect(mod.textsUrls!['en']).toBe(`${pathToFileURL(path.join(dir, 'zc.texts.en.json')).href}?v=${zweite.hash.slice(0, 16)}`);
    const definition = JSON.parse(files['zc.en.json']!) as DefinitionDocument;
    const firstOnly = fromValidatorsModule(mod, { definition });
    expect(hasAllTexts(firstOnly)).toBe(false);
    expect(firstOnly.textsUrls).toEqual(mod.textsUrls);
    const texts = JSON.parse(files['zc.texts.en.json']!) as TextsDocument;
    const all = fromValidatorsModule(mod, { definition, texts });
    expect(hasAllTexts(all)).toBe(true);
    expect(all.program.definition.texts).toEqual(JSON.parse(definitionDocument(zweite, { forms: ['intake'], locale: 'en', notesApart: true })).definition.texts);
    expect(() => fromValidatorsModule(mod, { definition, texts: { ...texts, hash: 'f'.repeat(64) } })).toThrow(DefinitionMismatchError);
    // A definition made without the split (the server's, an older build's) has all its words, whatever the module says.
    expect(hasAllTexts(fromValidatorsModule(mod, { definition: JSON.parse(definitionDocument(zweite, { forms: ['intake'], locale: 'en', notesApart: true })) as DefinitionDocument }))).toBe(true);
  });

  it('a program with nothing to say after its first page writes no texts file', async () => {
    const files = await buildBrowserFiles(program, { forms: ['intake'], name: 'mini-intake' });
    expect(Object.keys(files).some((f) => f.includes('.texts.'))).toBe(false);
    expect(files['mini-intake.validators.js']).not.toContain('textsUrls');
    expect(JSON.parse(files['mini-intake.de.json']!)).not.toHaveProperty('textsApart');
  });
});

describe('the conditions a page loads first', () => {
  /** The mini program with conditions that use combinators, references, names of properties, lists and a format. */
  const conditional = (() => {
    const def = miniDefinition() as { forms: { intake: { ui: { pages: { fields: unknown[] }[] } } } };
    const fields = def.forms.intake.ui.pages[0]!.fields;
    fields[1] = {
      field: 'email',
      when: {
        $defs: { named: { properties: { name: { type: 'string', minLength: 2 } }, required: ['name'] } },
        anyOf: [{ $ref: '#/$defs/named' }, { properties: { housing: { enum: ['none', 'flat'] } }, required: ['housing'] }],
        not: { propertyNames: { pattern: '^x' } },
      },
    };
    fields[4] = {
      field: 'birthDate',
      when: {
        oneOf: [{ required: ['email'] }, { properties: { household: { contains: { required: ['age'] }, minItems: 1 } } }],
        if: { properties: { name: { const: 'Ada' } } },
        then: { required: ['housing'] },
        properties: { email: { format: 'email' } },
      },
    };
    return loadProgram(def);
  })();

  it('answer exactly as the conditions compiled at run time, for any data, and carry no words of their errors', async () => {
    for (const [program, formId] of [[conditional, 'intake'], [loadExample('zweite-chance'), 'intake']] as const) {
      const files = await buildBrowserFiles(program, { forms: [formId], name: 'first', locales: ['de'] });
      const code = files['first.validators.js']!;
      expect(code).not.toMatch(/schemaPath|keyword:|missingProperty|allowedValue/);
      const dir = mkdtempSync(path.join(tmpdir(), 'cf-build-'));
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
      const mod = (await import(pathToFileURL(path.join(dir, 'first.validators.js')).href)) as ValidatorsModule;
      // The definition beside it names where the conditions are, not what they say: their code is in the module.
      const conditions = JSON.stringify(JSON.parse(files['first.de.json']!).definition.forms[formId].ui).match(/"when":[^,}]*/g);
      expect(new Set(conditions)).toEqual(new Set(['"when":true']));
      const page = fromValidatorsModule(mod, { definition: JSON.parse(files['first.de.json']!) as DefinitionDocument });
      const runtime = runtimeValidators(program);
      const schema = program.definition.forms[formId]!.schema as Record<string, unknown>;
      const loose = fc.dictionary(
        fc.constantFrom('name', 'email', 'housing', 'household', 'birthDate', 'xtra', 'person', 'contact', 'work', 'income'),
        fc.oneof(fc.constantFrom('Ada', 'A', 'none', 'flat', 'a@b.de', 'x'), fc.array(fc.dictionary(fc.constantFrom('age', 'name'), fc.jsonValue()), { maxLength: 3 }), fc.jsonValue()),
      );
      fc.assert(
        fc.property(fc.oneof(arbitraryFromSchema(schema), loose), (data) => {
          expect(visibilityWith(page, formId, data)).toEqual(computeVisibility(program, runtime, formId, data));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('empties every error object of generated code and leaves strings and expressions that look like one', () => {
    const code = 'const a = "const err1 = {x}", b = /\'\\{"/u;const err0 = {instancePath,params:{allowedValues: ["}", \'{\', "\\"{"]}};vErrors.push(err0);';
    expect(dropErrorDetails(code)).toBe('const a = "const err1 = {x}", b = /\'\\{"/u;const err0 = {};vErrors.push(err0);');
  });
});


describe('compact modules and names that look like Ajv’s', () => {
  it('builds and validates when fields, enum values and texts are called schema0 … schema59', async () => {
    const def = miniDefinition() as { forms: { intake: { schema: { properties: Record<string, unknown> }; ui: { pages: { fields: unknown[] }[] } } }; texts: Record<string, Record<string, string>> };
    const names = Array.from({ length: 60 }, (_, i) => `schema${i}`);
    def.forms.intake.schema.properties['codes'] = {
      type: 'object',
      properties: Object.fromEntries(names.map((n) => [n, { enum: [n, `${n}.x`] }])),
    };
    def.forms.intake.ui.pages[0]!.fields.push('codes');
    for (const texts of Object.values(def.texts)) {
      texts['forms.intake.fields.codes.label'] = 'schema36 schema42';
      for (const n of names) {
        texts[`forms.intake.fields.codes.${n}.label`] = n;
        texts[`forms.intake.fields.codes.${n}.options.${n}`] = n;
        texts[`forms.intake.fields.codes.${n}.options.${n}.x`] = `${n}.x`;
      }
    }
    const named = loadProgram(def);
    for (const options of [{ compact: true }, { compact: true, definitionUrls: { de: './n.de.json', en: './n.en.json' } }]) {
      const dir = mkdtempSync(path.join(tmpdir(), 'cf-build-'));
      const file = path.join(dir, 'n.js');
      writeFileSync(file, await buildValidatorsModule(named, { ...options, minify: true }));
      const mod = (await import(pathToFileURL(file).href)) as ValidatorsModule;
      const docText = definitionDocument(named, { locale: 'de' });
      const lean = fromValidatorsModule(mod, options.definitionUrls ? { definition: JSON.parse(docText) as DefinitionDocument } : {});
      for (const data of [{ name: 'Ada', housing: 'flat', codes: { schema36: 'schema36', schema42: 'schema42.x' } }, { name: 'Ada', housing: 'flat', codes: { schema36: 'schema42' } }]) {
        expect(validateWith(lean, 'intake', data, { locale: 'de' })).toEqual(validate(named, 'intake', data, { locale: 'de' }));
      }
      expect(validateWith(lean, 'intake', { name: 'Ada', housing: 'flat', codes: { schema36: 'nope' } }).errors.map((e) => [e.code, e.params['allowedValues']])).toEqual([['enum', ['schema36', 'schema36.x']]]);
    }
  });
});

describe('shortenSchemaPaths', () => {
  it('gives distinct short names that keep prefixes', () => {
    const paths = ['#/anyOf', '#/anyOf/0/type', '#/properties/a/type', '#/anyOf/1/type', '#/required', '#/properties/a/type'];
    const code = paths.map((p, i) => `e${i}={schemaPath:${JSON.stringify(p)}}`).join(';');
    const short = [...shortenSchemaPaths(code).matchAll(/schemaPath:"([^"]*)"/g)].map((m) => m[1]!);
    expect(short).toEqual(['#/0', '#/0/0/0', '#/1/0/0', '#/0/1/0', '#/2', '#/1/0/0']);
    for (let i = 0; i < paths.length; i++) {
      for (let j = 0; j < paths.length; j++) {
        expect(short[j]!.startsWith(short[i]! + '/')).toBe(paths[j]!.startsWith(paths[i]! + '/'));
        expect(short[j] === short[i]).toBe(paths[j] === paths[i]);
      }
    }
  });
});

describe('modules of a form with derived values and rules across fields', () => {
  const derived = loadProgram(derivedDefinition());
  const importModule = async (code: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-build-')), 'derived.js');
    writeFileSync(file, code);
    return (await import(pathToFileURL(file).href)) as ValidatorsModule;
  };
  const date = fc.integer({ min: 0, max: 800 }).map((d) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const budget = fc.record(
    {
      start: date,
      end: date,
      days: fc.integer(),
      firstChoice: fc.constantFrom('a', 'b', 'c'),
      secondChoice: fc.constantFrom('a', 'b', 'c'),
      birthDate: fc.oneof(date.map((d) => `19${d.slice(2)}`), fc.constant('2010-02-30')),
      age: fc.integer(),
      costs: fc.array(fc.record({ item: fc.string({ maxLength: 3 }), amount: fc.oneof(fc.integer({ min: -5, max: 30_000 }), fc.double({ min: 0, max: 1000, noNaN: true })) }, { requiredKeys: [] }), { maxLength: 4 }),
      total: fc.double({ noNaN: true }),
      exception: fc.boolean(),
      amount: fc.integer({ min: -1, max: 40_000 }),
      share: fc.jsonValue(),
      review: fc.record({ note: fc.string({ maxLength: 3 }), late: fc.jsonValue() }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );

  it('carries the code of the derived values, and a module of forms without them none of it', async () => {
    const code = await buildValidatorsModule(derived, { compact: true, minify: true });
    expect(code).not.toMatch(/^\s*import\s/m);
    expect(code).not.toMatch(/new Function|\beval\(/);
    expect(code).toContain('daysBetween');
    const without = await buildValidatorsModule(program, { compact: true, minify: true });
    expect(without).not.toContain('daysBetween');
    expect(((await importModule(without)) as ValidatorsModule).derivers).toBeUndefined();
  });

  it('is refused when a form has derived values and the module has no code for them', async () => {
    const mod = await importModule(await buildValidatorsModule(derived));
    expect(() => fromValidatorsModule({ ...mod, derivers: {} })).toThrow(expect.objectContaining({ code: 'DERIVER_MISSING', formId: 'budget' }));
  });

  it('gives exactly the result of validate through the all-in-one and the compact module, for any data', async () => {
    const full = fromValidatorsModule(await importModule(await buildValidatorsModule(derived)), { inputGuard: checkInput });
    const page = fromValidatorsModule(await importModule(await buildValidatorsModule(derived, { compact: true, minify: true })));
    expect(page.validators.plan('budget').derived?.map((d) => d.path.join('.'))).toEqual(['days', 'age', 'total', 'items', 'share', 'review.late']);
    fc.assert(
      fc.property(fc.oneof(budget, arbitraryFromSchema(derived.definition.forms['budget']!.schema as Record<string, unknown>)), fc.constantFrom('de', 'en'), (data, locale) => {
        const expected = validate(derived, 'budget', data, { locale });
        expect(validateWith(full, 'budget', data, { locale })).toEqual(expected);
        expect(validateWith(page, 'budget', data, { locale })).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

/** What only the whole input guard finds (data from outside), not the browser's (`ownDataProblems`). */
const SERVER_GUARD_ONLY = new Set(['forbiddenKey', 'notJson', 'tooDeep', 'tooLarge']);

describe('the input guard’s quick checks in a module', () => {
  const importModule = async (code: string) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-build-')), 'quick.js');
    writeFileSync(file, code);
    return (await import(pathToFileURL(file).href)) as ValidatorsModule;
  };
  /** The mini program with `change` applied to every node of its intake's schema. */
  const reshaped = (change: (node: Record<string, unknown>) => void): Record<string, unknown> => {
    const definition = miniDefinition() as { forms: Record<string, { schema: unknown }> };
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(visit);
      if (typeof node !== 'object' || node === null) return;
      change(node as Record<string, unknown>);
      Object.values(node).forEach(visit);
    };
    visit(definition.forms['intake']!.schema);
    return definition as unknown as Record<string, unknown>;
  };
  // The mini intake left open: its strings lose their bounds, its groups admit any key. Then valid data may still hold
  // what the guard refuses, and the checks look at more than free text (long strings, open places).
  const openDefinition = () =>
    reshaped((n) => {
      if (n['type'] === 'string') delete n['maxLength'];
      if (n['type'] === 'object' && n['additionalProperties'] === false && n['properties'] && 'household' in (n['properties'] as object)) delete n['additionalProperties'];
    });
  // Not closed either (its strings lose their bounds), but its groups shut and its lists bounded: the schema then
  // bounds how many values the data holds, and refused data is looked at only below Ajv's errors (`storableDespiteErrors`).
  const boundedDefinition = () =>
    reshaped((n) => {
      if (n['type'] === 'string') delete n['maxLength'];
      if (n['type'] === 'array') n['maxItems'] = 5;
      if (n['type'] === 'object') n['additionalProperties'] = false;
    });
  const texts = fc.oneof(fc.string(), fc.constantFrom('x'.repeat(100_001), 'a\u0000b', '\ud800', 'ok'));
  const hostile = (schema: Record<string, unknown>) =>
    fc.oneof(
      arbitraryFromSchema(schema),
      fc.record({ name: texts, housing: fc.constantFrom('flat', 'none', 'x'), contactPoint: fc.oneof(texts, fc.jsonValue()), extra: fc.oneof(texts, fc.jsonValue()), household: fc.array(fc.dictionary(fc.constantFrom('name', 'age', 'x'), fc.oneof(texts, fc.jsonValue()))) }, { requiredKeys: [] }),
    );

  for (const [label, make] of [['a closed form', () => loadProgram(miniDefinition())], ['a form that is not closed', () => loadProgram(openDefinition())], ['a form that is not closed, with bounded lists', () => loadProgram(boundedDefinition())]] as const) {
    it(`${label}: the module's checks are validate's, and give its answers with the browser's guard and with the whole guard`, async () => {
      const p = make();
      const runtimePlan = runtimeValidators(p).plan('intake');
      expect(runtimePlan.storable).toBeTypeOf('function');
      const server = await importModule(await buildValidatorsModule(p));
      const page = await importModule(await buildValidatorsModule(p, { compact: true, minify: true }));
      for (const mod of [server, page]) expect(mod.quickChecks?.['intake']?.storable).toBeTypeOf('function');
      // The look below Ajv's errors serves a server: a page keeps its module small and runs its guard instead.
      expect(server.quickChecks!['intake']!.storableDespiteErrors === undefined).toBe(runtimePlan.storableDespiteErrors === undefined);
      expect(page.quickChecks!['intake']!.storableDespiteErrors).toBeUndefined();
      if (label.endsWith('bounded lists')) expect(server.quickChecks!['intake']!.storableDespiteErrors).toBeTypeOf('function');
      const whole = fromValidatorsModule(server, { inputGuard: checkInput });
      const browser = fromValidatorsModule(page);
      const ajvErrors = (data: unknown) => {
        const v = runtimeValidators(p).validator('intake');
        v(data);
        return v.errors ?? [];
      };
      fc.assert(
        fc.property(hostile(p.definition.forms['intake']!.schema as Record<string, unknown>), fc.constantFrom('de', 'en'), (data, locale) => {
          expect(server.quickChecks!['intake']!.storable!(data)).toBe(runtimePlan.storable!(data));
          if (runtimePlan.storableDespiteErrors) expect(server.quickChecks!['intake']!.storableDespiteErrors!(data, ajvErrors(data))).toBe(runtimePlan.storableDespiteErrors(data, ajvErrors(data)));
          const expected = validate(p, 'intake', data, { locale });
          expect(validateWith(whole, 'intake', data, { locale })).toEqual(expected);
          // The browser's guard finds only what its own data can trip (too long, not storable): the same answer there.
          const own = validateWith(browser, 'intake', data, { locale });
          if (expected.errors.every((e) => !SERVER_GUARD_ONLY.has(e.code))) expect(own).toEqual(expected);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('the definition of some forms', () => {
  it('keeps the periods those forms take submissions in, with their texts, and leaves out the others', () => {
    const zb = loadExample('zukunftsbuendnis');
    const doc = JSON.parse(definitionDocument(zb, { forms: ['registration'], locale: 'de' })) as DefinitionDocument;
    const def = doc.definition as { periods: Record<string, unknown>; texts: Record<string, Record<string, string>> };
    expect(Object.keys(def.periods)).toEqual(['registration']);
    expect(Object.keys(def.texts['de']!).filter((k) => k.startsWith('periods.'))).toEqual(['periods.registration.title', 'periods.registration.instead']);
    const sponsorship = JSON.parse(definitionDocument(zb, { forms: ['sponsorship'], locale: 'de' })) as DefinitionDocument;
    expect((sponsorship.definition as { periods: object }).periods).toEqual({});
  });
});
