import { expect } from '@esm-bundle/chai';

interface CspForm {
  error?: string;
  evalBlocked?: boolean;
  title?: string;
  summary?: string[];
  buttonBackground?: string;
  dir?: string;
}

function openUnderCsp(src: string, locale?: string): Promise<CspForm> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    const timer = setTimeout(() => reject(new Error('the CSP page did not answer')), 20_000);
    window.addEventListener('message', function onMessage(e: MessageEvent) {
      if (e.data?.type !== 'cf-csp-form') return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      frame.remove();
      resolve(e.data as CspForm);
    });
    frame.src = `/packages/elements/src/test-pages/csp/form.html?src=${encodeURIComponent(src)}${locale ? `&locale=${locale}` : ''}`;
    document.body.append(frame);
  });
}

const modules = {
  'a module with its definition inside': '/.cache/browser/zweite-chance.validators.js',
  'a page’s module, its German definition fetched from beside it': '/.cache/browser/beside/zweite-chance-intake.validators.js',
};

describe('cf-form under Content-Security-Policy: script-src \'self\'', function () {
  this.timeout(20_000);
  for (const [kind, src] of Object.entries(modules)) {
    it(`loads ${kind}, renders styled and validates, where eval is refused`, async () => {
      const result = await openUnderCsp(src);
      expect(result.error).to.equal(undefined);
      expect(result.evalBlocked, 'the page must really be under a CSP that blocks eval').to.equal(true);
      expect(result.title).to.equal('Anmeldung bei Zweite Chance');
      expect(result.summary).to.deep.equal([
        'Vorname: Bitte füllen Sie dieses Feld aus.',
        'Nachname: Bitte füllen Sie dieses Feld aus.',
        'Geburtsdatum: Bitte füllen Sie dieses Feld aus.',
      ]);
      expect(result.buttonBackground, 'the theme applies (constructable stylesheets are not inline styles)').to.equal('rgb(11, 79, 138)');
    });
  }
});

describe('cf-form in Arabic under Content-Security-Policy: script-src \'self\'', function () {
  this.timeout(20_000);
  it('loads the widget’s Arabic words from a module of their own, and shows the form right to left', async () => {
    const result = await openUnderCsp('/.cache/browser/beside/zweite-chance-intake.validators.js', 'ar');
    expect(result.error).to.equal(undefined);
    expect(result.evalBlocked).to.equal(true);
    expect(result.dir).to.equal('rtl');
    // Zweite Chance has no Arabic texts of its own: its labels stay in its default language, the messages are Arabic.
    expect(result.summary).to.deep.equal(['Vorname: يرجى ملء هذا الحقل.', 'Nachname: يرجى ملء هذا الحقل.', 'Geburtsdatum: يرجى ملء هذا الحقل.']);
  });
});
