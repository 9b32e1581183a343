// What a `<cf-form drafts>` does with drafts: reading the saved one to offer it when the form starts, writing the
// answers as the person goes, deleting them on request or once sent, and what it shows of them (the offer to continue
// and the note under the form), with its styles. The embed build puts it into a file of its own beside the bundle,
// `cf-form.drafts.js`, which <cf-form> imports only for a form with drafts, alongside the program, so that a saved
// draft is offered as the form first shows (form-drafts.ts stands in for it until then, and for a form without drafts).
import { css, html, nothing, type TemplateResult } from '../internal/lit.js';
import { readDraft, removeDraft } from '../internal/draft-storage.js';
import { fillString } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import { createDraftWriter, type DraftWriter } from './draft-writer.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts, KeptDrafts } from './form-drafts.js';
import type { FormView } from './render-form.js';

/** The note under the form; the offer uses the form's own styles. */
export const styles = [
  css`
  .draft-note {
    color: var(--_muted);
    font-size: 0.9375rem;
    border-top: 1px solid var(--_surface);
    padding-top: calc(var(--_space) * 0.5);
  }
  .draft-note p {
    margin: 0;
  }
  `,
];

/** The drafts of a form, on the state `drafts` keeps (the stand-in the form's parts hold). */
export function createKeptDrafts(context: FormContext, drafts: FormDrafts): KeptDrafts {
  const host = context.__host;
  const key = () => {
    const s = context.__session;
    if (!host.drafts || !s) return undefined;
    return host.draftKey || `cf-draft:${s.compiled.program.id}:${s.formId}`;
  };
  let writer: DraftWriter | undefined;
  const clear = () => {
    writer?.__cancel();
    removeDraft(key());
  };

  return {
    __findOffer(s) {
      const draft = readDraft(key());
      drafts.__offer = draft && draft.program === s.compiled.program.ref && draft.form === s.formId ? draft : undefined;
      return drafts.__offer !== undefined;
    },

    __save(now = false) {
      (writer ??= createDraftWriter(context, drafts, key)).__save(now);
    },

    __resume(s, offer) {
      s.data = offer.data;
      s.refresh();
      const index = s.layout.pages.findIndex((p) => p.id === offer.place);
      const pages = s.visiblePages();
      s.goTo(offer.place === 'review' && s.review ? { review: true } : { page: pages.includes(index) ? index : (pages[0] ?? 0) });
      drafts.__offer = undefined;
      drafts.__previous = offer.previous;
      context.__idempotency = offer.idempotency;
    },

    __discard() {
      clear();
      drafts.__previous = undefined;
      drafts.__offer = undefined;
    },

    __stop() {
      clear();
      drafts.__stopped = true;
    },

    __clear() {
      clear();
      drafts.__previous = undefined;
    },

    __renderResume: renderResume,
    __renderNote: renderDraftNote,
  };
}

/** The choice between the offered draft and a fresh start. */
function renderResume(view: FormView): TemplateResult {
  const { __strings: strings, __navigation: navigation } = view;
  const headingLevel = view.__host.headingLevel;
  const saved = new Date(view.__drafts.__offer?.savedAt ?? Date.now());
  const date = new Intl.DateTimeFormat(view.__session.locale, { dateStyle: 'long', timeStyle: 'short' }).format(saved);
  return html`<section class="resume" part="resume" aria-labelledby="cf-title">
    ${heading(headingLevel, view.__texts.formTitle(), { id: 'cf-title', part: 'title', className: 'title', focusable: true })}
    ${heading(headingLevel + 1, strings.resumeTitle, { part: 'page-title' })}
    <p>${fillString(strings.resumeText, { date })}</p>
    ${view.__textsFailed || view.__checkFailed
      ? html`<div class="notice notice-error" part="notice" id="cf-refusal" role="alert" tabindex="-1"><p>${strings.textsFailed}</p></div>`
      : nothing}
    <div class="actions" part="actions">
      <button type="button" class="button primary" part="button button-primary" @click=${navigation.__resume}>${strings.resume}</button>
      <button type="button" class="button secondary" part="button button-secondary" @click=${navigation.__discard}>${strings.discard}</button>
    </div>
  </section>`;
}

/** The note that answers are saved in this browser, with the button that deletes them. */
function renderDraftNote(view: FormView): TemplateResult {
  const strings = view.__strings;
  if (view.__drafts.__stopped) return html`<p class="draft-note" part="draft-note">${strings.draftDeleted}</p>`;
  return html`<div class="draft-note" part="draft-note">
    <p>${view.__host.draftsOmitPersonal ? strings.draftNoteNoPersonal : strings.draftNote}</p>
    <button type="button" class="link-button" part="button" @click=${view.__editing.__deleteDraft}>${strings.deleteDraft}</button>
  </div>`;
}
