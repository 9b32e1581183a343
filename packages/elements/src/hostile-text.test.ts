import { expect } from '@esm-bundle/chai';
import type { ValidatorsModule } from '@civicflow/core/runtime';
import './define.js';
import './program-report/define.js';
import './case-status/define.js';
import './case-inbox/define.js';
import type { CfForm } from './form/form.js';
import type { CfProgramReport } from './program-report/program-report.js';
import type { ProgramReport, ReportDefinition } from './program-report/report-charts.js';
import { loadModule, mountForm, settle, waitFor } from './test-support/fixtures.js';
import { DEMO, exampleData, type Receipt } from './test-support/api.js';

// Programs and people may write anything into a text or an answer. Whatever they write is shown as text: nothing
// in it runs, and no element or attribute of it reaches the page. Every payload sets a flag if it ever runs.

declare global {
  interface Window {
    __cfHostileRan?: string[];
  }
}

const run = (tag: string) => `(window.__cfHostileRan=window.__cfHostileRan||[]).push('${tag}')`;

/** Classic ways of getting markup or script into a page through a text; each one, if it ran, records its number. */
const PAYLOADS: readonly string[] = [
  `<img src=x onerror="${run('1')}">`,
  `<script>${run('2')}</script>`,
  `"><svg onload="${run('3')}">`,
  `'><svg/onload=${run('4')}>`,
  `</label><img src=x onerror=${run('5')}>`,
  `</style><script>${run('6')}</script>`,
  `</textarea><script>${run('7')}</script>`,
  `</title><img src=x onerror=${run('8')}>`,
  `<iframe src="javascript:${run('9')}"></iframe>`,
  `<iframe srcdoc="<script>parent.${run('10')}</script>">`,
  `javascript:${run('11')}`,
  `JaVaScRiPt:${run('12')}//`,
  `[click me](javascript:${run('13')})`,
  `<a href="javascript:${run('14')}">link</a>`,
  `{{constructor.constructor('${run('15').replaceAll("'", '"')}')()}}`,
  `\${${run('16')}}`,
  `#{${run('17')}}`,
  `<details open ontoggle="${run('18')}">`,
  `<body onload="${run('19')}">`,
  `<input autofocus onfocus="${run('20')}">`,
  `<object data="javascript:${run('21')}"></object>`,
  `<embed src="javascript:${run('22')}">`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${run('23')}">`,
  `<svg><script>${run('24')}</script></svg>`,
  `<video><source onerror="${run('25')}"></video>`,
  `<audio src=x onerror="${run('26')}">`,
  `<marquee onstart="${run('27')}">`,
  `<div style="background:url(javascript:${run('28')})">`,
  `<!--<img src="--><img src=x onerror=${run('29')}//">`,
  `<noscript><p title="</noscript><img src=x onerror=${run('30')}>">`,
  `<template><img src=x onerror=${run('31')}></template>`,
  `<base href="javascript:${run('32')}//">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${run('33')}">`,
  `&lt;img src=x onerror=${run('34')}&gt;`,
  `&#60;img src=x onerror=${run('35')}&#62;`,
  `\u202Egnp.exe<img src=x onerror=${run('36')}>`,
  `\u2066<svg onload=${run('37')}>\u2069 \u200F`,
  `<img src="x" onerror="eval(atob('${btoa(run('38'))}'))">`,
  `<form><button formaction="javascript:${run('39')}">x</button></form>`,
  `<x contenteditable onblur="${run('40')}">`,
  `<style>@import 'javascript:${run('41')}';</style>`,
  `<link rel=import href="data:text/html,<script>${run('42')}</script>">`,
  `data:text/html,<script>${run('43')}</script>`,
  `<a href=" &#14;javascript:${run('44')}">x</a>`,
  `<slot name=x onclick=${run('45')}>`,
  `${'a very long text <b>in bold</b> '.repeat(150)}<img src=x onerror=${run('46')}>`,
];

