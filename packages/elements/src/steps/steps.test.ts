import { expect } from '@esm-bundle/chai';
import '../define.js';
import { uiStrings } from '../internal/ui-strings.js';
import { loadWords } from '../internal/locale-words.js';

// The widget's German and English words are modules of their own, as in a page.
await Promise.all([loadWords('de'), loadWords('en')]);

describe('cf-steps', () => {
  it('says which step this is and marks it as current', async () => {
    const el = document.createElement('cf-steps');
    el.strings = uiStrings('de');
    el.steps = [
      { label: 'Person', state: 'done' },
      { label: 'Kontakt', state: 'current' },
      { label: 'Prüfen', state: 'todo' },
    ];
    document.body.append(el);
    await el.updateComplete;
    expect(el.querySelector('.steps-text')!.textContent).to.equal('Schritt 2 von 3');
    expect(el.querySelector('[aria-current="step"]')!.textContent).to.equal('Kontakt');
    expect(el.querySelector('nav')!.getAttribute('aria-label')).to.equal('Fortschritt');
    el.steps = [{ label: 'Alles', state: 'current' }];
    await el.updateComplete;
    expect(el.querySelector('nav'), 'one step needs no indicator').to.equal(null);
    el.remove();
  });
});
