import { expect } from '@esm-bundle/chai';
import '../define.js';
import type { CfFocusFieldEvent } from '../events/focus-field.js';

describe('cf-error-summary', () => {
  it('links each problem to its field and asks the form to focus it', async () => {
    const el = document.createElement('cf-error-summary');
    el.headline = 'There is a problem';
    el.items = [
      { label: 'Name', message: 'Please fill in this field.', pointer: '/person/name' },
      { label: 'Form', message: 'The data has too many values.', pointer: '' },
    ];
    document.body.append(el);
    await el.updateComplete;
    const asked: string[] = [];
    el.addEventListener('cf-focus-field', (e: CfFocusFieldEvent) => asked.push(e.detail.pointer));
    const link = el.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('#cf-person-name');
    expect(link.textContent).to.equal('Name: Please fill in this field.');
    expect(el.querySelectorAll('li')[1]!.querySelector('a'), 'no link without a field').to.equal(null);
    link.click();
    expect(asked).to.deep.equal(['/person/name']);
    el.focus();
    const box = el.querySelector('.error-summary')!;
    expect(document.activeElement).to.equal(box);
    expect(el.querySelector('h3')!.textContent).to.equal('There is a problem');
    // GOV.UK's markup: an alert that takes focus, named by its heading, listing links.
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.getAttribute('tabindex')).to.equal('-1');
    expect(el.querySelector(`#${box.getAttribute('aria-labelledby')}`)).to.equal(el.querySelector('h3'));
    expect(box.querySelector('ul > li > a')).to.equal(link);
    el.items = [];
    await el.updateComplete;
    expect(el.querySelector('.error-summary')).to.equal(null);
    el.remove();
  });
});
