// `node scripts/designer-publish-screenshots.mjs` (after `npm run build`): the PNGs of the designer's server mode in
// docs/screenshots/ for docs/designing.md — the list of a draft's changes and the publish dialog with its migration
// plan. Starts the real server (the built @civicflow/server, an in-memory PGlite store) with the Hagen example and
// its designer, opens three cases, saves a draft with a few changes, and photographs /designer/gemeinsam-fuer-hagen
// at 1280×900, 390×844 and 320×800 and in forced colours, in headless Chromium (puppeteer-core, /usr/bin/chromium).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { root, shoot } from './demo-run.mjs';

const server = await import('@civicflow/server');
const out = path.join(root, 'docs/screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROGRAM = 'gemeinsam-fuer-hagen';
const PUBLISHER = 'screenshots-only-publisher';
const ADVISOR = 'screenshots-only-advisor';

const programs = server.loadPrograms([path.join(root, 'examples', PROGRAM)]);
const store = await server.createPgliteCaseStore();
const app = await server.createApp({
  store,
  programs: server.createProgramRegistry(programs),
  authenticate: server.createTokenAuthenticator([
    { token: PUBLISHER, actor: 'screens-publisher', name: 'Paula Richter', roles: [`${PROGRAM}:publish`] },
    { token: ADVISOR, actor: 'screens-advisor', name: 'Selin Arslan', roles: [`${PROGRAM}:advisor`] },
  ]),
  rateLimit: false,
  logger: server.silentLogger,
  designerBundle: path.join(root, 'packages/designer/dist/cf-program-designer.bundle.js'),
});
const started = await server.startServer(app, { host: '127.0.0.1', port: 0 });
const base = started.url;
const api = (p, init = {}, token = PUBLISHER) => fetch(`${base}${p}`, { ...init, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...init.headers } });

// Three open cases of the live version, opened as the example's walk opens them.
const walk = JSON.parse(readFileSync(path.join(root, 'examples', PROGRAM, 'cases/workflow-happy-path.json'), 'utf8'));
for (const name of ['Amina', 'Jonas', 'Elif']) {
  const res = await api(`/v1/programs/${PROGRAM}/submissions`, { method: 'POST', body: JSON.stringify({ ...walk.open.data, givenName: name }), headers: { 'Idempotency-Key': `screens-${name}-0001` } }, ADVISOR);
  if (!res.ok) throw new Error(`opening a case: ${res.status} ${await res.text()}`);
}

// The draft: a new field, one required no more, a text reworded, a timer longer, and a migration of the open cases.
const live = await (await api(`/v1/programs/${PROGRAM}/draft`)).text();
const d = JSON.parse(live);
const from = d.version;
d.version = '1.2.0';
d.forms.contact.schema.properties.mobile = { type: 'string', maxLength: 30, 'x-personal-data': true, 'x-retention': 'P10Y', 'x-retention-basis': 'Art. 82 Verordnung (EU) 2021/1060' };
for (const [locale, label] of Object.entries({ de: 'Mobilnummer', en: 'Mobile number', ar: 'رقم الجوال', 'de-x-ls': 'Handy-Nummer' })) {
  if (d.texts[locale]) d.texts[locale]['forms.contact.fields.mobile.label'] = label;
}
d.texts.de['forms.contact.title'] = 'Erster Kontakt im Perspektivhaus';
d.texts.en['forms.contact.title'] = 'First contact at the Perspektivhaus';
d.workflow.states.contact.after[0].duration = 'P12W';
d.versions = { ...d.versions, migrations: [{ from, timers: 'keep' }] };
const saved = await api(`/v1/programs/${PROGRAM}/draft`, { method: 'PUT', body: JSON.stringify(d, null, 2), headers: { 'If-Match': '"0"' } });
if (!saved.ok) throw new Error(`saving the draft: ${saved.status} ${await saved.text()}`);

const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=de-DE'] });
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(180_000);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => m.type() === 'error' && console.error('page console:', m.text()));
  await page.setExtraHTTPHeaders({ Authorization: `Bearer ${PUBLISHER}`, 'Accept-Language': 'de' });
  const cdp = await page.createCDPSession();
  const shots = [
    { name: 'designer-publish', width: 1280, height: 900 },
    { name: 'designer-publish-phone', width: 390, height: 844 },
    { name: 'designer-publish-320', width: 320, height: 800 },
    { name: 'designer-publish-forced-colors', width: 1280, height: 900, forced: true },
  ];
  for (const shot of shots) {
    await page.setViewport({ width: shot.width, height: shot.height });
    await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: shot.forced ? 'active' : 'none' }] });
    await page.goto(`${base}/designer/${PROGRAM}`, { waitUntil: 'networkidle0' });
    await page.waitForFunction(() => document.querySelector('cf-draft-panel')?.shadowRoot?.querySelector('section li'), { timeout: 90_000 }).catch(async (err) => {
      const said = await page.evaluate(() => document.querySelector('cf-draft-panel')?.shadowRoot?.textContent);
      throw new Error(`the changes did not show; the panel says: ${said}`, { cause: err });
    });
    await shoot(page, out, `${shot.name.replace('designer-publish', 'designer-changes')}`);
    await page.evaluate(() => {
      const panel = document.querySelector('cf-draft-panel');
      [...panel.shadowRoot.querySelectorAll('button')].find((b) => b.textContent.trim().startsWith('Veröffentlichen')).click();
    });
    await page
      .waitForFunction(() => document.querySelector('cf-draft-panel').shadowRoot.querySelector('dialog')?.open, { timeout: 60_000 })
      .catch(async (err) => {
        const said = await page.evaluate(() => document.querySelector('cf-draft-panel').shadowRoot.querySelector('[role="status"]').textContent);
        throw new Error(`the publish dialog did not open; the panel says: ${said}`, { cause: err });
      });
    await shoot(page, out, shot.name);
  }
} finally {
  await browser.close();
  await started.close?.();
  await store.close();
}
process.exit(0);
