// The example programs' test cases (examples/<name>/cases/*.json), as built into .cache/browser/<name>.cases.json.

export interface ExampleCase {
  file: string;
  form?: string;
  locale?: string;
  data?: Record<string, unknown>;
  expect?: { valid: boolean; errors?: { pointer: string; code: string }[] };
}

export async function loadCases(name: string): Promise<ExampleCase[]> {
  const response = await fetch(`/.cache/browser/${name}.cases.json`);
  return response.ok ? ((await response.json()) as ExampleCase[]) : [];
}

/** One valid case per form of a program, to walk its pages with. */
export async function validCaseByForm(name: string): Promise<Map<string, ExampleCase>> {
  const out = new Map<string, ExampleCase>();
  for (const c of await loadCases(name)) {
    if (c.form && c.expect?.valid && c.data && !out.has(c.form)) out.set(c.form, c);
  }
  return out;
}
