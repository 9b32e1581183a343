import { expect } from '@esm-bundle/chai';
import './define.js';
import type { CfCaseInbox } from './case-inbox.js';
import type { CfForm } from '../form/form.js';
import { CfSubmitEvent } from '../events/submit.js';
import { formDefaultFont, settle, themedHost, waitFor } from '../test-support/fixtures.js';
import { DEMO, registerForZweiteChance, sendEvent, type Receipt } from '../test-support/api.js';
import { axeViolations } from '@civicflow/test-support/browser';

const ACCOUNTS = [
  { label: 'Coach', token: DEMO.coach },
  { label: 'Jobcenter', token: DEMO.jobcentre },
];

function mountInbox(locale: string, attrs: Record<string, string> = {}): CfCaseInbox {
  const el = document.createElement('cf-case-inbox');
  el.setAttribute('locale', locale);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.accounts = ACCOUNTS;
  document.body.append(el);
  return el;
}

const $ = <T extends Element = HTMLElement>(el: CfCaseInbox, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = (el: CfCaseInbox, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];

async function signIn(el: CfCaseInbox, token: string): Promise<void> {
  await el.updateComplete;
  const select = $<HTMLSelectElement>(el, 'form[part="sign-in"] select')!;
  select.value = token;
  $<HTMLButtonElement>(el, 'form[part="sign-in"] button[type="submit"]')!.click();
  await waitFor(() => $(el, 'form[part="filter"]') && !el.hasAttribute('busy') && $(el, 'section[aria-busy="false"]'), 'the case list', 15000);
}

async function showState(el: CfCaseInbox, program: string, state: string, sort = 'newest'): Promise<void> {
  $<HTMLSelectElement>(el, 'select[name="program"]')!.value = program;
  await el.updateComplete;
  $<HTMLSelectElement>(el, 'select[name="state"]')!.value = state;
  $<HTMLSelectElement>(el, 'select[name="sort"]')!.value = sort;
  $<HTMLButtonElement>(el, 'form[part="filter"] button[type="submit"]')!.click();
  // The click starts loading: let that render (aria-busy="true") before waiting for the list to settle, or the
  // old, unfiltered table would pass for the new one.
  await el.updateComplete;
  await waitFor(() => $(el, 'section[aria-busy="false"]') && ($(el, 'table[part="cases"]') || $(el, '[part="notice"]')), 'the filtered list', 15000);
}

/** Walks the pages until the row of a case shows; returns how many pages it took. */
async function findRow(el: CfCaseInbox, caseId: string): Promise<number> {
  for (let page = 1; page < 100; page++) {
    if ($(el, `tr[data-case="${caseId}"]`)) return page;
    const next = $<HTMLButtonElement>(el, 'button.next');
    if (!next) throw new Error(`case ${caseId} is on no page`);
    const before = $$(el, 'tbody tr').map((r) => r.dataset['case']).join();
    next.click();
    await waitFor(() => $(el, 'section[aria-busy="false"]') && $$(el, 'tbody tr').map((r) => r.dataset['case']).join() !== before, 'the next page', 15000);
  }
  throw new Error('too many pages');
}

async function openCase(el: CfCaseInbox, caseId: string): Promise<void> {
  $<HTMLButtonElement>(el, `tr[data-case="${caseId}"] button`)!.click();
  await waitFor(() => $(el, 'article[part="case"]') && $(el, 'section[aria-busy="false"]'), 'the case', 15000);
}

async function eventForm(el: CfCaseInbox, event: string): Promise<CfForm> {
  $<HTMLButtonElement>(el, `button[data-event="${event}"]`)!.click();
  const form = await waitFor(() => $<CfForm>(el, 'cf-form'), 'the event form');
  await waitFor(() => form.shadowRoot?.querySelector('form'), 'the event form to load', 15000);
  await settle(form);
  return form;
}

describe('cf-case-inbox (against the real server)', function () {
  this.timeout(90_000);
  let mine: Receipt[];
  before(async () => {
    mine = [await registerForZweiteChance(), await registerForZweiteChance('valid-fixed-address.json'), await registerForZweiteChance('valid-homeless-contact-point.json')];
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('cf-case-inbox')) el.remove();
  });

  it('signs a coach in, lists Zweite Chance cases in profiling page by page, oldest first when asked, with German state titles', async () => {
    const el = mountInbox('de', { 'page-size': '2' });
    await signIn(el, DEMO.coach);
    await showState(el, 'zweite-chance', 'profiling', 'oldest');
    expect($$(el, 'tbody tr').length).to.equal(2);
    expect($$(el, 'tbody tr td:first-of-type').map((td) => td.textContent)).to.deep.equal(['Profiling', 'Profiling']);
    expect($(el, 'caption')!.textContent).to.contain('Seite 1');
    const pages = await Promise.all([findRow(el, mine[2]!.caseId)]);
    expect(pages[0]).to.be.greaterThan(1);
    expect($(el, 'caption')!.textContent).to.contain(`Seite ${pages[0]}`);
    $<HTMLButtonElement>(el, 'button.previous')!.click();
    await waitFor(() => $(el, 'caption')!.textContent!.includes(`Seite ${pages[0]! - 1}`), 'the previous page', 15000);
  });

  it('opens a case with its history and the events the role may send, and sends one with its form and If-Match', async () => {
    const el = mountInbox('en');
    await signIn(el, DEMO.coach);
    await showState(el, 'zweite-chance', 'profiling');
    await findRow(el, mine[0]!.caseId);
    await openCase(el, mine[0]!.caseId);
    expect($(el, 'p.state')!.textContent).to.equal('Current state: Profiling');
    expect($$(el, 'table[part="history"] tbody tr').map((r) => r.children[1]!.textContent)).to.deep.equal(['Case opened', 'Submit sign-up']);
    expect($$(el, 'button[data-event]').map((b) => b.dataset['event'])).to.deep.equal(['AGREE_PLAN', 'PAUSE', 'DROP_OUT']);

    const form = await eventForm(el, 'AGREE_PLAN');
    form.value = { plan: { agreedOn: '2025-11-03', goals: 'A room first, then work.', measures: [{ area: 'counselling', title: 'Debt counselling', status: 'planned' }] } };
    await settle(form);
    // Clicked until the form hands its data over (once it is ready), never again after: a second send would meet the
    // first one's new version.
    let handedOver = false;
    form.addEventListener('cf-submit', () => (handedOver = true));
    for (let i = 0; i < 10 && !handedOver; i++) {
      (form.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement | null)?.click();
      await settle(form);
      if (!handedOver) await new Promise((r) => setTimeout(r, 50));
    }
    await waitFor(() => $(el, '#cf-notice'), 'the answer', 15000);
    expect($(el, '#cf-notice')!.textContent).to.contain('The case is now in “Coaching”');
    expect($(el, '#cf-notice')!.getAttribute('role')).to.equal('status');
    expect($(el, 'p.state')!.textContent).to.equal('Current state: Coaching');
    const stored = await (await fetch(`/v1/cases/${mine[0]!.caseId}`, { headers: { Authorization: `Bearer ${DEMO.coach}` } })).json();
    expect([stored.state, stored.version, stored.data.plan.goals]).to.deep.equal(['coaching', 3, 'A room first, then work.']);
  });

  it('sends a step once when its button is pressed twice before the answer comes', async () => {
    const { caseId } = await registerForZweiteChance('valid-fixed-address.json');
    const el = mountInbox('en');
    await signIn(el, DEMO.coach);
    await showState(el, 'zweite-chance', 'profiling');
    await findRow(el, caseId);
    await openCase(el, caseId);
    const form = await eventForm(el, 'AGREE_PLAN');
    const data = { plan: { agreedOn: '2025-11-03', goals: 'A room first, then work.', measures: [{ area: 'counselling', title: 'Debt counselling', status: 'planned' }] } };
    form.dispatchEvent(new CfSubmitEvent({ data, idempotencyKey: 'first' }));
    form.dispatchEvent(new CfSubmitEvent({ data, idempotencyKey: 'second' }));
    await waitFor(() => $(el, '#cf-notice'), 'the answer', 15000);
    await new Promise((r) => setTimeout(r, 500));
    expect($(el, '#cf-notice')!.getAttribute('role')).to.equal('status');
    expect($(el, '#cf-notice')!.textContent).to.contain('The case is now in “Coaching”');
    const stored = await (await fetch(`/v1/cases/${caseId}`, { headers: { Authorization: `Bearer ${DEMO.coach}` } })).json();
    expect([stored.state, stored.version]).to.deep.equal(['coaching', 3]);
  });

  it('reads a case like the forms it came from: labels, option labels, dates, names in the history, no JSON, codes or ids (issue 14)', async () => {
    const { caseId } = await registerForZweiteChance('valid-fixed-address.json');
    const plan = { plan: { agreedOn: '2025-11-03', goals: 'Erst eine Wohnung, dann Arbeit.', measures: [{ area: 'counselling', title: 'Schuldnerberatung', status: 'planned' }] } };
    expect((await sendEvent(DEMO.coach, caseId, 2, 'AGREE_PLAN', plan)).status).to.equal(200);
    const el = mountInbox('de');
    await signIn(el, DEMO.coach);
    await showState(el, 'zweite-chance', 'coaching');
    await findRow(el, caseId);
    await openCase(el, caseId);
    expect($$(el, 'table[part="history"] tbody tr').map((r) => r.children[3]!.textContent)).to.deep.equal(['Antragsteller/in', 'Antragsteller/in', 'Anna Becker']);
    const answers = $(el, '[part="answers"]')!;
    const rows = [...answers.querySelectorAll('.answers-row')].map((r) => `${r.querySelector('dt')!.textContent!.trim()}: ${r.querySelector('dd')!.textContent!.trim()}`);
    expect(rows).to.include('Bekommen Sie Geld vom Jobcenter oder vom Sozialamt?: Ja, Bürgergeld vom Jobcenter (SGB II)');
    expect(rows).to.include('Geburtsdatum: 14. Juni 1979');
    expect(rows).to.include('Vereinbart am: 3. November 2025');
    expect([...answers.querySelectorAll('h5')].map((h) => h.textContent)).to.deep.equal(['Anmeldung bei Zweite Chance', 'Förderplan']);
    expect([...answers.querySelectorAll('.answers-subheading')].map((h) => h.textContent)).to.include('Maßnahmen: Eintrag 1');
    const shown = $(el, 'article[part="case"]')!.innerText;
    expect(shown).not.to.match(/[{}"]|\bsgb2\b|\bfixed\b|applicant:|[0-9a-f]{8}-[0-9a-f]{4}-/);

    // The step's form says what it is once: the step's heading, no form title below it, the group's name for screen readers only.
    const form = await eventForm(el, 'UPDATE_PLAN');
    expect(form.shadowRoot!.querySelector('#cf-title')).to.equal(null);
    expect(form.shadowRoot!.querySelector('form')!.getAttribute('aria-label')).to.equal('Förderplan');
    expect(form.shadowRoot!.querySelector('fieldset.group > legend')!.className).to.equal('vh');
    expect($(el, '#cf-event-title')!.textContent).to.equal('Schritt: Förderplan anpassen');
  });

  it('shows a 409 conflict when someone else moved the case first, and sends nothing', async () => {
    const el = mountInbox('de');
    await signIn(el, DEMO.coach);
    await showState(el, 'zweite-chance', 'profiling');
    await findRow(el, mine[1]!.caseId);
    await openCase(el, mine[1]!.caseId);
    // Meanwhile the job centre drops the case out: the inbox still holds version 2.
    expect((await sendEvent(DEMO.jobcentre, mine[1]!.caseId, 2, 'DROP_OUT', { dropout: { reason: 'movedAway' } })).status).to.equal(200);
    $<HTMLButtonElement>(el, 'button[data-event="PAUSE"]')!.click();
    const form = await waitFor(() => $<CfForm>(el, 'cf-form'), 'the pause form');
    await waitFor(() => form.shadowRoot?.querySelector('form'), 'the pause form to load', 15000);
    form.value = { pause: { reason: 'health' } };
    await settle(form);
    for (let i = 0; i < 10 && !$(el, '#cf-notice'); i++) {
      (form.shadowRoot!.querySelector('button[type="submit"]') as HTMLButtonElement | null)?.click();
      await settle(form);
      await new Promise((r) => setTimeout(r, 50));
    }
    const notice = await waitFor(() => $(el, '#cf-notice'), 'the conflict', 15000);
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain('Jemand anderes hat diesen Fall inzwischen geändert (jetzt Version 3, Sie sahen Version 2)');
    $<HTMLButtonElement>(el, 'button.reload')!.click();
    await waitFor(() => $(el, 'p.state')?.textContent === 'Aktueller Stand: Ausgeschieden' || $(el, 'p.state')?.textContent?.includes('Ausgesch'), 'the reloaded case', 15000);
    expect($$(el, 'button[data-event]')).to.have.length(0);
    const stored = await (await fetch(`/v1/cases/${mine[1]!.caseId}`, { headers: { Authorization: `Bearer ${DEMO.coach}` } })).json();
    expect([stored.state, stored.version]).to.deep.equal(['droppedOut', 3]);
  });

  it('shows the refusal of the server in the language asked for, and a sign-in failure for an unknown token', async () => {
    const el = mountInbox('en');
    el.accounts = [...ACCOUNTS, { label: 'Nobody', token: 'not-a-known-token' }];
    await el.updateComplete;
    $<HTMLSelectElement>(el, 'form[part="sign-in"] select')!.value = 'not-a-known-token';
    $<HTMLButtonElement>(el, 'form[part="sign-in"] button[type="submit"]')!.click();
    await waitFor(() => $(el, 'form[part="sign-in"] [role="alert"]'), 'the sign-in failure', 15000);
    expect($(el, 'form[part="sign-in"] [role="alert"]')!.textContent).to.contain('this token is not known');

    await signIn(el, DEMO.jobcentre);
    await showState(el, 'zweite-chance', 'profiling');
    await findRow(el, mine[2]!.caseId);
    await openCase(el, mine[2]!.caseId);
    // The job centre may only drop a case out in profiling.
    expect($$(el, 'button[data-event]').map((b) => b.dataset['event'])).to.deep.equal(['DROP_OUT']);
  });

  it('takes the shared theme: a host’s --cf-* properties on an ancestor reach it, and its defaults are the form’s', async () => {
    const plain = mountInbox('en');
    await plain.updateComplete;
    const signIn = $<HTMLButtonElement>(plain, 'form[part="sign-in"] button[type="submit"]')!;
    expect(getComputedStyle(plain).fontFamily, 'the default font').to.equal(formDefaultFont()).and.to.contain('system-ui');
    expect(getComputedStyle(signIn).fontFamily, 'the button’s font').to.equal(formDefaultFont());
    expect(getComputedStyle(signIn).backgroundColor, 'the default accent').to.equal('rgb(11, 79, 138)');
    expect(getComputedStyle($(plain, 'form[part="sign-in"] select')!).borderTopColor, 'the default border').to.equal('rgb(92, 92, 92)');
    plain.remove();

    const host = themedHost({ '--cf-color-accent': 'rgb(1, 2, 3)', '--cf-font-family': 'Georgia, serif', '--cf-color-border': 'rgb(4, 5, 6)' });
    try {
      const el = mountInbox('en');
      host.append(el);
      await el.updateComplete;
      const button = $<HTMLButtonElement>(el, 'form[part="sign-in"] button[type="submit"]')!;
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(button).borderTopColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(button).fontFamily).to.equal('Georgia, serif');
      expect(getComputedStyle($(el, 'form[part="sign-in"] select')!).borderTopColor).to.equal('rgb(4, 5, 6)');
    } finally {
      host.remove();
    }
  });

  it('has no axe-core violations on the sign-in, the list and a case with an event form, in German and English', async () => {
    const found: string[] = [];
    for (const locale of ['de', 'en']) {
      const el = mountInbox(locale);
      await el.updateComplete;
      found.push(...(await axeViolations(el, `${locale} sign-in`)));
      await signIn(el, DEMO.coach);
      await showState(el, 'zweite-chance', 'profiling');
      found.push(...(await axeViolations(el, `${locale} list`)));
      await findRow(el, mine[2]!.caseId);
      await openCase(el, mine[2]!.caseId);
      await eventForm(el, 'PAUSE');
      found.push(...(await axeViolations(el, `${locale} case`)));
      el.remove();
    }
    expect(found).to.deep.equal([]);
  });
});
