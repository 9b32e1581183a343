// The widget's words come in two files per language: what a page may show before anyone types, fetched with the
// form, and the rest (problems, the review, sending, …), fetched with the code that checks answers at the first focus
// or keystroke. Each test file runs in a fresh page, so the words loaded here are those these tests asked for.
import { expect } from '@esm-bundle/chai';
import '../define.js';
import { $, loadModule, mountForm, primary, text, type, waitFor } from '../test-support/fixtures.js';
import { laterFiles, loadedFirstWords, loadedLaterWords } from '../internal/locale-words.js';
import { uiStrings } from '../internal/ui-strings.js';
import type { CfForm } from './form.js';

// The words as the files have them; the test imports none of those files, so that only the form requests them.
const de = { next: 'Weiter', toReview: 'Angaben prüfen', required: '(Pflichtfeld)' };
const deLater = { errorPrefix: 'Fehler:', errorSummaryTitle: 'Bitte prüfen Sie Ihre Angaben' };
const enLater = { errorSummaryTitle: 'There is a problem' };

// Every module the test page loads counts: more than the 250 entries a page keeps by default.
performance.setResourceTimingBufferSize(100_000);

/** The widget's German and English word modules this page has requested so far, in the order asked. */
const wordFiles = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .map((p) => /\/internal\/strings\/((?:de|en)(?:-later)?)\.[jt]s$/.exec(p)?.[1])
    .filter((f): f is string => f !== undefined);

const shadowText = (form: CfForm) => text(form.shadowRoot!.querySelector('[part="base"]'));

