// `node scripts/designer-simulation-screenshots.mjs` (after `npm run build`): the PNGs of the designer's simulation
// ("Try the workflow") in docs/screenshots/ for docs/designing.md. Runs `civicflow dev` on a copy of the Gemeinsam für
// Hagen example with its walks, opens the workflow view, opens a case with sample answers, jumps the clock to its timer
// and photographs the panel at 1280×900, 390×844 and 320×800 and in forced colours, in headless Chromium
// (puppeteer-core, Debian's /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { freePort, root, shoot as shootTo, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const example = process.argv[2] ?? 'gemeinsam-fuer-hagen';

const dir = mkdtempSync(path.join(tmpdir(), 'civicflow-designer-simulation-'));
copyFileSync(path.join(root, 'examples', example, 'program.json'), path.join(dir, 'program.json'));
mkdirSync(path.join(dir, 'cases'));
for (const f of readdirSync(path.join(root, 'examples', example, 'cases')).filter((f) => f.startsWith('workflow-'))) {
  copyFileSync(path.join(root, 'examples', example, 'cases', f), path.join(dir, 'cases', f));
}
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
    { name: 'designer-simulation', width: 1280, height: 900 },
    { name: 'designer-simulation-phone', width: 390, height: 844 },
    { name: 'designer-simulation-320', width: 320, height: 800 },
    { name: 'designer-simulation-forced-colors', width: 1280, height: 900, forced: true },
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
      const panel = designer.shadowRoot.querySelector('cf-simulation-panel');
      await panel.updateComplete;
      const at = panel.shadowRoot.querySelector('#sim-open-at');
      at.value = '2025-02-03T10:00';
      at.dispatchEvent(new Event('change'));
      panel.shadowRoot.querySelector('#sim-open-sample').click();
      await panel.updateComplete;
      panel.shadowRoot.querySelector('#sim-jump').click();
      await panel.updateComplete;
      await panel.walksChecked();
    });
    await until(page, () => document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-simulation-panel')?.shadowRoot?.querySelector('#sim-walks'), 'the saved walks');
    await page.evaluate(() => {
      const panel = document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-simulation-panel');
      panel.shadowRoot.querySelector('#sim-now').scrollIntoView();
      panel.shadowRoot.querySelector('#sim-last').focus({ preventScroll: true });
    });
    await shootTo(page, out, shot.name);
  }
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
