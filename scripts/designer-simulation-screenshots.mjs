// `node scripts/designer-simulation-screenshots.mjs` (after `npm run build`): the PNGs of the designer's simulation
// ("Try the workflow") in docs/screenshots/ for docs/designing.md. Opens the workflow view of a copy of the Gemeinsam
// für Hagen example, opens a case with sample answers, jumps the clock to its timer and photographs the panel at
// 1280×900, 390×844 and 320×800 and in forced colours.
import path from 'node:path';
import { photographDesigner, root, shoot, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');

await photographDesigner(process.argv[2] ?? 'gemeinsam-fuer-hagen', async (page, size) => {
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    designer.shadowRoot.querySelector('#view-workflow').click();
    await designer.updateComplete;
    const panel = designer.shadowRoot.querySelector('cf-simulation-panel');
    await panel.updateComplete;
    // A fixed time of opening, so that the photographs say the same dates each time.
    const at = panel.shadowRoot.querySelector('#sim-open-at');
    at.value = '2025-02-03T10:00';
    at.dispatchEvent(new Event('change'));
    panel.shadowRoot.querySelector('#sim-open-sample').click();
    await panel.updateComplete;
    panel.shadowRoot.querySelector('#sim-jump').click();
    await panel.updateComplete;
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-simulation-panel')?.shadowRoot?.querySelector('#sim-last'), 'the last step');
  await page.evaluate(() => {
    const panel = document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-simulation-panel');
    panel.shadowRoot.querySelector('#sim-now').scrollIntoView();
    // The last step focused, as it is after a step taken by keyboard.
    panel.shadowRoot.querySelector('#sim-last').focus({ preventScroll: true });
  });
  await shoot(page, out, `designer-simulation${size.suffix}`);
});
