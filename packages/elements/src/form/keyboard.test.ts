import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { loadModule, mountForm, settle, text, waitFor } from '../test-support/fixtures.js';
import type { CfForm } from './form.js';

const active = (form: CfForm) => form.shadowRoot!.activeElement as HTMLElement | null;

/** Presses Tab until the focused element matches, as a person would; fails after `limit` presses. */
async function tabTo(form: CfForm, selector: string, limit = 60): Promise<HTMLElement> {
  for (let i = 0; i < limit; i++) {
    const el = active(form);
    if (el?.matches(selector)) return el;
    await sendKeys({ press: 'Tab' });
    await settle(form);
  }
  throw new Error(`Tab never reached ${selector} (focus is on ${active(form)?.outerHTML.slice(0, 120)})`);
}

async function press(form: CfForm, key: string) {
  await sendKeys({ press: key });
  await settle(form);
  await new Promise((r) => setTimeout(r, 0));
  await settle(form);
}

async function typeText(form: CfForm, text: string) {
  await sendKeys({ type: text });
  await settle(form);
}

async function pageTitle(form: CfForm, expected: string) {
  await waitFor(() => text(form.shadowRoot!.querySelector('#cf-page-title')) === expected, `page "${expected}"`);
}

describe('cf-form with the keyboard only', function () {
  this.timeout(60_000);

  it('is filled in and sent from start to end without a mouse', async () => {
    const form = await mountForm(await loadModule('zweite-chance'), { locale: 'en' });
    let sent: unknown;
    form.addEventListener('cf-submit', (e) => {
      e.preventDefault();
      sent = e.detail.data;
    });
    try {
      // About you
      await tabTo(form, '#cf-person-givenName');
      await typeText(form, 'Jo');
      await press(form, 'Tab');
      await typeText(form, 'Schmitt');
      await press(form, 'Tab');
      // The date of birth in three boxes, one Tab stop each: day, month, year.
      expect(active(form)!.id).to.equal('cf-person-birthDate');
      await typeText(form, '31');
      await press(form, 'Tab');
      expect(active(form)!.id).to.equal('cf-person-birthDate-month');
      await typeText(form, '1');
      await press(form, 'Tab');
      expect(active(form)!.id).to.equal('cf-person-birthDate-year');
      await typeText(form, '2001');
      await press(form, 'Tab');
      expect(active(form)!.closest('cf-field')?.pointer, 'the next field after the year').to.equal('/person/salutation');
      await tabTo(form, '#cf-person-interpreterNeeded');
      await press(form, 'Space');
      await press(form, 'Tab');
      expect(active(form)!.id, 'the interpreter language appears right after the box').to.equal('cf-person-interpreterLanguage');
      await typeText(form, 'Tigrinya');
      await press(form, 'Enter');
      await pageTitle(form, 'How we can reach you');

      // Contact: no fixed address, reachable at a day centre
      await tabTo(form, 'input[name="cf-contact-addressStatus"]');
      await press(form, 'ArrowDown');
      await tabTo(form, '#cf-contact-contactPoint-name');
      await typeText(form, 'Tagestreff Mitte');
      await press(form, 'Tab');
      await typeText(form, 'Mornings from 9');
      await tabTo(form, 'button.primary');
      await press(form, 'Enter');
      await pageTitle(form, 'Housing');

      // Housing
      await tabTo(form, 'input[name="cf-housing-situation"]');
      await press(form, 'Space');
      await tabTo(form, 'button.primary');
      await press(form, 'Enter');
      await pageTitle(form, 'Income and benefits');

      // Income
      await tabTo(form, 'input[name="cf-income-status"]');
      await press(form, 'ArrowDown');
      await tabTo(form, 'button.primary');
      await press(form, 'Enter');
      await pageTitle(form, 'Your household');

      // Household: one child
      await tabTo(form, '#cf-household-add');
      await press(form, 'Enter');
      expect(active(form)!.id, 'focus moves into the new entry').to.equal('cf-household-0-relation');
      await typeText(form, 'C');
      await press(form, 'Tab');
      await typeText(form, 'Mia');
      await press(form, 'Tab');
      await typeText(form, '2015');
      await tabTo(form, 'button.primary');
      await press(form, 'Enter');
      await pageTitle(form, 'Health and counselling');

      for (const next of ['School, training and work', 'Consent']) {
        await tabTo(form, 'button.primary');
        await press(form, 'Enter');
        await pageTitle(form, next);
      }

      // Consent: try without it first; the summary takes focus and leads back to the box
      await tabTo(form, 'button.primary');
      await press(form, 'Enter');
      expect(active(form)!.classList.contains('error-summary'), 'focus on the summary').to.equal(true);
      await press(form, 'Tab');
      await press(form, 'Enter');
      expect(active(form)!.id).to.equal('cf-consent-dataProcessing');
      await press(form, 'Space');
      await tabTo(form, 'button.primary');
      await press(form, 'Enter');
      await pageTitle(form, 'Check your answers before sending');

      await tabTo(form, 'button.primary');
      await press(form, 'Enter');
      expect(sent).to.deep.equal({
        person: { givenName: 'Jo', familyName: 'Schmitt', birthDate: '2001-01-31', interpreterNeeded: true, interpreterLanguage: 'Tigrinya' },
        contact: { addressStatus: 'none', contactPoint: { name: 'Tagestreff Mitte', howToReach: 'Mornings from 9' } },
        housing: { situation: 'street' },
        income: { status: 'sgb12' },
        household: [{ relation: 'child', firstName: 'Mia', birthYear: 2015 }],
        consent: { dataProcessing: true },
      });
    } finally {
      form.remove();
    }
  });
});
