// `node scripts/designer-roles-screenshots.mjs` (after `npm run build`): the PNGs of the designer's table "Who may do
// what" in docs/screenshots/ for docs/designing.md. Opens the workflow view of a copy of the Zweite Chance example and
// the table, and photographs it at 1280×900, 390×844 and 320×800 and in forced colours.
import path from 'node:path';
import { photographDesigner, root, shoot, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');

await photographDesigner(process.argv[2] ?? 'zweite-chance', async (page, size) => {
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    designer.shadowRoot.querySelector('#view-workflow').click();
    await designer.updateComplete;
    const table = designer.shadowRoot.querySelector('cf-roles-table');
    table.shadowRoot.querySelector('#roles-toggle').click();
    await table.updateComplete;
    // The first cell focused, as a keyboard user sees it.
    table.shadowRoot.querySelector('tbody input[type="checkbox"]').focus();
    table.scrollIntoView();
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-roles-table')?.shadowRoot?.querySelector('table'), 'the table');
  await shoot(page, out, `designer-roles${size.suffix}`);
});
