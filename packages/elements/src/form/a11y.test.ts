import { expect } from '@esm-bundle/chai';
import { $, exampleNames, loadModule, mountForm, primary, settle } from '../test-support/fixtures.js';
import { validCaseByForm } from '@civicflow/test-support/browser';
import { axeViolations } from '../test-support/axe.js';
import type { CfForm } from './form.js';

async function violations(form: CfForm, where: string): Promise<string[]> {
  await settle(form);
  return axeViolations(form, where);
}

describe('cf-form accessibility (axe-core)', function () {
  this.timeout(180_000);

  it('finds no violations on any page, error state or review of any example form, in German and English', async () => {
    const found: string[] = [];
    let checked = 0;
    for (const name of await exampleNames()) {
      const mod = await loadModule(name);
      const cases = await validCaseByForm(name);
      for (const formId of Object.keys((mod.definition as { forms: object }).forms)) {
        for (const locale of ['de', 'en']) {
          const form = await mountForm(mod, { form: formId, locale });
          try {
            const where = `${name}/${formId}/${locale}`;
            await primary(form);
            found.push(...(await violations(form, `${where} errors`)));
            checked++;
            const example = cases.get(formId);
            if (!example) continue;
            form.value = structuredClone(example.data);
            await settle(form);
            for (let step = 0; step < 30 && !form.shadowRoot!.querySelector('cf-review'); step++) {
              found.push(...(await violations(form, `${where} page ${$(form, '#cf-page-title, #cf-title').textContent}`)));
              checked++;
              await primary(form);
            }
            found.push(...(await violations(form, `${where} review`)));
            checked++;
          } finally {
            form.remove();
          }
        }
      }
    }
    expect(checked).to.be.above(20);
    expect(found).to.deep.equal([]);
  });

  it('finds no violations with every kind of control, in Arabic too', async () => {
    const mod = await loadModule('controls');
    for (const locale of ['de', 'en', 'ar']) {
      const form = await mountForm(mod, { locale, drafts: true });
      try {
        expect(await violations(form, `controls/${locale}`)).to.deep.equal([]);
        await primary(form);
        expect(await violations(form, `controls/${locale} errors`)).to.deep.equal([]);
      } finally {
        form.remove();
      }
    }
  });
});
