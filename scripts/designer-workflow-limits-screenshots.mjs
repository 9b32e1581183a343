// `node scripts/designer-workflow-limits-screenshots.mjs` (after `npm run build`): the PNGs of the workflow outline's
// internal names, limits, periods and places in docs/screenshots/ for docs/designing.md. Opens the workflow view of a
// copy of the Zukunftsbündnis example, renames the state "waiting" to "onWaitingList" in the outline, and photographs
// that state (its internal name, and its transition that takes a place "only while one of the places is free"), then
// the periods and places with the registration window and the congress places open, at 1280×900, 390×844 and 320×800
// and in forced colours.
import path from 'node:path';
import { photographDesigner, root, shoot, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');

await photographDesigner(process.argv[2] ?? 'zukunftsbuendnis', async (page, size) => {
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    designer.shadowRoot.querySelector('#view-workflow').click();
    await designer.updateComplete;
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-workflow-outline')?.shadowRoot?.querySelector('#wfo-s-waiting, #wfo-s-onWaitingList'), 'the outline');
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    const outline = designer.shadowRoot.querySelector('cf-workflow-outline');
    // The working copy kept from the size before (the designer restores it) has the new name already.
    const renamed = outline.shadowRoot.querySelector('#wfo-s-onWaitingList');
    (renamed ?? outline.shadowRoot.querySelector('#wfo-s-waiting')).click();
    await outline.updateComplete;
    if (!renamed) {
      const key = outline.shadowRoot.querySelector('#wfo-s-waiting-key');
      key.value = 'onWaitingList';
      key.dispatchEvent(new Event('change'));
    }
    await designer.updateComplete;
    await outline.updateComplete;
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-workflow-outline')?.shadowRoot?.querySelector('#wfo-t-onWaitingList-PLACE_FREE-0-limit-places-congress'), 'the renamed state');
  await page.evaluate((wide) => {
    const outline = document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-workflow-outline');
    const limit = outline.shadowRoot.querySelector('#wfo-t-onWaitingList-PLACE_FREE-0-limit-places-congress');
    limit.focus();
    // Wide, the internal name and the limit fit one screen; on a phone the limit is what is shown.
    if (wide) outline.shadowRoot.querySelector('label[for="wfo-s-onWaitingList-key"]').scrollIntoView({ block: 'start' });
    else limit.closest('fieldset').scrollIntoView({ block: 'center' });
  }, size.width >= 1000);
  await shoot(page, out, `designer-workflow-limit${size.suffix}`);
  await page.evaluate(async () => {
    const outline = document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-workflow-outline');
    outline.shadowRoot.querySelector('#wfo-p-registration').click();
    outline.shadowRoot.querySelector('#wfo-l-congress').click();
    await outline.updateComplete;
    outline.shadowRoot.querySelector('#wfo-p-registration').focus();
    outline.shadowRoot.querySelector('#wfo-periods-title').scrollIntoView({ block: 'start' });
  });
  await shoot(page, out, `designer-workflow-periods${size.suffix}`);
});