/** The payload used for the i-th text: each one numbered, so that every text can be found again on the page. */
const payload = (i: number) => `${PAYLOADS[i % PAYLOADS.length]!} [${i}]`;

/** Every element and shadow root under a node, through open shadow roots. */
function* walk(root: Node): Generator<Element> {
  const children = root instanceof Element && root.shadowRoot ? [...root.childNodes, root.shadowRoot] : [...root.childNodes];
  for (const c of children) {
    if (c instanceof Element) yield c;
    yield* walk(c);
  }
}

/** The text of a node and everything under it, shadow roots included. */
function deepText(root: Node): string {
  let out = '';
  for (const c of root instanceof Element && root.shadowRoot ? [root.shadowRoot, ...root.childNodes] : [...root.childNodes]) {
    if (c.nodeType === Node.TEXT_NODE) out += c.textContent ?? '';
    else if (c.nodeName !== 'STYLE' && c.nodeName !== 'SCRIPT') out += deepText(c);
  }
  return out;
}

// Elements that only a payload could have made (the report's own <details> is fine: a payload's carries ontoggle).
const FORBIDDEN = new Set(['IMG', 'SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'VIDEO', 'AUDIO', 'SOURCE', 'MARQUEE', 'MATH', 'BASE', 'META', 'LINK', 'TEMPLATE', 'NOSCRIPT', 'BODY', 'X', 'MGLYPH']);

/** Fails if anything of a payload became markup under `root`, or ran. */
async function expectInert(root: Node, where: string): Promise<void> {
  // Event handlers of injected images and media fire after a turn of the event loop.
  await new Promise((r) => setTimeout(r, 100));
  expect(window.__cfHostileRan ?? [], `payloads that ran (${where})`).to.deep.equal([]);
  for (const el of walk(root)) {
    const name = `${el.localName} in ${where}`;
    expect(FORBIDDEN.has(el.nodeName.toUpperCase()), name).to.equal(false);
    // The report draws its own charts in SVG; any other SVG could only have come from a text.
    if (el.localName === 'svg') expect((el.getRootNode() as ShadowRoot).host?.localName, name).to.equal('cf-program-report');
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${name}: attribute ${attr}`).to.equal(false);
      // Browsers skip whitespace and control characters before a URL's scheme.
      const value = [...(el.getAttribute(attr) ?? '')].filter((c) => c.charCodeAt(0) > 0x20).join('').toLowerCase();
      if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'].includes(attr)) expect(value.startsWith('javascript:') || value.startsWith('data:text/html'), `${name}: ${attr}=${value}`).to.equal(false);
    }
  }
}

/** Whether the text appears as text, whole, somewhere under `root` (so dropping or cutting it fails too). */
function expectShown(root: Node, texts: readonly string[], where: string): void {
  const shown = deepText(root);
  const missing = texts.filter((t) => !shown.includes(t));
  expect(missing, `texts not shown as text in ${where}`).to.deep.equal([]);
}

// ——— the program: the elements' controls fixture, with every text it has and can have set to a payload ———

const FORM = 'all';
const FIELDS = ['name', 'story', 'amount', 'people', 'start', 'mail', 'phone', 'size', 'region', 'topics', 'member', 'proof', 'consent', 'memberNumber'];
const OPTIONS: Record<string, string[]> = { size: ['small', 'medium', 'large'], region: ['north', 'east', 'south', 'west', 'centre', 'abroad'], topics: ['work', 'health', 'housing'] };

function hostileTexts(): Record<string, string> {
  const keys = [`forms.${FORM}.title`, `forms.${FORM}.pages.one.title`, `forms.${FORM}.pages.membership.title`];
  for (const f of FIELDS) keys.push(`forms.${FORM}.fields.${f}.label`, `forms.${FORM}.fields.${f}.help`);
  for (const [f, values] of Object.entries(OPTIONS)) for (const v of values) keys.push(`forms.${FORM}.fields.${f}.options.${v}`);
  keys.push(`forms.${FORM}.fields.name.errors.required`, `forms.${FORM}.fields.consent.errors.required`, `forms.${FORM}.fields.memberNumber.errors.required`);
  keys.push('errors.required', 'errors.minLength', 'errors.maximum', 'errors.format', 'errors.const');
  return Object.fromEntries(keys.map((k, i) => [k, payload(i)]));
}

async function hostileModule(texts: Record<string, string>): Promise<ValidatorsModule> {
  const mod = await loadModule('controls');
  const definition = structuredClone(mod.definition) as Record<string, unknown>;
  definition['title'] = { en: payload(900), de: payload(901) };
  definition['description'] = { en: payload(902), de: payload(903) };
  definition['texts'] = { en: texts, de: texts };
  return { ...mod, definition };
}

const primary = async (form: CfForm) => {
  form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')!.click();
  await settle(form);
};

describe('hostile texts and hostile data', function () {
  this.timeout(120_000);
  beforeEach(() => {
    window.__cfHostileRan = [];
  });
  afterEach(() => document.querySelectorAll('cf-form, cf-program-report').forEach((e) => e.remove()));

  it('cf-form shows a program of hostile texts as text: page, options, help, errors', async () => {
    const texts = hostileTexts();
    const form = await mountForm(await hostileModule(texts), { locale: 'en' });
    await expectInert(form, 'the first page');
    const page1 = Object.entries(texts).filter(([k]) => !k.includes('memberNumber') && !k.includes('membership') && !k.includes('.errors.') && !k.startsWith('errors.'));
    expectShown(form, [payload(902), ...page1.map(([, v]) => v)], 'the first page');

    await primary(form);
    await expectInert(form, 'the error summary');
    expectShown(form, [texts[`forms.${FORM}.fields.name.errors.required`]!, texts[`forms.${FORM}.fields.consent.errors.required`]!], 'the error summary');
  });

  it('cf-form shows hostile answers and hostile texts as text on every page and the review', async () => {
    const texts = hostileTexts();
    const form = await mountForm(await hostileModule(texts), { locale: 'en' });
    const name = PAYLOADS[0]!.slice(0, 80);
    const story = PAYLOADS.slice(1, 20).join(' ');
    const phone = PAYLOADS[2]!.slice(0, 30);
    const memberNumber = PAYLOADS[3]!.slice(0, 12);
    form.value = { name, story, phone, size: 'medium', region: 'abroad', topics: ['work', 'housing'], member: true, consent: true };
    await settle(form);
    await expectInert(form, 'the first page with answers');
    await primary(form);
    expectShown(form, [texts[`forms.${FORM}.pages.membership.title`]!, texts[`forms.${FORM}.fields.memberNumber.label`]!], 'the membership page');
    await primary(form);
    await expectInert(form, 'the membership page and its errors');
    expectShown(form, [texts[`forms.${FORM}.fields.memberNumber.errors.required`]!], 'the membership page errors');
    form.value = { ...form.value!, memberNumber };
    await settle(form);
    await primary(form);
    // The review comes with the sending code, which this form (never focused) fetches at this press.
    await waitFor(() => form.shadowRoot!.querySelector('cf-review [part~="review-row"]'), 'the review');
    await settle(form);
    await expectInert(form, 'the review');
    expectShown(
      form,
      [name, story, phone, memberNumber, ...['size.options.medium', 'region.options.abroad', 'topics.options.work', 'topics.options.housing', 'name.label', 'story.label', 'memberNumber.label'].map((k) => texts[`forms.${FORM}.fields.${k}`]!), texts[`forms.${FORM}.pages.one.title`]!],
      'the review',
    );
  });

  it('cf-program-report shows hostile state and outcome titles as text', async () => {
    const report = structuredClone(await (await fetch('/packages/elements/src/program-report/fixtures/gemeinsam-fuer-hagen.report.en.json')).json()) as { casesPerState: { title: string }[]; outcomesPerMonth: { title: string }[] };
    const definition = (await (await fetch('/examples/gemeinsam-fuer-hagen/program.json')).json()) as { texts: Record<string, Record<string, string>>; title: Record<string, string> };
    let i = 0;
    for (const r of report.casesPerState) r.title = payload(i++);
    const outcomes = new Map<string, string>();
    for (const r of report.outcomesPerMonth as { title: string; outcome: string }[]) {
      if (!outcomes.has(r.outcome)) outcomes.set(r.outcome, payload(i++));
      r.title = outcomes.get(r.outcome)!;
    }
    for (const texts of Object.values(definition.texts)) for (const k of Object.keys(texts)) texts[k] = payload(i++);
    for (const l of Object.keys(definition.title)) definition.title[l] = payload(i++);
    const el = document.createElement('cf-program-report');
    Object.assign(el, { report: report as unknown as ProgramReport, definition: definition as unknown as ReportDefinition, locale: 'en' } satisfies Partial<CfProgramReport>);
    document.body.append(el);
    await el.updateComplete;
    await expectInert(el, 'the report');
    expectShown(el, [...report.casesPerState.map((r) => r.title), ...outcomes.values()], 'the report');
  });
});

// ——— cf-case-status and cf-case-inbox: the real server, hostile answers, and the program's texts made hostile ———

type Json = Record<string, unknown>;

/** The payloads short enough for a name or a note. */
const SHORT = PAYLOADS.filter((p) => p.length <= 90);

/** Every string answer of `data` replaced by a payload, except where the server refuses it (those keep their value). */
async function submitHostile(): Promise<{ receipt: Receipt; answers: string[] }> {
  const base = await exampleData('zweite-chance', 'valid-minimal.json');
  expect(SHORT.length, 'payloads short enough for an answer').to.be.greaterThan(5);
  const kept = new Set<string>();
  for (let attempt = 0; attempt < 8; attempt++) {
    const answers: string[] = [];
    let n = 200;
    const swap = (v: unknown, at: string): unknown => {
      if (typeof v === 'string' && !kept.has(at)) {
        const p = `${SHORT[n % SHORT.length]!} ${n++}`;
        answers.push(p);
        return p;
      }
      if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x, `${at}/${k}`)]));
      return v;
    };
    const data = swap(base, '');
    const res = await fetch('/v1/programs/zweite-chance/versions/1.0.0/submissions?form=intake', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `test-${crypto.randomUUID()}` },
      body: JSON.stringify(data),
    });
    if (res.status === 201) {
      expect(answers.length, 'hostile answers the server took').to.be.greaterThan(2);
      return { receipt: (await res.json()) as Receipt, answers };
    }
    // Keep the refused places as they were: the pointers the answer names.
    const pointers = JSON.stringify(await res.json()).match(/"\/[A-Za-z0-9_/]*"/g) ?? [];
    if (pointers.length === 0) throw new Error(`the sign-up answered ${res.status} without pointers`);
    for (const p of pointers) kept.add(JSON.parse(p) as string);
  }
  throw new Error('the sign-up refused every hostile answer');
}

/** Lets the real API answer, but gives every text of every program definition it sends as a payload. */
function hostileProgramTexts(): { texts: Map<string, string>; restore: () => void } {
  const real = window.fetch;
  const texts = new Map<string, string>();
  let n = 500;
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const res = await real(input, init);
    const url = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url, location.href);
    if (!/^\/v1\/programs\/[^/]+\/versions\/[^/]+$/.test(url.pathname) || !res.ok) return res;
    const body = (await res.json()) as Json;
    for (const byLocale of Object.values(((body['definition'] as Json | undefined)?.['texts'] ?? {}) as Record<string, Record<string, string>>)) {
      for (const k of Object.keys(byLocale)) {
        if (!texts.has(k)) texts.set(k, payload(n++));
        byLocale[k] = texts.get(k)!;
      }
    }
    return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
  };
  return { texts, restore: () => (window.fetch = real) };
}

describe('hostile texts and hostile data at the real server', function () {
  this.timeout(120_000);
  let hostile: ReturnType<typeof hostileProgramTexts>;
  let signedUp: { receipt: Receipt; answers: string[] };
  before(async () => {
    signedUp = await submitHostile();
  });
  beforeEach(() => {
    window.__cfHostileRan = [];
    hostile = hostileProgramTexts();
  });
  afterEach(() => {
    hostile.restore();
    document.querySelectorAll('cf-case-status, cf-case-inbox').forEach((e) => e.remove());
  });

  it('cf-case-status shows the hostile state names and status texts of a case of hostile answers as text', async () => {
    const el = document.createElement('cf-case-status');
    el.setAttribute('token', signedUp.receipt.token);
    el.setAttribute('locale', 'en');
    document.body.append(el);
    await waitFor(() => el.shadowRoot!.querySelector('ol.timeline li'), 'the timeline', 15000);
    await el.updateComplete;
    await expectInert(el, 'the case status');
    expectShown(el, ['workflow.states.opened.title', 'workflow.states.profiling.title'].map((k) => hostile.texts.get(k)!), 'the case status');
  });

  it('cf-case-inbox shows hostile texts and answers as text in the list and the case', async () => {
    const el = document.createElement('cf-case-inbox');
    el.setAttribute('locale', 'en');
    el.accounts = [{ label: payload(700), token: DEMO.coach }];
    document.body.append(el);
    await el.updateComplete;
    await expectInert(el, 'the sign-in');
    expectShown(el, [payload(700)], 'the sign-in');
    const $ = <T extends Element = HTMLElement>(sel: string) => el.shadowRoot!.querySelector<T>(sel);
    $<HTMLSelectElement>('form[part="sign-in"] select')!.value = DEMO.coach;
    $<HTMLButtonElement>('form[part="sign-in"] button[type="submit"]')!.click();
    await waitFor(() => $('form[part="filter"]') && !el.hasAttribute('busy') && $('section[aria-busy="false"]'), 'the case list', 15000);
    $<HTMLSelectElement>('select[name="program"]')!.value = 'zweite-chance';
    await el.updateComplete;
    $<HTMLSelectElement>('select[name="state"]')!.value = 'profiling';
    $<HTMLButtonElement>('form[part="filter"] button[type="submit"]')!.click();
    await el.updateComplete;
    await waitFor(() => $('section[aria-busy="false"]') && $('table[part="cases"]'), 'the filtered list', 15000);
    await expectInert(el, 'the case list');
    expectShown(el, [hostile.texts.get('workflow.states.profiling.title')!], 'the case list');
    for (let page = 0; page < 100 && !$(`tr[data-case="${signedUp.receipt.caseId}"]`); page++) {
      const before = [...el.shadowRoot!.querySelectorAll<HTMLElement>('tbody tr')].map((r) => r.dataset['case']).join();
      $<HTMLButtonElement>('button.next')!.click();
      await waitFor(() => $('section[aria-busy="false"]') && [...el.shadowRoot!.querySelectorAll<HTMLElement>('tbody tr')].map((r) => r.dataset['case']).join() !== before, 'the next page', 15000);
    }
    $<HTMLButtonElement>(`tr[data-case="${signedUp.receipt.caseId}"] button`)!.click();
    await waitFor(() => $('article[part="case"]') && $('section[aria-busy="false"]'), 'the case', 15000);
    await el.updateComplete;
    await expectInert(el, 'the case');
    // The case's data shows as JSON, so its answers show as JSON strings.
    expectShown(el, [hostile.texts.get('workflow.states.profiling.title')!, ...signedUp.answers.map((a) => JSON.stringify(a).slice(1, -1))], 'the case');
  });
});
