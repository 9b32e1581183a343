import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { axeViolations } from '@civicflow/test-support/browser';
import type { CfProgramDesigner } from './program-designer.js';
import { deepActive, loadBundle, mountDesigner } from '../test-support/designer-page.js';
import { announced, press, removeDesigners, selectRow, settle, tabTo, typeInto } from '../test-support/keyboard.js';

// Issue #15: derived values and rules across fields without writing JSON. A person adds, by keyboard alone, a sum of
// a list's amounts, "the second choice differs from the first" and "the end is after the start", then sees the sum
// and the rules' errors in the preview.

const program = `{
  "id": "kosten",
  "version": "1.0.0",
  "locales": ["de", "en"],
  "title": {"de": "Kosten", "en": "Costs"},
  "forms": {
    "antrag": {
      "schema": {
        "type": "object",
        "properties": {
          "firstChoice": {"enum": ["music", "sport"]},
          "secondChoice": {"enum": ["music", "sport"]},
          "start": {"type": "string", "format": "date"},
          "end": {"type": "string", "format": "date"},
          "costs": {"type": "array", "maxItems": 10, "items": {"type": "object", "properties": {
            "item": {"type": "string", "maxLength": 100},
            "amount": {"type": "number",  "exclusiveMinimum": 0, "maximum": 100000}
          }}}
        }
      },
      "ui": {"pages": [{"id": "p", "fields": ["firstChoice", "secondChoice", "start", "end", "costs"]}]}
    }
  },
  "texts": {
    "de": {"forms.antrag.title": "Antrag", "forms.antrag.pages.p.title": "Angaben",
      "forms.antrag.fields.firstChoice.label": "Erstwunsch", "forms.antrag.fields.firstChoice.options.music": "Musik", "forms.antrag.fields.firstChoice.options.sport": "Sport",
      "forms.antrag.fields.secondChoice.label": "Zweitwunsch", "forms.antrag.fields.secondChoice.options.music": "Musik", "forms.antrag.fields.secondChoice.options.sport": "Sport",
      "forms.antrag.fields.start.label": "Beginn", "forms.antrag.fields.end.label": "Ende",
      "forms.antrag.fields.costs.label": "Kosten", "forms.antrag.fields.costs.item.label": "Posten", "forms.antrag.fields.costs.amount.label": "Betrag"},
    "en": {"forms.antrag.title": "Application", "forms.antrag.pages.p.title": "Details",
      "forms.antrag.fields.firstChoice.label": "First choice", "forms.antrag.fields.firstChoice.options.music": "Music", "forms.antrag.fields.firstChoice.options.sport": "Sport",
      "forms.antrag.fields.secondChoice.label": "Second choice", "forms.antrag.fields.secondChoice.options.music": "Music", "forms.antrag.fields.secondChoice.options.sport": "Sport",
      "forms.antrag.fields.start.label": "Start", "forms.antrag.fields.end.label": "End",
      "forms.antrag.fields.costs.label": "Costs", "forms.antrag.fields.costs.item.label": "Item", "forms.antrag.fields.costs.amount.label": "Amount"}
  }
}
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the program's JSON, read in assertions
const json = (el: CfProgramDesigner): any => JSON.parse(el.workingText!);

afterEach(removeDesigners);

describe('cf-program-designer: derived values and rules across fields, by keyboard alone', function () {
  this.timeout(300_000);
  before(loadBundle);

  it('adds a sum, a "differs from" rule and an "end after start" rule; the preview shows the sum and the rules’ errors; axe-clean', async () => {
    const el = await mountDesigner(program, 'en');
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 10 && deepActive()?.getAttribute('role') !== 'treeitem'; i++) await press(el, 'Tab');
    expect(deepActive()!.id).to.equal('form:antrag');

    // At the form: Add a derived value… — a sum of the costs' amounts is what fits, chosen already.
    await tabTo(el, 'add-derived-open');
    await press(el, 'Enter');
    expect(deepActive()!.id).to.equal('new-derived-key');
    expect((el.shadowRoot!.querySelector('#new-derived-kind') as HTMLSelectElement).value).to.equal('sum');
    expect((el.shadowRoot!.querySelector('#new-derived-of') as HTMLSelectElement).selectedOptions[0]!.textContent).to.equal('Costs › Amount');
    expect(await axeViolations(el, 'designer adding a derived value')).to.deep.equal([]);
    await typeInto(el, 'new-derived-key', 'totalCosts');
    await typeInto(el, 'new-derived-label-de', 'Gesamtkosten');
    await typeInto(el, 'new-derived-label-en', 'Total costs');
    await tabTo(el, 'new-derived-add');
    await press(el, 'Enter');
    expect(announced(el)).to.equal('"Total costs" was added.');
    expect(json(el).forms.antrag.schema.properties.totalCosts).to.deep.equal({ type: 'number', 'x-derived': 'sum(costs.amount)' });
    expect(json(el).forms.antrag.ui.pages[0].fields.at(-1)).to.equal('totalCosts');
    expect(json(el).texts.de['forms.antrag.fields.totalCosts.label']).to.equal('Gesamtkosten');
    expect(deepActive()!.id).to.equal('field:antrag:totalCosts');
    expect(el.shadowRoot!.querySelector('#derived-words')!.textContent).to.equal('“Total costs” is the sum of “Costs › Amount”');
    // Worked out, never typed: a derived value offers no "Required" and no "Required when".
    expect(el.shadowRoot!.querySelector('#required'), 'a Required box at a derived value').to.equal(null);
    expect(el.shadowRoot!.querySelector('[id^="required-when"]'), 'a Required-when condition at a derived value').to.equal(null);
    // Untouched JSON keeps its bytes.
    expect(el.workingText).to.contain('"amount": {"type": "number",  "exclusiveMinimum": 0, "maximum": 100000}');

    // A formula typed wrong is said in words with where, and nothing is saved until it reads.
    await tabTo(el, 'derived-kind');
    await press(el, 'End');
    expect((el.shadowRoot!.querySelector('#derived-kind') as HTMLSelectElement).value).to.equal('formula');
    expect(json(el).forms.antrag.schema.properties.totalCosts['x-derived']).to.equal('sum(costs.amount)');
    await tabTo(el, 'derived-formula');
    await press(el, 'End');
    await sendKeys({ type: ' *' });
    await settle(el);
    expect(el.shadowRoot!.querySelector('#derived-formula-check')!.textContent).to.equal(
      'The formula ends after character 19 before it is complete (is a number, a field or a bracket missing?). Only a formula that reads is saved.',
    );
    await press(el, 'Tab');
    expect(json(el).forms.antrag.schema.properties.totalCosts['x-derived']).to.equal('sum(costs.amount)');
    await tabTo(el, 'derived-formula');
    await press(el, 'End');
    await sendKeys({ type: ' 1' });
    await press(el, 'Tab');
    expect(json(el).forms.antrag.schema.properties.totalCosts['x-derived']).to.equal('sum(costs.amount) * 1');
    // Undo takes the formula back in one step.
    await tabTo(el, 'field:antrag:totalCosts');
    await press(el, 'KeyZ', 'Control');
    expect(json(el).forms.antrag.schema.properties.totalCosts).to.deep.equal({ type: 'number', 'x-derived': 'sum(costs.amount)' });

    // At the second choice: a rule, turned into "must differ from" the first choice with the arrow keys.
    await selectRow(el, 'field:antrag:secondChoice');
    expect(el.shadowRoot!.querySelector('#required'), 'the Required box at a field a person fills in').not.to.equal(null);
    expect(el.shadowRoot!.querySelector('[id^="required-when"]'), 'the Required-when condition at a field a person fills in').not.to.equal(null);
    await tabTo(el, 'add-field-rule');
    await press(el, 'Enter');
    expect(deepActive()!.id).to.equal('rule-0-op');
    expect((el.shadowRoot!.querySelector('#rule-0-other') as HTMLSelectElement).selectedOptions[0]!.textContent).to.equal('First choice');
    await press(el, 'ArrowDown');
    expect(announced(el)).to.equal('Rule changed: “Second choice” differs from “First choice”');
    expect(json(el).forms.antrag.schema.dependentSchemas).to.deep.equal({ firstChoice: { properties: { secondChoice: { not: { const: { $data: '1/firstChoice' } } } } } });
    expect(json(el).texts.en['forms.antrag.fields.secondChoice.errors.not']).to.equal('This must differ from “First choice”.');
    expect(json(el).texts.en['forms.antrag.fields.secondChoice.errors.const']).to.equal(undefined);

    // At the end: a rule, "must be after" the start as it comes; its English error text typed beside it.
    await selectRow(el, 'field:antrag:end');
    await tabTo(el, 'add-field-rule');
    await press(el, 'Enter');
    expect(announced(el)).to.equal('Rule added: “End” is after “Start”');
    expect(json(el).forms.antrag.schema.properties.end).to.deep.equal({ type: 'string', format: 'date', formatExclusiveMinimum: { $data: '1/start' } });
    await typeInto(el, 'rule-0-error-en', 'The end must come after the start.');
    expect(json(el).texts.en['forms.antrag.fields.end.errors.formatExclusiveMinimum']).to.equal('The end must come after the start.');
    expect(json(el).texts.de['forms.antrag.fields.end.errors.formatExclusiveMinimum']).to.equal('Dieser Tag muss nach „Beginn“ liegen.');
    expect(el.problems).to.deep.equal([]);
    expect(await axeViolations(el, 'designer with a rule across fields')).to.deep.equal([]);

    // The preview with sample answers: one cost of 1, the same day twice, the same choice twice.
    await tabTo(el, 'try-data');
    await press(el, 'Enter');
    const errors = [...el.shadowRoot!.querySelectorAll('#trial li')].map((li) => li.textContent!.trim());
    expect(errors).to.include('Second choice: This must differ from “First choice”.');
    expect(errors).to.include('End: The end must come after the start.');
    const preview = el.shadowRoot!.querySelector('cf-form')!;
    for (let i = 0; i < 20 && !preview.shadowRoot?.querySelector('output.derived'); i++) await settle(el);
    const output = () => {
      const found: Element[] = [];
      const walk = (root: ShadowRoot | Element) => {
        for (const e of root.querySelectorAll('*')) {
          if (e.matches('output.derived')) found.push(e);
          if (e.shadowRoot) walk(e.shadowRoot);
        }
      };
      walk(preview.shadowRoot!);
      return found[0]?.textContent?.trim();
    };
    for (let i = 0; i < 20 && output() !== '1'; i++) await settle(el);
    expect(output()).to.equal('1');
  });
});
