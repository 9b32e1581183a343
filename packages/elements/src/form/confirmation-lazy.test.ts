// The confirmation's copy and the program's notes are part of the sending code (cf-form.sending.js in the embed
// build). A host that sends the data itself may show the confirmation before the person ever moved into the form:
// the confirmation then waits for that code, so it never shows without them first. Its own page, so the sending
// code has not been fetched by another test.
import { expect } from '@esm-bundle/chai';
import '../define.js';
import { $, loadModule, mountForm, settle, text, waitFor } from '../test-support/fixtures.js';

/** Whether this page has requested the sending code (the module of `form-sending.ts`). */
const sendingFetched = () => performance.getEntriesByType('resource').some((e) => /\/form\/form-sending\.[jt]s$/.test(new URL(e.name).pathname));

describe('the confirmation, before the sending code is there', function () {
  this.timeout(20_000);
  afterEach(() => document.querySelectorAll('cf-form').forEach((e) => e.remove()));

  it('waits for the sending code and shows what the program tells the applicant in the state named', async () => {
    const form = await mountForm(await loadModule('zweite-chance'), { locale: 'de', form: 'intake' });
    expect(sendingFetched(), 'the sending code is not fetched before the person works on the form').to.equal(false);
    await form.showConfirmation('ZC-7', { state: 'profiling' });
    await settle(form);
    expect(sendingFetched()).to.equal(true);
    expect(text($(form, '.confirmation .reference'))).to.equal('ZC-7');
    const next = $(form, '.confirmation [part="next"]');
    expect([...next.querySelectorAll('h3')].map((h) => text(h))).to.deep.equal(['Wie es weitergeht', 'Was Sie bereithalten sollten', 'An wen Sie sich wenden können']);
    expect(form.shadowRoot!.activeElement?.id, 'the confirmation takes the focus').to.equal('cf-done');
  });

  it('fetches what the applicant is told from its own file beside the module, with the sending code, not for the first page', async () => {
    const notesFetched = () => performance.getEntriesByType('resource').some((e) => /\/zweite-chance-intake\.notes\.de\.json$/.test(new URL(e.name).pathname));
    const form = document.createElement('cf-form');
    form.setAttribute('locale', 'de');
    form.setAttribute('src', '/.cache/browser/beside/zweite-chance-intake.validators.js');
    document.body.append(form);
    await waitFor(() => form.shadowRoot?.querySelector('form'), 'the form to render');
    await settle(form);
    expect(notesFetched(), 'the first page needs none of it').to.equal(false);
    await form.showConfirmation('ZC-8', { state: 'profiling' });
    await settle(form);
    expect(notesFetched()).to.equal(true);
    const next = $(form, '.confirmation [part="next"]');
    expect([...next.querySelectorAll('h3')].map((h) => text(h))).to.deep.equal(['Wie es weitergeht', 'Was Sie bereithalten sollten', 'An wen Sie sich wenden können']);
  });
});
