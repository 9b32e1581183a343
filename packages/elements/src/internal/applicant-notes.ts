import { html, nothing, type TemplateResult } from './lit.js';
import { applicantNotes, type ApplicantNotes } from '@civicflow/core/runtime';
import { heading } from './heading.js';

/** Headings of the parts of what an applicant is told. */
export interface NoteHeadings {
  readonly bringTitle: string;
  readonly contactTitle: string;
}

/** A date as the reader writes it ("4. März 2026", "4 March 2026"). */
export function longDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}

/**
 * What the applicant is told in `state`, in the reader's language: `text` looks up program texts, `due` is the
 * running timer's due time (ISO) that fills the date in.
 */
export function notesFor(text: (key: string) => string | undefined, state: string, due: string | undefined, locale: string): ApplicantNotes {
  return applicantNotes(text, state, due === undefined ? undefined : longDate(due, locale));
}

const EMAIL = /[^\s<>()]+@[^\s<>()]+\.[A-Za-z]{2,}/g;

/** A line with its e-mail addresses as links, so that a phone opens its mail app. */
function withLinks(line: string): unknown[] {
  const out: unknown[] = [];
  let at = 0;
  for (const m of line.matchAll(EMAIL)) {
    out.push(line.slice(at, m.index));
    out.push(html`<a href=${`mailto:${m[0]}`}>${m[0]}</a>`);
    at = m.index + m[0].length;
  }
  out.push(line.slice(at));
  return out;
}

/** What happens next, as paragraphs, and by when. */
export function renderNext(notes: ApplicantNotes): TemplateResult {
  return html`${notes.next.map((l) => html`<p class="told">${withLinks(l)}</p>`)}${notes.due ? html`<p class="due" part="due">${notes.due}</p>` : nothing}`;
}

/** What to bring (a list) and whom to contact (one line each), each under a heading at `level`. */
export function renderBringAndContact(notes: ApplicantNotes, strings: NoteHeadings, level: number): TemplateResult {
  return html`${notes.bring.length
      ? html`<div class="notes-part" part="bring">
          ${heading(level, strings.bringTitle, { part: 'subtitle' })}
          <ul>${notes.bring.map((l) => html`<li>${withLinks(l)}</li>`)}</ul>
        </div>`
      : nothing}${notes.contact.length
      ? html`<div class="notes-part" part="contact">
          ${heading(level, strings.contactTitle, { part: 'subtitle' })}
          <p class="contact-lines">${notes.contact.map((l, i) => html`${i > 0 ? html`<br />` : nothing}${withLinks(l)}`)}</p>
        </div>`
      : nothing}`;
}
