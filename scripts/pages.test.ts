// The demo's four pages (`npm start`: /site/, /status/, /caseworker/, /reports/) as a person meets them, in Debian's
// Chromium: on a phone (390×844), on a desk (1280×900) and at 320 px wide (what 1280 px are at 400 % zoom), no page
// scrolls sideways, no visible text is smaller than 12 px, and axe-core finds no WCAG 2.x A/AA violation; in forced
// colours every word that was visible stays visible, in a colour that differs from what is behind it.
// Needs `npm run build` (npm test does it) and Chromium (scripts/system-deps.mjs installs it for the browser tests).
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteCaseStore } from '@civicflow/server';
// @ts-expect-error: a plain ES module script without type declarations
import { startDemo } from './demo-run.mjs';
import { loadExamplePrograms, seedDemo } from './seed-demo.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface Viewport {
  name: string;
  width: number;
  height: number;
  isMobile?: boolean;
  hasTouch?: boolean;
  deviceScaleFactor?: number;
}

const viewports: Viewport[] = [
  { name: 'phone 390×844', width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { name: 'desk 1280×900', width: 1280, height: 900 },
  { name: '320 px (400 % zoom)', width: 320, height: 720 },
];

/** What a page shows once it is ready: a test in the page, which may look into shadow roots. */
interface DemoPage {
  name: string;
  path: () => string;
  ready: string;
}

// Runs in the page: every visible text, with its font size, colour and the colour behind it, through shadow roots.
// A text is visible when it has a box of some size and is neither hidden nor clipped to nothing (the visually-hidden
// pattern of screen-reader text is not seen, so it does not count).
const readTexts = `(() => {
  const out = [];
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return undefined; const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return { r, g, b, a }; };
  const parentOf = (el) => el.parentElement ?? (el.getRootNode() instanceof ShadowRoot ? el.getRootNode().host : null);
  const behind = (el) => {
    for (let e = el; e; e = parentOf(e)) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const hidden = (el) => {
    for (let e = el; e; e = parentOf(e)) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return true;
      if (s.clipPath === 'inset(50%)' || (s.position === 'absolute' && s.overflow === 'hidden' && e.getBoundingClientRect().width <= 1)) return true;
      if (e.tagName === 'DETAILS' && !e.open && el !== e && !e.querySelector(':scope > summary')?.contains(el)) return true;
    }
    return false;
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.textContent.trim()) {
        const el = child.parentElement ?? (child.parentNode instanceof ShadowRoot ? child.parentNode.host : null);
        if (!el || ['SCRIPT', 'STYLE', 'TITLE', 'OPTION'].includes(el.tagName)) continue;
        const range = document.createRange();
        range.selectNodeContents(child);
        const box = range.getBoundingClientRect();
        if (box.width < 1 || box.height < 1 || hidden(el)) continue;
        const s = getComputedStyle(el);
        out.push({ text: child.textContent.trim().slice(0, 60), size: parseFloat(s.fontSize), color: parse(s.color), bg: behind(el), tag: el.tagName.toLowerCase() });
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        if (child.shadowRoot) walk(child.shadowRoot);
        walk(child);
      }
    }
  };
  walk(document.body);
  return out;
})()`;

interface SeenText {
  text: string;
  size: number;
  color?: { r: number; g: number; b: number; a: number };
  bg: { r: number; g: number; b: number; a: number };
  tag: string;
}

/** WCAG's relative luminance contrast of two colours. */
function contrast(a: { r: number; g: number; b: number }, b: { r: number; g: number; b: number }): number {
  const lum = ({ r, g, b: bl }: { r: number; g: number; b: number }) => {
    const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(bl);
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p) as [number, number];
  return (x + 0.05) / (y + 0.05);
}

describe.skipIf(!existsSync(chromium))('the demo pages as a person sees them (Chromium)', () => {
  let demo: { base: string; stop: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  let dataDir: string;
  let base: string;
  let token = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'civicflow-pages-test-'));
    // A report with something in it: WIR-Vielfalt's call (applications, approvals, the amount granted against its
    // budget), seeded as `npm run seed` does. The other programs' cases would only make the start slower.
    const store = await createPgliteCaseStore({ dir: dataDir });
    try {
      await seedDemo({ store, programs: loadExamplePrograms().filter((p: { id: string }) => p.id === 'wir-vielfalt') });
    } finally {
      await store.close();
    }
    demo = await startDemo(dataDir);
    base = demo.base;
    // An applicant's status link: the Zweite Chance sign-up the example calls minimal, sent as the site sends it.
    const data = JSON.parse(readFileSync(path.join(root, 'examples/zweite-chance/cases/valid-minimal.json'), 'utf8')).data;
    const sent = await fetch(`${base}/v1/programs/zweite-chance/versions/1.0.0/submissions?form=intake`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'pages-test-status-link' },
      body: JSON.stringify(data),
    });
    expect(sent.status).toBe(201);
    token = ((await sent.json()) as { token: string }).token;
    // The status and caseworker pages' element bundles are built on their first request: build them now, not in a test.
    await Promise.all(['cf-case-status.js', 'cf-case-inbox.js'].map((f) => fetch(`${base}/casework/${f}`).then((r) => r.text())));
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--lang=de-DE', '--font-render-hinting=none'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  const pages: DemoPage[] = [
    { name: '/site/', path: () => '/site/', ready: `document.querySelector('cf-form')?.shadowRoot?.querySelector('form button')` },
    { name: '/status/', path: () => `/status/#token=${encodeURIComponent(token)}`, ready: `document.querySelector('cf-case-status')?.shadowRoot?.querySelector('li[aria-current="step"]')` },
    { name: '/caseworker/', path: () => '/caseworker/', ready: `document.querySelector('cf-case-inbox')?.shadowRoot?.querySelector('form[part="sign-in"] select option')` },
    { name: '/reports/', path: () => '/reports/wir-vielfalt', ready: `document.querySelector('cf-program-report')?.shadowRoot?.querySelector('[part~="sum"] .meter')` },
  ];

  async function open(p: DemoPage, viewport: Viewport): Promise<Page> {
    const page = await browser!.newPage();
    page.setDefaultTimeout(60_000);
    await page.setViewport(viewport);
    await page.goto(base + p.path(), { waitUntil: 'load' });
    await page.waitForFunction(p.ready, { polling: 100 });
    // Let layout settle after the elements' last render.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    return page;
  }

  /** The page's own look at itself: its width against the viewport's, and every visible text. */
  const look = async (page: Page) => ({
    scrollWidth: await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)),
    viewport: await page.evaluate(() => window.innerWidth),
    texts: (await page.evaluate(readTexts)) as SeenText[],
  });

  it('/site/ speaks one language: the language button changes <html lang>, the page\'s words and the widget\'s together', async () => {
    const page = await open(pages[0]!, viewports[1]!);
    try {
      const state = () =>
        page.evaluate(() => ({
          lang: document.documentElement.lang,
          title: document.title,
          h1: document.querySelector('h1')!.textContent,
          nav: document.querySelector('.mainnav')!.getAttribute('aria-label'),
          widget: document.querySelector('cf-form')!.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang'),
          pressed: [...document.querySelectorAll('.languages button[aria-pressed="true"]')].map((b) => b.textContent),
        }));
      expect(await state()).toMatchObject({ lang: 'de', h1: 'Zweite Chance: Begleitung in Arbeit', nav: 'Hauptnavigation', widget: 'de', pressed: ['Deutsch'] });
      await page.click('.languages button[data-lang="en"]');
      await page.waitForFunction(() => document.querySelector('cf-form')!.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang') === 'en', { polling: 100 });
      expect(await state()).toMatchObject({ lang: 'en', title: 'Second Chance – sign-up · Town of Eichenhain', h1: 'Second Chance: support on the way to work', nav: 'Main navigation', widget: 'en', pressed: ['English'] });
      // Whatever sets the widget's language brings the page along.
      await page.evaluate(() => document.querySelector('cf-form')!.setAttribute('locale', 'de'));
      await page.waitForFunction(() => document.documentElement.lang === 'de', { polling: 100 });
      expect((await state()).h1).toBe('Zweite Chance: Begleitung in Arbeit');
    } finally {
      await page.close();
    }
  }, 90_000);

  for (const p of pages) {
    for (const viewport of viewports) {
      it(`${p.name} at ${viewport.name}: no sideways scrolling, no text under 12 px, no axe violations`, async () => {
        const page = await open(p, viewport);
        try {
          const seen = await look(page);
          expect(seen.viewport).toBe(viewport.width);
          expect(seen.scrollWidth, `${p.name} is ${seen.scrollWidth} px wide in a ${viewport.width} px viewport`).toBeLessThanOrEqual(viewport.width);
          expect(seen.texts.length).toBeGreaterThan(5);
          const small = seen.texts.filter((t) => t.size < 12).map((t) => `"${t.text}" (${t.tag}, ${t.size}px)`);
          expect(small, small.join('\n')).toEqual([]);
          await page.evaluate(axeSource);
          const violations = await page.evaluate(async () => {
            const axe = (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
            const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'] });
            return r.violations.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => n.target).slice(0, 3))}`);
          });
          expect(violations, violations.join('\n')).toEqual([]);
        } finally {
          await page.close();
        }
      }, 90_000);
    }

    it(`${p.name} in forced colours keeps every word it shows, readable against what is behind it`, async () => {
      const page = await open(p, viewports[0]!);
      try {
        const before = await look(page);
        // Puppeteer's emulateMediaFeatures knows no forced-colors; Chromium's own protocol does.
        const cdp = await page.createCDPSession();
        await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'forced-colors', value: 'active' }] });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
        const after = await look(page);
        const words = (texts: SeenText[]) => texts.map((t) => t.text).sort();
        expect(words(after.texts)).toEqual(words(before.texts));
        const unreadable = after.texts
          .filter((t) => !t.color || t.color.a < 0.5 || contrast(t.color, t.bg) < 3)
          .map((t) => `"${t.text}" (${t.tag}) ${JSON.stringify(t.color)} on ${JSON.stringify(t.bg)}`);
        expect(unreadable, unreadable.join('\n')).toEqual([]);
      } finally {
        await page.close();
      }
    }, 90_000);
  }
});
