// The citizen's languages in Chromium: the widget's own words in Arabic (right to left) and Leichte Sprache, loaded on
// demand; a Leichte Sprache page shows German where the program has nothing simpler; the language switch names each
// language in itself; and every catalogue keeps the placeholders of the English one.
import { expect } from '@esm-bundle/chai';
import { builtInMessages, loadableLocales } from '@civicflow/core/runtime';
import { $, $$, loadModule, mountForm, primary, text, waitFor } from '../test-support/fixtures.js';
import { en as enWords } from '../internal/strings/en.js';
import { enLater } from '../internal/strings/en-later.js';
import { waitingEn } from '../internal/strings/waiting.js';
import { caseEn, caseStatusKeys, caseStrings } from '../internal/case-strings.js';
import { uiStrings } from '../internal/ui-strings.js';
import { languageName } from '../internal/language-names.js';
import { loadWords, wordsReady } from '../internal/locale-words.js';
import type { CfLocaleChangeEvent } from '../events/locale-change.js';
import type { CfForm } from './form.js';

const en = { ...waitingEn, ...enWords, ...enLater };

const PROGRAM = 'gemeinsam-fuer-hagen';
const placeholders = (s: string) => [...s.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]).sort();
const base = (form: CfForm) => $(form, '[part="base"]');

describe('the citizen’s languages', function () {
  this.timeout(30_000);
  afterEach(() => document.querySelectorAll('cf-form').forEach((e) => e.remove()));

  it('loads each locale’s words only when it is asked for, with every key and the placeholders of English', async () => {
    for (const locale of loadableLocales) {
      await loadWords(locale);
      expect(wordsReady(locale), locale).to.equal(true);
      const ui = uiStrings(locale);
      expect(ui, locale).not.to.equal(uiStrings('en'));
      for (const [key, english] of Object.entries(en)) {
        expect(placeholders(ui[key as keyof typeof en]), `${locale} ${key}`).to.deep.equal(placeholders(english));
        if (locale !== 'de-x-ls' && !/^\{\w+\}$/.test(english) && key !== 'errorPrefix') expect(ui[key as keyof typeof en], `${locale} ${key}`).not.to.equal(english);
      }
      const status = caseStrings(locale);
      for (const key of caseStatusKeys) expect(placeholders(status[key]), `${locale} ${key}`).to.deep.equal(placeholders(caseEn[key]));
      expect(builtInMessages(locale)['required'], locale).not.to.equal(builtInMessages('en')['required']);
    }
  });

  it('shows the form right to left in Arabic, with its own words, the program’s Arabic texts and Arabic messages', async () => {
    const form = await mountForm(await loadModule(PROGRAM), { form: 'contact', locale: 'ar' });
    const root = base(form);
    expect(root.getAttribute('dir')).to.equal('rtl');
    expect(root.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(root).direction).to.equal('rtl');
    expect(text($(form, 'h2, h3, h1'))).to.equal('التواصل الأول');
    expect(form.shadowRoot!.textContent).to.contain('(حقل إلزامي)');
    expect(text($(form, 'button.primary'))).to.be.oneOf(['متابعة', 'إرسال', 'مراجعة البيانات']);
    await primary(form);
    const summary = await waitFor(() => form.shadowRoot!.querySelector('cf-error-summary'), 'the error summary');
    expect(text(summary)).to.contain('يرجى التحقق من بياناتك');
    expect(text(summary)).to.contain('يرجى ملء هذا الحقل.');
    // Nothing of the English or German wording is left on the page.
    expect(form.shadowRoot!.textContent).not.to.match(/Please|Bitte|Continue|Weiter/);
  });

  it('shows Leichte Sprache where the program has it, and German where it has not', async () => {
    const form = await mountForm(await loadModule(PROGRAM), { form: 'contact', locale: 'de-x-ls' });
    expect(base(form).getAttribute('lang')).to.equal('de-x-ls');
    expect(base(form).getAttribute('dir')).to.equal('ltr');
    expect(text($(form, 'h2, h3, h1'))).to.equal('Erster Kontakt');
    expect(form.shadowRoot!.textContent).to.contain('Wobei brauchen Sie Hilfe?');
    expect(form.shadowRoot!.textContent).to.contain('(Pflicht-Feld: Das müssen Sie ausfüllen.)');
    await primary(form);
    const summary = await waitFor(() => form.shadowRoot!.querySelector('cf-error-summary'), 'the error summary');
    expect(text(summary)).to.contain('Dieses Feld ist leer. Bitte schreiben Sie hier etwas.');
  });

  it('falls back to German texts of the program for keys Leichte Sprache does not have', async () => {
    const form = await mountForm(await loadModule(PROGRAM), { form: 'advice', locale: 'de-x-ls' });
    // The advice form is written for staff and has no texts in Leichte Sprache: its German title shows.
    expect(text($(form, 'h2, h3, h1'))).to.equal('Beratungsgespräch');
    expect(form.shadowRoot!.textContent).to.contain('Vereinbarte nächste Schritte');
  });

  it('offers the program’s languages, each named in itself, and switches to the one chosen', async () => {
    const form = await mountForm(await loadModule(PROGRAM), { form: 'contact', locale: 'de', 'language-switch': true });
    const buttons = $$<HTMLButtonElement>(form, '.languages button');
    expect(buttons.map((b) => text(b))).to.deep.equal(['Deutsch', 'English', 'العربية', 'Leichte Sprache']);
    expect(buttons.map((b) => b.lang)).to.deep.equal(['de', 'en', 'ar', 'de-x-ls']);
    expect(buttons[2]!.dir).to.equal('rtl');
    expect(buttons.map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'false', 'false']);
    expect($(form, '.languages').getAttribute('aria-label')).to.equal('Sprache');
    let chosen: string | undefined;
    form.addEventListener('cf-locale-change', (e) => (chosen = (e as CfLocaleChangeEvent).detail.locale));
    buttons[2]!.click();
    await waitFor(() => base(form).getAttribute('dir') === 'rtl' && text($(form, 'h2, h3, h1')) === 'التواصل الأول', 'the form in Arabic');
    expect(chosen).to.equal('ar');
    expect(form.locale).to.equal('ar');
    expect($(form, '.languages').getAttribute('aria-label')).to.equal('اللغة');
    expect($$<HTMLButtonElement>(form, '.languages button').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false', 'true', 'false']);
  });

  it('names languages in themselves', () => {
    expect(['tr', 'uk', 'ru', 'ro', 'bg', 'ar', 'de-x-ls', 'DE-X-LS'].map(languageName)).to.deep.equal([
      'Türkçe', 'Українська', 'Русский', 'Română', 'Български', 'العربية', 'Leichte Sprache', 'Leichte Sprache',
    ]);
    expect(languageName('fr')).to.equal('Français');
  });
});
