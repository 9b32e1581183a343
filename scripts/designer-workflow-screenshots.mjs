// `node scripts/designer-workflow-screenshots.mjs [example] [state]` (after `npm run build`): the PNGs of the
// designer's workflow view in docs/screenshots/ for docs/designing.md. Photographs the workflow view of a copy of the
// Zweite Chance example with a state selected at 1280×900, 390×844 and 320×800 and in forced colours.
import path from 'node:path';
import { photographDesigner, root, shoot, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const state = process.argv[3] ?? 'followUp';

await photographDesigner(process.argv[2] ?? 'zweite-chance', async (page, size) => {
  await page.evaluate((selected) => {
    const designer = document.querySelector('cf-program-designer');
    designer.shadowRoot.querySelector('#view-workflow').click();
    return designer.updateComplete.then(() => {
      const view = designer.shadowRoot.querySelector('cf-workflow-view');
      view.select(selected);
      return view.updateComplete;
    });
  }, state);
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-workflow-view')?.shadowRoot?.querySelector('svg'), 'the diagram');
  // The workflow view at the top of the window.
  await page.evaluate(() => document.querySelector('cf-program-designer').shadowRoot.querySelector('[part="workflow"]').scrollIntoView());
  await shoot(page, out, `designer-workflow${size.suffix}`);
  if (size.suffix === '') {
    // The selected state's panel, below the diagram at this width.
    await page.evaluate(() => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-workflow-view').shadowRoot.querySelector('.panel').scrollIntoView());
    await shoot(page, out, 'designer-workflow-panel');
  }
});
