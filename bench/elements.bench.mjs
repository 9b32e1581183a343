// The intake widget in real headless Chromium: how much a citizen's phone downloads, and how fast the form
// appears and answers.
//
// bench/run.mjs reads `opsPerSec` from every row, so each measurement is also given as a rate: timings as
// renders (or keystrokes) per second, 1000 / median ms; sizes as bundles per megabyte, 1e6 / bytes. The row
// names carry the plain numbers, and `value`/`unit` hold them for any reader that prefers those.
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProgram } from '@civicflow/core';
import { buildBrowserFiles, buildValidatorsModule } from '@civicflow/build';
import puppeteer from 'puppeteer-core';
import { buildEmbed, bundle, embedFile } from '../scripts/build-embed.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 15);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 40);

/** A program with one form of `n` fields of five kinds, for the large-form rows. */
export function generatedProgram(n = 500) {
  const properties = {};
  const required = [];
  const texts = { de: { 'forms.big.title': 'Großes Formular' }, en: { 'forms.big.title': 'Large form' } };
  for (let i = 0; i < n; i++) {
    const name = `f${i}`;
    properties[name] = [
      { type: 'string', minLength: 3, maxLength: 50 },
      { type: 'integer', minimum: 0, maximum: 100 },
      { enum: ['a', 'b', 'c'] },
      { type: 'boolean' },
      { type: 'string', format: 'email', maxLength: 200 },
    ][i % 5];
    if (i % 10 === 0) required.push(name);
    texts.de[`forms.big.fields.${name}.label`] = `Feld ${i + 1}`;
    texts.en[`forms.big.fields.${name}.label`] = `Field ${i + 1}`;
  }
  return {
    id: 'big', version: '1.0.0', locales: ['de', 'en'], title: { de: 'Groß', en: 'Big' },
    forms: { big: { schema: { type: 'object', additionalProperties: false, properties, required } } },
    texts,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function serve(files) {
  const server = createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    const body = files[pathname];
    if (body === undefined) {
      res.writeHead(404);
      return res.end();
    }
    const type = pathname.endsWith('.js') ? 'text/javascript; charset=utf-8' : pathname.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8';
    res.writeHead(200, { 'Content-Type': type });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * In the page: mounts the form `runs` times; median ms until laid out. A module with its definition inside is
 * handed over as a fresh copy; one with its definitions beside it is given as `src`, as a page does, so each
 * mount fetches the German definition (the module itself comes from the browser's module map after the first).
 */
async function firstRender(page, moduleUrl, runs) {
  return page.evaluate(
    async (url, n) => {
      const mod = await import(url);
      const times = [];
      for (let i = 0; i < n; i++) {
        const el = document.createElement('cf-form');
        el.setAttribute('locale', 'de');
        const t0 = performance.now();
        if (mod.definition) el.program = { ...mod, definition: structuredClone(mod.definition) };
        else el.setAttribute('src', url);
        document.body.append(el);
        // Loading may wait on the network: between checks, let tasks run (a message, unlike a timer, is not clamped).
        const nextTask = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); });
        while (!el.shadowRoot?.querySelector('form')) await (el.updateComplete.then(() => el.shadowRoot?.querySelector('form') || nextTask()));
        await Promise.all([...el.shadowRoot.querySelectorAll('cf-field, cf-steps, cf-error-summary')].map((c) => c.updateComplete));
        void el.shadowRoot.querySelector('form').offsetHeight;
        times.push(performance.now() - t0);
        el.remove();
        await new Promise((r) => setTimeout(r, 20));
      }
      return times;
    },
    moduleUrl,
    runs,
  );
}

/** In the page: on the large form, ms from a keystroke that breaks a visited field to its error laid out. */
async function keystrokeToError(page, moduleUrl, strokes) {
  return page.evaluate(
    async (url, n) => {
      const mod = await import(url);
      const el = document.createElement('cf-form');
      el.setAttribute('locale', 'de');
      el.program = mod;
      document.body.append(el);
      while (!el.shadowRoot?.querySelector('form')) await el.updateComplete;
      const field = [...el.shadowRoot.querySelectorAll('cf-field')].find((f) => f.pointer === '/f250');
      await field.updateComplete;
      const input = field.querySelector('input');
      const key = async (text) => {
        input.value = text;
        const t0 = performance.now();
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: text.slice(-1), inputType: 'insertText' }));
        await el.updateComplete;
        await field.updateComplete;
        void field.offsetHeight;
        return { ms: performance.now() - t0, error: Boolean(field.querySelector('.error')) };
      };
      input.focus();
      // The focus fetches the code that checks answers (cf-form.validation.js beside the embed): a person types on
      // once it is there, as it is long before a second keystroke; the rows time the keystrokes after it.
      await import('/cf-form.validation.js');
      await key('abc');
      input.blur();
      input.focus();
      // With it come the rest of the widget's words: until both are there no problem shows. Then one untimed turn.
      for (let tries = 0; !(await key('ab')).error; tries++) {
        if (tries > 500) throw new Error('the code that checks answers did not arrive');
        await new Promise((r) => setTimeout(r, 10));
      }
      await key('abc');
      const times = [];
      for (let i = 0; i < n; i++) {
        const broken = await key('ab');
        if (!broken.error) throw new Error('the error did not appear');
        times.push(broken.ms);
        const fixed = await key('abc');
        if (fixed.error) throw new Error('the error did not go away');
      }
      return times;
    },
    moduleUrl,
    strokes,
  );
}

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const NETWORK_RUNS = Number(process.env.BENCH_NETWORK_RUNS ?? 7);

