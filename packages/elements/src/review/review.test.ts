import { expect } from '@esm-bundle/chai';
import '../define.js';
import { uiStrings } from '../internal/ui-strings.js';
import { loadWords } from '../internal/locale-words.js';
import type { CfFocusFieldEvent } from '../events/focus-field.js';

// The widget's German and English words are modules of their own, as in a page.
await Promise.all([loadWords('de'), loadWords('en')]);

const answer = (label: string, text: string, pointer: string, more: { empty?: boolean; href?: string } = {}) =>
  ({ kind: 'answer', control: 'text', label, text, pointer, empty: more.empty ?? false, ...(more.href ? { href: more.href } : {}) }) as const;

describe('cf-review', () => {
  it('lists the answers of each page with a change button that names the field', async () => {
    const el = document.createElement('cf-review');
    el.strings = uiStrings('en');
    el.level = 3;
    el.sections = [
      { page: 'about', title: 'About you', children: [answer('Name', 'Ada', '/name'), answer('Proof', 'proof.pdf', '/proof', { href: 'data:application/pdf;base64,JVBERi0=' })] },
      {
        page: 'household',
        title: 'Household',
        children: [{ kind: 'list', label: 'People', pointer: '/people', empty: false, text: '', entries: [{ kind: 'group', label: 'Entry 1', pointer: '/people/0', children: [answer('First name', 'Not answered', '/people/0/firstName', { empty: true })] }] }],
      },
    ];
    document.body.append(el);
    await el.updateComplete;
    expect([...el.querySelectorAll('h3')].map((h) => h.textContent)).to.deep.equal(['About you', 'Household']);
    expect(el.querySelector('h4')!.textContent).to.equal('People: Entry 1');
    const asked: string[] = [];
    el.addEventListener('cf-focus-field', (e: CfFocusFieldEvent) => asked.push(e.detail.pointer));
    const buttons = el.querySelectorAll('button');
    expect(buttons[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Change Name');
    buttons[2]!.click();
    expect(asked).to.deep.equal(['/people/0/firstName']);
    expect(el.querySelector('dd.empty')!.textContent!.trim()).to.equal('Not answered');
    const link = el.querySelector('a')!;
    expect([link.textContent, link.getAttribute('download'), link.getAttribute('href')]).to.deep.equal(['proof.pdf', 'proof.pdf', 'data:application/pdf;base64,JVBERi0=']);
    el.remove();
  });
});
