import { expect } from '@esm-bundle/chai';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { CfProgramDesigner } from './program-designer.js';
import type { CfDesignerSaveEvent } from '../events/designer-save.js';
import { deepActive, loadBundle, mountDesigner } from '../test-support/designer-page.js';
import { announced, byId, removeDesigners, selectRow, settle, tabTo, treeItem, typeInto } from '../test-support/keyboard.js';

// Issue #15 is done when a person builds a new program by keyboard alone — two pages, six fields, a condition, German
// and English texts — that `civicflow check` accepts, and the preview takes a filled-in form. This test is that person.

const open = `{
  "id": "alt",
  "version": "1.0.0",
  "locales": ["de", "en"],
  "title": {"de": "Alt", "en": "Old"},
  "forms": {"a": {"schema": {"type": "object", "properties": {"x": {"type": "string", "maxLength": 10}}}, "ui": {"pages": [{"id": "p", "fields": ["x"]}]}}},
  "texts": {"de": {"forms.a.title": "A", "forms.a.pages.p.title": "P", "forms.a.fields.x.label": "X"},
            "en": {"forms.a.title": "A", "forms.a.pages.p.title": "P", "forms.a.fields.x.label": "X"}}
}
`;

/** Both languages of a box set (`label-de`, `label-en`, …). */
async function typeBoth(el: CfProgramDesigner, id: string, de: string, en: string): Promise<void> {
  await typeInto(el, `${id}-de`, de);
  await typeInto(el, `${id}-en`, en);
}

/** The kind beside *Add field*, chosen with the arrow keys from where it is now. */
async function chooseKind(el: CfProgramDesigner, kind: string): Promise<void> {
  const select = await tabTo(el, byId('new-kind'));
  const options = [...(select as HTMLSelectElement).options].map((o) => o.value);
  const steps = options.indexOf(kind) - (select as HTMLSelectElement).selectedIndex;
  for (let i = 0; i < Math.abs(steps); i++) await sendKeys({ press: steps > 0 ? 'ArrowDown' : 'ArrowUp' });
  await settle(el);
  expect((select as HTMLSelectElement).value).to.equal(kind);
}

/** Back to the outline's selected row, then Insert: a field of the chosen kind after it. */
async function insertField(el: CfProgramDesigner, kind: string, id: string): Promise<void> {
  await chooseKind(el, kind);
  await tabTo(el, treeItem);
  await sendKeys({ press: 'Insert' });
  await settle(el);
  expect(deepActive()!.id).to.equal(id);
}

afterEach(removeDesigners);

