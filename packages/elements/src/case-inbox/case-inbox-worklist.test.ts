import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import './define.js';
import type { CfCaseInbox } from './case-inbox.js';
import { waitFor } from '../test-support/fixtures.js';
import { DEMO, exampleData, type Receipt } from '../test-support/api.js';
import { dueWords, inboxDe, inboxEn } from './inbox-strings.js';
import { axeViolations } from '@civicflow/test-support/browser';

const ACCOUNTS = [
  { label: 'Coach', token: DEMO.coach },
  { label: 'Jobcenter', token: DEMO.jobcentre },
];

const $ = <T extends Element = HTMLElement>(el: CfCaseInbox, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = (el: CfCaseInbox, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const idle = (el: CfCaseInbox) => $(el, 'section[aria-busy="false"]');

function mountInbox(locale: string, attrs: Record<string, string> = {}, parent: HTMLElement = document.body): CfCaseInbox {
  const el = document.createElement('cf-case-inbox');
  el.setAttribute('locale', locale);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.accounts = ACCOUNTS;
  parent.append(el);
  return el;
}

async function signIn(el: CfCaseInbox, token: string): Promise<void> {
  await el.updateComplete;
  $<HTMLSelectElement>(el, 'form[part="sign-in"] select')!.value = token;
  $<HTMLButtonElement>(el, 'form[part="sign-in"] button[type="submit"]')!.click();
  await waitFor(() => $(el, 'form[part="filter"]') && idle(el), 'the case list', 15000);
}

/** Fills the filter form (only the fields given) and shows the list. */
async function filter(el: CfCaseInbox, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const field = $<HTMLInputElement | HTMLSelectElement>(el, `form[part="filter"] [name="${name}"]`)!;
    field.value = value;
    if (name === 'program') await el.updateComplete;
  }
  $<HTMLButtonElement>(el, 'form[part="filter"] button[type="submit"]')!.click();
  await el.updateComplete;
  await waitFor(() => idle(el) && ($(el, 'table[part="cases"]') || $(el, '[part="notice"]')), 'the list', 15000);
}

/** Signs a person up for Zweite Chance under a name of their own, so a search can find exactly them. */
async function signUp(givenName: string, familyName: string): Promise<Receipt> {
  const data = await exampleData('zweite-chance', 'valid-minimal.json');
  (data['person'] as Record<string, unknown>)['givenName'] = givenName;
  (data['person'] as Record<string, unknown>)['familyName'] = familyName;
  const res = await fetch('/v1/programs/zweite-chance/versions/1.0.0/submissions?form=intake', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `test-${crypto.randomUUID()}` },
    body: JSON.stringify(data),
  });
  expect(res.status).to.equal(201);
  return (await res.json()) as Receipt;
}

const rowIds = (el: CfCaseInbox) => $$(el, 'tbody tr').map((r) => r.dataset['case']);

