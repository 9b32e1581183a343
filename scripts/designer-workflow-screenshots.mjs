// `node scripts/designer-workflow-screenshots.mjs` (after `npm run build`): the PNGs of the designer's workflow view
// in docs/screenshots/ for docs/designing.md. Runs `civicflow dev` on a copy of the Zweite Chance example and
// photographs the workflow view with a state selected at 1280×900, 390×844 and 320×800 and in forced colours, in
// headless Chromium (puppeteer-core, Debian's /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { freePort, root, shoot as shootTo, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const example = process.argv[2] ?? 'zweite-chance';
const state = process.argv[3] ?? 'followUp';

const dir = mkdtempSync(path.join(tmpdir(), 'civicflow-designer-workflow-'));
copyFileSync(path.join(root, 'examples', example, 'program.json'), path.join(dir, 'program.json'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, 'packages/cli/bin/civicflow.js'), 'dev', 'program.json', '--port', String(port), '--locale', 'en'], { cwd: dir, stdio: 'ignore' });
for (let i = 0; ; i++) {
  if (server.exitCode !== null || i > 300) throw new Error('civicflow dev did not start');
  if (await fetch(`${base}/designer`).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 200));
}
const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en-GB'] });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  const cdp = await page.createCDPSession();
  const shots = [
    { name: 'designer-workflow', width: 1280, height: 900 },
    { name: 'designer-workflow-phone', width: 390, height: 844 },
    { name: 'designer-workflow-320', width: 320, height: 800 },
    { name: 'designer-workflow-forced-colors', width: 1280, height: 900, forced: true },
  ];
  for (const shot of shots) {
    await page.setViewport({ width: shot.width, height: shot.height });
    await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: shot.forced ? 'active' : 'none' }] });
    await page.goto(`${base}/designer`, { waitUntil: 'networkidle0' });
    await until(page, () => document.querySelector('cf-program-designer')?.shadowRoot?.querySelector('#view-workflow'), 'the designer');
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
    await shootTo(page, out, shot.name);
    if (shot.name === 'designer-workflow') {
      // The selected state's panel, below the diagram at this width.
      await page.evaluate(() => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-workflow-view').shadowRoot.querySelector('.panel').scrollIntoView());
      await shootTo(page, out, 'designer-workflow-panel');
    }
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
