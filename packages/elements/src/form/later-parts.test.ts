// What the embed file leaves to the files it imports later (scripts/build-embed.mjs): the error summary comes with the
// validation code (cf-form.validation.js), the styles of the review's answers and the applicant's notes with the
// sending code (cf-form.sending.js), both fetched at the person's first focus or keystroke; what a form outside its
// periods shows comes with cf-form.closed.js, fetched only for a form with periods; the wording of derived values
// comes with the sending code, which a form with them fetches as soon as it is shown; the language switch comes with
// cf-form.languages.js, fetched only for a form that shows one, alongside the program, and what does drafts with
// cf-form.drafts.js, fetched only for a form with drafts, alongside the program. This page loads the embed's entry
// (not define.ts, which registers every element at once), so nothing of it is there before the widget fetches it.
import { expect } from '@esm-bundle/chai';
import type { ValidatorsModule } from '@civicflow/core/runtime';
import '../embed.js';
import type { CfForm } from './form.js';
import { errorSummaryStyles } from '../error-summary/error-summary.styles.js';
import { answersStyles } from '../internal/answers.styles.js';
import { applicantNotesStyles } from '../internal/applicant-notes.styles.js';

const fetched = (file: RegExp) => performance.getEntriesByType('resource').some((e) => file.test(new URL(e.name).pathname));

