// `node scripts/designer-start-screenshots.mjs` (after `npm run build`): the PNGs of starting a program in
// docs/screenshots/ for docs/designing.md. Runs `civicflow dev` on a file that does not exist yet, photographs the
// designer's start form at 1280×900, 390×844 and 320×800 and in forced colours, then makes a program from the intake
// template, imports the designer's own small FIM fixture into it and photographs the import's report, in headless
// Chromium (puppeteer-core, Debian's /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { freePort, root, shoot as shootTo, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const fim = readFileSync(path.join(root, 'packages/designer/src/test-support/fim/fahrradbuegel.xml'), 'utf8');

const dir = mkdtempSync(path.join(tmpdir(), 'civicflow-designer-start-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, 'packages/cli/bin/civicflow.js'), 'dev', 'winterhilfe.json', '--port', String(port), '--locale', 'en'], { cwd: dir, stdio: 'ignore' });
for (let i = 0; ; i++) {
  if (server.exitCode !== null || i > 300) throw new Error('civicflow dev did not start');
  if (await fetch(`${base}/designer`).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 200));
}
const startForm = () => document.querySelector('cf-program-designer')?.shadowRoot?.querySelector('cf-program-start')?.shadowRoot?.querySelector('#create-program');
const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=en-GB'] });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  const cdp = await page.createCDPSession();
  const shots = [
    { name: 'designer-start', width: 1280, height: 900 },
    { name: 'designer-start-phone', width: 390, height: 844 },
    { name: 'designer-start-320', width: 320, height: 800 },
    { name: 'designer-start-forced-colors', width: 1280, height: 900, forced: true },
  ];
  for (const shot of shots) {
    await page.setViewport({ width: shot.width, height: shot.height });
    await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: shot.forced ? 'active' : 'none' }] });
    await page.goto(`${base}/designer`, { waitUntil: 'load' });
    await until(page, startForm, 'the start form');
    await page.evaluate(() => {
      const form = document.querySelector('cf-program-designer').shadowRoot.querySelector('cf-program-start').shadowRoot;
      form.querySelector('#program-id').value = 'winterhilfe';
      form.querySelector('#program-title').value = 'Winter aid';
      form.querySelector('#start-intake').focus();
    });
    await shootTo(page, out, shot.name);
  }
  await page.setViewport({ width: 1280, height: 900 });
  await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'none' }] });
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
  await shootTo(page, out, 'designer-fim-import');
} finally {
  await browser.close();
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
