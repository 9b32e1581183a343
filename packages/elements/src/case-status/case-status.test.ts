import { expect } from '@esm-bundle/chai';
import './define.js';
// <cf-form> only as the measure of the theme's default font.
import '../define.js';
import type { CfCaseStatus } from './case-status.js';
import type { CfForm } from '../form/form.js';
import type { CfField } from '../field/field.js';
import { CfSubmitEvent } from '../events/submit.js';
import { formDefaultFont, settle, themedHost, type, waitFor } from '../test-support/fixtures.js';
import { DEMO, registerForZweiteChance, sendEvent, type Receipt } from '../test-support/api.js';
import { axeViolations } from '@civicflow/test-support/browser';

async function mountStatus(attrs: Record<string, string>): Promise<CfCaseStatus> {
  const el = document.createElement('cf-case-status');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

const root = (el: CfCaseStatus) => el.shadowRoot!;
const steps = (el: CfCaseStatus) => [...root(el).querySelectorAll('ol.timeline li')].map((li) => li.querySelector('.step-title')!.textContent!.replace(/\s+/g, ' ').trim());
const shown = (el: CfCaseStatus) => waitFor(() => root(el).querySelector('ol.timeline li'), 'the timeline', 15000);

// ——— WIR-Vielfalt: a town granted its money owes the proof of use, an applicant's step with a form ———

const WIR_OFFICER = 'demo-only-wir-vielfalt-officer';
/** The API at an instant (scripts/wtr-api-server.mjs): WIR's call closed in 2019, so its cases live at the walk's times. */
const atTime = (instant: string) => `/at/${new Date(instant).toISOString()}`;

interface WalkStep {
  at: string;
  as: string;
  send: string;
  data?: Record<string, unknown>;
}

/** Sends an event as the API's client would: the case's version first, then the event with If-Match. */
async function act(at: string, token: string, caseId: string, type: string, data?: Record<string, unknown>): Promise<Response> {
  const read = await fetch(`${atTime(at)}/v1/cases/${caseId}`, { headers: { Authorization: `Bearer ${token}` } });
  const { version } = (await read.json()) as { version: number };
  return fetch(`${atTime(at)}/v1/cases/${caseId}/events`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, 'If-Match': `"${version}"` },
    body: JSON.stringify(data === undefined ? { type } : { type, data }),
  });
}

/**
 * A WIR case at the times of examples/wir-vielfalt/cases/workflow-happy-path.json: the town applies within the call,
 * the officer checks it complete and grants it; the case waits in "approved" for the town's proof of use.
 */
async function grantedWirCase(): Promise<Receipt & { proof: WalkStep; version: string }> {
  const walk = (await (await fetch('/examples/wir-vielfalt/cases/workflow-happy-path.json')).json()) as { steps: WalkStep[] };
  const step = (send: string, ok: (s: WalkStep) => boolean = () => true) => walk.steps.find((s) => s.send === send && ok(s))!;
  const { items } = (await (await fetch('/v1/programs')).json()) as { items: { id: string; version: string }[] };
  const version = items.find((p) => p.id === 'wir-vielfalt')!.version;
  const submit = step('SUBMIT');
  const res = await fetch(`${atTime(submit.at)}/v1/programs/wir-vielfalt/versions/${version}/submissions?form=application`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `test-${crypto.randomUUID()}` },
    body: JSON.stringify(submit.data),
  });
  if (res.status !== 201) throw new Error(`the application answered ${res.status}: ${await res.text()}`);
  const receipt = (await res.json()) as Receipt;
  for (const s of [step('START_CHECK'), step('RECORD_CHECK', (s) => s.data?.['complete'] === true), step('DECIDE')]) {
    const sent = await act(s.at, WIR_OFFICER, receipt.caseId, s.send, s.data);
    if (sent.status !== 200) throw new Error(`${s.send} answered ${sent.status}: ${await sent.text()}`);
  }
  return { ...receipt, proof: step('SUBMIT_PROOF'), version };
}

