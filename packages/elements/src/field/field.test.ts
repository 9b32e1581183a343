import { expect } from '@esm-bundle/chai';
import { formatAnswer, formLayout, type ControlKind, type ProgramDefinition } from '@civicflow/core/runtime';
import '../define.js';
import { createFieldSpecs, type FieldSpec } from '../internal/field-specs.js';
import { uiStrings } from '../internal/ui-strings.js';
import { loadWords } from '../internal/locale-words.js';
import { loadModule } from '../test-support/fixtures.js';
import type { CfField } from './field.js';
import type { CfFieldInputEvent } from '../events/field-input.js';

// The widget's German and English words are modules of their own, as in a page.
await Promise.all([loadWords('de'), loadWords('en')]);

/** Mounts one `<cf-field>` for a spec, inside a shadow root as in the form. */
async function mountField(spec: FieldSpec, props: Partial<CfField> = {}): Promise<{ el: CfField; host: HTMLElement; inputs: CfFieldInputEvent[] }> {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const el = document.createElement('cf-field');
  Object.assign(el, { spec, pointer: `/${spec.path}`, strings: uiStrings('en'), locale: 'en', value: undefined, error: undefined }, props);
  const inputs: CfFieldInputEvent[] = [];
  root.addEventListener('cf-field-input', (e) => inputs.push(e as CfFieldInputEvent));
  root.append(el);
  document.body.append(host);
  await el.updateComplete;
  return { el, host, inputs };
}

