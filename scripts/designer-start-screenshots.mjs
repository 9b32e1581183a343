// `node scripts/designer-start-screenshots.mjs` (after `npm run build`): the PNGs of starting a program in
// docs/screenshots/ for docs/designing.md. Runs `civicflow dev` on a file that does not exist yet, photographs the
// designer's start form at 1280×900, 390×844 and 320×800 and in forced colours, then makes a program from the intake
// template, imports the designer's own small FIM fixture into it and photographs the import's report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { photographDesigner, root, shoot, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const fim = readFileSync(path.join(root, 'packages/designer/src/test-support/fim/fahrradbuegel.xml'), 'utf8');
const startForm = () => document.querySelector('cf-program-designer')?.shadowRoot?.querySelector('cf-program-start')?.shadowRoot?.querySelector('#create-program');

await photographDesigner(
  undefined,
  async (page, size) => {
    await page.evaluate(() => {
      const form = document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-program-start').shadowRoot;
      form.querySelector('#program-id').value = 'winterhilfe';
      form.querySelector('#program-title').value = 'Winter aid';
      form.querySelector('#start-intake').focus();
    });
    await shoot(page, out, `designer-start${size.suffix}`);
  },
  {
    file: 'winterhilfe.json',
    ready: startForm,
    finish: async (page) => {
      await page.evaluate(async (xml) => {
        const designer = document.querySelector('cf-program-designer');
        designer.shadowRoot.querySelector('cf-program-start').shadowRoot.querySelector('#create-program').click();
        await designer.updateComplete;
        const input = designer.shadowRoot.querySelector('#import-fim');
        const files = new DataTransfer();
        files.items.add(new File([xml], 'fahrradbuegel.xml', { type: 'text/xml' }));
        input.files = files.files;
        input.dispatchEvent(new Event('change', { bubbles: true }));
      }, fim);
      await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('#fim-report'), 'the import report');
      await page.evaluate(() => document.querySelector('cf-program-designer').shadowRoot.querySelector('#fim-report').scrollIntoView());
      await shoot(page, out, 'designer-fim-import');
    },
  },
);
