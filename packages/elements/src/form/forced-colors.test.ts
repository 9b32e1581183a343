import { expect } from '@esm-bundle/chai';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { ValidatorsModule } from '@civicflow/core/runtime';
import { $, $$, loadModule, mountForm, primary, settle } from '../test-support/fixtures.js';
import type { CfForm } from './form.js';

// In forced-colours modes (Windows High Contrast, and the like) the browser replaces every colour with a few
// system colours and drops backgrounds: whatever the widget tells apart by colour or background alone must
// also have a border or an outline there. These tests switch the mode on through Chrome's DevTools protocol.

const px = (value: string) => parseFloat(value) || 0;
const borderWidths = (el: Element) => {
  const s = getComputedStyle(el);
  return [s.borderTopWidth, s.borderRightWidth, s.borderBottomWidth, s.borderLeftWidth].map(px);
};

describe('cf-form in forced colours', function () {
  this.timeout(30_000);
  let zweite: ValidatorsModule;
  let form: CfForm | undefined;
  before(async () => {
    zweite = await loadModule('zweite-chance');
  });
  afterEach(async () => {
    form?.remove();
    form = undefined;
    await executeServerCommand('cf-forced-colors', { active: false });
  });

  it('marks the current step by a line under it, which forced colours keep, and gives every button a border of its own', async () => {
    form = await mountForm(zweite, { locale: 'de' });
    const current = $(form, '.step.current');
    const other = $(form, '.step:not(.current)');
    // The steps are text, not boxes that look pressable: no frame, no fill; the current one has a line under it.
    expect(borderWidths(other)).to.deep.equal([0, 0, 0, 0]);
    expect(getComputedStyle(current).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(borderWidths(current)).to.deep.equal([0, 0, 3, 0]);

    await executeServerCommand('cf-forced-colors', { active: true });
    expect(matchMedia('(forced-colors: active)').matches, 'the mode is on').to.equal(true);
    await settle(form);
    expect(borderWidths(current), 'the current step').to.deep.equal([0, 0, 3, 0]);
    expect(borderWidths(other), 'the others').to.deep.equal([0, 0, 0, 0]);
    for (const button of $$(form, 'button')) {
      expect(Math.min(...borderWidths(button)), `button "${button.textContent?.trim()}"`).to.be.at.least(2);
    }
  });

  it('frames the confirmation, whose styles come with the sending code, in both modes', async () => {
    form = await mountForm(zweite, { locale: 'de' });
    await form.showConfirmation('CF-TEST-0001');
    await settle(form);
    const confirmation = $(form, '.confirmation');
    expect(borderWidths(confirmation)).to.deep.equal([4, 4, 4, 4]);
    expect(getComputedStyle($(form, '.reference')).fontWeight).to.equal('700');
    await executeServerCommand('cf-forced-colors', { active: true });
    await settle(form);
    expect(borderWidths(confirmation), 'in forced colours').to.deep.equal([2, 2, 2, 2]);
  });

  it('frames a failed page: the error summary and each invalid field keep a visible edge', async () => {
    await executeServerCommand('cf-forced-colors', { active: true });
    form = await mountForm(zweite, { locale: 'de' });
    await primary(form);
    await settle(form);
    const summary = $(form, '.error-summary');
    expect(Math.min(...borderWidths(summary)), 'error summary').to.be.at.least(2);
    const invalid = $$(form, '.field.invalid, .group.invalid, .list.invalid');
    expect(invalid.length, 'invalid fields on the first page').to.be.greaterThan(0);
    for (const field of invalid) {
      const s = getComputedStyle(field);
      expect(px(s.borderInlineStartWidth), 'an invalid field’s edge').to.be.at.least(3);
      expect(s.borderInlineStartStyle).to.equal('solid');
    }
  });

  it('shows where the keyboard is: a focused control has an outline', async () => {
    await executeServerCommand('cf-forced-colors', { active: true });
    form = await mountForm(zweite, { locale: 'de' });
    $<HTMLInputElement>(form, 'cf-field input').focus();
    await sendKeys({ press: 'Tab' });
    const focused = form.shadowRoot!.activeElement as HTMLElement;
    expect(focused?.matches('input, select, textarea, button'), 'the next control has the focus').to.equal(true);
    const s = getComputedStyle(focused);
    expect(s.outlineStyle).to.equal('solid');
    expect(px(s.outlineWidth)).to.be.at.least(2);
  });

  it('keeps the outline on a date’s calendar button, the three date boxes and the error summary', async () => {
    await executeServerCommand('cf-forced-colors', { active: true });
    form = await mountForm(await loadModule('controls'), { locale: 'de' });
    await primary(form);
    const outlined = (el: Element, what: string) => {
      const s = getComputedStyle(el);
      expect(s.outlineStyle, what).to.equal('solid');
      expect(px(s.outlineWidth), what).to.be.at.least(2);
    };
    outlined($(form, '.error-summary'), 'the focused summary');
    $<HTMLInputElement>(form, '#cf-people').focus();
    const stops: string[] = [];
    for (let i = 0; i < 7; i++) {
      await sendKeys({ press: 'Tab' });
      const focused = form.shadowRoot!.activeElement as HTMLElement;
      stops.push(focused.id);
      outlined(focused, `stop ${i + 1}: ${focused.id}`);
    }
    expect(stops).to.deep.equal(['cf-start', 'cf-start', 'cf-start', 'cf-start', 'cf-born', 'cf-born-month', 'cf-born-year']);
  });
});