describe('the widget’s words in two files per language', function () {
  this.timeout(20_000);
  let form: CfForm | undefined;
  afterEach(() => {
    form?.remove();
    form = undefined;
  });

  it('paints the first page from the first file alone: buttons, steps and the required mark, nothing missing', async () => {
    form = await mountForm(await loadModule('zweite-chance'), { locale: 'de' });
    expect(wordFiles()).to.deep.equal(['de']);
    expect(Object.keys(loadedLaterWords)).to.deep.equal([]);
    expect(text($(form, 'button.primary'))).to.equal(de.next);
    expect(text($(form, 'cf-steps'))).to.contain(de.toReview);
    expect(text($(form, 'cf-field'))).to.contain(de.required);
    expect(shadowText(form)).not.to.match(/undefined|\{\w+\}/);
    // What the second file holds is not there yet, and not made up either.
    expect(uiStrings('de').errorSummaryTitle).to.equal(undefined);
  });

  it('words a file chosen before the rest of the words came (a click that moved no focus) once they are here', async () => {
    form = await mountForm(await loadModule('controls'), { locale: 'de' });
    expect(Object.keys(loadedLaterWords)).to.deep.equal([]);
    const input = $<HTMLInputElement>(form, '#cf-proof');
    const dt = new DataTransfer();
    dt.items.add(new File(['x'.repeat(3000)], 'gross.pdf', { type: 'application/pdf' }));
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    const error = await waitFor(() => form!.shadowRoot!.querySelector('cf-field .error'), 'the file’s problem');
    expect(text(error)).to.contain(deLater.errorPrefix).and.to.contain('2 kB');
    expect(text(error)).not.to.match(/undefined|\{\w+\}/);
    expect(Object.keys(loadedLaterWords)).to.deep.equal(['de']);
  });

  it('fetches the rest at the first keystroke, so a problem shows in its own words', async () => {
    form = await mountForm(await loadModule('zweite-chance'), { locale: 'de' });
    type($(form, '#cf-person-givenName'), 'Jo');
    await waitFor(() => wordFiles().includes('de-later'), 'the second file');
    expect(wordFiles()).to.deep.equal(['de', 'de-later']);
    await primary(form);
    const summary = await waitFor(() => form!.shadowRoot!.querySelector('cf-error-summary'), 'the error summary');
    await waitFor(() => text(summary).includes(deLater.errorSummaryTitle), 'the summary’s heading');
    const error = await waitFor(() => form!.shadowRoot!.querySelector('cf-field [part="error"]'), 'a field’s problem');
    expect(text(error)).to.contain(deLater.errorPrefix);
    expect(shadowText(form)).not.to.match(/undefined/);
  });

  it('says when the second file could not be fetched, keeps the answers, and the next Continue fetches it again', async () => {
    // English, whose second file this page has not fetched yet.
    const real = laterFiles.en!;
    let offline = true;
    laterFiles.en = () => (offline ? Promise.reject(new TypeError('Failed to fetch dynamically imported module')) : real());
    try {
      form = await mountForm(await loadModule('zweite-chance'), { locale: 'en' });
      type($(form, '#cf-person-givenName'), 'Jo');
      await primary(form);
      const notice = await waitFor(() => form!.shadowRoot!.querySelector('.notice-error[role="alert"]'), 'the notice');
      expect(text(notice)).to.equal(uiStrings('en').textsFailed);
      expect(Object.keys(loadedLaterWords)).not.to.include('en');
      expect(($(form, '#cf-person-givenName') as HTMLInputElement).value, 'what was typed stays').to.equal('Jo');
      // Again, with a connection: the words come, and the problems show in them.
      offline = false;
      await primary(form);
      await waitFor(() => !form!.shadowRoot!.querySelector('.notice-error[role="alert"]'), 'the notice to go');
      const summary = await waitFor(() => form!.shadowRoot!.querySelector('cf-error-summary'), 'the error summary');
      await waitFor(() => text(summary).includes(enLater.errorSummaryTitle), 'the summary’s heading');
      expect(Object.keys(loadedLaterWords).sort()).to.deep.equal(['de', 'en']);
    } finally {
      laterFiles.en = real;
    }
  });

  it('loads both files of a language the person switches to', async () => {
    form = await mountForm(await loadModule('gemeinsam-fuer-hagen'), { form: 'contact', locale: 'de', 'language-switch': true });
    const before = wordFiles();
    $<HTMLButtonElement>(form, '.languages button[lang="ar"]').click();
    await waitFor(() => $(form!, '[part="base"]').getAttribute('dir') === 'rtl', 'the form in Arabic');
    const arabic = performance
      .getEntriesByType('resource')
      .map((e) => /\/internal\/strings\/locales\/(ar(?:-later)?)\.[jt]s$/.exec(new URL(e.name).pathname)?.[1])
      .filter((f) => f !== undefined);
    expect(arabic.sort()).to.deep.equal(['ar', 'ar-later']);
    // Its words, all of them, and no German or English word file beyond those the page had.
    expect(uiStrings('ar').errorSummaryTitle).to.be.a('string').and.not.equal(deLater.errorSummaryTitle);
    expect(wordFiles()).to.deep.equal(before);
    expect(Object.keys(loadedFirstWords).sort()).to.deep.equal(['ar', 'de', 'en']);
  });
  it('shows a host’s confirmation in its own words while the rest of the words cannot be fetched', async () => {
    const real = laterFiles.tr!;
    laterFiles.tr = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    try {
      form = await mountForm(await loadModule('gemeinsam-fuer-hagen'), { form: 'contact', locale: 'tr' });
      await form.showConfirmation('GH-7');
      const done = await waitFor(() => form!.shadowRoot!.querySelector('#cf-done'), 'the confirmation');
      // The Turkish words, not the English ones a locale falls back to when its own cannot be fetched.
      expect(text(done)).to.equal('Teşekkürler, formunuz gönderildi');
      const confirmation = $(form, '[part~="confirmation"]');
      expect(text(confirmation)).to.contain('GH-7').and.to.contain('Dosya numaranız');
      expect(Object.keys(loadedLaterWords)).not.to.include('tr');
    } finally {
      laterFiles.tr = real;
    }
  });
});
