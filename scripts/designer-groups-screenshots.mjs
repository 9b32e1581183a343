// `node scripts/designer-groups-screenshots.mjs` (after `npm run build`): the PNGs of moving a field into a group in
// docs/screenshots/ for docs/designing.md. Runs `civicflow dev` on Zukunftsbündnis, selects "Accessibility needs"
// in the outline and moves it up and into the group "Organisation" above it ("Into the group above"), at 1280×900, 390×844 and
// 320×800 and in forced colours; then selects WIR – Vielfalt's application form, whose derived value and rule
// across fields are listed in words.
import path from 'node:path';
import { photographDesigner, root, shoot, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');

await photographDesigner('zukunftsbuendnis', async (page, size) => {
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    const row = designer.shadowRoot.querySelector('[id="field:registration:accessibility"]');
    if (!row) throw new Error([...designer.shadowRoot.querySelectorAll('[role="treeitem"]')].map((r) => r.id).join(' '));
    row.click();
    await designer.updateComplete;
    designer.shadowRoot.querySelector('[aria-keyshortcuts="Alt+ArrowUp"]').click();
    await designer.updateComplete;
    designer.shadowRoot.querySelector('#move-in').click();
    await designer.updateComplete;
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('[id="field:registration:organisation.accessibility"][aria-selected="true"]'), 'the moved field');
  await page.evaluate(() => {
    const root = document.querySelector('cf-program-designer').shadowRoot;
    root.querySelector('[id="field:registration:organisation"]').scrollIntoView({ block: 'center' });
  });
  await shoot(page, out, `designer-groups${size.suffix}`);
  // The designer keeps its working copy in the browser: the next size starts from the file again.
  await page.evaluate(() => localStorage.clear());
});

await photographDesigner('wir-vielfalt', async (page, size) => {
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    designer.shadowRoot.querySelector('[id="form:application"]').click();
    await designer.updateComplete;
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('#form-rules li'), 'the form\'s rules');
  await page.evaluate(() => document.querySelector('cf-program-designer').shadowRoot.querySelector('[part="properties"]').scrollIntoView({ block: 'start' }));
  await shoot(page, out, `designer-form-rules${size.suffix}`);
});
