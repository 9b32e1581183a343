// A Zweite Chance case worked from the inbox to its end in Chromium against the real server, every step through the
// event forms, and on every screen the caseworker sees — the list, the case with its history and answers, each event
// form, each confirmation — no JSON, no UUID, no code of the program's options, states or events, no ISO date or time
// and no error code, in German and in English.
import { expect } from '@esm-bundle/chai';
import './define.js';
import type { CfCaseInbox } from './case-inbox.js';
import type { CfForm } from '../form/form.js';
import { DEMO, registerForZweiteChance, type Receipt } from '../test-support/api.js';
import { setViewport } from '@web/test-runner-commands';
import { settle, waitFor } from '../test-support/fixtures.js';
import { fillAndSend, openCaseInInbox, shownState } from '../e2e/person.js';
import { whoTookStep } from './case-detail.js';

const PROGRAM = 'zweite-chance';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);

/** The text a person sees: `innerText` of an element and of every shadow root inside it, however deep. */
export function visibleText(root: Element): string {
  const parts: string[] = [];
  const ownText = (shadow: ShadowRoot) => {
    for (const child of shadow.children) if (child instanceof HTMLElement && !['STYLE', 'SCRIPT', 'TEMPLATE'].includes(child.tagName)) parts.push(child.innerText);
  };
  const visit = (node: ParentNode) => {
    for (const el of node.querySelectorAll('*')) {
      if (!el.shadowRoot) continue;
      ownText(el.shadowRoot);
      visit(el.shadowRoot);
    }
  };
  if (root instanceof HTMLElement) parts.push(root.innerText);
  if (root.shadowRoot) {
    ownText(root.shadowRoot);
    visit(root.shadowRoot);
  }
  visit(root);
  return parts.join('\n');
}

/** Every string a program keeps for machines: option values, states, events, roles and outcomes. */
async function programCodes(): Promise<{ all: Set<string>; words: Set<string> }> {
  const program = (await (await fetch(`/examples/${PROGRAM}/program.json`)).json()) as {
    forms: Record<string, { schema: unknown }>;
    workflow: { states: object; events: object; roles: string[]; outcomes?: string[] };
  };
  const all = new Set<string>();
  const walk = (s: unknown) => {
    if (Array.isArray(s)) return s.forEach(walk);
    if (s === null || typeof s !== 'object') return;
    for (const [k, v] of Object.entries(s)) {
      if ((k === 'enum' || k === 'const') && v !== null) for (const x of [v].flat()) if (typeof x === 'string') all.add(x);
      walk(v);
    }
  };
  for (const f of Object.values(program.forms)) walk(f.schema);
  for (const id of [...Object.keys(program.workflow.states), ...Object.keys(program.workflow.events), ...program.workflow.roles, ...(program.workflow.outcomes ?? [])]) all.add(id);
  // Codes that are also plain words of a language (coaching, other, none) only count where that is not the language.
  const words = new Set([...all].filter((c) => /^[a-z]+$/.test(c)));
  return { all, words };
}

let codes: { all: Set<string>; words: Set<string> };

/** What a person must not see, found in a screen's text; an empty list when it reads as words. */
export function machineTalk(text: string, locale: string): string[] {
  const found: string[] = [];
  const hit = (what: string, m: RegExpMatchArray | null) => m && found.push(`${what}: “${m[0]}” in …${text.slice(Math.max(0, (m.index ?? 0) - 40), (m.index ?? 0) + 40)}…`);
  hit('JSON', text.match(/[{}]|"[\w$-]+"\s*:/));
  hit('a UUID', text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i));
  hit('an ISO date', text.match(/\b\d{4}-\d{2}-\d{2}\b|\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}/));
  hit('an error code', text.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/));
  hit('a namespaced code', text.match(/\b[a-z][\w-]*:[a-z][\w-]*\b/));
  for (const code of codes.all) {
    if (locale === 'en' && codes.words.has(code)) continue;
    hit(`the code ${code}`, text.match(new RegExp(`(?<![\\w-])${code}(?![\\w-])`)));
  }
  return found;
}

/** Fails with what a person would stumble on, if anything, on the screen just shown. */
function expectPlainWords(el: Element, screen: string, locale = 'de'): void {
  const text = visibleText(el);
  expect(text.trim().length, `${screen}: no text at all`).to.be.greaterThan(20);
  expect(machineTalk(text, locale), `${screen} (${locale})`).to.deep.equal([]);
}

