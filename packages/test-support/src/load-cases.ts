// The data cases of the example programs in a browser test: scripts/browser-fixtures.mjs copies each
// example's cases/ folder into .cache/browser/<name>.cases.json, which the test server serves.
import { isDataCase, type ExampleCase } from './example-case.js';

/** The data cases of an example, in file order as in Node's `exampleCases`; none when no fixture was built for it. */
export async function loadCases(name: string): Promise<ExampleCase[]> {
  const response = await fetch(`/.cache/browser/${name}.cases.json`);
  if (!response.ok) return [];
  const files = (await response.json()) as ExampleCase[];
  return files.filter(isDataCase).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** One valid case per form of an example (the first in file order), to walk its pages with. */
export async function validCaseByForm(name: string): Promise<Map<string, ExampleCase>> {
  const out = new Map<string, ExampleCase>();
  for (const c of await loadCases(name)) {
    if (c.expect.valid && !out.has(c.form)) out.set(c.form, c);
  }
  return out;
}
