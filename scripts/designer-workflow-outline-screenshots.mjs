// `node scripts/designer-workflow-outline-screenshots.mjs` (after `npm run build`): the PNGs of the designer's workflow
// outline in docs/screenshots/ for docs/designing.md. Opens the workflow view of a copy of the Zweite Chance example,
// selects the state "Follow-up" (a timer, what the applicant is told) with a problem put in on purpose (its timer sends
// an event the state does not take), and photographs its timer at 1280×900, 390×844 and 320×800 and in forced colours.
import path from 'node:path';
import { photographDesigner, root, shoot, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');

await photographDesigner(process.argv[2] ?? 'zweite-chance', async (page, size) => {
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    designer.shadowRoot.querySelector('#view-workflow').click();
    await designer.updateComplete;
    const outline = designer.shadowRoot.querySelector('cf-workflow-outline');
    await outline.updateComplete;
    outline.shadowRoot.querySelector('#wfo-s-followUp').click();
    await outline.updateComplete;
    // A problem to show where it is: the timer sends an event the state does not take (typed in the JSON view).
    designer.text = designer.workingText.replace('"send": "SUSTAINED"', '"send": "PAUSE_EXPIRED"');
    await designer.updateComplete;
  });
  await page.evaluate(async () => {
    const designer = document.querySelector('cf-program-designer');
    designer.shadowRoot.querySelector('#view-workflow').click();
    await designer.updateComplete;
    const outline = designer.shadowRoot.querySelector('cf-workflow-outline');
    await outline.updateComplete;
    if (outline.shadowRoot.querySelector('#wfo-s-followUp').getAttribute('aria-expanded') !== 'true') outline.shadowRoot.querySelector('#wfo-s-followUp').click();
    void designer.problems;
    designer.requestUpdate();
    await designer.updateComplete;
    await outline.updateComplete;
    // The timer with its problem in view, its first box focused as a keyboard user sees it.
    const timer = outline.shadowRoot.querySelector('.timer');
    timer.querySelector('select').focus();
    timer.scrollIntoView({ block: 'center' });
  });
  await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-workflow-outline')?.shadowRoot?.querySelector('.timer.problem'), 'the problem at the timer');
  await shoot(page, out, `designer-workflow-outline${size.suffix}`);
});
