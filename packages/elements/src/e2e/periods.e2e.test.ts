// Calls and periods (issue 13, part 1) in Chromium against the real server that web-test-runner starts
// (scripts/wtr-api-server.mjs): the widget asks the server's clock (`/at/<instant>/v1/clock` runs it at a chosen
// instant, `/v1/clock` at today's) and, outside the form's periods, shows before anyone types that the form is not
// open yet or closed, with the dates and the program's words; within them a person registers, and after the
// window the office still can, while the public gets the server's refusal.
import { expect } from '@esm-bundle/chai';
import type { CfForm } from '../form/form.js';
import type { CfSubmittedEvent } from '../events/submitted.js';
import { $, loadModule, mountForm, text } from '../test-support/fixtures.js';
import { fillAndSend, listedProgram, tokenOf, walk } from './person.js';
import { axeViolations } from '@civicflow/test-support/browser';

const atTime = (instant: string) => `/at/${new Date(instant).toISOString()}`;
// Chromium here runs in the machine's zone; where that is not Berlin, the dates name Berlin's zone.
const berlin = new Intl.DateTimeFormat().resolvedOptions().timeZone === 'Europe/Berlin';
const zone = (name: string) => (berlin ? '' : ` ${name}`);

/** Mounts a form that decides by the server's clock (no `now` of its own). */
async function mountAt(program: string, form: string, locale: string, action: string): Promise<CfForm> {
  return mountForm(await loadModule(program), { form, locale, action }, { now: undefined });
}

describe('calls and periods end to end', function () {
  this.timeout(180_000);
  afterEach(() => document.querySelectorAll('cf-form').forEach((e) => e.remove()));

  it('WIR today: the closed call shows, before anyone types, its end and what to do instead, with no fields', async () => {
    const { version } = await listedProgram('wir-vielfalt');
    const form = await mountAt('wir-vielfalt', 'application', 'de', `/v1/programs/wir-vielfalt/versions/${version}/submissions`);
    const closed = $(form, '.closed');
    expect(form.shadowRoot!.querySelectorAll('form, input, select, textarea, button')).to.have.length(0);
    expect(text(closed)).to.equal(
      'Antrag Dieses Formular ist geschlossen ' +
        `Der Förderaufruf WIR 2019 lief bis zum 30. November 2019 um 23:59${zone('MEZ')}. ` +
        'Das Regierungspräsidium Darmstadt veröffentlicht den nächsten Förderaufruf und beantwortet Fragen zur Förderung; bis dahin nimmt es keine Anträge an.',
    );
    expect([...closed.querySelectorAll('h2, h3')].map((h) => h.tagName)).to.deep.equal(['H2', 'H3']);
    expect(closed.closest('[role="alert"], [aria-live]')).to.equal(null);
    expect(await axeViolations(form, 'the closed call')).to.deep.equal([]);
  });

  it('WIR before the call: not open yet, with both dates, in English', async () => {
    const { version } = await listedProgram('wir-vielfalt');
    const form = await mountAt('wir-vielfalt', 'application', 'en', `${atTime('2019-08-20T08:00:00Z')}/v1/programs/wir-vielfalt/versions/${version}/submissions`);
    expect(text($(form, '.closed h3'))).to.equal('This form is not open yet');
    expect(text($(form, '.closed p'))).to.equal(`The WIR call for applications 2019 opens on September 1, 2019 at 12:00 AM${zone('GMT+2')} and runs until November 30, 2019 at 11:59 PM${zone('GMT+1')}.`);
  });

  it('Zukunftsbündnis: a guest registers within the window; after it the form is closed for the public, the office registers by telephone, and sponsorships stay open', async () => {
    const { version } = await listedProgram('zukunftsbuendnis');
    const submissions = (at: string, form: string) => `${atTime(at)}/v1/programs/zukunftsbuendnis/versions/${version}/submissions?form=${form}`;
    const register = (await walk('zukunftsbuendnis', 'workflow-congress.json')).steps.find((s) => s.send === 'REGISTER' && !s.refused)!;

    const open = await mountAt('zukunftsbuendnis', 'registration', 'de', submissions(register.at, 'registration'));
    let receipt: { caseId: string } | undefined;
    open.addEventListener('cf-submitted', (e) => (receipt = (e as CfSubmittedEvent).detail.response as typeof receipt));
    await fillAndSend(open, register.data!, () => open.shadowRoot!.querySelector('.confirmation .reference'));
    expect(receipt?.caseId).to.be.a('string');
    open.remove();

    const late = (await walk('zukunftsbuendnis', 'workflow-late-registration.json')).steps;
    const guestStep = late.find((s) => s.as === 'guest')!;
    const closed = await mountAt('zukunftsbuendnis', 'registration', 'de', submissions(guestStep.at, 'registration'));
    expect(text($(closed, '.closed h3'))).to.equal('Dieses Formular ist geschlossen');
    expect(text($(closed, '.closed [part="instead"]'))).to.match(/^Nach dem Anmeldeschluss meldet die Geschäftsstelle/);
    closed.remove();

    // The server refuses the public after the window, and takes the office's registration before the congress.
    const post = (token?: string) =>
      fetch(submissions(guestStep.at, 'registration'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en', 'Idempotency-Key': `e2e-${crypto.randomUUID()}`, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(guestStep.data),
      });
    const refused = await post();
    const answer = await refused.json();
    expect([refused.status, answer.refusal.code]).to.deep.equal([409, 'PERIOD_ENDED']);
    expect(answer.message).to.match(/^"Registration for the congress" ended on May 9, 2025 at 11:59 PM: nothing can be sent any more\. After the registration deadline/);
    expect((await post(await tokenOf('zukunftsbuendnis:office'))).status).to.equal(201);

    const sponsorship = await mountAt('zukunftsbuendnis', 'sponsorship', 'de', submissions(guestStep.at, 'sponsorship'));
    expect(sponsorship.shadowRoot!.querySelector('.closed')).to.equal(null);
    expect(sponsorship.shadowRoot!.querySelector('form input')).to.not.equal(null);
  });
});
