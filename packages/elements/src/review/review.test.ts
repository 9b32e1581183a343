import { expect } from '@esm-bundle/chai';
import '../define.js';
import { uiStrings } from '../internal/ui-strings.js';
import type { CfFocusFieldEvent } from '../events/focus-field.js';

describe('cf-review', () => {
  it('lists the answers of each page with a change button that names the field', async () => {
    const el = document.createElement('cf-review');
    el.strings = uiStrings('en');
    el.level = 3;
    el.sections = [
      { page: 0, title: 'About you', blocks: [{ rows: [{ label: 'Name', value: 'Ada', empty: false, pointer: '/name' }] }] },
      { page: 1, title: 'Household', blocks: [{ heading: 'People: Entry 1', rows: [{ label: 'First name', value: 'Not answered', empty: true, pointer: '/people/0/firstName' }] }] },
    ];
    document.body.append(el);
    await el.updateComplete;
    expect([...el.querySelectorAll('h3')].map((h) => h.textContent)).to.deep.equal(['About you', 'Household']);
    expect(el.querySelector('h4')!.textContent).to.equal('People: Entry 1');
    const asked: string[] = [];
    el.addEventListener('cf-focus-field', (e: CfFocusFieldEvent) => asked.push(e.detail.pointer));
    const buttons = el.querySelectorAll('button');
    expect(buttons[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Change Name');
    buttons[1]!.click();
    expect(asked).to.deep.equal(['/people/0/firstName']);
    expect(el.querySelector('dd.empty')!.textContent).to.equal('Not answered');
    el.remove();
  });
});
