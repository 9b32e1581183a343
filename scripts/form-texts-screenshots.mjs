// `node scripts/form-texts-screenshots.mjs` (after `npm run build`): the PNGs in docs/screenshots/ of what <cf-form>
// says when the words of the later pages could not be fetched: on "Continue" from the first page, and on continuing a
// saved draft. Builds the Zweite Chance intake as `civicflow build --browser` does, serves it beside the embed file on
// 127.0.0.1 with the texts file refused, and photographs both at 1280 × 900, a phone at 390 × 844, 320 px and in forced
// colours, in headless Chromium (puppeteer-core, Debian's /usr/bin/chromium).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { loadProgram } from '@civicflow/core';
import { buildBrowserFiles } from '@civicflow/build';
import { root, shoot as shootTo, until } from './demo-run.mjs';

const out = path.join(root, 'docs/screenshots');
const shoot = (page, name) => shootTo(page, out, name);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const dist = path.join(root, 'packages/elements/dist');

const program = loadProgram(await readFile(path.join(root, 'examples/zweite-chance/program.json'), 'utf8'));
const files = await buildBrowserFiles(program, { forms: ['intake'], name: 'intake' });
const page = (attrs) =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Anmeldung</title><script type="module" src="/cf/cf-form.embed.js"></script><style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:46rem;padding:1rem}</style></head><body><cf-form src="/p/intake.validators.js" locale="de" ${attrs}></cf-form></body></html>`;

const server = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const send = (status, body, type) => {
    res.writeHead(status, { 'Content-Type': type });
    res.end(body);
  };
  try {
    if (url.pathname === '/form.html') return send(200, page(''), 'text/html');
    if (url.pathname === '/draft.html') return send(200, page('drafts'), 'text/html');
    // No connection for the later pages' words.
    if (url.pathname.includes('.texts.')) return send(503, '', 'text/plain');
    if (url.pathname.startsWith('/p/')) {
      const name = url.pathname.slice(3);
      if (!(name in files)) return send(404, '', 'text/plain');
      return send(200, files[name], name.endsWith('.js') ? 'text/javascript' : 'application/json');
    }
    if (url.pathname.startsWith('/cf/')) return send(200, await readFile(path.join(dist, path.basename(url.pathname))), 'text/javascript');
    send(404, '', 'text/plain');
  } catch {
    send(404, '', 'text/plain');
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;

const sizes = [
  ['', { width: 1280, height: 900 }, []],
  ['-phone', { width: 390, height: 844 }, []],
  ['-320', { width: 320, height: 700 }, []],
  ['-forced-colors', { width: 1280, height: 900 }, [{ name: 'forced-colors', value: 'active' }]],
];

const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--lang=de-DE'] });
try {
  mkdirSync(out, { recursive: true });
  const tab = await browser.newPage();
  const cdp = await tab.createCDPSession();
  const inForm = (fn, ...args) => tab.evaluate(fn, ...args);
  for (const [suffix, viewport, features] of sizes) {
    await tab.setViewport(viewport);
    await cdp.send('Emulation.setEmulatedMedia', { features });

    // "Continue" from the first page, filled in with the keyboard.
    await tab.goto(`${base}/form.html`, { waitUntil: 'networkidle0' });
    await until(tab, () => document.querySelector('cf-form')?.shadowRoot?.querySelector('#cf-person-givenName'), 'the first page');
    for (const [id, text] of [['cf-person-givenName', 'Jo'], ['cf-person-familyName', 'Schmitt'], ['cf-person-birthDate', '31'], ['cf-person-birthDate-month', '1'], ['cf-person-birthDate-year', '2001']]) {
      await inForm((i) => document.querySelector('cf-form').shadowRoot.querySelector(`#${i}`).focus(), id);
      await tab.keyboard.type(text);
    }
    await inForm(() => document.querySelector('cf-form').shadowRoot.querySelector('button[type="submit"]').focus());
    await tab.keyboard.press('Enter');
    await until(tab, () => document.querySelector('cf-form').shadowRoot.querySelector('#cf-refusal'), 'the notice');
    await inForm(() => document.querySelector('cf-form').shadowRoot.querySelector('.actions').scrollIntoView({ block: 'end' }));
    await shoot(tab, `form-texts-failed${suffix}`);

    // A saved draft on page 3, continued.
    await inForm(
      (ref) =>
        localStorage.setItem(
          'cf-draft:zweite-chance:intake',
          JSON.stringify({ v: 1, program: ref, form: 'intake', data: { person: { givenName: 'Jo' } }, place: 'housing', savedAt: '2026-11-30T09:15:00Z' }),
        ),
      program.ref,
    );
    await tab.goto(`${base}/draft.html`, { waitUntil: 'networkidle0' });
    await until(tab, () => document.querySelector('cf-form')?.shadowRoot?.querySelector('.resume button'), 'the draft offer');
    await inForm(() => document.querySelector('cf-form').shadowRoot.querySelector('.resume button').focus());
    await tab.keyboard.press('Enter');
    await until(tab, () => document.querySelector('cf-form').shadowRoot.querySelector('.resume #cf-refusal'), 'the notice on the offer');
    await shoot(tab, `form-texts-failed-draft${suffix}`);
    await inForm(() => localStorage.clear());
  }
} finally {
  await browser.close();
  server.close();
}
