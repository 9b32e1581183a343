// Every example program loads, and every data case of it behaves as its file says (through `validate`; the
// precompiled module is compared with it in @civicflow/build's examples.test.ts).
import { describe, expect, it } from 'vitest';
import { validate } from './compile/validate.js';
import { parsePointer } from './runtime/pointer.js';
import { exampleCases, exampleNames, loadExample } from '@civicflow/test-support';

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
});
