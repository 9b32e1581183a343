// What the end-to-end tests share: a person's way through the widgets against the real server that
// web-test-runner starts (scripts/wtr-api-server.mjs). Values go in through the rendered controls — typing
// with the keyboard, clicking radios and boxes, picking options — never by setting `form.value`.
import { sendKeys } from '@web/test-runner-commands';
import { escapePointerToken, parsePointer } from '@civicflow/core/runtime';
import '../define.js';
import '../case-inbox/define.js';
import '../program-report/define.js';
import type { CfForm } from '../form/form.js';
import type { CfField } from '../field/field.js';
import type { CfCaseInbox } from '../case-inbox/case-inbox.js';
import type { CfProgramReport } from '../program-report/program-report.js';
import { idFor } from '../internal/pointer-data.js';
import { settle, waitFor } from '../test-support/fixtures.js';

export { waitFor };

/** Every demo account of examples/demo-tokens.json, as the caseworker page offers them. */
export async function demoAccounts(): Promise<{ label: string; token: string; roles: string[] }[]> {
  const file = (await (await fetch('/examples/demo-tokens.json')).json()) as { tokens: { token: string; actor: string; name?: string; roles: string[] }[] };
  return file.tokens.map((t) => ({ label: `${t.name ?? t.actor} (${t.roles.join(', ')})`, token: t.token, roles: t.roles }));
}

/** The demo token whose roles are exactly one role of a program (so a test signs in as that role and no other). */
export async function tokenOf(role: string): Promise<string> {
  const found = (await demoAccounts()).find((a) => a.roles.length === 1 && a.roles[0] === role);
  if (!found) throw new Error(`no demo account with only the role ${role}`);
  return found.token;
}

export interface WalkStep {
  at: string;
  as: string;
  send: string;
  data?: Record<string, unknown>;
  expect?: string;
  refused?: string;
  fireDue?: boolean;
}

export interface Walk {
  open: { as: string; data?: Record<string, unknown> };
  actors: Record<string, { roles: string[] }>;
  steps: WalkStep[];
}

/** A workflow walk of examples/<program>/cases/. */
export async function walk(program: string, file: string): Promise<Walk> {
  return (await (await fetch(`/examples/${program}/cases/${file}`)).json()) as Walk;
}

