import { expect } from '@esm-bundle/chai';

interface CspForm {
  error?: string;
  evalBlocked?: boolean;
  title?: string;
  summary?: string[];
  buttonBackground?: string;
}

function openUnderCsp(): Promise<CspForm> {
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
    frame.src = '/packages/elements/src/test-pages/csp/form.html';
    document.body.append(frame);
  });
}

describe('cf-form under Content-Security-Policy: script-src \'self\'', () => {
  it('loads the program’s validators, renders styled and validates, where eval is refused', async () => {
    const result = await openUnderCsp();
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
});
