// The shape of a data case, shared by the Node entry (which reads the files) and the browser entry (which
// fetches them as scripts/browser-fixtures.mjs built them).

/**
 * A data case of an example: `examples/<name>/cases/<file>` pairs a form's input with its expected outcome.
 * (The other files there, `workflow-*.json`, are workflow walks: see `exampleWalks`.)
 */
export interface ExampleCase {
  /** The file name in the cases/ folder, such as `valid-minimal.json`. */
  file: string;
  /** What the case is about, in a sentence. */
  about: string;
  /** The form the data is for. */
  form: string;
  locale: string;
  /** The input, as the widget would send it. */
  data: Record<string, unknown>;
  /** Whether the data is valid, the errors as `pointer` and `code` if not, and the pointers of hidden values dropped. */
  expect: { valid: boolean; errors?: { pointer: string; code: string }[]; dropped?: string[] };
}

/** Whether a parsed case file is a data case: it names a form and what to expect. */
export function isDataCase(json: { form?: unknown; expect?: unknown }): boolean {
  return typeof json.form === 'string' && typeof json.expect === 'object' && json.expect !== null;
}