/** The value at a JSON pointer of the data, or undefined. */
function at(data: unknown, pointer: string): unknown {
  let v: unknown = data;
  for (const token of parsePointer(pointer)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[token];
  }
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function pause(form: CfForm): Promise<void> {
  await settle(form);
  await new Promise((r) => setTimeout(r, 0));
  await settle(form);
}

/** Types a value into a text control with the keyboard (a date goes in as Chromium's picker would put it). */
async function typeInto(control: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
  control.focus();
  if (control instanceof HTMLInputElement && control.type === 'date') {
    // Chromium's date control takes its digits in the order of the browser's locale; the value is what it yields.
    control.value = text;
    control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    return;
  }
  if (control.value !== '') {
    control.select();
    await sendKeys({ press: 'Backspace' });
  }
  await sendKeys({ type: text });
}

/** Operates the control of one field until it holds `want`; false when the field has no control for it. */
async function answer(form: CfForm, field: CfField, want: unknown): Promise<boolean> {
  const id = idFor(field.pointer);
  const spec = field.spec;
  const choiceIndex = (v: unknown) => (spec.choices ?? []).findIndex((c) => same(c.value, v));
  switch (spec.control) {
    case 'radio': {
      const i = choiceIndex(want);
      if (i < 0) throw new Error(`${field.pointer}: no choice ${JSON.stringify(want)}`);
      field.querySelector<HTMLInputElement>(`#${i === 0 ? id : `${id}-${i}`}`)!.click();
      return true;
    }
    case 'checkboxes': {
      const wanted = want as unknown[];
      (spec.choices ?? []).forEach((c, i) => {
        const box = field.querySelector<HTMLInputElement>(`#${i === 0 ? id : `${id}-${i}`}`)!;
        if (box.checked !== wanted.some((w) => same(w, c.value))) box.click();
      });
      return true;
    }
    case 'checkbox':
    case 'consent': {
      const box = field.querySelector<HTMLInputElement>(`#${id}`)!;
      if (box.checked !== (want === true)) box.click();
      // An unticked box that was never touched says nothing; a person who means "no" ticks and unticks it.
      else if (want === false && field.value !== false) {
        box.click();
        await pause(form);
        field.querySelector<HTMLInputElement>(`#${id}`)!.click();
      }
      return true;
    }
    case 'select': {
      const i = choiceIndex(want);
      if (i < 0) throw new Error(`${field.pointer}: no option ${JSON.stringify(want)}`);
      const select = field.querySelector<HTMLSelectElement>(`#${id}`)!;
      select.focus();
      select.selectedIndex = i + 1;
      select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
      return true;
    }
    case 'memorable-date': {
      // Three boxes: day, month, year, each typed as a person would.
      const [year, month, day] = String(want).split('-');
      const box = (suffix: string) => field.querySelector<HTMLInputElement>(`#${id}${suffix}`)!;
      await typeInto(box(''), String(Number(day)));
      await typeInto(box('-month'), String(Number(month)));
      await typeInto(box('-year'), year!);
      return true;
    }
    case 'hidden':
    case 'file':
      return false;
    default: {
      const control = field.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
      if (!control) return false;
      await typeInto(control, String(want));
      return true;
    }
  }
}

/** Pointers of the lists of objects in the data (those a person grows with "add"). */
function lists(data: unknown, pointer = ''): { pointer: string; length: number }[] {
  if (Array.isArray(data)) {
    const here = data.some((d) => d !== null && typeof d === 'object') ? [{ pointer, length: data.length }] : [];
    return [...here, ...data.flatMap((d, i) => lists(d, `${pointer}/${i}`))];
  }
  if (data !== null && typeof data === 'object') return Object.entries(data).flatMap(([k, v]) => lists(v, `${pointer}/${escapePointerToken(k)}`));
  return [];
}

/** Fills every control the current page shows with the data, adding list entries as the data needs them. */
async function fillPage(form: CfForm, data: Record<string, unknown>): Promise<void> {
  let unsettled: string[] = [];
  for (let pass = 0; pass < 20; pass++) {
    let acted = false;
    unsettled = [];
    for (const field of form.shadowRoot!.querySelectorAll<CfField>('cf-field')) {
      const want = at(data, field.pointer);
      // Ticked boxes keep the order of the choices, whatever order the data lists them in.
      const sorted = (v: unknown) => (field.spec.control === 'checkboxes' && Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : v);
      if (want === undefined || same(sorted(field.value), sorted(want))) continue;
      unsettled.push(`${field.pointer} (${field.spec.control}): ${JSON.stringify(field.value)} instead of ${JSON.stringify(want)}`);
      if (await answer(form, field, want)) {
        acted = true;
        await pause(form);
      }
    }
    for (const list of lists(data)) {
      const add = form.shadowRoot!.querySelector<HTMLButtonElement>(`#${idFor(list.pointer)}-add`);
      const have = at(form.value, list.pointer);
      if (add && (Array.isArray(have) ? have.length : 0) < list.length) {
        add.click();
        acted = true;
        await pause(form);
      }
    }
    if (!acted) return;
  }
  throw new Error(`the page never settled on the data: ${unsettled.join('; ')}`);
}

/**
 * Fills in a form page by page as a person would and presses the primary button ("continue", then "send" on the
 * review) until `done()` holds. Fails with the error summary's text when the form keeps a page back.
 */
export async function fillAndSend(form: CfForm, data: Record<string, unknown>, done: () => unknown, timeoutMs = 30_000): Promise<void> {
  await waitFor(() => form.shadowRoot?.querySelector('form, .resume'), 'the form to load', 15_000);
  await settle(form);
  // A draft left from an earlier visit: a person starting a new application chooses to start again.
  form.shadowRoot!.querySelector<HTMLButtonElement>('.resume button.secondary')?.click();
  await pause(form);
  const start = performance.now();
  let lastPage = '';
  let samePage = 0;
  while (!done()) {
    if (performance.now() - start > timeoutMs) throw new Error('the form was never sent');
    const page = form.shadowRoot!.querySelector('#cf-page-title')?.textContent ?? '';
    samePage = page === lastPage ? samePage + 1 : 0;
    lastPage = page;
    const summary = form.shadowRoot!.querySelector('cf-error-summary');
    const problems = summary?.textContent?.replace(/\s+/g, ' ').trim() || summary?.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim();
    if (samePage > 5) throw new Error(`stuck on page “${page}”${problems ? `: ${problems}` : ''}`);
    if (form.shadowRoot!.querySelector('form')) await fillPage(form, data);
    const primary = form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary');
    if (primary && primary.getAttribute('aria-disabled') !== 'true') {
      primary.focus();
      await sendKeys({ press: 'Enter' });
    }
    await pause(form);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ——— the caseworker inbox ———

const $in = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);

/** Mounts `<cf-case-inbox>` with the demo accounts and signs in with the one holding `token`. */
export async function signInToInbox(token: string, locale = 'de', api?: string): Promise<CfCaseInbox> {
  const el = document.createElement('cf-case-inbox');
  el.setAttribute('locale', locale);
  if (api) el.setAttribute('api', api);
  el.accounts = (await demoAccounts()).map(({ label, token: t }) => ({ label, token: t }));
  document.body.append(el);
  await el.updateComplete;
  const select = $in<HTMLSelectElement>(el, 'form[part="sign-in"] select')!;
  select.value = token;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  $in<HTMLButtonElement>(el, 'form[part="sign-in"] button[type="submit"]')!.click();
  await waitFor(() => $in(el, 'form[part="filter"]') && $in(el, 'section[aria-busy="false"]'), 'the case list after signing in', 15_000);
  return el;
}

/** Filters the list to a program's state and opens the case, paging on as a person would. */
export async function openCaseInInbox(el: CfCaseInbox, program: string, state: string, caseId: string): Promise<void> {
  $in<HTMLSelectElement>(el, 'select[name="program"]')!.value = program;
  $in<HTMLSelectElement>(el, 'select[name="program"]')!.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
  $in<HTMLSelectElement>(el, 'select[name="state"]')!.value = state;
  $in<HTMLButtonElement>(el, 'form[part="filter"] button[type="submit"]')!.click();
  await waitFor(() => $in(el, 'section[aria-busy="false"]') && ($in(el, 'table[part="cases"]') || $in(el, '[part="notice"]')), 'the filtered list', 15_000);
  for (let page = 1; !$in(el, `tr[data-case="${caseId}"]`); page++) {
    const next = $in<HTMLButtonElement>(el, 'button.next');
    if (!next || page > 50) throw new Error(`case ${caseId} is not listed in ${program} / ${state}`);
    const before = $in(el, 'tbody')!.textContent;
    next.click();
    await waitFor(() => $in(el, 'section[aria-busy="false"]') && $in(el, 'tbody')!.textContent !== before, 'the next page', 15_000);
  }
  $in<HTMLButtonElement>(el, `tr[data-case="${caseId}"] button`)!.click();
  await waitFor(() => $in(el, 'article[part="case"]') && $in(el, 'section[aria-busy="false"]'), 'the case', 15_000);
}

/** The events the open case offers to the signed-in role. */
export function offeredEvents(el: CfCaseInbox): string[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLElement>('button[data-event]')].map((b) => b.dataset['event']!);
}

/** Chooses an event in the open case, fills in its form (if it has one) and sends it; returns the notice. */
export async function sendEventInInbox(el: CfCaseInbox, event: string, data: Record<string, unknown> | undefined): Promise<string> {
  const button = $in<HTMLButtonElement>(el, `button[data-event="${event}"]`);
  if (!button) throw new Error(`${event} is not offered (offered: ${offeredEvents(el).join(', ')})`);
  const before = $in(el, '#cf-notice');
  button.click();
  await el.updateComplete;
  const notice = () => {
    const n = $in(el, '#cf-notice');
    return n && n !== before && $in(el, 'section[aria-busy="false"]') ? n : undefined;
  };
  const form = $in<CfForm>(el, 'cf-form');
  if (form) await fillAndSend(form, data ?? {}, notice);
  else $in<HTMLButtonElement>(el, '[part="event-form"] button[part~="send"]')!.click();
  const shown = await waitFor(notice, `the answer to ${event}`, 15_000);
  if (shown.getAttribute('role') === 'alert') throw new Error(`${event} was refused: ${shown.textContent}`);
  return shown.textContent!.replace(/\s+/g, ' ').trim();
}

/** The state of the open case as the inbox shows it. */
export function shownState(el: CfCaseInbox): string {
  return $in(el, 'p.state')!.textContent!.replace(/\s+/g, ' ').trim();
}

// ——— the report ———

const count = (cell: Element) => Number(cell.textContent!.replace(/\D/g, ''));

export interface ReportCounts {
  /** Cases per state, by the state's title. */
  states: Map<string, number>;
  /** The totals of the charts over the months, by the series' title: cases opened and each outcome. */
  outcomes: Map<string, number>;
  /** The totals of the report's sums (`workflow.sums`), by the sum's name, as the report writes them. */
  sums: Map<string, string>;
}

/** Mounts `<cf-program-report>` for a caseworker and reads its tables: cases per state, outcomes in all months. */
export async function readReport(program: string, token: string, locale = 'de'): Promise<ReportCounts> {
  const el = document.createElement('cf-program-report') as CfProgramReport;
  el.program = program;
  el.setAttribute('locale', locale);
  el.token = token;
  document.body.append(el);
  try {
    await waitFor(() => el.shadowRoot?.querySelector('[part~="funnel"] table'), 'the report', 15_000);
    const root = el.shadowRoot!;
    const states = new Map<string, number>();
    for (const tr of root.querySelectorAll('[part~="funnel"] tbody tr')) states.set(tr.children[0]!.textContent!.trim(), count(tr.children[1]!));
    const outcomes = new Map<string, number>();
    // Every chart over the months (cases opened, outcomes): each series with its total.
    for (const table of root.querySelectorAll('[part~="opened"] table, [part~="outcomes"] table')) {
      const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
      const totals = [...table.querySelectorAll('tfoot td')].map(count);
      // The first column names the month; each further one is an outcome with its total in the footer.
      heads.slice(heads.length - totals.length).forEach((h, i) => outcomes.set(h, totals[i]!));
    }
    const sums = new Map<string, string>();
    for (const figure of root.querySelectorAll('[part~="sum"]')) sums.set(figure.getAttribute('data-sum')!, figure.querySelector('tfoot tr td:nth-child(3)')!.textContent!.trim());
    return { states, outcomes, sums };
  } finally {
    el.remove();
  }
}

// ——— the program ———

/** A program as the server lists it (GET /v1/programs): its version and the forms a submission may carry. */
export async function listedProgram(program: string): Promise<{ id: string; version: string; submissionForms: string[] }> {
  const { items } = (await (await fetch('/v1/programs')).json()) as { items: { id: string; version: string; submissionForms: string[] }[] };
  const found = items.find((p) => p.id === program);
  if (!found) throw new Error(`the server does not list ${program}`);
  return found;
}
