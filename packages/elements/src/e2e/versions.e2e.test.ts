// Someone who started the old form (issue 16, part 2), in Chromium against the real server that web-test-runner
// starts (scripts/wtr-api-server.mjs): the form is loaded in 1.0.0, 1.1.0 is published while the person fills it
// in, the send is refused (VERSION_SUPERSEDED), the person continues in 1.1.0 by keyboard, reads which answers did
// not come along, completes the form and sends it to 1.1.0.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CfForm } from '../form/form.js';
import type { CfVersionChangedEvent } from '../events/version-changed.js';
import type { CfSubmittedEvent } from '../events/submitted.js';
import type { CfErrorEvent } from '../events/error.js';
import { axeViolations } from '@civicflow/test-support/browser';
import { $, settle, text } from '../test-support/fixtures.js';
import { fillAndSend, waitFor } from './person.js';
import { publish, versionLinks, versionOne, versionTwo } from '../test-support/versions.js';

const DRAFT_KEY = 'cf-draft:nachbarschaftshilfe:request';
const realFetch = window.fetch;

/** `<cf-form>` as a page writes it: `src` and `action` of a version, in German, with drafts. */
async function mountVersion(version: string): Promise<CfForm> {
  const links = versionLinks(version);
  const form = document.createElement('cf-form');
  form.setAttribute('src', links.src);
  form.setAttribute('action', links.action);
  form.setAttribute('locale', 'de');
  form.setAttribute('drafts', '');
  document.body.append(form);
  await waitFor(() => form.shadowRoot?.querySelector('form'), `the form of ${version}`, 15_000);
  return form;
}

