// The widget's own words come as modules of their own, one per language, imported when <cf-form> connects: a page
// in English fetches the English words and no German ones (each test file runs in a fresh page).
import { expect } from '@esm-bundle/chai';
import '../define.js';
import { $, loadModule, mountForm, text } from '../test-support/fixtures.js';
import { loadedFirstWords, wordsReady } from '../internal/locale-words.js';
import { loadUiStrings, uiStrings } from '../internal/ui-strings.js';

/** The widget's German and English word modules this page has requested so far. */
const wordFiles = () =>
  performance
    .getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((p) => /\/internal\/strings\/(de|en)(-later)?\.[jt]s$/.test(p))
    .map((p) => /((?:de|en)(?:-later)?)\.[jt]s$/.exec(p)![1]);

describe('the widget’s own words, loaded with the form', function () {
  this.timeout(20_000);
  afterEach(() => document.querySelectorAll('cf-form').forEach((e) => e.remove()));

  it('shows the loading notice without any words loaded, in the page’s language', () => {
    expect(Object.keys(loadedFirstWords), 'no words before a form asks for them').to.deep.equal([]);
    expect(wordsReady('en')).to.equal(false);
    expect(uiStrings('en').loading).to.equal('Loading the form…');
    expect(uiStrings('de-CH').loading).to.equal('Das Formular wird geladen …');
    // Only the loading notices until the words are there: no other key, and nothing made up for it.
    expect(Object.keys(uiStrings('en')).sort()).to.deep.equal(['loadFailed', 'loading']);
    expect(uiStrings('en').next).to.equal(undefined);
  });

  it('fetches only the Arabic words for a page in Arabic: they have every key, so no German or English ones', async () => {
    const mod = await loadModule('zweite-chance');
    const form = await mountForm(mod, { locale: 'ar' });
    expect(wordFiles()).to.deep.equal([]);
    expect(text($(form, 'button.primary'))).to.equal(uiStrings('ar').next);
    expect(uiStrings('ar').next).not.to.equal('Continue');
  });

  it('fetches the English words for a page in English, and no German ones', async () => {
    const mod = await loadModule('zweite-chance');
    const form = await mountForm(mod, { locale: 'en' });
    expect(wordFiles()).to.deep.equal(['en']);
    expect(Object.keys(loadedFirstWords).sort(), 'Arabic from the test before, English now').to.deep.equal(['ar', 'en']);
    // The widget's own words are English: the button row and the required mark.
    expect(text($(form, 'button.primary'))).to.equal(uiStrings('en').next);
    expect(uiStrings('en').next).to.equal('Continue');
  });

  it('fetches both files of German words when the person switches to German', async () => {
    const mod = await loadModule('zweite-chance');
    const form = await mountForm(mod, { locale: 'en' });
    form.setAttribute('locale', 'de');
    for (let i = 0; i < 200 && text($(form, 'button.primary')) !== 'Weiter'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(text($(form, 'button.primary'))).to.equal('Weiter');
    expect(wordFiles().sort()).to.deep.equal(['de', 'de-later', 'en']);
  });

  it('gives every key once the words are loaded: loadUiStrings waits for them, uiStrings then has them too', async () => {
    const fr = await loadUiStrings('fr');
    expect(fr.next, 'a page in French shows the English words').to.equal('Continue');
    expect(Object.keys(fr).length).to.be.greaterThan(50);
    expect(fr.loading).to.equal('Loading the form…');
    const deCh = await loadUiStrings('de-CH', { next: 'Weiter so' });
    expect([deCh.next, deCh.back]).to.deep.equal(['Weiter so', uiStrings('de').back]);
    expect(uiStrings('de-CH').back).to.equal('Zurück');
    expect(Object.keys(uiStrings('de-CH')).sort()).to.deep.equal(Object.keys(fr).sort());
  });
});
