import type { CompiledProgram, FormSessionBase, Program } from '@civicflow/core/runtime';
import type { ProgramSource } from '../internal/load-program.js';

/** What `showWords` needs of a `<cf-form>` (named here, so that importing this file declares no element). */
export interface WordsTaker {
  readonly __shown: FormSessionBase | undefined;
  program: ProgramSource | undefined;
  requestUpdate(): void;
}
import { formTexts, rewordFormTexts } from '../internal/form-texts.js';

/**
 * Whether `next` is `shown` with other words only: the same program and version in the same locales, and every
 * member of its definition but `texts` the same (the same object, as an editor that keeps what did not change
 * hands it, or else the same JSON).
 */
export function differsInWordsOnly(shown: Program, next: Program): boolean {
  if (next === shown) return true;
  if (next.id !== shown.id || next.version !== shown.version || next.locales.join() !== shown.locales.join()) return false;
  const before = shown.definition as unknown as Record<string, unknown>;
  const after = next.definition as unknown as Record<string, unknown>;
  const keys = Object.keys(after);
  if (keys.length !== Object.keys(before).length) return false;
  return keys.every((k) => k === 'texts' || (Object.prototype.hasOwnProperty.call(before, k) && (after[k] === before[k] || JSON.stringify(after[k]) === JSON.stringify(before[k]))));
}

/**
 * Gives a `<cf-form>` the words of `compiled` — labels, help, options, titles, messages — when it differs from the
 * program the form shows in its texts alone (see `differsInWordsOnly`), and sets it as the form's `program`. The form
 * keeps its session: the answers, the page, the marks and the errors stay, no field is built anew and focus stays
 * where it is; the fields are rendered again in the new words. `compiled.validators` must be those of the same
 * forms (texts are no part of a validator).
 *
 * Returns false, changing nothing, when the form shows no program yet (or is loading one) or `compiled` differs in
 * more than words: set `program` then, and the form loads it afresh. An editor's preview uses this; a page that
 * embeds the form needs none of it, so it lives outside the element and out of the embed bundle.
 */
export function showWords(form: WordsTaker, compiled: CompiledProgram): boolean {
  const session = form.__shown;
  if (!session || !differsInWordsOnly(session.compiled.program, compiled.program)) return false;
  if (session.compiled !== compiled) {
    const before = formTexts(session);
    session.setLocale(session.locale, compiled);
    // Only the fields whose words changed get new specs: the others are not rendered again.
    rewordFormTexts(session, before);
  }
  form.program = compiled;
  form.requestUpdate();
  return true;
}
