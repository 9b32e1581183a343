// What a form outside its periods needs: whether it takes submissions at a moment, and what it shows instead of its
// fields. The embed build puts it into a file of its own beside the bundle, `cf-form.closed.js`, which <cf-form>
// imports only for a form with periods, alongside the server's clock (form-period.ts): a form without periods never
// fetches it, and one with periods waits for nothing it did not wait for before.
import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { formatPeriodMoment, periodTextKeys, submissionWindow, type FormSessionBase } from '@civicflow/core/runtime';
import { fillString } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import type { FormView } from './render-form.js';
import type { ClosedForm } from './form-period.js';

/** Whether the session's form is closed at `now` for the public (the widget's sender has no roles); undefined when open. */
export function closedAt(session: FormSessionBase, now: Date): ClosedForm | undefined {
  const window = submissionWindow(session.compiled.program.definition, session.formId, now);
  if (window.open) return undefined;
  const { when, period } = window;
  return { when, period, __render: (view) => renderClosed(view, when === 'before', period) };
}

/**
 * A form outside its periods, instead of its fields: the form's title, whether it is not open yet or closed, the
 * period's dates in the person's language (with its time zone named where theirs differs), and the program's words
 * on what to do instead. Plain text in reading order, so a screen reader reads it as it reads the page.
 */
function renderClosed(view: FormView, before: boolean, period: ClosedForm['period']): TemplateResult {
  const { __strings: strings, __session: session, __texts: texts } = view;
  const level = view.__host.headingLevel;
  const { id, start, end, timeZone } = period;
  const reader = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  const moment = (d: Date) => formatPeriodMoment(d, session.locale, timeZone, reader);
  const params = { period: texts.text(periodTextKeys.title(id)) ?? id, start: moment(start), end: moment(end) };
  const instead = texts.text(periodTextKeys.instead(id));
  return html`<section class="closed" part="closed" aria-labelledby="cf-title">
    ${heading(level, texts.formTitle(), { id: 'cf-title', part: 'title', className: 'title' })}
    ${heading(level + 1, before ? strings.notYetOpenTitle : strings.closedTitle, { part: 'page-title' })}
    <p>${fillString(before ? strings.notYetOpenText : strings.closedText, params)}</p>
    ${instead ? html`<p part="instead">${instead}</p>` : nothing}
  </section>`;
}