describe('a new program, by keyboard alone (issue #15)', function () {
  this.timeout(300_000);
  before(loadBundle);

  it('builds two pages, six fields, a condition and German and English texts; civicflow check accepts the saved file; the preview takes the answers', async () => {
    const el = await mountDesigner(open, 'en');
    (document.activeElement as HTMLElement | null)?.blur();

    // "New program…", the empty template, an id, a title, German and English.
    await tabTo(el, byId('new-program'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const start = el.shadowRoot!.querySelector('cf-program-start')!;
    await start.updateComplete;
    expect(deepActive()!.id).to.equal('start-intake');
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(deepActive()!.id).to.equal('start-empty');
    await tabTo(el, byId('program-id'));
    await sendKeys({ type: 'heizkostenhilfe' });
    await tabTo(el, byId('program-title'));
    await sendKeys({ type: 'Heizkostenhilfe' });
    await tabTo(el, byId('locale-de'));
    expect((deepActive() as HTMLInputElement).checked).to.equal(true);
    await tabTo(el, byId('locale-en'));
    expect((deepActive() as HTMLInputElement).checked).to.equal(true);
    await tabTo(el, byId('create-program'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deepActive()!.id).to.equal('form:antrag');
    expect(JSON.parse(el.workingText!).id).to.equal('heizkostenhilfe');

    // The form's title, the first page's title.
    await typeBoth(el, 'form-title', 'Antrag auf Heizkostenhilfe', 'Application for heating aid');
    await selectRow(el, 'page:antrag:page1');
    await typeBoth(el, 'page-title', 'Person und Wohnung', 'Person and home');

    // Page 1: the template's text field, a date and a choice with its two options, all required.
    await selectRow(el, 'field:antrag:text1');
    await typeBoth(el, 'label', 'Name', 'Name');
    await tabTo(el, byId('required'));
    await sendKeys({ press: 'Space' });
    await settle(el);
    await insertField(el, 'date', 'field:antrag:field1');
    await typeBoth(el, 'label', 'Geburtsdatum', 'Date of birth');
    await tabTo(el, byId('required'));
    await sendKeys({ press: 'Space' });
    await settle(el);
    await insertField(el, 'choice', 'field:antrag:field2');
    await typeBoth(el, 'label', 'Wohnen Sie zur Miete?', 'Do you rent your home?');
    await typeBoth(el, 'option-0', 'Ja, zur Miete', 'Yes, I rent');
    await typeBoth(el, 'option-1', 'Nein, im Eigentum', 'No, I own it');
    await tabTo(el, byId('required'));
    await sendKeys({ press: 'Space' });
    await settle(el);

    // Page 2, its title, and three fields: an e-mail address, a whole number shown only for renters, a consent.
    await tabTo(el, byId('add-page'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deepActive()!.id).to.equal('page:antrag:page2');
    await typeBoth(el, 'page-title', 'Kontakt und Miete', 'Contact and rent');
    await insertField(el, 'email', 'field:antrag:field3');
    await typeBoth(el, 'label', 'E-Mail-Adresse', 'E-mail address');
    await insertField(el, 'integer', 'field:antrag:field4');
    await typeBoth(el, 'label', 'Miete im Monat (Euro)', 'Monthly rent (euros)');
    await typeInto(el, 'minimum', '0');

    // "Show this field when …": the rent only when the answer to the choice is "Yes, I rent".
    await tabTo(el, byId('show-when-add'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const field = (await tabTo(el, byId('show-when-r0-field'))) as HTMLSelectElement;
    while (field.value !== 'field2') {
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
    }
    await settle(el);
    expect(el.shadowRoot!.querySelector('#show-when-words')!.textContent).to.equal('“Do you rent your home?” is “Yes, I rent”');

    await insertField(el, 'consent', 'field:antrag:field5');
    await typeBoth(el, 'label', 'Meine Angaben sind richtig.', 'What I said is true.');
    await tabTo(el, byId('required'));
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(el.problems).to.deep.equal([]);

    // Save: the host gets the text; the real `civicflow check` accepts it.
    const saved = new Promise<CfDesignerSaveEvent>((resolve) => el.addEventListener('cf-designer-save', resolve, { once: true }));
    await tabTo(el, byId('save'));
    await sendKeys({ press: 'Enter' });
    const event = await saved;
    expect(event.detail.problems).to.deep.equal([]);
    const check = await executeServerCommand<{ code: number; output: string }, { text: string }>('cf-civicflow-check', { text: event.detail.text });
    expect(check.output).to.match(/^OK heizkostenhilfe@0\.1\.0: 1 forms?, 6 fields, locales de, en/);
    expect(check.code).to.equal(0);
    const program = JSON.parse(event.detail.text);
    const form = program.forms.antrag;
    expect(form.ui.pages.map((p: { id: string; fields: unknown[] }) => [p.id, p.fields.length])).to.deep.equal([
      ['page1', 3],
      ['page2', 3],
    ]);
    expect(Object.values(form.schema.properties).map((s) => (s as { type?: string; format?: string }).format ?? (s as { type?: string }).type)).to.deep.equal([
      'string',
      'date',
      undefined,
      'email',
      'integer',
      'boolean',
    ]);
    expect(form.ui.pages[1].fields[1]).to.deep.equal({ field: 'field4', when: { properties: { field2: { const: 'option1' } }, required: ['field2'] } });
    for (const locale of ['de', 'en']) {
      for (const key of ['forms.antrag.title', 'forms.antrag.pages.page2.title', 'forms.antrag.fields.field4.label', 'forms.antrag.fields.field2.options.option2']) {
        expect(program.texts[locale][key], `${locale}: ${key}`).to.be.a('string').and.not.match(/^(Page|Seite|Option|Text) \d/);
      }
    }
    expect(program.texts.de['forms.antrag.fields.field5.label']).to.equal('Meine Angaben sind richtig.');

    // The preview: filled in by keyboard on both pages and sent; it checks the answers and confirms.
    const preview = el.shadowRoot!.querySelector('cf-form')!;
    await tabTo(el, byId('cf-text1'), { limit: 200 });
    await sendKeys({ type: 'Dana Beispiel' });
    await tabTo(el, byId('cf-field1'));
    await sendKeys({ type: '03141987' });
    await settle(el);
    expect((deepActive() as HTMLInputElement).value).to.equal('1987-03-14');
    // The choice's first radio button; Space picks "Yes, I rent".
    const yes = (await tabTo(el, (e) => e instanceof HTMLInputElement && e.type === 'radio')) as HTMLInputElement;
    expect(yes.labels?.[0]?.textContent).to.contain('Yes, I rent');
    await sendKeys({ press: 'Space' });
    await settle(el);
    await tabTo(el, (e) => e.tagName === 'BUTTON' && e.textContent!.trim() === 'Continue');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await tabTo(el, byId('cf-field3'));
    await sendKeys({ type: 'dana@example.org' });
    await tabTo(el, byId('cf-field4'));
    await sendKeys({ type: '640' });
    await tabTo(el, byId('cf-field5'));
    await sendKeys({ press: 'Space' });
    await settle(el);
    // The last page leads to the review of every answer; Send is there.
    const primary = (e: Element) => e.tagName === 'BUTTON' && e.getAttribute('part') === 'button button-primary';
    expect((await tabTo(el, primary)).textContent!.trim()).to.equal('Continue');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(preview.shadowRoot!.textContent).to.contain('640');
    expect((await tabTo(el, primary)).textContent!.trim()).to.equal('Send');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    await preview.updateComplete;
    await settle(el);
    expect(preview.shadowRoot!.querySelector('[part="confirmation"]')?.textContent).to.contain('Thank you, your form has been sent');
    expect(el.shadowRoot!.querySelector('#preview-sent')!.textContent).to.contain('The preview took the answers: they are valid.');
    expect(announced(el)).to.equal('The preview took the answers: they are valid. Nothing was sent anywhere.');
  });
});
