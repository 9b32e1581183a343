// A small program, inline-sized, for tests where an example would hide what the test is about. Browser tests get
// its validators from scripts/browser-fixtures.mjs under the name `mini`.
import { readFileSync } from 'node:fs';

/** The raw JSON of the small program in mini-program.json beside this file (a fresh copy on each call). */
export function miniDefinition(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL('./mini-program.json', import.meta.url), 'utf8')) as Record<string, unknown>;
}
