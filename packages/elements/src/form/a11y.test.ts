import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { $, $$, exampleNames, loadModule, mountForm, primary, settle, text, waitFor } from '../test-support/fixtures.js';
import { axeViolations, validCaseByForm } from '@civicflow/test-support/browser';
import type { CfForm } from './form.js';

async function violations(form: CfForm, where: string): Promise<string[]> {
  await settle(form);
  return axeViolations(form, where);
}

describe('cf-form accessibility (axe-core)', function () {
  this.timeout(180_000);

  it('finds no violations on any page, error state or review of any example form, in German and English', async () => {
    const found: string[] = [];
    let checked = 0;
    for (const name of await exampleNames()) {
      const mod = await loadModule(name);
      const cases = await validCaseByForm(name);
      for (const formId of Object.keys((mod.definition as { forms: object }).forms)) {
        for (const locale of ['de', 'en']) {
          const form = await mountForm(mod, { form: formId, locale });
          try {
            const where = `${name}/${formId}/${locale}`;
            await primary(form);
            found.push(...(await violations(form, `${where} errors`)));
            checked++;
            const example = cases.get(formId);
            if (!example) continue;
            form.value = structuredClone(example.data);
            await settle(form);
            for (let step = 0; step < 30 && !form.shadowRoot!.querySelector('cf-review'); step++) {
              found.push(...(await violations(form, `${where} page ${$(form, '#cf-page-title, #cf-title').textContent}`)));
              checked++;
              await primary(form);
            }
            found.push(...(await violations(form, `${where} review`)));
            checked++;
          } finally {
            form.remove();
          }
        }
      }
    }
    expect(checked).to.be.above(20);
    expect(found).to.deep.equal([]);
  });

  it('finds no violations with every kind of control, in Arabic too', async () => {
    const mod = await loadModule('controls');
    for (const locale of ['de', 'en', 'ar']) {
      const form = await mountForm(mod, { locale, drafts: true });
      try {
        expect(await violations(form, `controls/${locale}`)).to.deep.equal([]);
        await primary(form);
        expect(await violations(form, `controls/${locale} errors`)).to.deep.equal([]);
      } finally {
        form.remove();
      }
    }
  });
});

const active = (form: CfForm) => form.shadowRoot!.activeElement as HTMLElement | null;

async function press(form: CfForm, key: string) {
  await sendKeys({ press: key });
  await settle(form);
}

async function typeText(form: CfForm, value: string) {
  await sendKeys({ type: value });
  await settle(form);
}

/** Counts the changes of an element's text, as a screen reader notices them in a live region. */
function watchText(el: Element): { count: () => number; stop: () => void } {
  let changes = 0;
  const observer = new MutationObserver((records) => (changes += records.length));
  observer.observe(el, { childList: true, characterData: true, subtree: true });
  return { count: () => changes, stop: () => observer.disconnect() };
}

/** sRGB relative luminance and contrast ratio (WCAG 2), from a computed `rgb()`/`rgba()` colour. */
function rgb(colour: string): number[] {
  return (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
}
function luminance(colour: string): number {
  const [r, g, b] = rgb(colour).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/**
 * How a focused element shows its focus: the outline's width, and the best contrast that a part of the ring (the
 * outline, or a box-shadow ring beside it) has with the form's background.
 */
function focusRing(el: HTMLElement, background: string): { width: number; contrast: number } {
  const s = getComputedStyle(el);
  const width = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth);
  const colours = [s.outlineColor, ...(s.boxShadow === 'none' ? [] : (s.boxShadow.match(/rgba?\([^)]*\)/g) ?? []))];
  return { width, contrast: Math.max(...colours.map((c) => contrast(c, background))) };
}

