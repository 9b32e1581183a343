// `node scripts/screenshots.mjs` (after `npm run build`): the PNGs of docs/screenshots/ for the README. Seeds a
// fresh demo store in a temporary folder, starts scripts/start.mjs on a free port with it, and photographs the
// municipal site (before and after sending a sign-up), the caseworker inbox signed in with a case open, the
// applicant's status page, a program report and a case's answers (wide, phone, 320 px, forced colours, printed) in headless Chromium (puppeteer-core, Debian's /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { freePort, root, runNode as run, shoot as shootTo, until, waitForServer } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const shoot = (page, name) => shootTo(page, out, name);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * 5b. Gemeinsam für Hagen's ESF Plus participant monitoring in the report: the indicators by gender as bars, wide, on
 * a phone, at 320 px and in forced colours.
 */
async function monitoringShots(page, cdp, base) {
  const at = async (name, viewport, features = []) => {
    await page.setViewport(viewport);
    await cdp.send('Emulation.setEmulatedMedia', { features });
    await page.goto(`${base}/reports/gemeinsam-fuer-hagen?lang=de`, { waitUntil: 'networkidle0' });
    await until(page, () => document.querySelector('cf-program-report')?.shadowRoot?.querySelector('[part~="monitoring"] .hbars'), 'the monitoring');
    await page.evaluate(() => document.querySelector('cf-program-report').shadowRoot.querySelector('[part~="monitoring"]').scrollIntoView());
    await shoot(page, name);
  };
  await at('report-monitoring', { width: 1280, height: 900 });
  await at('report-monitoring-phone', { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  await at('report-monitoring-320', { width: 320, height: 844 });
  await at('report-monitoring-forced-colors', { width: 1280, height: 900 }, [{ name: 'forced-colors', value: 'active' }]);
  await cdp.send('Emulation.setEmulatedMedia', { features: [] });
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'civicflow-screenshots-'));
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
  // A busy machine builds the first page's validators slowly; wait as long as for the server.
  page.setDefaultTimeout(120_000);
  await page.setViewport({ width: 1100, height: 900 });

  // 1. The municipal site with the intake widget on its first page.
  await page.goto(`${base}/site/`, { waitUntil: 'networkidle0' });
  await until(page, () => document.querySelector('cf-form')?.shadowRoot?.querySelector('form'), 'the intake widget');
  await shoot(page, 'site-intake');

  // 2. The same site after sending a sign-up: the confirmation with its reference. The example's data goes in as
  // the host's prefill (the end-to-end tests type it in control by control); then "continue" up to "send".
  const data = JSON.parse(readFileSync(path.join(root, 'examples/zweite-chance/cases/valid-minimal.json'), 'utf8')).data;
  await page.evaluate((d) => (document.querySelector('cf-form').value = d), data);
  for (let i = 0; i < 20; i++) {
    const done = await page.evaluate(() => {
      const root = document.querySelector('cf-form').shadowRoot;
      if (root.querySelector('.confirmation .reference')) return true;
      root.querySelector('button.primary')?.click();
      return false;
    });
    if (done) break;
    await new Promise((r) => setTimeout(r, 400));
  }
  await until(page, () => document.querySelector('cf-form').shadowRoot.querySelector('.confirmation .reference'), 'the reference');
  await page.evaluate(() => document.querySelector('cf-form').scrollIntoView());
  await shoot(page, 'site-confirmation');
  const statusHref = await page.evaluate(() => document.querySelector('#status-link a').href);

  // 3. The applicant's status page, opened with the link the site shows after sending.
  await page.goto(statusHref, { waitUntil: 'networkidle0' });
  await until(page, () => document.querySelector('cf-case-status')?.shadowRoot?.querySelector('li[aria-current="step"]'), 'the status timeline');
  await shoot(page, 'status');

  // 4. The caseworker inbox: the coach signs in, lists Zweite Chance cases in coaching and opens the first one.
  await page.goto(`${base}/caseworker/`, { waitUntil: 'networkidle0' });
  await until(page, () => document.querySelector('cf-case-inbox')?.shadowRoot?.querySelector('form[part="sign-in"] select option[value="demo-only-zweite-chance-coach"]'), 'the sign-in');
  await page.evaluate(() => {
    const root = document.querySelector('cf-case-inbox').shadowRoot;
    root.querySelector('form[part="sign-in"] select').value = 'demo-only-zweite-chance-coach';
    root.querySelector('form[part="sign-in"] button[type="submit"]').click();
  });
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('form[part="filter"]'), 'the case list');
  await page.evaluate(async () => {
    const inbox = document.querySelector('cf-case-inbox');
    const root = inbox.shadowRoot;
    root.querySelector('select[name="program"]').value = 'zweite-chance';
    root.querySelector('select[name="program"]').dispatchEvent(new Event('change', { bubbles: true }));
    for (let i = 0; i < 100 && !root.querySelector('select[name="state"] option[value="coaching"]'); i++) await new Promise((r) => setTimeout(r, 50));
    root.querySelector('select[name="state"]').value = 'coaching';
    root.querySelector('form[part="filter"] button[type="submit"]').click();
  });
  await until(
    page,
    () => [...(document.querySelector('cf-case-inbox').shadowRoot.querySelectorAll('table[part="cases"] tbody tr td:first-of-type') ?? [])].some((td) => td.textContent.trim() === 'Coaching'),
    'cases in coaching',
  );
  await shoot(page, 'caseworker-list');
  await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('table[part="cases"] tbody tr button').click());
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('article[part="case"] button[data-event]'), 'the case');
  await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('button[data-event="PLACE"]')?.click());
  await until(page, () => document.querySelector('cf-case-inbox').shadowRoot.querySelector('cf-form')?.shadowRoot?.querySelector('form'), 'the placement form');
  await shoot(page, 'caseworker-case');

  // 4a. The same case's answers as its forms read them, on a desk, a phone, the narrowest screen, in forced colours
  // and as printed (issue 14).
  await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('cf-form')?.closest('.event-form')?.querySelector('button.secondary')?.click());
  // Puppeteer's emulateMediaFeatures knows no forced-colors; Chromium's own protocol does.
  const cdp = await page.createCDPSession();
  const answers = async (name, viewport, features = []) => {
    await page.setViewport(viewport);
    await cdp.send('Emulation.setEmulatedMedia', { features });
    await page.evaluate(() => document.querySelector('cf-case-inbox').shadowRoot.querySelector('[part="answers"]').scrollIntoView());
    await shoot(page, name);
  };
  await answers('caseworker-answers', { width: 1280, height: 900 });
  await answers('caseworker-answers-phone', { width: 390, height: 844 });
  await answers('caseworker-answers-320', { width: 320, height: 700 });
  await answers('caseworker-answers-forced-colors', { width: 1280, height: 900 }, [{ name: 'forced-colors', value: 'active' }]);
  await cdp.send('Emulation.setEmulatedMedia', { features: [] });
  await page.emulateMediaType('print');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, 'caseworker-print');
  await page.emulateMediaType(null);
  await page.setViewport({ width: 1100, height: 900 });

  // 5. The reports: Gemeinsam für Hagen (outcomes per month) and WIR-Vielfalt (grants against the budget).
  for (const program of ['gemeinsam-fuer-hagen', 'wir-vielfalt']) {
    await page.goto(`${base}/reports/${program}?lang=de`, { waitUntil: 'networkidle0' });
    await until(page, () => document.querySelector('cf-program-report')?.shadowRoot?.querySelector('[part~="funnel"] .hbars'), 'the report');
    if (program === 'gemeinsam-fuer-hagen') await shoot(page, `report-${program}`);
    // Further down: the outcomes per month (for WIR: applications, approvals and the amount granted).
    await page.evaluate(() => document.querySelector('cf-program-report').shadowRoot.querySelector('[part~="outcomes"]')?.scrollIntoView());
    await shoot(page, `report-${program}-outcomes`);
  }
  // 5a. Hagen's outcomes on a phone, at 320 px (1280 px at 400 % zoom) and in forced colours (issue 14).
  const reportAt = async (name, viewport, features = []) => {
    await page.setViewport(viewport);
    await cdp.send('Emulation.setEmulatedMedia', { features });
    await page.goto(`${base}/reports/gemeinsam-fuer-hagen?lang=de`, { waitUntil: 'networkidle0' });
    await until(page, () => document.querySelector('cf-program-report')?.shadowRoot?.querySelector('[part~="outcomes"] .plot'), 'the report');
    await page.evaluate(() => document.querySelector('cf-program-report').shadowRoot.querySelector('[part~="outcomes"]').scrollIntoView());
    await shoot(page, name);
  };
  await reportAt('report-phone', { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  await reportAt('report-320', { width: 320, height: 844 });
  await reportAt('report-forced-colors', { width: 390, height: 844 }, [{ name: 'forced-colors', value: 'active' }]);
  await cdp.send('Emulation.setEmulatedMedia', { features: [] });
  await monitoringShots(page, cdp, base);
} finally {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
}
