// `node scripts/designer-workflow-outline-screenshots.mjs` (after `npm run build`): the PNGs of the designer's workflow outline
// in docs/screenshots/ for docs/designing.md. Runs `civicflow dev` on a copy of the Zweite Chance example, opens the
// workflow view, selects the state "Follow-up" (a timer, what the applicant is told) with a problem put in on purpose
// (its timer sends an event the state does not take), and photographs its timer at 1280×900, 390×844 and 320×800
// and in forced colours, in headless Chromium (puppeteer-core, Debian's /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { freePort, root, shoot as shootTo, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const example = process.argv[2] ?? 'zweite-chance';

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
    { name: 'designer-workflow-outline', width: 1280, height: 900 },
    { name: 'designer-workflow-outline-phone', width: 390, height: 844 },
    { name: 'designer-workflow-outline-320', width: 320, height: 800 },
    { name: 'designer-workflow-outline-forced-colors', width: 1280, height: 900, forced: true },
  ];
  for (const shot of shots) {
    await page.setViewport({ width: shot.width, height: shot.height });
    await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: shot.forced ? 'active' : 'none' }] });
    await page.goto(`${base}/designer`, { waitUntil: 'networkidle0' });
    await until(page, () => document.querySelector('cf-program-designer')?.shadowRoot?.querySelector('#view-workflow'), 'the designer');
    await page.evaluate(async () => {
      const designer = document.querySelector('cf-program-designer');
      designer.shadowRoot.querySelector('#view-workflow').click();
      await designer.updateComplete;
      const outline = designer.shadowRoot.querySelector('cf-workflow-outline');
      await outline.updateComplete;
      outline.shadowRoot.querySelector('#wfo-s-followUp').click();
      await outline.updateComplete;
      // A problem to show where it is: the timer sends an event the state does not take (typed in the JSON view).
      const text = designer.workingText.replace('"send": "SUSTAINED"', '"send": "PAUSE_EXPIRED"');
      designer.text = text;
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
    await shootTo(page, out, shot.name);
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
