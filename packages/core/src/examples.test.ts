// Every example program loads, and every data case of it behaves as its file says — through `validate` and
// through the precompiled module alike.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validate } from './compile/validate.js';
import { buildValidatorsModule } from './build.js';
import { fromValidatorsModule, validateWith, type ValidatorsModule } from './runtime.js';
import { parsePointer } from './runtime/pointer.js';
import { exampleCases, exampleNames, loadExample } from './test-support/load-example.js';

function has(data: unknown, pointer: string): boolean {
  let node = data;
  for (const t of parsePointer(pointer)) {
    if (typeof node !== 'object' || node === null || !Object.prototype.hasOwnProperty.call(node, t)) return false;
    node = (node as Record<string, unknown>)[t];
  }
  return true;
}

describe.each(exampleNames())('example %s', (name) => {
  const program = loadExample(name);
  const cases = exampleCases(name);

  it('loads without problems', () => {
    expect(program.id).toBe(name);
  });

  it.each(cases.map((c) => [c.file, c] as const))('case %s behaves as expected', async (_file, c) => {
    const r = validate(program, c.form, c.data, { locale: c.locale });
    expect(r.valid).toBe(c.expect.valid);
    if (c.expect.errors) {
      expect(r.errors.map((e) => `${e.pointer} ${e.code}`).sort()).toEqual(c.expect.errors.map((e) => `${e.pointer} ${e.code}`).sort());
    }
    for (const p of c.expect.dropped ?? []) {
      expect(has(c.data, p), `${p} is in the input`).toBe(true);
      expect(has(r.data, p), `${p} is dropped`).toBe(false);
    }
    if (c.expect.valid && !c.expect.dropped) expect(r.data).toEqual(c.data);
  });

  it('gives the same results through the precompiled module', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-ex-')), `${name}.validators.js`);
    writeFileSync(file, await buildValidatorsModule(program));
    const compiled = fromValidatorsModule((await import(pathToFileURL(file).href)) as ValidatorsModule);
    for (const c of cases) expect(validateWith(compiled, c.form, c.data, { locale: c.locale }), c.file).toEqual(validate(program, c.form, c.data, { locale: c.locale }));
  });
});
