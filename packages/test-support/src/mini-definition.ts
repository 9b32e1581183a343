// A small program, inline-sized, for tests where an example would hide what the test is about. Browser tests get
// its validators from scripts/browser-fixtures.mjs under the name `mini`.
import { readFileSync } from 'node:fs';

/** The raw JSON of the small program in mini-program.json beside this file (a fresh copy on each call). */
export function miniDefinition(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('./mini-program.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}

/**
 * Adds fields to the mini program that refer to one `$defs` schema (`contact`, with a `phone`), each with the
 * keywords given beside its `$ref`: on its page, with its labels in both languages.
 */
export function addContactFields(definition: Record<string, unknown>, fields: Record<string, Record<string, unknown>>): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const d = definition as Record<string, any>;
  const schema = d['forms'].intake.schema;
  schema.$defs = { contact: { type: 'object', properties: { phone: { type: 'string' } } } };
  for (const [name, field] of Object.entries(fields)) {
    schema.properties[name] = { $ref: '#/$defs/contact', ...field };
    d['forms'].intake.ui.pages[0].fields.push(name);
    for (const locale of ['de', 'en']) {
      d['texts'][locale][`forms.intake.fields.${name}.label`] = name;
      d['texts'][locale][`forms.intake.fields.${name}.phone.label`] = 'phone';
    }
  }
}

/**
 * A small program with derived values (a sum, a count, an age, days between dates, a share computed from another
 * derived value) and rules across fields (end after start, second choice not the first, an amount within the
 * total and within 20,000 unless an exception was granted), from derived-program.json beside this file.
 */
export function derivedDefinition(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('./derived-program.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}
