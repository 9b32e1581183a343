// <cf-case-inbox sign-in> and <cf-program-report sign-in> for someone not signed in at the server: the page's
// origin has no session for them (the test server knows no /auth/session, and the real API refuses the report
// without credentials), so both offer the server's sign-in, in the page's language, instead of a token field or a
// failure.
import { expect } from '@esm-bundle/chai';
import '../case-inbox/define.js';
import '../program-report/define.js';
import type { CfCaseInbox } from '../case-inbox/case-inbox.js';
import type { CfProgramReport } from '../program-report/program-report.js';
import { waitFor } from '../test-support/fixtures.js';
import { axeViolations } from '@civicflow/test-support/browser';

/** The server's sign-in on the page's origin, coming back to this page. */
const signInHref = () => new URL(`/auth/login?returnTo=${encodeURIComponent(`${location.pathname}${location.search}`)}`, location.href).href;

describe('the elements in sign-in mode, signed out', function () {
  // The first request to /v1/ starts the real API server.
  this.timeout(60_000);
  before(async function () {
    this.timeout(180_000);
    expect((await fetch('/v1/programs')).status).to.equal(200);
  });
  afterEach(() => {
    for (const el of document.querySelectorAll('cf-case-inbox, cf-program-report')) el.remove();
  });

  for (const [locale, text, intro] of [
    ['de', 'Anmelden', 'Dienstkonto'],
    ['en', 'Sign in', 'work account'],
  ] as const) {
    it(`the inbox links to the server's sign-in, which comes back to this page (${locale})`, async () => {
      const el = document.createElement('cf-case-inbox') as CfCaseInbox;
      el.setAttribute('locale', locale);
      el.setAttribute('sign-in', '');
      document.body.append(el);
      const link = await waitFor(() => el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="sign-in"] a'), 'the sign-in link', 10000);
      expect(link.textContent!.trim()).to.equal(text);
      expect(link.href).to.equal(signInHref());
      expect(el.shadowRoot!.querySelector('[part="sign-in"]')!.textContent).to.contain(intro);
      expect(el.shadowRoot!.querySelector('input[name="token"], select[name="token"]')).to.equal(null);
      expect(await axeViolations(el, `${locale} signed out`)).to.deep.equal([]);
    });

    it(`the report offers the sign-in instead of failing (${locale})`, async () => {
      const el = document.createElement('cf-program-report') as CfProgramReport;
      el.setAttribute('program', 'zweite-chance');
      el.setAttribute('locale', locale);
      el.setAttribute('sign-in', '');
      let failed = false;
      el.addEventListener('cf-error', () => (failed = true));
      document.body.append(el);
      const link = await waitFor(() => el.shadowRoot!.querySelector<HTMLAnchorElement>('[part="sign-in"] a'), 'the sign-in link', 45000);
      expect(link.textContent!.trim()).to.equal(text);
      expect(link.href).to.equal(signInHref());
      expect(el.shadowRoot!.querySelector('form[part="period"]')).to.equal(null);
      expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
      expect(failed).to.equal(false);
      expect(await axeViolations(el, `${locale} signed out`)).to.deep.equal([]);
    });
  }

  it('the report without sign-in still says it could not be loaded', async () => {
    const el = document.createElement('cf-program-report') as CfProgramReport;
    el.setAttribute('program', 'zweite-chance');
    el.setAttribute('locale', 'en');
    document.body.append(el);
    const alert = await waitFor(() => el.shadowRoot!.querySelector('[role="alert"]'), 'the failure', 45000);
    expect(alert.textContent).to.contain('could not be loaded');
    expect(el.shadowRoot!.querySelector('[part="sign-in"]')).to.equal(null);
  });
});