describe('cf-case-inbox as a working day’s inbox (issue 14)', function () {
  this.timeout(120_000);
  // A family name no other test uses, so that a search finds these cases only.
  const family = `Quendel${Math.random().toString(36).slice(2, 8)}`;
  const other = `Birke${Math.random().toString(36).slice(2, 8)}`;
  let older: Receipt;
  let newer: Receipt;
  before(async () => {
    older = await signUp('Mira', family);
    newer = await signUp('Jonas', family);
    // A third case in profiling, so that a list of two a page has a second page.
    await signUp('Lena', other);
  });
  afterEach(async () => {
    for (const el of document.querySelectorAll('cf-case-inbox')) el.remove();
    await setViewport({ width: 800, height: 600 });
  });

  it('lists the newest sign-ups first, and finds cases by name or reference, with German words', async () => {
    const el = mountInbox('de');
    await signIn(el, DEMO.coach);
    await filter(el, { program: 'zweite-chance' });
    const first = rowIds(el);
    expect(first.indexOf(newer.caseId), 'the newest sign-up is on the first page').to.be.greaterThan(-1);
    expect(first.indexOf(newer.caseId)).to.be.lessThan(first.indexOf(older.caseId) === -1 ? Infinity : first.indexOf(older.caseId));

    await filter(el, { q: `mira ${family.toLowerCase()}` });
    expect(rowIds(el)).to.deep.equal([older.caseId]);
    expect($(el, 'caption')!.textContent).to.equal(`Zweite Chance: Fälle, Seite 1 (Suche „mira ${family.toLowerCase()}“)`);
    await filter(el, { q: family });
    expect(rowIds(el)).to.deep.equal([newer.caseId, older.caseId]);
    await filter(el, { q: other });
    expect(rowIds(el)).to.have.length(1);
    await filter(el, { q: family, sort: 'oldest' });
    expect(rowIds(el)).to.deep.equal([older.caseId, newer.caseId]);
    await filter(el, { q: newer.reference.toLowerCase(), sort: 'newest' });
    expect(rowIds(el)).to.deep.equal([newer.caseId]);
    const shown = $(el, 'table[part="cases"]')!.innerText;
    expect(shown).not.to.match(/[{}"]|[0-9a-f]{8}-[0-9a-f]{4}-|demo-coach|profiling\b/);
  });

  it('assigns a case to oneself and to a colleague by name, shows it in the list, and lists "my cases"', async () => {
    // The job centre's Kaya Demir becomes a known colleague once she has used the inbox.
    const other = mountInbox('de');
    await signIn(other, DEMO.jobcentre);
    other.remove();

    const el = mountInbox('de');
    await signIn(el, DEMO.coach);
    await filter(el, { program: 'zweite-chance', q: family });
    $<HTMLButtonElement>(el, `tr[data-case="${older.caseId}"] button`)!.click();
    await waitFor(() => $(el, 'section[part="assignment"]') && idle(el), 'the case', 15000);
    expect($(el, '.assignment-state')!.textContent).to.equal('Für diesen Fall ist noch niemand zuständig.');
    $<HTMLButtonElement>(el, 'button.assign-me')!.click();
    await waitFor(() => $(el, '#cf-notice') && idle(el), 'the assignment', 15000);
    expect($(el, '#cf-notice')!.textContent!.trim()).to.equal('Der Fall ist jetzt Ihnen zugewiesen.');
    expect($(el, '#cf-notice')!.getAttribute('role')).to.equal('status');
    expect($(el, '.assignment-state')!.textContent).to.match(/^Zuständig: Sie \(selbst übernommen am .+\)\.$/);
    expect($(el, 'button.assign-me'), 'no need to offer it again').to.equal(null);

    // Back in the list, on the same search, with the focus on the case's row.
    $<HTMLButtonElement>(el, '.case-actions button')!.click();
    await waitFor(() => $(el, 'table[part="cases"]') && idle(el), 'the list', 15000);
    expect($<HTMLInputElement>(el, 'input[name="q"]')!.value).to.equal(family);
    expect(el.shadowRoot!.activeElement).to.equal($(el, `tr[data-case="${older.caseId}"] button`));
    expect($(el, `tr[data-case="${older.caseId}"] td.assignee`)!.textContent).to.equal('Anna Becker (ich)');
    expect($(el, `tr[data-case="${newer.caseId}"] td.assignee`)!.textContent).to.equal('–');
    await filter(el, { assignee: 'me', q: '' });
    expect(rowIds(el)).to.include(older.caseId);
    expect(rowIds(el)).not.to.include(newer.caseId);

    // To a colleague, chosen by name.
    await filter(el, { assignee: '', q: family });
    $<HTMLButtonElement>(el, `tr[data-case="${newer.caseId}"] button`)!.click();
    await waitFor(() => $(el, 'section[part="assignment"]') && idle(el), 'the case', 15000);
    const select = $<HTMLSelectElement>(el, 'section[part="assignment"] select')!;
    const kaya = [...select.options].find((o) => o.textContent === 'Kaya Demir')!;
    expect(kaya, 'the colleague is offered by name').to.not.equal(undefined);
    expect([...select.options].map((o) => o.textContent)).to.include('Anna Becker (ich)');
    select.value = kaya.value;
    $<HTMLButtonElement>(el, 'section[part="assignment"] button[type="submit"]')!.click();
    await waitFor(() => $(el, '#cf-notice') && idle(el), 'the assignment', 15000);
    expect($(el, '.assignment-state')!.textContent).to.match(/^Zuständig: Kaya Demir \(zugewiesen von Ihnen, /);
    expect($(el, 'article[part="case"]')!.innerText).not.to.match(/demo-jobcentre|demo-coach|[0-9a-f]{8}-[0-9a-f]{4}-/);
    const stored = await (await fetch(`/v1/cases/${newer.caseId}`, { headers: { Authorization: `Bearer ${DEMO.coach}` } })).json();
    // An assignment is no step of the workflow: the case stays at the version its sign-up gave it.
    expect([stored.assignee, stored.version]).to.deep.equal(['demo-jobcentre-kaya', 2]);
  });

  it('keeps its place when a case is opened and closed: the page, the filters and the order', async () => {
    const el = mountInbox('en', { 'page-size': '2' });
    await signIn(el, DEMO.coach);
    await filter(el, { program: 'zweite-chance', state: 'profiling', sort: 'oldest' });
    $<HTMLButtonElement>(el, 'button.next')!.click();
    await waitFor(() => $(el, 'caption')?.textContent?.includes('page 2') && idle(el), 'page 2', 15000);
    const onPage2 = rowIds(el);
    const opened = onPage2[onPage2.length - 1];
    $<HTMLButtonElement>(el, `tr[data-case="${opened}"] button`)!.click();
    await waitFor(() => $(el, 'article[part="case"]') && idle(el), 'the case', 15000);
    $<HTMLButtonElement>(el, '.case-actions button')!.click();
    await waitFor(() => $(el, 'table[part="cases"]') && idle(el), 'the list', 15000);
    expect($(el, 'caption')!.textContent).to.contain('page 2');
    expect(rowIds(el)).to.deep.equal(onPage2);
    expect($<HTMLSelectElement>(el, 'select[name="state"]')!.value).to.equal('profiling');
    expect($<HTMLSelectElement>(el, 'select[name="sort"]')!.value).to.equal('oldest');
    expect(el.shadowRoot!.activeElement).to.equal($(el, `tr[data-case="${opened}"] button`));
    $<HTMLButtonElement>(el, 'button.previous')!.click();
    await waitFor(() => $(el, 'caption')?.textContent?.includes('page 1') && idle(el), 'page 1', 15000);
  });

  it('says how urgent a deadline is in words, counted in calendar days, in German and English', () => {
    const now = new Date(2026, 2, 10, 9, 0);
    const at = (d: number, h = 12) => new Date(2026, 2, 10 + d, h, 0).toISOString();
    expect(dueWords(at(-3), now, 'de', inboxDe)).to.deep.equal({ kind: 'overdue', text: 'überfällig seit 3 Tagen' });
    expect(dueWords(at(-1), now, 'de', inboxDe).text).to.equal('überfällig seit 1 Tag');
    expect(dueWords(at(0, 8), now, 'de', inboxDe).text).to.equal('überfällig seit heute');
    expect(dueWords(at(0, 18), now, 'de', inboxDe)).to.deep.equal({ kind: 'soon', text: 'fällig heute' });
    expect(dueWords(at(2), now, 'de', inboxDe).text).to.equal('fällig in 2 Tagen');
    expect(dueWords(at(1), now, 'en', inboxEn).text).to.equal('due in 1 day');
    expect(dueWords(at(-4), now, 'en', inboxEn).text).to.equal('overdue by 4 days');
    expect(dueWords(at(7), now, 'de', inboxDe).kind).to.equal('soon');
    expect(dueWords(at(8), now, 'de', inboxDe)).to.deep.equal({ kind: 'later', text: '' });
  });

  it('exports the selected cases as CSV with German heads and the people’s names', async () => {
    const el = mountInbox('de');
    await signIn(el, DEMO.coach);
    await filter(el, { program: 'zweite-chance', q: family });
    const clicked: { href: string; download: string }[] = [];
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    };
    try {
      $<HTMLButtonElement>(el, 'button.export')!.click();
      await waitFor(() => clicked.length > 0 && idle(el), 'the download', 15000);
    } finally {
      HTMLAnchorElement.prototype.click = click;
    }
    expect(clicked[0]!.download).to.match(/^zweite-chance-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await (await fetch(clicked[0]!.href)).text();
    const [head, ...lines] = csv.split('\r\n').filter((l) => l !== '');
    expect(head!.startsWith('Aktenzeichen,Stand,Eröffnet,Zuletzt geändert,Nächste Frist,Zuständig,')).to.equal(true);
    expect(head).to.contain('Vorname');
    expect(lines.map((l) => l.split(',')[0])).to.deep.equal([older.reference, newer.reference]);
    expect(lines[0]).to.contain(`Mira,${family}`);
    expect(lines[0]).to.contain(',Profiling,');
    expect($(el, '[role="status"]:not(#cf-notice)')!.textContent).to.match(/Der Download hat begonnen: zweite-chance-/);
  });

  it('fits 320 px without scrolling sideways, and has no axe-core violations with its filters and assignment', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = mountInbox('de');
    await signIn(el, DEMO.coach);
    await filter(el, { program: 'zweite-chance', q: family });
    expect(document.documentElement.scrollWidth, 'the page').to.be.at.most(320);
    for (const part of ['form[part="filter"]', '.paging']) expect($(el, part)!.scrollWidth, part).to.be.at.most($(el, part)!.clientWidth);
    const found = await axeViolations(el, 'de list');
    $<HTMLButtonElement>(el, `tr[data-case="${older.caseId}"] button`)!.click();
    await waitFor(() => $(el, 'section[part="assignment"]') && idle(el), 'the case', 15000);
    expect(document.documentElement.scrollWidth, 'the page with a case').to.be.at.most(320);
    found.push(...(await axeViolations(el, 'de case')));
    expect(found).to.deep.equal([]);
  });
});