/** Acts on a control as a person would: types into text controls, ticks or picks the second choice. */
function interact(el: CfField, kind: ControlKind): void {
  const first = el.querySelector<HTMLInputElement>('input, select, textarea')!;
  if (kind === 'select') {
    (first as unknown as HTMLSelectElement).selectedIndex = 2;
    first.dispatchEvent(new Event('change', { bubbles: true }));
  } else if (kind === 'memorable-date') {
    // Day, month and year, one box after the other, before the field renders again.
    const boxes = [...el.querySelectorAll<HTMLInputElement>('input')];
    ['27', '3', '1987'].forEach((t, i) => {
      boxes[i]!.value = t;
      boxes[i]!.dispatchEvent(new Event('input', { bubbles: true }));
    });
  } else if (first.type === 'radio' || first.type === 'checkbox') {
    first.click();
  } else {
    first.value = kind === 'number' || kind === 'integer' ? '7' : kind === 'date' ? '2026-03-01' : 'abc';
    first.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

/** The behaviour every kind of control shares: a named control, help and error tied to it, values reported. */
function runFieldControlTests(kind: ControlKind, path: string, expected: unknown) {
  describe(`a ${kind} field`, () => {
    let specs: Map<string, FieldSpec>;
    let cleanup: HTMLElement | undefined;
    before(async () => {
      const mod = await loadModule('controls');
      const def = mod.definition as ProgramDefinition;
      const texts = def.texts!['en']!;
      specs = createFieldSpecs(formLayout(def.forms['all']!), 'all', (k) => texts[k]);
    });
    afterEach(() => cleanup?.remove());

    it('is the control core chose, and has an accessible name', async () => {
      const spec = { ...specs.get(path)!, help: 'Some help.' };
      expect(spec.control).to.equal(kind);
      const { el, host } = await mountField(spec);
      cleanup = host;
      const control = el.querySelector<HTMLInputElement>('input, select, textarea')!;
      // A group of radio buttons or checkboxes is named by its legend, a single control by its label.
      const named = el.querySelector('fieldset') ? text(el.querySelector('legend')) : text(control.labels![0]!);
      expect(named).to.contain(spec.label);
      const describedBy = (el.querySelector('fieldset') ?? control).getAttribute('aria-describedby')!;
      expect(describedBy.split(' ')).to.include(el.querySelector('.help')!.id);
    });

    it('ties its error to the control and marks it invalid', async () => {
      const { el, host } = await mountField(specs.get(path)!, { error: 'Something is wrong.' });
      cleanup = host;
      const error = el.querySelector('.error')!;
      expect(text(error)).to.equal('Error: Something is wrong.');
      const control = el.querySelector<HTMLInputElement>('input, select, textarea')!;
      expect(control.getAttribute('aria-invalid')).to.equal('true');
      const describedBy = (el.querySelector('fieldset') ?? control).getAttribute('aria-describedby')!;
      expect(describedBy.split(' ')).to.include(error.id);
    });

    it('reports what the person entered as a data value', async () => {
      const { el, host, inputs } = await mountField(specs.get(path)!);
      cleanup = host;
      interact(el, kind);
      expect(inputs.at(-1)?.detail.value).to.deep.equal(expected);
      expect(inputs.at(-1)?.detail.pointer).to.equal(`/${path}`);
    });
  });
}

function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

describe('cf-field', () => {
  runFieldControlTests('text', 'name', 'abc');
  runFieldControlTests('textarea', 'story', 'abc');
  runFieldControlTests('number', 'amount', 7);
  runFieldControlTests('integer', 'people', 7);
  runFieldControlTests('date', 'start', '2026-03-01');
  runFieldControlTests('memorable-date', 'born', '1987-03-27');
  runFieldControlTests('email', 'mail', 'abc');
  runFieldControlTests('tel', 'phone', 'abc');
  runFieldControlTests('radio', 'size', 'small');
  runFieldControlTests('select', 'region', 'east');
  runFieldControlTests('checkboxes', 'topics', ['work']);
  runFieldControlTests('checkbox', 'member', true);
  runFieldControlTests('consent', 'consent', true);
});

/** A field's spec as <cf-form> makes it, with the German words of a built example. */
async function germanSpec(module: string, form: string, path: string): Promise<FieldSpec> {
  const def = (await loadModule(module)).definition as ProgramDefinition;
  const texts = def.texts!['de']!;
  return createFieldSpecs(formLayout(def.forms[form]!), form, (k) => texts[k]).get(path)!;
}

describe('cf-field with a date in three boxes', () => {
  let spec: FieldSpec;
  let cleanup: HTMLElement | undefined;
  before(async () => (spec = await germanSpec('controls', 'all', 'born')));
  afterEach(() => cleanup?.remove());
  const mount = async (props: Partial<CfField>) => {
    const mounted = await mountField(spec, { strings: uiStrings('de'), locale: 'de', ...props });
    cleanup = mounted.host;
    return mounted;
  };
  const boxes = (el: CfField) => [...el.querySelectorAll<HTMLInputElement>('input')];

  it('is one fieldset with a legend and three labelled numeric boxes for day, month and year', async () => {
    const { el } = await mount({});
    const fieldset = el.querySelector('fieldset')!;
    expect(text(fieldset.querySelector('legend'))).to.equal('Geburtsdatum');
    const inputs = boxes(el);
    expect(inputs.map((b) => text(b.labels![0]!))).to.deep.equal(['Tag', 'Monat', 'Jahr']);
    expect(inputs.every((b) => fieldset.contains(b) && b.type === 'text' && b.inputMode === 'numeric')).to.equal(true);
    expect(inputs.map((b) => b.getAttribute('autocomplete'))).to.deep.equal(['bday-day', 'bday-month', 'bday-year']);
    expect(inputs[0]!.id, 'the summary’s link lands on the day').to.equal('cf-born');
    expect(text(el.querySelector(`#${fieldset.getAttribute('aria-describedby')}`))).to.equal('Zum Beispiel 27 3 1987.');
  });

  it('turns the birthday tokens off for a date that is not a birthday', async () => {
    const { el } = await mount({ spec: { ...spec, autocomplete: undefined } });
    expect(boxes(el).map((b) => b.getAttribute('autocomplete'))).to.deep.equal(['off', 'off', 'off']);
  });

  it('marks only the box that makes the error invalid, and all three for an error of the whole date', async () => {
    const { el } = await mount({ value: '87-3-27', error: 'Das Jahr muss vier Ziffern haben, zum Beispiel 1987.' });
    expect(boxes(el).map((b) => b.getAttribute('aria-invalid'))).to.deep.equal(['false', 'false', 'true']);
    expect(el.querySelector('fieldset')!.getAttribute('aria-describedby')!.split(' ')).to.include(el.querySelector('.error')!.id);
    el.value = undefined;
    el.error = 'Bitte füllen Sie dieses Feld aus.';
    await el.updateComplete;
    expect(boxes(el).map((b) => b.getAttribute('aria-invalid'))).to.deep.equal(['true', 'true', 'true']);
    el.error = undefined;
    await el.updateComplete;
    expect(boxes(el).map((b) => b.getAttribute('aria-invalid'))).to.deep.equal(['false', 'false', 'false']);
  });

  it('shows a value in the boxes and keeps what was typed while it makes the same value', async () => {
    const { el, inputs } = await mount({ value: '1987-03-27' });
    expect(boxes(el).map((b) => b.value)).to.deep.equal(['27', '03', '1987']);
    const month = boxes(el)[1]!;
    month.value = '3';
    month.dispatchEvent(new Event('input', { bubbles: true }));
    expect(inputs.at(-1)!.detail).to.include({ value: '1987-03-27', committed: false });
    el.requestUpdate();
    await el.updateComplete;
    expect(month.value, 'not rewritten to 03 under the person’s fingers').to.equal('3');
    el.value = '2001-12-05';
    await el.updateComplete;
    expect(boxes(el).map((b) => b.value), 'a value set from outside').to.deep.equal(['05', '12', '2001']);
  });
});

describe('cf-field with a derived value', () => {
  let spec: FieldSpec;
  let cleanup: HTMLElement | undefined;
  before(async () => (spec = await germanSpec('wir-vielfalt', 'application', 'funding.totalCosts')));
  afterEach(() => cleanup?.remove());

  it('leaves its output empty until it has what words the value, then shows the value in those words', async () => {
    const { el, host } = await mountField(spec, { strings: uiStrings('de'), locale: 'de', value: 15000 });
    cleanup = host;
    expect(spec.control).to.equal('derived');
    const output = el.querySelector('output')!;
    expect(output.textContent!.trim()).to.equal('');
    el.format = formatAnswer;
    await el.updateComplete;
    expect(output.textContent!.trim()).to.equal('15.000');
    expect(el.querySelector('label')!.textContent!.trim()).to.equal('Gesamtkosten in Euro');
  });
});
