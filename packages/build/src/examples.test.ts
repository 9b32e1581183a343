// Every data case of every example program gives the same result through the precompiled module as through
// core's `validate`.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validate } from '@civicflow/core';
import { fromValidatorsModule, validateWith, type ValidatorsModule } from '@civicflow/core/runtime';
import { buildValidatorsModule } from './build.js';
import { exampleCases, exampleNames, loadExample } from '@civicflow/test-support';

describe.each(exampleNames())('example %s', (name) => {
  const program = loadExample(name);
  const cases = exampleCases(name);

  it('gives the same results through the precompiled module', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'cf-ex-')), `${name}.validators.js`);
    writeFileSync(file, await buildValidatorsModule(program));
    const compiled = fromValidatorsModule((await import(pathToFileURL(file).href)) as ValidatorsModule);
    for (const c of cases) expect(validateWith(compiled, c.form, c.data, { locale: c.locale }), c.file).toEqual(validate(program, c.form, c.data, { locale: c.locale }));
  });
});