/**
 * Median ms from navigation to the first form control in the page's element (`probe` finds it), each run in a fresh
 * tab with the cache off and every request delayed by `LATENCY_MS` (Chromium's own network emulation, as its
 * developer tools do), so a page that fetches its files one after the other pays for each round trip.
 *
 * The probe is installed before the page's own scripts and looks at every animation frame from the start, so it
 * notes the frame in which the control first is there: a probe installed once the navigation has been reported back
 * would see most pages only after they are done, and time the remote control instead of the page.
 */
async function firstControlOverNetwork(browser, url, probe) {
  const times = [];
  for (let i = 0; i < NETWORK_RUNS; i++) {
    const page = await browser.newPage();
    try {
      page.on('pageerror', (e) => console.error('bench page error:', e.message));
      await page.setCacheEnabled(false);
      await page.emulateNetworkConditions({ download: -1, upload: -1, latency: LATENCY_MS });
      await page.evaluateOnNewDocument(`(() => {
        const found = ${probe.toString()};
        const look = () => (found() ? (globalThis.cfFirstControl = performance.now()) : requestAnimationFrame(look));
        requestAnimationFrame(look);
      })()`);
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      // The moment the probe first saw the control (ms since the navigation started).
      const seen = await page.waitForFunction(() => globalThis.cfFirstControl ?? false, { polling: 'raf', timeout: 30_000 });
      times.push(await seen.jsonValue());
    } finally {
      await page.close();
    }
  }
  return median(times);
}