describe('someone who started the old form continues in the new version (issue 16)', function () {
  this.timeout(120_000);
  let form: CfForm | undefined;
  afterEach(() => {
    window.fetch = realFetch;
    form?.remove();
    form = undefined;
    localStorage.removeItem(DRAFT_KEY);
  });

  it('offers the new version after the refusal, carries what still fits, names what did not, and sends to the new version', async () => {
    await publish(versionOne());
    localStorage.removeItem(DRAFT_KEY);
    form = await mountVersion('1.0.0');
    const changes: CfVersionChangedEvent['detail'][] = [];
    const sent: CfSubmittedEvent['detail'][] = [];
    form.addEventListener('cf-version-changed', (e) => changes.push(e.detail));
    form.addEventListener('cf-submitted', (e) => sent.push(e.detail));

    // While the person fills in 1.0.0, the office publishes 1.1.0 (which accepts no older version from then on).
    await publish(versionTwo());
    const answers = { name: 'Erika Muster', phone: '0201 123456', street: 'Hauptstraße 1', helpKind: 'garden', hours: 4, times: [{ day: 'mon', note: 'vormittags' }], consent: true };
    await fillAndSend(form, answers, () => form!.shadowRoot!.querySelector('#cf-refusal'));

    const refusal = $(form, '#cf-refusal');
    expect(text(refusal)).to.contain('Dieses Formular wurde durch eine neuere Version (Version 1.1.0) ersetzt');
    expect(text(refusal)).to.contain('Ihre Angaben bleiben erhalten.');
    const offer = $<HTMLButtonElement>(form, '[part~="continue-button"]');
    expect(text(offer)).to.equal('In der neuen Version weitermachen');
    expect(offer.type).to.equal('button');
    await waitFor(() => form!.shadowRoot!.activeElement === refusal, 'the focus on the refusal');
    expect(await axeViolations(form, 'the refusal with the offer')).to.deep.equal([]);
    // Nothing is lost: the draft holds the answers of 1.0.0.
    const before = JSON.parse(localStorage.getItem(DRAFT_KEY)!) as { program: string; data: Record<string, unknown> };
    expect(before.program).to.match(/^nachbarschaftshilfe@1\.0\.0/);
    expect(before.data).to.deep.equal(answers);

    // Keyboard only: from the refusal, Tab reaches the offer, Enter takes it.
    await sendKeys({ press: 'Tab' });
    expect(form.shadowRoot!.activeElement).to.equal(offer);
    await sendKeys({ press: 'Enter' });
    const note = await waitFor(() => form!.shadowRoot!.querySelector<HTMLElement>('#cf-moved'), 'the note on the new version', 15_000);
    await settle(form);
    await waitFor(() => form!.shadowRoot!.activeElement === note, 'the focus on the note');
    expect(note.getAttribute('role')).to.equal('alert');
    expect(form.shadowRoot!.querySelector('#cf-refusal'), 'the refusal is gone').to.equal(null);
    expect(text(note.querySelector('.notice-title'))).to.equal('Sie sind jetzt in der neuen Version des Formulars');
    expect(text(note)).to.contain('Diese Angaben konnten nicht übernommen werden:');
    // By the labels the person knew in 1.0.0: no keys, no pointers.
    expect([...note.querySelectorAll('li')].map(text)).to.deep.equal(['Telefon', 'Straße und Hausnummer', 'Art der Hilfe', 'Hinweis zur Zeit (Eintrag 1)']);
    expect(text(note)).not.to.match(/phone|street|helpKind|note|\//);
    const carried = { name: 'Erika Muster', hours: 4, times: [{ day: 'mon' }], consent: true };
    expect(form.value).to.deep.equal(carried);
    // The page wrote `src` and `action` as attributes, and reads the new version's there.
    expect(form.getAttribute('action')).to.equal(new URL(versionLinks('1.1.0').action, location.href).href);
    expect(form.getAttribute('src')).to.equal(new URL(versionLinks('1.1.0').src, location.href).href);
    expect(form.compiledProgram!.program.ref).to.match(/^nachbarschaftshilfe@1\.1\.0/);
    expect(changes).to.have.length(1);
    expect(changes[0]).to.deep.include({ program: 'nachbarschaftshilfe', from: '1.0.0', to: '1.1.0', notCarried: ['/phone', '/street', '/helpKind', '/times/0/note'] });
    expect(changes[0]!.action).to.equal(new URL(versionLinks('1.1.0').action, location.href).href);
    expect(await axeViolations(form, 'the note on the new version')).to.deep.equal([]);
    // The new version's draft starts from the carried answers and keeps 1.0.0's beside them until the send.
    const moved = JSON.parse(localStorage.getItem(DRAFT_KEY)!) as { program: string; data: Record<string, unknown>; previous: { program: string; data: unknown } };
    expect(moved.program).to.match(/^nachbarschaftshilfe@1\.1\.0/);
    expect(moved.data).to.deep.equal(carried);
    expect(moved.previous.program).to.match(/^nachbarschaftshilfe@1\.0\.0/);
    expect(moved.previous.data).to.deep.equal(answers);
    // The person is on the page where 1.1.0 still wants something (its new district, a kind of help it offers).
    expect(form.shadowRoot!.querySelector('cf-review')).to.equal(null);

    await fillAndSend(form, { helpKind: 'shopping', district: 'nord' }, () => form!.shadowRoot!.querySelector('#cf-done'));
    expect(sent).to.have.length(1);
    expect(typeof sent[0]!.reference).to.equal('string');
    expect(localStorage.getItem(DRAFT_KEY), 'the draft, old answers included, once sent').to.equal(null);
    // The server opened the case under 1.1.0: the applicant's own token reads it.
    const receipt = sent[0]!.response as { caseId: string; token: string };
    const stored = await fetch(`/v1/cases/${receipt.caseId}`, { headers: { Authorization: `Bearer ${receipt.token}` } });
    expect(stored.status).to.equal(200);
    expect(((await stored.json()) as { program: string }).program).to.equal('nachbarschaftshilfe@1.1.0');
  });

  it('says so when the newer version cannot be loaded, and keeps the person in the old one with every answer', async () => {
    await publish(versionOne());
    form = await mountVersion('1.0.0');
    const errors: CfErrorEvent['detail'][] = [];
    form.addEventListener('cf-error', (e) => errors.push(e.detail));
    // A refusal that names a version this server does not have (as a proxy with an older copy of the server might).
    window.fetch = async (input, init) => {
      if (!String(input).includes('/submissions')) return realFetch(input, init);
      const links = { ...versionLinks('9.9.9'), browser: '/v1/programs/nachbarschaftshilfe/versions/9.9.9/browser/validators.js', submissions: versionLinks('9.9.9').action };
      const body = { code: 'VERSION_SUPERSEDED', message: 'Dieses Formular wurde ersetzt.', details: { program: 'nachbarschaftshilfe', version: '1.0.0', current: '9.9.9', links } };
      return new Response(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/json' } });
    };
    const answers = { name: 'Erika Muster', helpKind: 'garden', consent: true };
    await fillAndSend(form, answers, () => form!.shadowRoot!.querySelector('#cf-refusal'));
    $<HTMLButtonElement>(form, '[part~="continue-button"]').click();
    await waitFor(() => errors.some((e) => e.kind === 'load'), 'the failed load');
    await settle(form);
    const refusal = $(form, '#cf-refusal');
    expect(text(refusal)).to.contain('Die neue Version des Formulars konnte nicht geladen werden. Ihre Angaben bleiben erhalten.');
    expect(form.shadowRoot!.activeElement).to.equal(refusal);
    // Still the old version, every answer in it, and the offer there to try again.
    expect(form.compiledProgram!.program.ref).to.match(/^nachbarschaftshilfe@1\.0\.0/);
    expect(form.getAttribute('src')).to.equal(versionLinks('1.0.0').src);
    expect(form.value).to.deep.equal(answers);
    expect(form.shadowRoot!.querySelector('[part~="continue-button"]')).to.not.equal(null);
    expect(form.shadowRoot!.querySelector('#cf-moved')).to.equal(null);
  });
});
