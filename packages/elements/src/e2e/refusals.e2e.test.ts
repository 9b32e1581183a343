// Refusals reach the person (issue 13, part 5), in Chromium against the real server that web-test-runner starts
// (scripts/wtr-api-server.mjs): the server's own message and code for a refusal, the server's field errors on their
// fields, a wait for Retry-After, and a connection the page's Content-Security-Policy blocks, told at once.
import { expect } from '@esm-bundle/chai';
import type { CfForm } from '../form/form.js';
import type { CfErrorEvent } from '../events/error.js';
import { exampleData } from '../test-support/api.js';
import { $, loadModule, mountForm, primary, settle, text } from '../test-support/fixtures.js';
import { fillAndSend, waitFor, walk } from './person.js';
import { axeViolations } from '@civicflow/test-support/browser';

const realFetch = window.fetch;

/** Presses "continue" until the review shows (the data is already valid). */
async function toReview(form: CfForm): Promise<void> {
  for (let i = 0; i < 20 && !form.shadowRoot!.querySelector('cf-review'); i++) await primary(form);
  expect(form.shadowRoot!.querySelector('cf-review'), 'the review').to.not.equal(null);
}

describe('refusals reach the person (issue 13)', function () {
  this.timeout(120_000);
  let form: CfForm | undefined;
  afterEach(() => {
    window.fetch = realFetch;
    form?.remove();
    form = undefined;
  });

  // The widget opened the form while the call was open (its `now`, as for a person who began on the last evening);
  // the server, at today's date, refuses the application when it arrives.
  it('a call that closed while the person was filling in shows the server’s own message, keeps every answer, and says nothing of trying later', async () => {
    const submit = (await walk('wir-vielfalt', 'workflow-happy-path.json')).steps.find((s) => s.send === 'SUBMIT')!;
    // The first request under /v1 starts the server; the person's send should not wait for that.
    expect((await realFetch('/v1/programs')).status).to.equal(200);
    form = await mountForm(await loadModule('wir-vielfalt'), { form: 'application', locale: 'de', action: '/v1/programs/wir-vielfalt/versions/1.0.0/submissions' });
    const events: CfErrorEvent['detail'][] = [];
    form.addEventListener('cf-error', (e) => events.push(e.detail));
    await fillAndSend(form, submit.data!, () => form!.shadowRoot!.querySelector('#cf-refusal'));
    const notice = $(form, '#cf-refusal');
    expect(text(notice)).to.equal(
      'Das Formular wurde nicht angenommen „Der Förderaufruf WIR 2019“ ist am 30. November 2019 um 23:59 zu Ende gegangen: Es kann nichts mehr eingereicht werden. ' +
        'Das Regierungspräsidium Darmstadt veröffentlicht den nächsten Förderaufruf und beantwortet Fragen zur Förderung; bis dahin nimmt es keine Anträge an. ' +
        'Ihre Angaben bleiben erhalten. Angabe für Rückfragen: PERIOD_ENDED 409',
    );
    expect(text(notice)).to.not.contain('später');
    expect(notice.getAttribute('role')).to.equal('alert');
    await waitFor(() => form!.shadowRoot!.activeElement === notice, 'the focus on the refusal');
    // Every answer is kept, with the total costs the widget worked out from them (14,000 + 10,000).
    const funding = submit.data!['funding'] as Record<string, unknown>;
    expect(form.value).to.deep.include({ ...submit.data!, funding: { ...funding, totalCosts: 24000 } });
    expect(events.map((e) => [e.kind, e.status, e.code, e.willRetry])).to.deep.equal([['server', 409, 'PERIOD_ENDED', false]]);
    expect(events[0]!.message).to.contain('zu Ende gegangen');
    expect(await axeViolations(form, 'the refusal')).to.deep.equal([]);
  });

  it('places the server’s field errors on their fields, in English too', async () => {
    const data = await exampleData('zweite-chance', 'valid-minimal.json');
    const action = '/v1/programs/zweite-chance/versions/1.0.0/submissions';
    // The real server's answer to the same data with a given name it refuses (a name too long for the form).
    const person = data['person'] as Record<string, unknown>;
    const refused = await realFetch(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en', 'Idempotency-Key': `e2e-${crypto.randomUUID()}` },
      body: JSON.stringify({ ...data, person: { ...person, givenName: 'x'.repeat(500) } }),
    });
    expect(refused.status).to.equal(422);
    const answer = await refused.text();
    const sent: string[] = [];
    window.fetch = async (input, init) => {
      if (String(input).includes('/submissions')) {
        sent.push(String(init?.body));
        return new Response(answer, { status: 422, headers: { 'Content-Type': 'application/json' } });
      }
      return realFetch(input, init);
    };
    form = await mountForm(await loadModule('zweite-chance'), { form: 'intake', locale: 'en', action });
    form.value = data;
    await settle(form);
    await toReview(form);
    await primary(form);
    const link = await waitFor(() => form!.shadowRoot!.querySelector<HTMLAnchorElement>('.error-summary a'), 'the summary');
    expect(sent).to.have.length(1);
    expect(text(link)).to.equal('Given name: Please enter no more than 100 characters.');
    link.click();
    await settle(form);
    const field = form.shadowRoot!.querySelector('cf-field[pointer="/person/givenName"]') ?? [...form.shadowRoot!.querySelectorAll('cf-field')].find((f) => (f as { pointer?: string }).pointer === '/person/givenName');
    expect(text(field?.querySelector('.error'))).to.contain('Please enter no more than 100 characters.');
    expect(form.value).to.deep.equal(data);
  });

  it('waits for Retry-After after a 429 and then sends with the same key', async () => {
    const data = await exampleData('zweite-chance', 'valid-minimal.json');
    const calls: { at: number; key: string }[] = [];
    window.fetch = async (input, init) => {
      if (!String(input).includes('/submissions')) return realFetch(input, init);
      calls.push({ at: performance.now(), key: (init!.headers as Record<string, string>)['Idempotency-Key']! });
      if (calls.length === 1) {
        return new Response(JSON.stringify({ code: 'RATE_LIMITED', message: 'Zu viele Anfragen. Bitte warten Sie 1 Sekunden und versuchen Sie es dann noch einmal.' }), {
          status: 429,
          headers: { 'Content-Type': 'application/json', 'Retry-After': '1' },
        });
      }
      return realFetch(input, init);
    };
    // The form's own pauses are long: only the server's Retry-After can make the second try come after a second.
    form = await mountForm(await loadModule('zweite-chance'), { form: 'intake', locale: 'de', action: '/v1/programs/zweite-chance/versions/1.0.0/submissions' }, { retryDelays: [60_000] });
    form.value = data;
    await settle(form);
    await toReview(form);
    await primary(form);
    await waitFor(() => form!.shadowRoot!.querySelector('.notice-warning'), 'the retry notice');
    expect(text($(form, '.notice-warning'))).to.contain('in 1 Sekunden');
    await waitFor(() => form!.shadowRoot!.querySelector('.reference'), 'the confirmation', 10_000);
    expect(calls).to.have.length(2);
    expect(calls[1]!.at - calls[0]!.at).to.be.within(900, 5000);
    expect(calls[1]!.key).to.equal(calls[0]!.key);
  });

  it('tells a connection the page’s CSP blocks at once, without retries, and says why in the console', async () => {
    const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const frame = document.createElement('iframe');
      const timer = setTimeout(() => reject(new Error('the CSP page did not answer')), 60_000);
      window.addEventListener('message', function onMessage(e: MessageEvent) {
        if (e.data?.type !== 'cf-csp-send') return;
        window.removeEventListener('message', onMessage);
        clearTimeout(timer);
        frame.remove();
        resolve(e.data as Record<string, unknown>);
      });
      frame.src = '/packages/elements/src/test-pages/csp/send.html';
      document.body.append(frame);
    });
    expect(result['error']).to.equal(undefined);
    expect(result['notice']).to.equal(
      'Das Formular kann von dieser Seite aus nicht gesendet werden. Ihre Angaben bleiben erhalten. Bitte geben Sie dem Betreiber dieser Website Bescheid.',
    );
    expect(result['role']).to.equal('alert');
    expect(result['focused']).to.equal(true);
    expect(result['ms']).to.be.below(1500);
    expect(result['errors']).to.deep.equal([{ kind: 'network', willRetry: false, blocked: 'csp' }]);
    const consoleErrors = result['consoleErrors'] as string[];
    expect(consoleErrors.some((m) => m.includes('Content-Security-Policy') && m.includes('connect-src'))).to.equal(true, consoleErrors.join('\n'));
    expect(JSON.parse(result['kept'] as string)).to.have.property('person');
  });

  it('tells a send that CORS stops at once, without retries, and says why in the console', async () => {
    // The same server under another name is another origin; a path outside /v1 answers without CORS headers, so the
    // browser stops the request after its preflight, as it would for a server that does not allow this page.
    const other = new URL(location.href);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const action = `${other.origin}/not-allowed/submissions`;
    const sends: string[] = [];
    window.fetch = async (input, init) => {
      if (String(input).includes('/submissions')) sends.push(String(input));
      return realFetch(input, init);
    };
    const consoleErrors: string[] = [];
    const realError = console.error;
    console.error = (...args: unknown[]) => consoleErrors.push(args.map(String).join(' '));
    try {
      form = await mountForm(await loadModule('zweite-chance'), { form: 'intake', locale: 'en', action }, { retryDelays: [60_000, 60_000] });
      const events: CfErrorEvent['detail'][] = [];
      form.addEventListener('cf-error', (e) => events.push(e.detail));
      const data = await exampleData('zweite-chance', 'valid-minimal.json');
      form.value = data;
      await settle(form);
      await toReview(form);
      await primary(form);
      const notice = await waitFor(() => form!.shadowRoot!.querySelector('#cf-refusal'), 'the notice', 10_000);
      expect(text(notice)).to.equal('The form cannot be sent from this page. Your answers are kept. Please let the operator of this website know.');
      expect(events.map((e) => [e.kind, e.blocked, e.willRetry])).to.deep.equal([['network', 'cors', false]]);
      expect(sends).to.deep.equal([action]);
      expect(consoleErrors.some((m) => m.includes('CORS') && m.includes(other.origin) && m.includes(location.origin))).to.equal(true, consoleErrors.join('\n'));
      expect(form.value).to.deep.equal(data);
    } finally {
      console.error = realError;
    }
  });
});
