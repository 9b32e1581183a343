// The code that checks a form's answers and words their problems (core's `validateWith`: the mapping of errors, the
// input guard, the German and English messages), the error summary that lists those problems, which shows only once
// answers were checked, with the building of its lines, and what only follows once answers can be checked: the code
// that moves through the form (form-navigation-lazy.ts), what says a field's problem as the person leaves it, what
// names the wrong box of a memorable date, and what takes a chosen file (its type and size
// checked, uploaded or read inline). The embed build puts it into a file of its own
// beside the bundle, `cf-form.validation.js`, which <cf-form> imports at the person's first focus or keystroke
// (form-validation-lazy.ts) and whose styles it adds to its shadow root.
import { checkedSession, pointerToFieldPath, type FormSession, type FormSessionBase } from '@civicflow/core/runtime';
import { CfErrorSummary, type SummaryItem } from '../error-summary/error-summary.js';
import { errorSummaryStyles } from '../error-summary/error-summary.styles.js';
import { fieldLabel, formTexts, type FormTexts } from '../internal/form-texts.js';
import { fieldMessage, useDateProblem } from '../internal/memorable-date.js';
import { dateProblem } from '../internal/date-problem.js';
import { fillString, type UiStrings } from '../internal/ui-strings.js';

export { validateWith, checkedSession } from '@civicflow/core/runtime';
export { createFormNavigation } from './form-navigation.js';
export { createProblemAnnouncer } from './problem-announcer.js';
export { takeFile } from '../field/take-file.js';

/**
 * The error summary's lines: each problem with its field's label and the message its field shows, and a line of its
 * own for problems beyond those listed (the list stops at core's maxErrors, as the server's does).
 */
export function summaryItems(shown: FormSessionBase, texts: FormTexts, strings: UiStrings): SummaryItem[] {
  // This file's arrival made every session a full one (form-validation-lazy.ts).
  const s = checkedSession(shown);
  const items: SummaryItem[] = s.summary().map((e) => ({
    label: e.field ? fieldLabel(texts, strings, e.field) : texts.formTitle(),
    message: e.field ? fieldMessage(texts.specs.get(pointerToFieldPath(e.field)), s.valueAt(e.field), e.error.message, strings) : e.error.message,
    pointer: e.field,
  }));
  const more = s.summaryMore();
  if (more > 0) items.push({ label: '', message: fillString(strings.moreErrors, { count: more }), pointer: '' });
  return items;
}

/**
 * What a host form is told of the answers: nothing while they are valid, else the first problem, with its field's
 * label, as the field shows it.
 */
export function validityMessage(s: FormSession, strings: UiStrings): string | undefined {
  const first = s.result.errors[0];
  if (s.result.valid || !first) return undefined;
  const texts = formTexts(s);
  const field = s.fieldFor(first.pointer);
  const message = fieldMessage(texts.specs.get(pointerToFieldPath(field)), s.valueAt(field), first.message, strings);
  return `${fieldLabel(texts, strings, field)}: ${message}`;
}

export const styles = [errorSummaryStyles];

/** The developer's warning of a `<cf-form>` whose `form` attribute took it out of the host form around it. */
export function warnFormAttribute(form: Element): void {
  const id = form.getAttribute('form');
  console.warn(
    `<cf-form>: form="${id}" names the id of a host <form> to the browser, so this widget is not part of the <form> around it and its answers are not submitted with it. Write form-id="${id}" to choose the program's form.`,
  );
}

// From now on a memorable date's error names the wrong box (the form draws again once this file is here).
useDateProblem(dateProblem);

if (!customElements.get('cf-error-summary')) customElements.define('cf-error-summary', CfErrorSummary);
