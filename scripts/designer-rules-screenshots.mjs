// `node scripts/designer-rules-screenshots.mjs` (after `npm run build`): the PNGs of derived values and rules across
// fields in docs/screenshots/ for docs/designing.md. Runs `civicflow dev` on WIR – Vielfalt at 1280×900, 390×844 and
// 320×800 and in forced colours: "Requested amount" selected, its rule "at most the total costs" with its error texts;
// then, at the form, *Add a derived value…* with a formula typed that does not read yet, said in words with where.
import path from 'node:path';
import { photographDesigner, root, shoot, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');

await photographDesigner('wir-vielfalt', async (page, size) => {
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    designer.shadowRoot.querySelector('[id="field:application:funding.requested"]').click();
    await designer.updateComplete;
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('#rule-0-op'), 'the field’s rule');
  await page.evaluate(() => document.querySelector('cf-program-designer').shadowRoot.querySelector('#field-rules').scrollIntoView({ block: 'start' }));
  await shoot(page, out, `designer-field-rules${size.suffix}`);

  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    const root = designer.shadowRoot;
    root.querySelector('[id="form:application"]').click();
    await designer.updateComplete;
    root.querySelector('#add-derived-open').click();
    await designer.updateComplete;
    const key = root.querySelector('#new-derived-key');
    key.value = 'ownShare';
    key.dispatchEvent(new Event('change'));
    for (const [locale, text] of [['de', 'Eigenanteil in Prozent'], ['en', 'Own share in per cent']]) {
      const input = root.querySelector(`#new-derived-label-${locale}`);
      input.value = text;
      input.dispatchEvent(new Event('change'));
    }
    const kind = root.querySelector('#new-derived-kind');
    kind.value = 'formula';
    kind.dispatchEvent(new Event('change'));
    await designer.updateComplete;
    const formula = root.querySelector('#new-derived-formula');
    formula.value = 'round((funding.totalCosts - funding.requested) / funding.totalCosts * 100, 1';
    formula.dispatchEvent(new Event('input'));
    await designer.updateComplete;
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('#new-derived-formula-check.error'), 'the formula’s problem');
  await page.evaluate(() => {
    const root = document.querySelector('cf-program-designer').shadowRoot;
    root.querySelector('#new-derived-formula').focus();
    root.querySelector('#new-derived').scrollIntoView({ block: 'start' });
  });
  await shoot(page, out, `designer-derived${size.suffix}`);
  await page.evaluate(() => localStorage.clear());
});
