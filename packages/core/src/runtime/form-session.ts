import type { ValidationError } from './validation-error.js';
import { FormSessionBase, type ShownError } from './form-session-base.js';
import { escapePointerToken, maxErrors, parsePointer, pointerToFieldPath } from './pointer.js';

export { FormSessionBase } from './form-session-base.js';
export type { Place, SessionValidation, ShownError } from './form-session-base.js';

/** A marker for "the whole form was attempted", next to page indices in `attempted`. */
const ALL = -1;

/**
 * The state of one person filling in one form, and every decision about it: what data there is, what is
 * shown, which errors are visible, where "next" and "back" lead. Elements render it, in words of their own
 * (labels and titles come from the program's texts); they decide nothing.
 *
 * Its state lives in `FormSessionBase`, what showing a form needs; this class adds the decisions that only count
 * once answers are checked. It holds no state of its own (no fields, no private members), so that `checkedSession`
 * can turn a session opened as a `FormSessionBase` into one.
 */
export class FormSession extends FormSessionBase {
  /** See `checkedSession`. */
  static from(session: FormSessionBase): FormSession {
    if (session instanceof FormSession) return session;
    Object.setPrototypeOf(session, FormSession.prototype);
    const full = session as FormSession;
    // What the base worked out left the errors to this class: they are collected now, from the data as it is.
    full.collectErrors();
    return full;
  }

  /** The pointer of the field that shows an error at `pointer`: the deepest enclosing known field. */
  fieldFor(pointer: string): string {
    const tokens = parsePointer(pointer);
    let best = '';
    let path = '';
    let current = '';
    for (const t of tokens) {
      current += '/' + escapePointerToken(t);
      if (/^\d+$/.test(t)) continue;
      path = path ? `${path}.${t}` : t;
      const info = this.layout.fieldsByPath.get(path);
      if (!info) break;
      best = current;
      if (info.kind === 'value') break;
    }
    return best;
  }

  /** All errors of the data, the server's and the widget's own, each once, in page order. */
  protected override collectErrors(): void {
    const all: ValidationError[] = [...this.serverErrors];
    const seen = new Set(all.map((e) => e.pointer + '\u0000' + e.code));
    for (const e of this.result.errors) if (!seen.has(e.pointer + '\u0000' + e.code)) all.push(e);
    for (const [pointer, message] of this.localErrors) all.unshift({ pointer, code: 'file', message, params: {} });
    const shown: ShownError[] = [];
    for (const error of all) {
      const field = this.fieldFor(error.pointer);
      shown.push({ error, field, page: field ? this.pageOf(pointerToFieldPath(field)) : -1 });
    }
    this.shownErrors = shown;
    this.errorsByField = new Map();
    for (const s of shown) if (isRevealed(this, s) && !this.errorsByField.has(s.field)) this.errorsByField.set(s.field, s);
  }


  /** Every error the data has on a page (shown or not yet). */
  errorsOnPage(page: number): ShownError[] {
    return this.shownErrors.filter((s) => s.page === page);
  }

  /** The errors the summary lists: the current page's, or all of them on the review; at most `maxErrors`. */
  summary(): ShownError[] {
    return this.summaryCandidates().slice(0, maxErrors);
  }

  /**
   * How many problems the summary does not list: those beyond `maxErrors`, and where it covers the whole form
   * (the review, or a form of one page), those that validation only counted. (A server that lists fewer than it
   * found ran the same validation on the same data, so its count is this one.)
   */
  summaryMore(): number {
    if (!this.summaryOpen) return 0;
    const counted = 'review' in this.place || this.layout.pages.length === 1 ? (this.result.moreErrors ?? 0) : 0;
    return Math.max(0, this.summaryCandidates().length - maxErrors) + counted;
  }

  protected summaryCandidates(): ShownError[] {
    if (!this.summaryOpen) return [];
    const place = this.place;
    const list = 'review' in place ? this.shownErrors : this.shownErrors.filter((s) => s.page === place.page);
    return list.filter((s) => isRevealed(this, s));
  }

  /**
   * Tries to leave the current page forward. Returns false, and opens the summary, when the page has errors; returns
   * false and changes nothing before the session has its validation.
   */
  next(): boolean {
    const place = this.place;
    if ('review' in place || !this.validated) return false;
    if (this.errorsOnPage(place.page).length > 0) {
      this.attempted.add(place.page);
      this.summaryOpen = true;
      this.collectErrors();
      return false;
    }
    this.summaryOpen = false;
    if (this.returnToReview) {
      this.returnToReview = false;
      this.place = { review: true };
      return true;
    }
    const pages = this.visiblePages();
    const later = pages.find((p) => p > place.page);
    if (later !== undefined) this.place = { page: later };
    else if (this.review) this.place = { review: true };
    return true;
  }

  back(): boolean {
    const place = this.place;
    const pages = this.visiblePages();
    const current = 'review' in place ? Infinity : place.page;
    const earlier = pages.filter((p) => p < current).pop();
    if (earlier === undefined) return false;
    this.summaryOpen = false;
    this.returnToReview = false;
    this.place = { page: earlier };
    return true;
  }

  /**
   * Checks the whole form before sending; on errors, reveals them all and opens the summary. Before the session has
   * its validation, returns false and changes nothing.
   */
  attemptSend(): boolean {
    if (!this.validated) return false;
    if (this.shownErrors.length === 0 && this.result.valid) return true;
    this.attempted.add(ALL);
    this.summaryOpen = true;
    this.collectErrors();
    return false;
  }

  /** Shows the server's field errors (a 422 answer). */
  setServerErrors(errors: ValidationError[]): void {
    this.serverErrors = errors;
    this.attempted.add(ALL);
    this.summaryOpen = true;
    this.collectErrors();
  }

  setLocalError(pointer: string, message: string | undefined): void {
    if (message === undefined) this.localErrors.delete(pointer);
    else this.localErrors.set(pointer, message);
    this.collectErrors();
  }

  /** The data to send: valid data without hidden fields. */
  submission(): unknown {
    return this.result.data;
  }
}

function isRevealed(session: FormSession, s: ShownError): boolean {
  if (session.attempted.has(ALL) || session.attempted.has(s.page)) return true;
  if (s.error.code === 'file' || session.serverErrors.includes(s.error)) return true;
  return session.touched.has(s.field);
}

/**
 * Turns a session opened with only what showing a form needs into a full `FormSession`, in place: the same object,
 * data, marks and place, now with the decisions of this class. (A page shows its form before the code that checks
 * answers, and with it this class, has arrived.) A `FormSession` is returned as it is.
 */
export function checkedSession(session: FormSessionBase): FormSession {
  return FormSession.from(session);
}