/** The case as the officer reads it. */
async function stored(caseId: string): Promise<{ state: string; version: number; data: Record<string, unknown> }> {
  return (await fetch(`/v1/cases/${caseId}`, { headers: { Authorization: `Bearer ${WIR_OFFICER}` } })).json();
}

/** The error a step's form shows on its amount-spent field ('' for none). */
const spentError = (form: CfForm) =>
  [...form.shadowRoot!.querySelectorAll<CfField>('cf-field')].find((f) => f.pointer === '/spent')?.querySelector('.error')?.textContent?.trim() ?? '';

const offered = (el: CfCaseStatus) => [...root(el).querySelectorAll<HTMLButtonElement>('ul.steps button[data-event]')].map((b) => b.dataset['event']);

/** Chooses a step with a form and waits until the form shows its fields. */
async function openStepForm(el: CfCaseStatus, event: string): Promise<CfForm> {
  root(el).querySelector<HTMLButtonElement>(`button[data-event="${event}"]`)!.click();
  const form = await waitFor(() => root(el).querySelector<CfForm>('[part="step-form"] cf-form'), 'the step’s form');
  await waitFor(() => form.shadowRoot?.querySelector('form cf-field'), 'the step’s form to load', 15000);
  await settle(form);
  return form;
}

/** Presses the form's primary button (continue, then send on the review) until `done()` holds. */
async function pressSend(form: CfForm, done: () => unknown): Promise<void> {
  for (let i = 0; i < 10 && !done(); i++) {
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.primary')?.click();
    await settle(form);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('cf-case-status (against the real server)', function () {
  this.timeout(60_000);
  let receipt: Receipt;
  before(async () => {
    receipt = await registerForZweiteChance();
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('cf-case-status')) el.remove();
    history.replaceState(null, '', location.pathname);
  });

  it('shows a self-registered case as a timeline in German: opened, then profiling as the current step', async () => {
    const el = await mountStatus({ token: receipt.token, locale: 'de' });
    await shown(el);
    expect(steps(el)).to.deep.equal(['Fall eröffnet', 'Profiling (aktueller Schritt)']);
    expect(root(el).querySelector('.reference')!.textContent).to.equal(receipt.reference);
    const current = root(el).querySelector('li[aria-current="step"]')!;
    expect(current.textContent).to.contain('Profiling');
    expect(current.querySelector('time')!.getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);
    // What Zweite Chance tells a person in profiling, instead of the general "the team is working on it".
    const next = root(el).querySelector('[part="next"]')!;
    expect(next.querySelector('p.told')!.textContent).to.equal('Ihre Anmeldung ist angekommen. Eine Coachin oder ein Coach meldet sich in den nächsten Tagen bei Ihnen, über die Wege, die Sie angegeben haben, oder über Ihre Kontaktstelle.');
    expect(next.querySelectorAll('[part="bring"] li').length).to.equal(4);
    expect(next.textContent).to.not.contain('Das Team bearbeitet Ihre Anmeldung');
    expect(root(el).querySelector('[part="base"]')!.getAttribute('lang')).to.equal('de');
  });

  it('follows the case when a coach moves it on, and speaks English', async () => {
    const own = await registerForZweiteChance('valid-fixed-address.json');
    const moved = await sendEvent(DEMO.coach, own.caseId, 2, 'AGREE_PLAN', { plan: { agreedOn: '2025-11-03', goals: 'Work in a warehouse.', measures: [{ area: 'health', title: 'Dental treatment', status: 'planned' }] } });
    expect(moved.status).to.equal(200);
    const el = await mountStatus({ token: own.token, locale: 'en' });
    await shown(el);
    expect(steps(el)).to.deep.equal(['Case opened', 'Profiling', 'Coaching (current step)']);
    expect(root(el).querySelector('h2')!.textContent).to.equal('Your application');
  });

  it('speaks Arabic, right to left, with the program’s own words in its default language where it has no Arabic', async () => {
    const el = await mountStatus({ token: receipt.token, locale: 'ar' });
    await shown(el);
    const base = root(el).querySelector('[part="base"]')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(base).direction).to.equal('rtl');
    expect(root(el).querySelector('h2')!.textContent).to.equal('طلبك');
    // The state's title is Zweite Chance's own (German, its default); the page's words around it are Arabic.
    expect(steps(el)[1]).to.equal('Profiling (الخطوة الحالية)');
    expect(root(el).textContent).to.contain('ماذا سيحدث بعد ذلك');
  });

  it('reads the token from the page address (#token=) when it has no token attribute', async () => {
    history.replaceState(null, '', `${location.pathname}#token=${encodeURIComponent(receipt.token)}`);
    const el = await mountStatus({ locale: 'en' });
    await shown(el);
    expect(root(el).querySelector('.reference')!.textContent).to.equal(receipt.reference);
  });

  it('says so when the link has no token or one the server does not know', async () => {
    const none = await mountStatus({ locale: 'en' });
    await waitFor(() => root(none).querySelector('[role="alert"]'), 'the missing-token note');
    expect(root(none).textContent).to.contain('needs the link from your confirmation');
    const forged = await mountStatus({ locale: 'de', token: `cfa1.${receipt.caseId}.not-the-right-signature` });
    await waitFor(() => root(forged).querySelector('[role="alert"]')?.textContent?.includes('finden wir keine Anmeldung'), 'the not-found note', 15000);
    // Trying the same link again finds nothing either: the note says what to do instead, and offers no button.
    expect(root(forged).textContent).to.contain('vollständig kopiert');
    expect(root(forged).querySelector('[role="alert"] button')).to.equal(null);
  });

  it('takes the shared theme: a host’s --cf-* properties on an ancestor reach it, and its defaults are the form’s', async () => {
    const plain = await mountStatus({ token: receipt.token, locale: 'en' });
    await shown(plain);
    expect(getComputedStyle(plain).fontFamily, 'the default font').to.equal(formDefaultFont()).and.to.contain('system-ui');
    expect(getComputedStyle(root(plain).querySelector('ol.timeline')!).borderInlineStartColor, 'the default accent').to.equal('rgb(11, 79, 138)');
    expect(getComputedStyle(root(plain).querySelector('time.meta')!).color, 'the default muted text').to.equal('rgb(74, 74, 74)');
    plain.remove();

    const host = themedHost({ '--cf-color-accent': 'rgb(1, 2, 3)', '--cf-color-error': 'rgb(4, 5, 6)', '--cf-font-family': 'Georgia, serif' });
    try {
      const el = document.createElement('cf-case-status');
      el.setAttribute('token', receipt.token);
      el.setAttribute('locale', 'en');
      host.append(el);
      await shown(el);
      expect(getComputedStyle(root(el).querySelector('ol.timeline')!).borderInlineStartColor).to.equal('rgb(1, 2, 3)');
      const current = root(el).querySelector('li[aria-current="step"]')!;
      expect(getComputedStyle(current, '::before').backgroundColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(root(el).querySelector('.step-title')!).fontFamily).to.equal('Georgia, serif');

      const missing = document.createElement('cf-case-status');
      missing.setAttribute('locale', 'en');
      host.append(missing);
      const alert = await waitFor(() => root(missing).querySelector('.notice-error'), 'the missing-token note');
      expect(getComputedStyle(alert).borderInlineStartColor).to.equal('rgb(4, 5, 6)');
    } finally {
      host.remove();
    }
  });

  describe('the applicant’s steps (WIR-Vielfalt, proof of use)', () => {
    it('offers the proof of use once granted, shows the form’s and the server’s errors, and sends a valid proof', async () => {
      const wir = await grantedWirCase();
      const el = await mountStatus({ token: wir.token, locale: 'en', api: atTime(wir.proof.at) });
      await shown(el);
      expect(steps(el)).to.deep.equal(['Draft', 'Submitted', 'Formal check', 'Decision', 'Approved (current step)']);
      expect(offered(el)).to.deep.equal(['SUBMIT_PROOF', 'WITHDRAW']);
      const choose = root(el).querySelector<HTMLButtonElement>('button[data-event="SUBMIT_PROOF"]')!;
      expect([choose.textContent, choose.getAttribute('aria-expanded')]).to.deep.equal(['Submit proof of use', 'false']);
      // The proof's deadline is told in WIR's words for "approved", with its date, and not listed again.
      expect(root(el).querySelector('[part="next"] .due')!.textContent).to.match(/^The proof of use is due by \w+ \d+, 2021\.$/);
      expect(root(el).querySelector('.deadlines')).to.equal(null);

      const form = await openStepForm(el, 'SUBMIT_PROOF');
      expect(choose.getAttribute('aria-expanded')).to.equal('true');
      // The server's compact validators of this one form, under the element's `api`.
      expect(form.getAttribute('src')).to.equal(new URL(`${atTime(wir.proof.at)}/v1/programs/wir-vielfalt/versions/${wir.version}/browser/validators.js?forms=proofOfUse`, location.href).href);
      expect(form.getAttribute('form')).to.equal('proofOfUse');
      // Headings follow the element's level: h2 title, h3 "what happens next", h4 the step, h5 the form's title.
      expect(root(el).querySelector('h4#cf-step-title')!.textContent).to.equal('Step: Submit proof of use');
      expect(root(el).activeElement?.id, 'focus on the step’s heading').to.equal('cf-step-title');
      const versionBefore = (await stored(wir.caseId)).version;

      // The form itself keeps back a report shorter than 100 characters and an amount above the grant's limit.
      form.value = { spent: 25000, report: 'Too short.', strategyAdopted: false };
      await settle(form);
      await pressSend(form, () => form.shadowRoot!.querySelector('.error-summary a'));
      expect(form.shadowRoot!.querySelectorAll('.error-summary a').length).to.be.greaterThan(0);
      expect((await stored(wir.caseId)).version, 'nothing was sent').to.equal(versionBefore);

      // The server checks the data again: what a form cannot stop (an older module, a bypassed check) comes back
      // as 422 with the fields' errors, which the form shows on its fields although its own answers are valid.
      form.value = wir.proof.data!;
      await settle(form);
      expect(spentError(form), 'the form’s own answers are valid').to.equal('');
      form.dispatchEvent(new CfSubmitEvent({ data: { ...wir.proof.data, spent: -5 }, idempotencyKey: crypto.randomUUID() }));
      const refused = await waitFor(() => root(el).querySelector('#cf-notice[role="alert"]'), 'the refusal', 15000);
      expect(refused.textContent).to.contain('some answers are not valid');
      await waitFor(() => spentError(form), 'the server’s error on the amount spent');
      expect(spentError(form)).to.contain('Please enter 0 or more.');
      expect(form.shadowRoot!.querySelector('.error-summary')!.textContent).to.contain('Grant money spent in euros: Please enter 0 or more.');
      expect((await stored(wir.caseId)).version, 'the server took nothing').to.equal(versionBefore);

      // The town corrects the marked amount (a change clears the server's word) and sends again.
      type(form.shadowRoot!.querySelector<HTMLInputElement>('#cf-spent')!, String(wir.proof.data!['spent']));
      await settle(form);
      expect(spentError(form)).to.equal('');
      const sent = new Promise<Event>((resolve) => el.addEventListener('cf-event-sent', resolve, { once: true }));
      await pressSend(form, () => root(el).querySelector('.announce #cf-notice'));
      const done = await waitFor(() => root(el).querySelector('.announce #cf-notice'), 'the confirmation', 15000);
      expect(done.closest('[role="status"]'), 'announced politely').to.not.equal(null);
      expect(done.textContent).to.equal('Done: Submit proof of use. Your case is now at “Proof of use under review”.');
      expect((await sent as CustomEvent).detail).to.include({ caseId: wir.caseId, event: 'SUBMIT_PROOF', state: 'proofReview' });
      await waitFor(() => steps(el).at(-1) === 'Proof of use under review (current step)', 'the timeline with the proof', 15000);
      expect(root(el).querySelector('[part="step-form"]'), 'the form is closed').to.equal(null);
      expect(offered(el)).to.deep.equal(['WITHDRAW']);
      expect(root(el).activeElement?.id, 'focus on the heading above the confirmation').to.equal('cf-next-title');
      const after = await stored(wir.caseId);
      expect([after.state, after.version, after.data['spent'], after.data['adoptedOn']]).to.deep.equal(['proofReview', versionBefore + 1, 17850, '2021-02-18']);
    });

    it('says so and shows the case as it now is when it changed before the proof was sent (409), in German', async () => {
      const wir = await grantedWirCase();
      const el = await mountStatus({ token: wir.token, locale: 'de', api: atTime(wir.proof.at) });
      await shown(el);
      const form = await openStepForm(el, 'SUBMIT_PROOF');
      form.value = wir.proof.data!;
      await settle(form);
      // Meanwhile the town withdraws its application in another tab: the page still holds the older version.
      expect((await act(wir.proof.at, wir.token, wir.caseId, 'WITHDRAW')).status).to.equal(200);
      await pressSend(form, () => root(el).querySelector('#cf-notice'));
      const notice = await waitFor(() => root(el).querySelector('#cf-notice'), 'the conflict', 15000);
      expect(notice.getAttribute('role')).to.equal('alert');
      expect(notice.textContent).to.contain('Ihr Fall wurde inzwischen geändert, deshalb wurde nichts gesendet.');
      await waitFor(() => steps(el).at(-1) === 'Zurückgezogen (aktueller Schritt)', 'the reloaded case', 15000);
      expect(offered(el)).to.deep.equal([]);
      expect(root(el).querySelector('cf-form')).to.equal(null);
      expect(root(el).querySelector('[part="next"] p.told')!.textContent).to.equal('Sie haben den Antrag zurückgezogen. Er wird nicht weiter bearbeitet.');
      expect((await stored(wir.caseId)).state).to.equal('withdrawn');
    });

    it('says the link has expired once the case has been closed for longer than the server keeps links open', async () => {
      const wir = await grantedWirCase();
      expect((await act(wir.proof.at, wir.token, wir.caseId, 'WITHDRAW')).status).to.equal(200);
      // The test server keeps applicant links open for 90 days after a case closes (its default).
      const later = new Date(new Date(wir.proof.at).getTime() + 91 * 24 * 3600 * 1000).toISOString();
      const el = await mountStatus({ token: wir.token, locale: 'de', api: atTime(later) });
      const alert = await waitFor(() => root(el).querySelector('[role="alert"]'), 'the expired note', 15000);
      expect(alert.textContent).to.contain('Dieser Link gilt nicht mehr');
      expect(root(el).querySelector('ol.timeline'), 'nothing of the case').to.equal(null);
      expect(alert.querySelector('button'), 'no “try again” for a link that will not work again').to.equal(null);
      const soon = await mountStatus({ token: wir.token, locale: 'de', api: atTime(new Date(new Date(wir.proof.at).getTime() + 24 * 3600 * 1000).toISOString()) });
      await shown(soon);
      expect(steps(soon).at(-1)).to.equal('Zurückgezogen (aktueller Schritt)');
      el.remove();
      soon.remove();
    });

    it('asks before it sends a step without a form, and sends it after the button', async () => {
      const wir = await grantedWirCase();
      const el = await mountStatus({ token: wir.token, locale: 'de', api: atTime(wir.proof.at) });
      await shown(el);
      root(el).querySelector<HTMLButtonElement>('button[data-event="WITHDRAW"]')!.click();
      const panel = await waitFor(() => root(el).querySelector('[part="step-form"]'), 'the confirmation');
      expect(panel.textContent).to.contain('Damit senden Sie „Antrag zurückziehen“ an das Team. Bitte bestätigen Sie.');
      expect((await stored(wir.caseId)).state, 'choosing sends nothing yet').to.equal('approved');
      panel.querySelector<HTMLButtonElement>('button[part~="cancel"]')!.click();
      await el.updateComplete;
      expect(root(el).querySelector('[part="step-form"]')).to.equal(null);
      expect(root(el).activeElement?.getAttribute('data-event'), 'focus back on the step').to.equal('WITHDRAW');

      root(el).querySelector<HTMLButtonElement>('button[data-event="WITHDRAW"]')!.click();
      (await waitFor(() => root(el).querySelector<HTMLButtonElement>('[part="step-form"] button[part~="send"]'), 'the send button')).click();
      const done = await waitFor(() => root(el).querySelector('.announce #cf-notice'), 'the confirmation', 15000);
      expect(done.textContent).to.equal('Erledigt: Antrag zurückziehen. Neuer Stand Ihres Falls: „Zurückgezogen“.');
      await waitFor(() => steps(el).at(-1) === 'Zurückgezogen (aktueller Schritt)', 'the timeline', 15000);
      expect((await stored(wir.caseId)).state).to.equal('withdrawn');
    });

    it('keeps an open step and its answers when the language changes', async () => {
      const wir = await grantedWirCase();
      const el = await mountStatus({ token: wir.token, locale: 'de', api: atTime(wir.proof.at) });
      await shown(el);
      const form = await openStepForm(el, 'SUBMIT_PROOF');
      type(form.shadowRoot!.querySelector<HTMLInputElement>('#cf-spent')!, '17850');
      await settle(form);
      el.setAttribute('locale', 'en');
      await waitFor(() => root(el).querySelector('#cf-step-title')?.textContent === 'Step: Submit proof of use', 'the step in English', 15000);
      expect(root(el).querySelector('[part="step-form"] cf-form'), 'the same form').to.equal(form);
      expect(form.value?.['spent']).to.equal(17850);
      expect(steps(el).at(-1)).to.equal('Approved (current step)');
    });

    it('has no axe-core violations with a step open, in German and English', async () => {
      const wir = await grantedWirCase();
      const found: string[] = [];
      for (const locale of ['de', 'en']) {
        const el = await mountStatus({ token: wir.token, locale, api: atTime(wir.proof.at) });
        await shown(el);
        const form = await openStepForm(el, 'SUBMIT_PROOF');
        found.push(...(await axeViolations(el, `${locale} proof of use`)));
        form.value = { spent: 25000, report: 'Too short.', strategyAdopted: false };
        await settle(form);
        await pressSend(form, () => form.shadowRoot!.querySelector('.error-summary a'));
        found.push(...(await axeViolations(el, `${locale} proof of use with errors`)));
        root(el).querySelector<HTMLButtonElement>('button[data-event="WITHDRAW"]')!.click();
        await waitFor(() => root(el).querySelector('[part="step-form"] button[part~="send"]'), 'the confirmation');
        found.push(...(await axeViolations(el, `${locale} withdrawal`)));
        el.remove();
      }
      expect(found).to.deep.equal([]);
    });
  });

  it('has no axe-core violations in German and English', async () => {
    const found: string[] = [];
    for (const locale of ['de', 'en']) {
      const el = await mountStatus({ token: receipt.token, locale });
      await shown(el);
      found.push(...(await axeViolations(el, locale)));
      el.remove();
    }
    expect(found).to.deep.equal([]);
  });
});