async function waitFor<T>(probe: () => T | undefined | null | false, what: string): Promise<T> {
  const start = performance.now();
  for (;;) {
    const v = probe();
    if (v) return v;
    if (performance.now() - start > 5000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function mount(name: string, props: Partial<CfForm> = {}): Promise<CfForm> {
  const mod = (await import(/* @vite-ignore */ `/.cache/browser/${name}.validators.js`)) as ValidatorsModule;
  const form = document.createElement('cf-form');
  form.setAttribute('locale', 'de');
  Object.assign(form, props);
  form.program = mod;
  document.body.append(form);
  await waitFor(() => form.shadowRoot?.querySelector('form, .closed, .resume'), 'the form to render');
  return form;
}

describe('what comes after the first page', function () {
  this.timeout(30_000);
  afterEach(() => document.querySelectorAll('cf-form').forEach((e) => e.remove()));

  it('shows, announces and focuses the error summary, with its styles, once the validation code it comes with is there', async () => {
    const form = await mount('mini');
    const root = form.shadowRoot!;
    expect(customElements.get('cf-error-summary') !== undefined, 'defined by the embed itself').to.equal(false);
    expect(root.adoptedStyleSheets.includes(errorSummaryStyles.styleSheet!)).to.equal(false);
    expect(root.adoptedStyleSheets.includes(answersStyles.styleSheet!)).to.equal(false);
    expect(fetched(/\/form\/form-(validation|sending)\.[jt]s$/), 'nothing fetched before the first focus').to.equal(false);
    // "Continue" on an empty first page, with a click that moves no focus: the press waits for the validation code.
    root.querySelector<HTMLButtonElement>('button.primary')!.click();
    const box = await waitFor(() => root.querySelector<HTMLElement>('cf-error-summary .error-summary'), 'the error summary');
    expect(customElements.get('cf-error-summary') !== undefined, 'defined by the validation code').to.equal(true);
    expect(box.getAttribute('role')).to.equal('alert');
    await waitFor(() => root.activeElement === box, 'the summary to take focus');
    expect(getComputedStyle(box).borderTopWidth, 'styled by the sheet that came with the code').to.equal('4px');
    expect(box.querySelectorAll('a').length).to.be.greaterThan(0);
  });

  it('adds the styles of the review and the notes once the sending code is there', async () => {
    const form = await mount('mini');
    const root = form.shadowRoot!;
    root.querySelector<HTMLInputElement>('input')!.focus();
    await waitFor(() => root.adoptedStyleSheets.includes(answersStyles.styleSheet!), 'the sending code');
    expect(root.adoptedStyleSheets.includes(applicantNotesStyles.styleSheet!)).to.equal(true);
    // The form's own sheets stay first, so that what comes later adds to them rather than replacing them.
    expect(root.adoptedStyleSheets.indexOf(answersStyles.styleSheet!)).to.be.greaterThan(root.adoptedStyleSheets.length - 5);
  });

  it('fetches what a closed form shows only for a form with periods', async () => {
    await mount('mini');
    expect(fetched(/\/form\/form-closed\.[jt]s$/), 'a form without periods').to.equal(false);
    const form = await mount('wir-vielfalt', { now: new Date('2020-06-01T10:00:00Z') });
    expect(fetched(/\/form\/form-closed\.[jt]s$/), 'a form with periods').to.equal(true);
    expect(form.shadowRoot!.querySelector('.closed h3')?.textContent?.trim()).to.equal('Dieses Formular ist geschlossen');
  });

  it('fetches the language switch only for a form that shows one, and shows that form with it, styled', async () => {
    await mount('gemeinsam-fuer-hagen', { formId: 'contact' });
    expect(fetched(/\/form\/form-languages\.[jt]s$/), 'a form without the switch').to.equal(false);
    const form = await mount('gemeinsam-fuer-hagen', { formId: 'contact', languageSwitch: true });
    expect(fetched(/\/form\/form-languages\.[jt]s$/), 'a form with the switch').to.equal(true);
    // There as the form first shows, not a moment later.
    const buttons = [...form.shadowRoot!.querySelectorAll<HTMLButtonElement>('.languages button')];
    expect(buttons.map((b) => b.textContent!.trim())).to.include('Deutsch');
    expect(buttons.find((b) => b.getAttribute('aria-pressed') === 'true')!.textContent!.trim()).to.equal('Deutsch');
    expect(getComputedStyle(buttons[0]!).minHeight, 'styled by the sheet that came with it').to.equal('44px');
  });

  it('fetches what does drafts only for a form with drafts, and offers a saved draft as the form first shows', async () => {
    const key = 'cf-draft:later-parts';
    localStorage.removeItem(key);
    const plain = await mount('mini');
    expect(fetched(/\/form\/form-drafts-kept\.[jt]s$/), 'a form without drafts').to.equal(false);
    const draft = { v: 1, program: plain.compiledProgram!.program.ref, form: plain.__shown!.formId, data: {}, place: plain.__shown!.page(0).id, savedAt: new Date().toISOString() };
    localStorage.setItem(key, JSON.stringify(draft));
    try {
      const form = await mount('mini', { drafts: true, draftKey: key });
      expect(fetched(/\/form\/form-drafts-kept\.[jt]s$/), 'a form with drafts').to.equal(true);
      const root = form.shadowRoot!;
      // The offer is the first thing it shows, not the form a moment before it.
      expect(root.querySelector('.resume'), 'the offer').not.to.equal(null);
      expect(root.querySelector('form'), 'no form yet').to.equal(null);
      root.querySelector<HTMLButtonElement>('.resume button.secondary')!.click();
      const note = await waitFor(() => root.querySelector<HTMLElement>('.draft-note'), 'the note under the form');
      expect(getComputedStyle(note).borderTopWidth, 'styled by the sheet that came with it').to.equal('1px');
      expect(localStorage.getItem(key), 'starting afresh deletes the saved draft').to.equal(null);
    } finally {
      localStorage.removeItem(key);
    }
  });

  it('fetches the sending code as soon as a form with derived values is shown, and words their outputs with it', async () => {
    const costs = [{ item: 'Moderation der Werkstätten', amount: 9000 }, { item: 'Druck und Übersetzungen', amount: 6000 }];
    const form = await mount('wir-vielfalt', { now: new Date('2019-10-01T10:00:00Z'), formId: 'application', value: { funding: { costs } } });
    const root = form.shadowRoot!;
    const session = form.__shown!;
    session.goTo({ page: session.layout.pages.findIndex((p) => p.id === 'funding') });
    form.requestUpdate();
    // No focus and no keystroke: the output alone asks for the code.
    const total = await waitFor(() => root.querySelector<HTMLOutputElement>('output#cf-funding-totalCosts'), 'the total');
    await waitFor(() => total.textContent!.trim() === '15.000', 'the total worked out and worded');
    expect(root.adoptedStyleSheets.includes(answersStyles.styleSheet!), 'the sending code is there').to.equal(true);
  });
});