export async function run() {
  const embed = await buildEmbed();
  const litOnly = await bundle({ source: "export * from 'lit';" });
  const zweite = loadProgram(await readFile(path.join(root, 'examples/zweite-chance/program.json'), 'utf8'));
  // What a page gets from `civicflow build --browser --forms intake`: the code, and the words per language beside it.
  const files = await buildBrowserFiles(zweite, { forms: ['intake'], name: 'zweite' });
  const validators = files['zweite.validators.js'];
  // The forms' validators, which the widget imports with its validation code when the person first works on the form.
  const checks = files['zweite.checks.js'];
  // What the applicant is told in each state, fetched with the sending code.
  const notes = files['zweite.notes.de.json'];
  // The definition in German holds the words of the first page (and every page's title); the rest of the words come
  // with the validation code, at the first focus or keystroke.
  const german = files['zweite.de.json'];
  const laterWords = files['zweite.texts.de.json'];
  const big = await buildValidatorsModule(loadProgram(JSON.stringify(generatedProgram(500))), { minify: true });
  // The code that sends, a file beside the bundle that <cf-form> imports when the person first works on the form.
  const sending = await readFile(path.join(path.dirname(embedFile), 'cf-form.sending.js'), 'utf8');
  // The widget's own German words of the first screen, a file beside the bundle that <cf-form> imports when it
  // connects, and the rest of them (problems, the review, sending), imported with the validation code.
  const words = await readFile(path.join(path.dirname(embedFile), 'cf-form.locale-de.js'), 'utf8');
  const laterWidgetWords = await readFile(path.join(path.dirname(embedFile), 'cf-form.locale-de-later.js'), 'utf8');
  const englishWords = await readFile(path.join(path.dirname(embedFile), 'cf-form.locale-en.js'), 'utf8');
  const laterEnglishWords = await readFile(path.join(path.dirname(embedFile), 'cf-form.locale-en-later.js'), 'utf8');
  // The code that checks answers and words their problems, imported at the first focus or keystroke.
  const validation = await readFile(path.join(path.dirname(embedFile), 'cf-form.validation.js'), 'utf8');
  const gz = (s) => gzipSync(s, { level: 9 }).length;
  const sizes = { embed: gz(embed), words: gz(words), laterWords: gz(laterWidgetWords), sending: gz(sending), validation: gz(validation), validators: gz(validators), checks: gz(checks), notes: gz(notes), german: gz(german), later: gz(laterWords), lit: gz(litOnly) };
  const total = sizes.embed + sizes.validators + sizes.validation + sizes.checks;
  // Every file a German page requests before anyone types: the bundle, the widget's German words, the validators
  // module (what showing the form needs of it) and the definition in German.
  const page = sizes.embed + sizes.words + sizes.validators + sizes.german;
  // What the first focus or keystroke adds: the sending code with the applicant's notes, the validation code, the
  // forms' validators, the rest of the widget's words and the words of the later pages.
  const worked = page + sizes.sending + sizes.notes + sizes.validation + sizes.checks + sizes.laterWords + sizes.later;
  const kb = (b) => `${(b / 1024).toFixed(1)} KB`;

  // The floor of the network rows: one module with Lit and the same validators, showing one labelled input. It
  // needs no words and nothing after its own module; no widget can need fewer round trips.
  const floorDir = await mkdtemp(path.join(tmpdir(), 'cf-bench-floor-'));
  await writeFile(path.join(floorDir, 'validators.js'), validators);
  await writeFile(path.join(floorDir, 'checks.js'), checks);
  const floor = await bundle({
    source: `import { LitElement, html } from 'lit';
import * as validators from ${JSON.stringify(path.join(floorDir, 'validators.js'))};
import * as checks from ${JSON.stringify(path.join(floorDir, 'checks.js'))};
class Floor extends LitElement {
  render() { return html\`<label>Vorname <input name="givenName" autocomplete="given-name"></label>\`; }
}
globalThis.cfFloorValidators = { validators, checks };
customElements.define('cf-floor', Floor);`,
  });
  await rm(floorDir, { recursive: true, force: true });
  // The lines `civicflow build --browser --public-path / --embed-path /` writes: the module, the words, and the
  // widget's own German words beside the embed file.
  const preload = `${(await buildBrowserFiles(zweite, { forms: ['intake'], name: 'zweite', locales: ['de'], publicPath: '/' }))['zweite.preload.de.html']}<link rel="modulepreload" href="/cf-form.locale-de.js">\n`;
  const guidePage = (head) => `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Anmeldung</title>${head}<script type="module" src="/cf-form.embed.js"></script></head><body><cf-form src="/zweite.validators.js" form-id="intake" locale="de"></cf-form></body></html>`;

  const server = await serve({
    '/guide.html': guidePage(''),
    '/preloaded.html': guidePage(preload),
    '/floor.html': '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Anmeldung</title><script type="module" src="/floor.js"></script></head><body><cf-floor></cf-floor></body></html>',
    '/floor.js': floor,
    '/': '<!doctype html><html lang="de"><head><meta charset="utf-8"><title>bench</title><script type="module" src="/cf-form.embed.js"></script></head><body></body></html>',
    // The files beside the embed import what they share with it from its own name.
    '/cf-form.embed.js': embed,
    // The embed imports its words and the sending code from beside itself.
    '/cf-form.locale-de.js': words,
    '/cf-form.locale-en.js': englishWords,
    '/cf-form.locale-de-later.js': laterWidgetWords,
    '/cf-form.locale-en-later.js': laterEnglishWords,
    '/cf-form.sending.js': sending,
    '/cf-form.validation.js': validation,
    '/zweite.validators.js': validators,
    '/zweite.checks.js': checks,
    '/zweite.notes.de.json': notes,
    '/zweite.de.json': german,
    '/zweite.en.json': files['zweite.en.json'],
    '/zweite.texts.de.json': laterWords,
    '/zweite.texts.en.json': files['zweite.texts.en.json'],
    '/big.js': big,
  });
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  let zweiteMs;
  let bigMs;
  let keyMs;
  let network;
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('bench page error:', e.message));
    await page.setViewport({ width: 1024, height: 800 });
    await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => customElements.get('cf-form') !== undefined);
    await firstRender(page, '/zweite.validators.js', 3);
    zweiteMs = median(await firstRender(page, '/zweite.validators.js', RUNS));
    bigMs = median(await firstRender(page, '/big.js', Math.max(5, Math.round(RUNS / 2))));
    keyMs = median(await keystrokeToError(page, '/big.js', KEYSTROKES));
    const at = (p) => `http://127.0.0.1:${server.address().port}${p}`;
    const widgetControl = () => Boolean(document.querySelector('cf-form')?.shadowRoot?.querySelector('input, select, textarea'));
    const floorControl = () => Boolean(document.querySelector('cf-floor')?.shadowRoot?.querySelector('input'));
    // Taking turns, so that all three see the same machine.
    const runs = { guide: [], preloaded: [], floor: [] };
    for (let round = 0; round < 2; round++) {
      runs.floor.push(await firstControlOverNetwork(browser, at('/floor.html'), floorControl));
      runs.guide.push(await firstControlOverNetwork(browser, at('/guide.html'), widgetControl));
      runs.preloaded.push(await firstControlOverNetwork(browser, at('/preloaded.html'), widgetControl));
    }
    network = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, Math.min(...v)]));
  } finally {
    await browser.close();
    server.close();
  }
  const perMb = (bytes) => 1e6 / bytes;
  sizes.floor = gz(floor);
  const floorSize = `size: floor, Lit + the intake's standalone validators in one module, gzip ${kb(sizes.floor)}`;
  const floorRow = `first control, ${LATENCY_MS} ms per request, floor (one module: Lit and the validators, one input): ${network.floor.toFixed(0)} ms (pages/s)`;
  const perSec = (ms) => 1000 / ms;
  return [
    // Sizes: less is better. The rate beside each (bundles per MB) and the ratio to the floor grow as a file shrinks.
    { name: `size: embed bundle + its validation code + Zweite Chance intake validators (both modules), gzip ${kb(total)}, less is better (target <= 35 KB; bundles per MB)`, opsPerSec: perMb(total), value: total / 1024, unit: 'KB', baseline: floorSize, target: { minOpsPerSec: perMb(35 * 1024) } },
    { name: `size: embed bundle (lit-html with the widget's element base, core runtime, the elements a page needs before anyone types; its words come beside it), gzip ${kb(sizes.embed)}, less is better (target <= 22 KB)`, opsPerSec: perMb(sizes.embed), value: sizes.embed / 1024, unit: 'KB', baseline: floorSize, target: { minOpsPerSec: perMb(22 * 1024) } },
    { name: `size: the widget's own German words of the first screen (cf-form.locale-de.js, loaded with the definition), gzip ${kb(sizes.words)}, less is better`, opsPerSec: perMb(sizes.words), value: sizes.words / 1024, unit: 'KB' },
    { name: `size: the rest of the widget's own German words (cf-form.locale-de-later.js: problems, review, sending; loaded at the first focus or keystroke), gzip ${kb(sizes.laterWords)}, less is better`, opsPerSec: perMb(sizes.laterWords), value: sizes.laterWords / 1024, unit: 'KB' },
    { name: `size: the embed's sending code (cf-form.sending.js, loaded at the first focus or keystroke), gzip ${kb(sizes.sending)}, less is better`, opsPerSec: perMb(sizes.sending), value: sizes.sending / 1024, unit: 'KB' },
    { name: `size: the embed's validation code, core's German and English messages and the error summary (cf-form.validation.js, loaded at the first focus or keystroke), gzip ${kb(sizes.validation)}, less is better`, opsPerSec: perMb(sizes.validation), value: sizes.validation / 1024, unit: 'KB' },
    { name: `size: Zweite Chance intake validators module (what showing the form needs: conditions, plans), gzip ${kb(sizes.validators)}, less is better`, opsPerSec: perMb(sizes.validators), value: sizes.validators / 1024, unit: 'KB' },
    { name: `size: Zweite Chance intake forms' validators (zweite.checks.js, loaded at the first focus or keystroke), gzip ${kb(sizes.checks)}, less is better`, opsPerSec: perMb(sizes.checks), value: sizes.checks / 1024, unit: 'KB' },
    { name: `size: what the Zweite Chance applicant is told in each state, German (zweite.notes.de.json, loaded with the sending code), gzip ${kb(sizes.notes)}, less is better`, opsPerSec: perMb(sizes.notes), value: sizes.notes / 1024, unit: 'KB' },
    { name: `size: Zweite Chance intake definition in German (zweite.de.json: schema, layout, titles, the first page's words), gzip ${kb(sizes.german)}, less is better`, opsPerSec: perMb(sizes.german), value: sizes.german / 1024, unit: 'KB' },
    { name: `size: the words of the Zweite Chance intake's later pages and its error messages, German (zweite.texts.de.json, loaded at the first focus or keystroke), gzip ${kb(sizes.later)}, less is better`, opsPerSec: perMb(sizes.later), value: sizes.later / 1024, unit: 'KB' },
    { name: `size: all a German page loads for the Zweite Chance intake before anyone types (embed + the widget's German words of the first screen + validators + definition), gzip ${kb(page)}, less is better (target <= 30 KB)`, opsPerSec: perMb(page), value: page / 1024, unit: 'KB', baseline: floorSize, target: { minOpsPerSec: perMb(30 * 1024) } },
    { name: `size: the same once the person works on the form (+ the sending code and notes, the validation code, the forms' validators, the rest of the widget's words, the later pages' words), gzip ${kb(worked)}, less is better`, opsPerSec: perMb(worked), value: worked / 1024, unit: 'KB', baseline: floorSize },
    { name: floorSize, opsPerSec: perMb(sizes.floor), value: sizes.floor / 1024, unit: 'KB' },
    { name: `size: Lit alone, gzip ${kb(sizes.lit)}`, opsPerSec: perMb(sizes.lit), value: sizes.lit / 1024, unit: 'KB' },
    { name: `first render, Zweite Chance intake: median ${zweiteMs.toFixed(1)} ms (target <= 50 ms; renders/s)`, opsPerSec: perSec(zweiteMs), value: zweiteMs, unit: 'ms', target: { minOpsPerSec: perSec(50) } },
    { name: `first render, generated 500-field form: median ${bigMs.toFixed(1)} ms (target <= 300 ms; renders/s)`, opsPerSec: perSec(bigMs), value: bigMs, unit: 'ms', target: { minOpsPerSec: perSec(300) } },
    { name: `keystroke to error, 500-field form: median ${keyMs.toFixed(2)} ms (target <= 16 ms; keystrokes/s)`, opsPerSec: perSec(keyMs), value: keyMs, unit: 'ms', target: { minOpsPerSec: perSec(16) } },
    { name: floorRow, opsPerSec: perSec(network.floor), value: network.floor, unit: 'ms' },
    { name: `first control, ${LATENCY_MS} ms per request, the guide's page with its preload lines: ${network.preloaded.toFixed(0)} ms (target: within one round trip of the floor; pages/s)`, opsPerSec: perSec(network.preloaded), value: network.preloaded, unit: 'ms', baseline: floorRow, target: { minRatio: network.floor / (network.floor + LATENCY_MS) } },
    { name: `first control, ${LATENCY_MS} ms per request, the guide's page without preload lines: ${network.guide.toFixed(0)} ms (pages/s)`, opsPerSec: perSec(network.guide), value: network.guide, unit: 'ms', baseline: floorRow },
  ];
}
