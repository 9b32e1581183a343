import { describe, expect, it } from 'vitest';
import { exampleNames, loadExample } from '@civicflow/test-support';
import { createAjv } from './create-ajv.js';

/** The code Ajv generates for a schema, with the numbers of its locals left out (other schemas shift them). */
function codeOf(schema: object, $data: boolean): string {
  const validate = createAjv({ $data, code: { source: true } }).compile(schema) as unknown as { source: { validateCode: string } };
  return validate.source.validateCode.replace(/\b(schema|err|func|formats)\d+\b/g, '$1');
}

describe('createAjv', () => {
  // `$data` is on for the whole instance, so that every form may compare fields. That costs forms without a `$data`
  // limit nothing: their validators are the very code an instance without `$data` makes, so it need not be switched
  // on schema by schema.
  it('makes the same validator for a form without `$data` limits as an instance without `$data` does', () => {
    let forms = 0;
    for (const name of exampleNames()) {
      for (const form of Object.values(loadExample(name).definition.forms)) {
        if (JSON.stringify(form.schema).includes('"$data"')) continue;
        expect(codeOf(form.schema as object, true)).toBe(codeOf(form.schema as object, false));
        forms++;
      }
    }
    expect(forms).toBeGreaterThan(3);
  });
});
