import { expect } from '@esm-bundle/chai';
import './define.js';
// <cf-form> only as the measure of the theme's default font.
import '../define.js';
import type { CfCaseStatus } from './case-status.js';
import { waitFor } from '../test-support/fixtures.js';
import { DEMO, axeViolations, registerForZweiteChance, sendEvent, type Receipt } from '../test-support/api.js';

async function mountStatus(attrs: Record<string, string>): Promise<CfCaseStatus> {
  const el = document.createElement('cf-case-status');
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  return el;
}

const root = (el: CfCaseStatus) => el.shadowRoot!;
const steps = (el: CfCaseStatus) => [...root(el).querySelectorAll('ol.timeline li')].map((li) => li.querySelector('.step-title')!.textContent!.replace(/\s+/g, ' ').trim());
const shown = (el: CfCaseStatus) => waitFor(() => root(el).querySelector('ol.timeline li'), 'the timeline', 15000);

/** The computed font family of a `<cf-form>` with no host CSS: the theme's default every element should share. */
function formDefaultFont(): string {
  const form = document.createElement('cf-form');
  document.body.append(form);
  try {
    return getComputedStyle(form).fontFamily;
  } finally {
    form.remove();
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
    expect(root(el).querySelector('[part="next"]')!.textContent).to.contain('Das Team bearbeitet Ihre Anmeldung');
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
    await waitFor(() => root(forged).querySelector('[role="alert"] button'), 'the not-found note', 15000);
    expect(root(forged).textContent).to.contain('finden wir keine Anmeldung');
  });

  it('takes the shared theme: a host’s --cf-* properties on an ancestor reach it, and its defaults are the form’s', async () => {
    const plain = await mountStatus({ token: receipt.token, locale: 'en' });
    await shown(plain);
    expect(getComputedStyle(plain).fontFamily, 'the default font').to.equal(formDefaultFont()).and.to.contain('system-ui');
    expect(getComputedStyle(root(plain).querySelector('ol.timeline')!).borderInlineStartColor, 'the default accent').to.equal('rgb(11, 79, 138)');
    expect(getComputedStyle(root(plain).querySelector('time.meta')!).color, 'the default muted text').to.equal('rgb(74, 74, 74)');
    plain.remove();

    const host = document.createElement('div');
    host.style.setProperty('--cf-color-accent', 'rgb(1, 2, 3)');
    host.style.setProperty('--cf-color-error', 'rgb(4, 5, 6)');
    host.style.setProperty('--cf-font-family', 'Georgia, serif');
    document.body.append(host);
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