describe('cf-form accessibility beyond axe', function () {
  this.timeout(60_000);
  let form: CfForm | undefined;
  afterEach(() => {
    form?.remove();
    form = undefined;
    localStorage.clear();
  });

  it('announces an error found on leaving a field in a polite live region that was there before, once per new problem', async () => {
    form = await mountForm(await loadModule('zweite-chance'), { locale: 'en' });
    const region = $(form, '[role="status"][aria-live="polite"]');
    expect(text(region)).to.equal('');
    const changes = watchText(region);
    try {
      $<HTMLInputElement>(form, '#cf-person-givenName').focus();
      await typeText(form, 'J');
      await press(form, 'Backspace');
      expect(changes.count(), 'nothing is said while typing').to.equal(0);
      await press(form, 'Tab');
      await waitFor(() => text(region) !== '', 'the announcement');
      expect(text(region)).to.equal('Error: Given name: Please fill in this field.');
      expect($(form, '[role="status"][aria-live="polite"]'), 'the same region, not a new one').to.equal(region);
      const input = $<HTMLInputElement>(form, '#cf-person-givenName');
      expect(input.getAttribute('aria-invalid')).to.equal('true');
      expect(input.getAttribute('aria-describedby')!.split(' ')).to.include('cf-person-givenName-error');

      // The next field answered, then back into the first and out again with the same problem: its description says
      // it, the region says nothing new.
      await typeText(form, 'Doe');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'Tab' });
      await sendKeys({ up: 'Shift' });
      await settle(form);
      expect(active(form)).to.equal(input);
      const said = changes.count();
      await press(form, 'Tab');
      await new Promise((r) => setTimeout(r, 200));
      expect(changes.count()).to.equal(said);
      expect(text(region)).to.equal('Error: Given name: Please fill in this field.');
    } finally {
      changes.stop();
    }
  });

  it('takes a date of birth in three boxes, names the wrong box, and keeps what was typed through a refusal and a reload', async () => {
    const zweite = await loadModule('zweite-chance');
    form = await mountForm(zweite, { locale: 'de', drafts: true });
    const region = $(form, '[role="status"][aria-live="polite"]');
    const box = (suffix: string) => $<HTMLInputElement>(form!, `#cf-person-birthDate${suffix}`);
    box('').focus();
    await typeText(form, '31');
    await press(form, 'Tab');
    await typeText(form, '2');
    await press(form, 'Tab');
    await typeText(form, '19');
    await press(form, 'Tab');
    const yearError = 'Das Jahr muss vier Ziffern haben, zum Beispiel 1987.';
    await waitFor(() => text(region) !== '', 'the announcement');
    expect(text(region)).to.equal(`Fehler: Geburtsdatum: ${yearError}`);
    const field = $(form, 'cf-field .field:has(#cf-person-birthDate)');
    expect(text(field.querySelector('.error'))).to.equal(`Fehler: ${yearError}`);
    expect(['', '-month', '-year'].map((s) => box(s).getAttribute('aria-invalid'))).to.deep.equal(['false', 'false', 'true']);

    await primary(form);
    const links = $$<HTMLAnchorElement>(form, '.error-summary a').map(text);
    expect(links).to.include(`Geburtsdatum: ${yearError}`);
    expect(['', '-month', '-year'].map((s) => box(s).value), 'a refused page keeps the boxes as typed').to.deep.equal(['31', '2', '19']);

    box('-year').focus();
    box('-year').select();
    await typeText(form, '2001');
    await press(form, 'Tab');
    expect(text(field.querySelector('.error'))).to.equal('Fehler: Der Tag muss in diesem Monat eine Zahl von 1 bis 28 sein.');
    expect(['', '-month', '-year'].map((s) => box(s).getAttribute('aria-invalid'))).to.deep.equal(['true', 'false', 'false']);

    window.dispatchEvent(new Event('pagehide'));
    form.remove();
    form = await mountForm(zweite, { locale: 'de', drafts: true });
    $<HTMLButtonElement>(form, '.resume button.primary').click();
    await settle(form);
    await waitFor(() => form!.shadowRoot!.querySelector('#cf-person-birthDate'), 'the first page');
    expect(['', '-month', '-year'].map((s) => box(s).value), 'after a reload').to.deep.equal(['31', '02', '2001']);
    expect((form.value!['person'] as Record<string, unknown>)['birthDate']).to.equal('2001-02-31');
  });

  it('shows where the keyboard is on every stop, the date’s calendar button too, with a ring of at least 3:1', async () => {
    form = await mountForm(await loadModule('controls'), { locale: 'en' });
    await primary(form);
    const background = getComputedStyle(form).backgroundColor;
    expect(active(form)!.classList.contains('error-summary')).to.equal(true);
    const seen: string[] = [];
    const weak: string[] = [];
    for (let i = 0; i < 40; i++) {
      const el = active(form);
      if (!el || el.matches('button.primary')) break;
      const where = `${el.tagName.toLowerCase()}#${el.id || el.className} (stop ${i})`;
      seen.push(where);
      const ring = focusRing(el, background);
      if (ring.width < 2 || ring.contrast < 3) weak.push(`${where}: ${ring.width}px, ${ring.contrast.toFixed(2)}:1`);
      await press(form, 'Tab');
    }
    expect(weak).to.deep.equal([]);
    // The native date input: three segments and its calendar button, each with the ring.
    expect(seen.filter((s) => s.startsWith('input#cf-start ')).length).to.equal(4);
    expect(seen.filter((s) => s.startsWith('input#cf-born')).length, 'three boxes').to.equal(3);
    expect(seen.some((s) => s.startsWith('a#')), 'the summary’s links').to.equal(true);
  });
});
