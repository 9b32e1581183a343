import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { hasApplicantNotes } from '@civicflow/core/runtime';
import type { UiStrings } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import { notesFor, renderBringAndContact, renderNext } from '../internal/applicant-notes.js';
import { createTextLookup, textLocaleOf } from '../internal/program-texts.js';
import { downloadCopy } from '../internal/submission-copy.js';
import { applicantTexts, fetchApplicantTexts } from '../internal/applicant-texts.js';
import type { FormContext } from './form-context.js';

/** Where a case stands after sending, as a civicflow server's receipt says: its state, and the due time of the date that state tells. */
export interface CaseStanding {
  readonly state: string;
  readonly due?: string;
}

/**
 * The parts of the confirmation that only a sent form has: the copy to keep, when the server offers one, and what
 * the program tells the applicant in the state the case is now in (what happens next, by when, what to have ready,
 * whom to contact), in the language shown now. They are part of the sending code (`cf-form.sending.js` in the
 * embed build), which is there whenever a confirmation is: `showConfirmation` waits for it.
 */
export function renderSent(context: FormContext, strings: UiStrings, headingLevel: number, standing: CaseStanding | undefined): TemplateResult {
  const { __copy: copy, __session: session } = context;
  const program = session?.compiled.program;
  // What the applicant is told may come in a file of its own (`applicant-texts.ts`): asked for when the sending code
  // arrived, and drawn here once it is there.
  const told = session ? applicantTexts(session.compiled, session.locale) : undefined;
  if (standing && session && !told) {
    const s = session;
    void fetchApplicantTexts(s.compiled, s.locale).then(() => {
      if (applicantTexts(s.compiled, s.locale)) context.__host.requestUpdate();
    });
  }
  const lookup = program && session ? createTextLookup(program, session.locale) : undefined;
  const notes =
    standing && program && session && lookup
      ? notesFor((key) => lookup(key) ?? told?.[key], standing.state, standing.due, textLocaleOf(program, session.locale))
      : undefined;
  const shown = notes && hasApplicantNotes(notes) ? notes : undefined;
  return html`${copy
    ? html`<p><button type="button" class="button secondary" part="button button-secondary copy-button" aria-disabled=${copy.state === 'loading' ? 'true' : 'false'} @click=${() => fetchCopy(context)}>
          ${copy.state === 'loading' ? strings.copyLoading : strings.copyDownload}
        </button></p>
        ${copy.state === 'failed' ? html`<p class="notice notice-error" part="notice" role="alert">${strings.copyFailed}</p>` : nothing}`
    : nothing}
  ${shown
    ? html`<div class="next" part="next">
        ${shown.next.length || shown.due ? html`${heading(headingLevel + 1, strings.nextTitle, { part: 'subtitle' })}${renderNext(shown)}` : nothing}
        ${renderBringAndContact(shown, strings, headingLevel + 1)}
      </div>`
    : nothing}`;
}

/** Fetches the applicant's copy and hands it to the browser; a failure says so beside the button. */
async function fetchCopy(context: FormContext): Promise<void> {
  const { __copy: copy, __host: host } = context;
  if (!copy || copy.state === 'loading') return;
  copy.state = 'loading';
  host.requestUpdate();
  try {
    copy.state = (await downloadCopy(copy, context.__session?.locale ?? host.locale ?? 'de')) ? 'idle' : 'failed';
  } catch {
    copy.state = 'failed';
  }
  host.requestUpdate();
}
