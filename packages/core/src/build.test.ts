import { describe, expect, it, beforeAll } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadProgram } from './load-program.js';
import { validate } from './validate.js';
import { buildValidatorsModule } from './build.js';
import { fromValidatorsModule, validateWith, visibilityWith, type CompiledProgram, type ValidatorsModule } from './runtime.js';
import { computeVisibility } from './form-state.js';
import { runtimeValidators } from './validate.js';
import { miniDefinition } from './test-support/load-example.js';
import { arbitraryFromSchema } from './test-support/arbitrary-from-schema.js';

const program = loadProgram(miniDefinition());
let source = '';
let compiled: CompiledProgram;

beforeAll(async () => {
  source = await buildValidatorsModule(program);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-build-')), 'mini.validators.js');
  writeFileSync(file, source);
  compiled = fromValidatorsModule((await import(pathToFileURL(file).href)) as ValidatorsModule);
});

describe('buildValidatorsModule', () => {
  it('writes a module with no imports, no require and no code generation at run time', () => {
    expect(source).not.toMatch(/^\s*import\s/m);
    expect(source).not.toMatch(/\brequire\(\s*["'][^"']+["']\s*\)(?!\.default';)/);
    expect(source).not.toMatch(/new Function|\beval\(/);
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

  it('refuses a form the program does not have', async () => {
    await expect(buildValidatorsModule(program, { forms: ['nope'] })).rejects.toThrow(/no form "nope"/);
  });
});