/** Signs in to a freshly mounted inbox as one of the demo accounts, whose names read as people. */
async function signIn(token: string, locale: string): Promise<CfCaseInbox> {
  const el = document.createElement('cf-case-inbox');
  el.setAttribute('locale', locale);
  el.accounts = [
    { label: 'Anna Becker (Coach)', token: DEMO.coach },
    { label: 'Kaya Demir (Jobcenter)', token: DEMO.jobcentre },
  ];
  document.body.append(el);
  await el.updateComplete;
  const select = $<HTMLSelectElement>(el, 'form[part="sign-in"] select')!;
  select.value = token;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  $<HTMLButtonElement>(el, 'form[part="sign-in"] button[type="submit"]')!.click();
  await waitFor(() => $(el, 'form[part="filter"]') && $(el, 'section[aria-busy="false"]'), 'the case list after signing in', 15_000);
  return el;
}

/** Chooses a step, checks its form, fills it in and sends it, then checks the confirmation and the case. */
async function step(el: CfCaseInbox, event: string, data: Record<string, unknown> | undefined, locale = 'de', refused = false): Promise<string> {
  const button = $<HTMLButtonElement>(el, `button[data-event="${event}"]`);
  if (!button) throw new Error(`${event} is not offered`);
  const before = $(el, '#cf-notice');
  button.click();
  await el.updateComplete;
  const notice = () => {
    const n = $(el, '#cf-notice');
    return n && n !== before && $(el, 'section[aria-busy="false"]') ? n : undefined;
  };
  const form = $<CfForm>(el, 'cf-form');
  if (form) {
    await waitFor(() => form.shadowRoot?.querySelector('form'), `the form of ${event}`, 30_000);
    await settle(form);
    expectPlainWords(el, `the form of ${event}`, locale);
    await fillAndSend(form, data ?? {}, notice);
  } else {
    expectPlainWords(el, `the confirmation asked for ${event}`, locale);
    $<HTMLButtonElement>(el, '[part="event-form"] button[part~="send"]')!.click();
  }
  const shown = await waitFor(notice, `the answer to ${event}`, 30_000);
  if ((shown.getAttribute('role') === 'alert') !== refused) throw new Error(`${event} was ${refused ? 'not ' : ''}refused: ${shown.textContent}`);
  expectPlainWords(el, `the case after ${event}`, locale);
  return shown.textContent!.replace(/\s+/g, ' ').trim();
}

/** The history's rows as the table shows them: when, step, from → to, who. */
function history(el: CfCaseInbox): string[][] {
  return [...el.shadowRoot!.querySelectorAll('table[part="history"] tbody tr')].map((tr) => [...tr.children].map((td) => (td as HTMLElement).innerText.trim()));
}

describe('whoTookStep', () => {
  const words = { applicant: 'Antragsteller/in', system: 'Automatisch (Frist)', someone: 'eine Kollegin oder ein Kollege', role: (id: string) => ({ coach: 'Coach von Zweite Chance' })[id] };
  it('names a person, else the roles they acted in, else a colleague, and never shows an id', () => {
    expect(whoTookStep({ actor: 'applicant:7f3a', roles: ['applicant'] }, {}, words)).to.equal('Antragsteller/in');
    expect(whoTookStep({ actor: 'system', roles: ['system'] }, {}, words)).to.equal('Automatisch (Frist)');
    expect(whoTookStep({ actor: 'u-481516', roles: ['coach'] }, { 'u-481516': 'Anna Becker' }, words)).to.equal('Anna Becker');
    expect(whoTookStep({ actor: 'u-481516', roles: ['coach'] }, {}, words)).to.equal('Coach von Zweite Chance');
    expect(whoTookStep({ actor: 'u-481516', roles: ['coach', 'coach'] }, { 'u-2342': 'Kaya Demir' }, words)).to.equal('Coach von Zweite Chance');
    expect(whoTookStep({ actor: 'u-481516', roles: ['auditor'] }, {}, words)).to.equal('eine Kollegin oder ein Kollege');
    expect(whoTookStep({ actor: 'toString', roles: [] }, {}, words)).to.equal('eine Kollegin oder ein Kollege');
  });
});

