// The citizen path of Zweite Chance in Chromium: the intake widget as examples/site embeds it sends to the real
// server without credentials, shows the reference, and the receipt's token opens the applicant's status.
import { expect } from '@esm-bundle/chai';
import './define.js';
import type { CfSubmittedEvent } from '../events/submitted.js';
import { loadModule, mountForm, settle, waitFor, $ } from '../test-support/fixtures.js';
import { exampleData } from '../test-support/api.js';

async function siteAction(): Promise<string> {
  const html = await (await fetch('/examples/site/index.html')).text();
  const action = /<cf-form[^>]*\saction="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('examples/site/index.html has no <cf-form action>');
  return action;
}

describe('self-registration for Zweite Chance (site widget → real server → status)', function () {
  this.timeout(60_000);

  it('sends the intake anonymously with the site’s action, shows the reference, and the token opens the status', async () => {
    const form = await mountForm(await loadModule('zweite-chance'), { form: 'intake', locale: 'de', action: await siteAction() });
    form.value = await exampleData('zweite-chance', 'valid-minimal.json');
    await settle(form);
    const submitted = new Promise<CfSubmittedEvent>((resolve) => form.addEventListener('cf-submitted', resolve, { once: true }));
    // Continue through every page to the review, then send.
    for (let i = 0; i < 20 && !form.shadowRoot!.querySelector('.confirmation'); i++) {
      form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      await settle(form);
      await new Promise((r) => setTimeout(r, 30));
    }
    const event = await submitted;
    const reference = $(form, '.reference').textContent;
    expect(reference).to.match(/^CF-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(event.detail.reference).to.equal(reference);
    const token = (event.detail.response as { token: string }).token;

    const status = document.createElement('cf-case-status');
    status.setAttribute('locale', 'de');
    status.token = token;
    document.body.append(status);
    await waitFor(() => status.shadowRoot!.querySelector('li[aria-current="step"]'), 'the status timeline', 15000);
    expect(status.shadowRoot!.querySelector('.reference')!.textContent).to.equal(reference);
    expect(status.shadowRoot!.querySelector('li[aria-current="step"] .step-title')!.textContent).to.contain('Profiling');
    status.remove();
    form.remove();
  });
});
