import { expect } from '@esm-bundle/chai';
import { $, $$, loadModule, mountForm, primary, settle, text, type } from '../test-support/fixtures.js';
import type { CfForm } from './form.js';

describe('cf-form', () => {
  let form: CfForm | undefined;
  afterEach(() => {
    form?.remove();
    form = undefined;
    localStorage.clear();
  });

  it('renders the mini program with labels from its texts', async () => {
    form = await mountForm(await loadModule('mini'), { locale: 'en' });
    expect(text($(form, '#cf-title'))).to.equal('Intake');
    const labels = $$(form, 'label, legend').map(text);
    expect(labels).to.include.members(['Name', 'Email', 'Housing', 'Household']);
  });
});