describe('a Zweite Chance case from the inbox to its end, in words', function () {
  this.timeout(240_000);
  let receipt: Receipt;
  before(async () => {
    codes = await programCodes();
    receipt = await registerForZweiteChance('valid-fixed-address.json');
  });
  afterEach(() => document.querySelectorAll('cf-case-inbox').forEach((e) => e.remove()));

  it('the screen check finds JSON, ids, codes, ISO times and error codes', () => {
    codes = codes ?? { all: new Set(['ownFlatAtRisk', 'other']), words: new Set(['other']) };
    expect(machineTalk('Wohnung: {"a": 1}', 'de')).to.have.length(1);
    expect(machineTalk('Fall 0b6f3c1e-2a4d-4c6b-9d1e-5f7a8b9c0d1e', 'de')).to.have.length(1);
    expect(machineTalk('am 2026-12-02', 'de')).to.have.length(1);
    expect(machineTalk('Abgelehnt: EVENT_NOT_ALLOWED', 'de')).to.have.length(1);
    expect(machineTalk('Wohnsituation: ownFlatAtRisk', 'de')).to.have.length(1);
    expect(machineTalk('Wohnsituation: other', 'de')).to.have.length(1);
    expect(machineTalk('Schritt: civicflow:erasure', 'de')).to.have.length(1);
    expect(machineTalk('Housing: other', 'en')).to.deep.equal([]);
    expect(machineTalk('Eigene Wohnung, gekündigt, am 2. Dezember 2026 um 10:15 – CF-AB12-CD34', 'de')).to.deep.equal([]);
  });

  it('a coach and the job centre take a freshly submitted case through every step to its end, and no screen shows a code', async () => {
    // The coach opens the new case from the list.
    let inbox = await signIn(DEMO.coach, 'de');
    expectPlainWords(inbox, 'the inbox');
    await openCaseInInbox(inbox, PROGRAM, 'profiling', receipt.caseId);
    expect($(inbox, '#cf-case-title')!.textContent).to.contain(receipt.reference);
    expectPlainWords(inbox, 'the new case');
    // The applicant opened it, in words.
    expect(history(inbox)[0]![3]).to.equal('Antragsteller/in');

    await step(inbox, 'AGREE_PLAN', {
      plan: {
        agreedOn: '2026-01-12',
        goals: 'Eine feste Stelle in Teilzeit und die Schulden geordnet.',
        measures: [
          { area: 'counselling', title: 'Schuldnerberatung', provider: 'Caritas', status: 'planned' },
          { area: 'labourMarket', title: 'Kassenschulung', provider: 'Pro Arbeit', status: 'planned' },
        ],
      },
    });
    expect(shownState(inbox)).to.equal('Aktueller Stand: Coaching');
    await step(inbox, 'UPDATE_PLAN', {
      plan: {
        agreedOn: '2026-01-12',
        goals: 'Eine feste Stelle in Teilzeit und die Schulden geordnet.',
        measures: [
          { area: 'counselling', title: 'Schuldnerberatung', provider: 'Caritas', status: 'running' },
          { area: 'labourMarket', title: 'Kassenschulung', provider: 'Pro Arbeit', status: 'planned' },
        ],
      },
    });
    await step(inbox, 'START_MEASURE', { area: 'counselling', title: 'Schuldnerberatung', startDate: '2026-01-19' });
    inbox.remove();

    // The job centre starts the labour-market measure and places her; the place falls through.
    inbox = await signIn(DEMO.jobcentre, 'de');
    await openCaseInInbox(inbox, PROGRAM, 'coaching', receipt.caseId);
    expectPlainWords(inbox, 'the case, as the job centre sees it');
    await step(inbox, 'START_MEASURE', { area: 'labourMarket', title: 'Kassenschulung', startDate: '2026-02-02' });
    await step(inbox, 'PLACE', { placement: { employmentType: 'miniJob', employer: 'Markt am Rathaus', jobTitle: 'Kassiererin', startDate: '2026-03-02', hoursPerWeek: 10 } });
    expect(shownState(inbox)).to.equal('Aktueller Stand: Vermittlung');
    await step(inbox, 'PLACEMENT_FAILED', undefined);
    expect(shownState(inbox)).to.equal('Aktueller Stand: Coaching');
    inbox.remove();

    // The coach again: a second placement, the job starts, a follow-up, a pause and back, and then she leaves.
    inbox = await signIn(DEMO.coach, 'de');
    await openCaseInInbox(inbox, PROGRAM, 'coaching', receipt.caseId);
    await step(inbox, 'PLACE', {
      placement: { employmentType: 'socialInsurance', employer: 'Einkaufszentrum Dietzenbach', jobTitle: 'Verkäuferin', startDate: '2026-04-01', hoursPerWeek: 25 },
    });
    await step(inbox, 'START_JOB', { jobStartedOn: '2026-04-01' });
    expect(shownState(inbox)).to.equal('Aktueller Stand: Nachbetreuung');
    await step(inbox, 'RECORD_FOLLOW_UP', { followUp: { date: '2026-05-04', stillEmployed: true, note: 'Läuft gut.' } });
    await step(inbox, 'PAUSE', { pause: { reason: 'family', until: '2026-06-01' } });
    expect(shownState(inbox)).to.equal('Aktueller Stand: Pausiert');
    await step(inbox, 'RESUME', { resumeAt: 'followUp' });
    expect(shownState(inbox)).to.equal('Aktueller Stand: Nachbetreuung');
    await step(inbox, 'DROP_OUT', { dropout: { reason: 'ownDecision', note: 'Möchte sich selbst weiter bewerben.' } });
    expect(shownState(inbox)).to.equal('Aktueller Stand: Ausgeschieden');
    expect($(inbox, 'button[data-event]')).to.equal(null);

    // The history names who took each step: the applicant, then the coach and the job centre by name.
    const who = history(inbox).map((row) => row[3]);
    expect(who[0]).to.equal('Antragsteller/in');
    expect(who).to.include('Anna Becker');
    expect(who).to.include('Kaya Demir');
    expect(who.every((w) => w === 'Antragsteller/in' || w === 'Anna Becker' || w === 'Kaya Demir'), who.join(', ')).to.equal(true);
    expect(history(inbox)).to.have.length(14);
    // A step that kept the case where it was names the state once.
    expect(history(inbox)[3]!.slice(1, 3)).to.deep.equal(['Förderplan anpassen', 'Coaching (unverändert)']);

    // At 320 px the history's steps stack, each value beside its column's name, and nothing runs off the side.
    await setViewport({ width: 320, height: 700 });
    try {
      await new Promise((r) => requestAnimationFrame(r));
      const wrap = $(inbox, '.table-wrap')!;
      expect(wrap.scrollWidth, 'the history fits at 320 px').to.be.at.most(wrap.clientWidth);
      const who = inbox.shadowRoot!.querySelector('table[part="history"] tbody tr td:last-child')!;
      expect(getComputedStyle(who, '::before').content).to.equal('"Wer"');
      expect(history(inbox)[0]).to.deep.equal([history(inbox)[0]![0], 'Fall eröffnet', 'Fall eröffnet', 'Antragsteller/in']);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
    inbox.remove();

    // She asks for her personal data to be erased; the office's data protection officer does it.
    const erased = await fetch(`/v1/cases/${receipt.caseId}/erasure`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer demo-only-data-protection' },
      body: JSON.stringify({ reason: 'DSB-2026-031' }),
    });
    expect(erased.status).to.equal(200);

    // The ended case from the list, in German and in English: the erasure is a step in words, by its person.
    for (const locale of ['de', 'en']) {
      inbox = await signIn(DEMO.coach, locale);
      await openCaseInInbox(inbox, PROGRAM, 'droppedOut', receipt.caseId);
      expectPlainWords(inbox, 'the ended case', locale);
      const rows = history(inbox);
      expect(rows[0]![3]).to.equal(locale === 'de' ? 'Antragsteller/in' : 'Applicant');
      expect(rows[rows.length - 1]!.slice(1)).to.deep.equal(
        locale === 'de'
          ? ['Persönliche Daten auf Antrag gelöscht', 'Ausgeschieden (unverändert)', 'Ruth Neumann']
          : ['Personal data erased on request', 'Dropped out (unchanged)', 'Ruth Neumann'],
      );
      inbox.remove();
    }
  });

  it('a step the workflow refuses is told in words, and the case goes on', async () => {
    const fresh = await registerForZweiteChance('valid-minimal.json');
    const inbox = await signIn(DEMO.coach, 'de');
    await openCaseInInbox(inbox, PROGRAM, 'profiling', fresh.caseId);
    await step(inbox, 'PAUSE', { pause: { reason: 'health' } });
    // Coaching needs a plan, which this case has not got yet.
    const refusal = await step(inbox, 'RESUME', { resumeAt: 'coaching' }, 'de', true);
    expect(refusal).to.equal('Der Schritt wurde abgelehnt: Die Bedingungen für „Wieder aufnehmen“ sind in „Pausiert“ nicht erfüllt.');
    expect(shownState(inbox)).to.equal('Aktueller Stand: Pausiert');
    // The person cancels the step and chooses it again, with a fresh form.
    $<HTMLButtonElement>(inbox, '[part="event-form"] > button.secondary')!.click();
    await waitFor(() => !$(inbox, 'cf-form') && !$(inbox, '#cf-notice'), 'the step cancelled');
    await step(inbox, 'RESUME', { resumeAt: 'profiling' });
    expect(shownState(inbox)).to.equal('Aktueller Stand: Profiling');
  });
});
