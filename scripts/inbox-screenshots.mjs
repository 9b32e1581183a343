// `node scripts/inbox-screenshots.mjs` (after `npm run build`): the PNGs of the caseworker inbox in docs/screenshots/
// for docs/components/case-inbox.md. Seeds a fresh demo store in a temporary folder, starts scripts/start.mjs on a
// free port with it, signs in as the Zweite Chance coach, lists the cases nearest deadline first, and photographs the
// list (1280 × 900, a phone at 390 × 844, 320 px, forced colours) and a case assigned to the coach, in headless
// Chromium (puppeteer-core, Debian's /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { freePort, root, runNode as run, shoot as shootTo, until, waitForServer } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const shoot = (page, name) => shootTo(page, out, name);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const dataDir = mkdtempSync(path.join(tmpdir(), 'civicflow-inbox-screenshots-'));
let server;
let browser;
try {
  mkdirSync(out, { recursive: true });
  await run(['scripts/seed-demo.mjs'], { CIVICFLOW_DATA: dataDir });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['scripts/start.mjs'], { cwd: root, env: { ...process.env, PORT: String(port), CIVICFLOW_DATA: dataDir }, stdio: 'ignore' });
  await waitForServer(base, server);
  browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--lang=de-DE'],
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(120_000);
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${base}/caseworker/`, { waitUntil: 'networkidle0' });
  await until(page, () => document.querySelector('cf-case-inbox')?.shadowRoot?.querySelector('form[part="sign-in"] select option[value="demo-only-zweite-chance-coach"]'), 'the sign-in');
  await page.evaluate(() => {
    const r = document.querySelector('cf-case-inbox').shadowRoot;
    r.querySelector('form[part="sign-in"] select').value = 'demo-only-zweite-chance-coach';
    r.querySelector('form[part="sign-in"] button[type="submit"]').click();
  });
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('form[part="filter"]'), 'the case list');
  await page.evaluate(async () => {
    const r = document.querySelector('cf-case-inbox').shadowRoot;
    r.querySelector('select[name="program"]').value = 'zweite-chance';
    r.querySelector('select[name="sort"]').value = 'due';
    r.querySelector('form[part="filter"] button[type="submit"]').click();
  });
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('section[aria-busy="false"]') && document.querySelector('cf-case-inbox').shadowRoot.querySelector('table[part="cases"] tbody tr'), 'the cases by deadline');

  // A case assigned to the coach, so that the list shows a name in "Zuständig".
  await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('table[part="cases"] tbody tr button').click());
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('section[aria-busy="false"]') && document.querySelector('cf-case-inbox').shadowRoot.querySelector('button.assign-me'), 'the case');
  await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('button.assign-me').click());
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('section[aria-busy="false"]') && document.querySelector('cf-case-inbox').shadowRoot.querySelector('#cf-notice'), 'the assignment');
  await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('section[part="assignment"]').scrollIntoView({ block: 'center' }));
  await shoot(page, 'caseworker-inbox-assigned');

  // The opened case at the same four sizes: its head with the steps offered, its history, and a step's form.
  const cdp = await page.createCDPSession();
  const inCase = (selector) =>
    page.evaluate((sel) => {
      const el = document.querySelector('cf-case-inbox').shadowRoot.querySelector(sel);
      el.scrollIntoView({ block: 'start' });
      window.scrollBy(0, -8);
    }, selector);
  const sizes = [
    ['', { width: 1280, height: 900 }, []],
    ['-phone', { width: 390, height: 844 }, []],
    ['-320', { width: 320, height: 700 }, []],
    ['-forced-colors', { width: 1280, height: 900 }, [{ name: 'forced-colors', value: 'active' }]],
  ];
  for (const [suffix, viewport, features] of sizes) {
    await page.setViewport(viewport);
    await cdp.send('Emulation.setEmulatedMedia', { features });
    await inCase('article[part="case"]');
    await shoot(page, `caseworker-case-view${suffix}`);
    await inCase('#cf-history-title');
    await shoot(page, `caseworker-history${suffix}`);
    if (viewport.width === 320) {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      if (wide > 320) throw new Error(`at 320 px the case is ${wide} px wide`);
    }
  }
  await page.setViewport({ width: 1280, height: 900 });
  await cdp.send('Emulation.setEmulatedMedia', { features: [] });
  await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('button[data-event]').click());
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('cf-form')?.shadowRoot?.querySelector('form'), 'the step form');
  for (const [suffix, viewport, features] of sizes) {
    await page.setViewport(viewport);
    await cdp.send('Emulation.setEmulatedMedia', { features });
    await inCase('[part="event-form"]');
    await shoot(page, `caseworker-step-form${suffix}`);
  }
  await page.setViewport({ width: 1280, height: 900 });
  await cdp.send('Emulation.setEmulatedMedia', { features: [] });
  await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('.case-actions button').click());
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('section[aria-busy="false"]') && document.querySelector('cf-case-inbox').shadowRoot.querySelector('table[part="cases"]'), 'the list again');

  const list = async (name, viewport, features = []) => {
    await page.setViewport(viewport);
    // Through the protocol: puppeteer's own call does not know forced-colors.
    await cdp.send('Emulation.setEmulatedMedia', { features });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, name);
  };
  await list('caseworker-inbox', { width: 1280, height: 900 });
  await list('caseworker-inbox-phone', { width: 390, height: 844 });
  await list('caseworker-inbox-320', { width: 320, height: 700 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 320) throw new Error(`at 320 px the page is ${wide} px wide`);
  await list('caseworker-inbox-forced-colors', { width: 1280, height: 900 }, [{ name: 'forced-colors', value: 'active' }]);
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
