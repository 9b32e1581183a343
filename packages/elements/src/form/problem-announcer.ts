import type { CfField } from '../field/field.js';
import type { FormContext } from './form-context.js';
import { fieldLabel, formTexts } from '../internal/form-texts.js';
import { fieldMessage } from '../internal/memorable-date.js';

/**
 * Says a field's problem when the person leaves it (`FormEditing.__onFocusOut`). A field has a problem only once its
 * answer was checked, so this comes with the code that checks answers, in `cf-form.validation.js`; a field left before
 * that has no problem to say.
 */
export type ProblemAnnouncer = (field: CfField, to: Element | null) => void;

export function createProblemAnnouncer(context: FormContext): ProblemAnnouncer {
  const host = context.__host;
  /** The problem last announced per field pointer, so that leaving a field again with it says nothing new. */
  const announced = new Map<string, string>();
  let turn = 0;
  /**
   * Puts a sentence into the polite live region. Screen readers speak a change of the region's text, not a region
   * rendered with it: the region is emptied first, and the sentence follows a moment after that render.
   */
  const announce = async (text: string) => {
    const mine = ++turn;
    context.__announcement = '';
    host.requestUpdate();
    await host.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (mine !== turn) return;
    context.__announcement = text;
    host.requestUpdate();
  };
  return (field, to) => {
    const s = context.__session!;
    const error = s.errorAt(field.pointer);
    const message = error && fieldMessage(field.spec, s.valueAt(field.pointer), error, context.__strings());
    // Said once per new problem: a field left again with the same one keeps it in its description.
    if (message === announced.get(field.pointer)) return;
    if (message) announced.set(field.pointer, message);
    else announced.delete(field.pointer);
    // On the way to "continue" or "send" the summary says it all, as an alert; two voices would talk over each other.
    if (!message || to?.matches('button[type="submit"]') || to?.closest('cf-error-summary')) return;
    const strings = context.__strings();
    void announce(`${strings.errorPrefix} ${fieldLabel(formTexts(s), strings, field.pointer)}: ${message}`);
  };
}
