import { matchLocale, type CompiledProgram, type NotesDocument } from '@civicflow/core/runtime';

/**
 * What applicants are told in each state, for a program whose definition leaves those texts out (a module built by
 * `civicflow build --browser` names them in `notesUrls`, one JSON document per locale). Only the confirmation shows
 * them, so the code that sends fetches them, once per document: the first page waits for none of it.
 */
const fetched = new Map<string, Readonly<Record<string, string>>>();
const pending = new Map<string, Promise<void>>();

/** The document for a locale: the best match among the program's, else its first. */
function notesUrl(compiled: CompiledProgram, locale: string): string | undefined {
  const urls = compiled.notesUrls;
  if (!urls) return undefined;
  const key = matchLocale(locale, Object.keys(urls)) ?? compiled.program.locales.find((l) => Object.prototype.hasOwnProperty.call(urls, l)) ?? Object.keys(urls)[0];
  return key === undefined ? undefined : urls[key];
}

/**
 * The texts fetched so far for a locale: undefined while they are still to fetch (or could not be fetched), an empty
 * table for a program whose definition holds them itself.
 */
export function applicantTexts(compiled: CompiledProgram, locale: string): Readonly<Record<string, string>> | undefined {
  const url = notesUrl(compiled, locale);
  return url === undefined ? {} : fetched.get(url);
}

/**
 * Fetches the texts for a locale unless they are there; resolves when they are, or when they could not be fetched
 * (the confirmation then says what it can without them, and the next call tries again).
 */
export function fetchApplicantTexts(compiled: CompiledProgram, locale: string): Promise<void> {
  const url = notesUrl(compiled, locale);
  if (url === undefined || fetched.has(url)) return Promise.resolve();
  let p = pending.get(url);
  if (!p) {
    p = fetch(url, { credentials: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<NotesDocument>) : undefined))
      .then((doc) => {
        // Texts of another version of the program are not this one's.
        if (doc && doc.hash === compiled.program.hash && typeof doc.texts === 'object' && doc.texts !== null) fetched.set(url, doc.texts);
      })
      .catch(() => undefined)
      .finally(() => pending.delete(url));
    pending.set(url, p);
  }
  return p;
}
