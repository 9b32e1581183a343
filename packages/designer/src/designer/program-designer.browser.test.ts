import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CfDesignerSaveEvent } from '../events/designer-save.js';
import { axeViolations } from '@civicflow/test-support/browser';
import { deepActive, loadBundle, mountDesigner } from '../test-support/designer-page.js';
import { announced, byId, chord, removeDesigners, settle, tabTo, typeInto } from '../test-support/keyboard.js';

const start = `{
  "id": "winterhilfe",
  "version": "1.0.0",
  "locales": ["de", "en"],
  "title": {"de":"Winterhilfe",   "en": "Winter aid"},
  "forms": {
    "application": {
      "schema": {
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "givenName": { "type": "string", "maxLength": 100, "x-personal-data": true }
        },
        "required": ["givenName"]
      },
      "ui": {
        "pages": [
          { "id": "person", "fields": ["givenName"] }
        ]
      }
    }
  },
  "texts": {
    "de": {
      "forms.application.title": "Antrag",
      "forms.application.pages.person.title": "Person",
      "forms.application.fields.givenName.label": "Vorname"
    },
    "en": {
      "forms.application.title": "Application",
      "forms.application.pages.person.title": "Person",
      "forms.application.fields.givenName.label": "Given name"
    }
  }
}
`;

afterEach(removeDesigners);

describe('cf-program-designer', function () {
  this.timeout(120_000);
  before(loadBundle);

  it('adds a page and fields, sets required and labels in German and English, by keyboard alone; the saved JSON passes loadProgram', async () => {
    const el = await mountDesigner(start, 'en');
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, (e) => e.getAttribute('role') === 'treeitem');
    expect(deepActive()!.id).to.equal('form:application');

    // A new page after "person".
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(deepActive()!.id).to.equal('page:application:person');
    await tabTo(el, byId('add-page'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deepActive()!.id).to.equal('page:application:page2');
    expect(announced(el)).to.equal('"Page 2" was added.');
    // An empty page is a problem until it has a field: the designer checks as loadProgram does.
    expect(el.problems.length).to.be.greaterThan(0);

    // Two fields on it (Insert in the outline), the second a phone number.
    await sendKeys({ press: 'Insert' });
    await settle(el);
    expect(deepActive()!.id).to.equal('field:application:field1');
    expect(el.problems).to.deep.equal([]);
    await tabTo(el, byId('new-kind'));
    await sendKeys({ press: 'ArrowDown' }); // long text
    await sendKeys({ press: 'ArrowDown' }); // whole number
    await tabTo(el, (e) => e.getAttribute('role') === 'treeitem', { back: true });
    await sendKeys({ press: 'Insert' });
    await settle(el);
    expect(deepActive()!.id).to.equal('field:application:field2');
    expect(deepActive()!.textContent).to.contain('Whole number');

    // Required, and its label in both languages side by side.
    await tabTo(el, byId('required'));
    await sendKeys({ press: 'Space' });
    await settle(el);
    await typeInto(el, 'label-de', 'Anzahl der Kinder');
    await typeInto(el, 'label-en', 'Number of children');
    await typeInto(el, 'minimum', '0');

    // Moved up by keyboard, and the move is announced; undo and redo with the shortcuts.
    await tabTo(el, (e) => e.getAttribute('role') === 'treeitem', { back: true });
    expect(deepActive()!.id).to.equal('field:application:field2');
    await chord('Alt', 'ArrowUp');
    await settle(el);
    expect(announced(el)).to.equal('"Number of children" is now at position 1 of 2 on page "Page 2".');
    await chord('Control', 'KeyZ');
    await settle(el);
    expect(announced(el)).to.match(/^Undone: /);
    await sendKeys({ down: 'Shift' });
    await chord('Control', 'KeyZ');
    await sendKeys({ up: 'Shift' });
    await settle(el);
    expect(announced(el)).to.match(/^Redone: /);

    // Save: no problems, so no question; the host gets the text.
    const saved = new Promise<CfDesignerSaveEvent>((resolve) => el.addEventListener('cf-designer-save', resolve, { once: true }));
    await tabTo(el, byId('save'), { back: true });
    await sendKeys({ press: 'Enter' });
    const event = await saved;
    expect(event.detail.problems).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('[part="problems"] .ok')?.textContent).to.contain('"civicflow check" accepts the program');
    const program = JSON.parse(event.detail.text);
    expect(program.forms.application.ui.pages.map((p: { id: string; fields: unknown[] }) => [p.id, p.fields])).to.deep.equal([
      ['person', ['givenName']],
      ['page2', ['field2', 'field1']],
    ]);
    expect(program.forms.application.schema.required).to.deep.equal(['givenName', 'field2']);
    expect(program.forms.application.schema.properties.field2).to.deep.equal({ type: 'integer', minimum: 0 });
    expect(program.texts.de['forms.application.fields.field2.label']).to.equal('Anzahl der Kinder');
    expect(program.texts.en['forms.application.fields.field2.label']).to.equal('Number of children');
    expect(program.texts.en['forms.application.pages.page2.title']).to.equal('Page 2');
    // What was not touched keeps its bytes: odd spacing, and the key order.
    expect(event.detail.text.slice(0, start.indexOf('"forms"'))).to.equal(start.slice(0, start.indexOf('"forms"')));
    // The preview shows the form in the chosen language.
    const preview = el.shadowRoot!.querySelector('cf-form')!;
    expect(preview.getAttribute('form-id')).to.equal('application');
    await preview.updateComplete;
    await settle(el);
    expect(preview.shadowRoot!.textContent).to.contain('Given name');
  });

  it('by keyboard alone: a choice with its own options, a condition on it, a page moved and one deleted; sample answers in the phone-wide preview', async () => {
    const el = await mountDesigner(start, 'en');
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, (e) => e.getAttribute('role') === 'treeitem');
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(deepActive()!.id).to.equal('field:application:givenName');

    // A choice (one) after the given name: chosen in the kind list, added with Insert.
    await tabTo(el, byId('new-kind'));
    for (let i = 0; i < 10; i++) await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(el.shadowRoot!.querySelector<HTMLSelectElement>('#new-kind')!.value).to.equal('choice');
    await tabTo(el, (e) => e.getAttribute('role') === 'treeitem', { back: true });
    await sendKeys({ press: 'Insert' });
    await settle(el);
    expect(deepActive()!.id).to.equal('field:application:field1');
    expect(deepActive()!.textContent).to.contain('Choice (one)');

    // Its options: a third one typed and added with Enter, labelled in both languages, moved up, the first deleted.
    await typeInto(el, 'label-en', 'Heating');
    await tabTo(el, byId('new-option'));
    await sendKeys({ type: 'oil' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(announced(el)).to.equal('"oil" was added.');
    await typeInto(el, 'option-2-de', 'Öl');
    await typeInto(el, 'option-2-en', 'Oil heating');
    await tabTo(el, byId('option-2-up'));
    expect(deepActive()!.getAttribute('aria-label')).to.equal('Move "Oil heating" up');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(announced(el)).to.equal('"Oil heating" is now option 2 of 3.');
    await tabTo(el, byId('option-0-remove'), { back: true });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    let text = JSON.parse(el.workingText!);
    expect(text.forms.application.schema.properties.field1).to.deep.equal({ enum: ['oil', 'option2'] });
    expect(text.texts.de['forms.application.fields.field1.options.oil']).to.equal('Öl');
    expect(text.texts.en['forms.application.fields.field1.options.option1']).to.equal(undefined);

    // "Show this field when …": the given name is shown only when the heating is oil.
    await tabTo(el, (e) => e.getAttribute('role') === 'treeitem', { back: true });
    await sendKeys({ press: 'ArrowUp' });
    await settle(el);
    expect(deepActive()!.id).to.equal('field:application:givenName');
    await tabTo(el, byId('show-when-add'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot!.querySelector('#show-when-words')!.textContent).to.equal('“Heating” is “Oil heating”');
    await tabTo(el, byId('show-when-r0-op'));
    await sendKeys({ press: 'ArrowDown' }); // is not
    await settle(el);
    expect(el.shadowRoot!.querySelector('#show-when-words')!.textContent).to.equal('“Heating” is not “Oil heating”');
    text = JSON.parse(el.workingText!);
    expect(text.forms.application.ui.pages[0].fields[0]).to.deep.equal({
      field: 'givenName',
      when: { properties: { field1: { not: { const: 'oil' } } }, required: ['field1'] },
    });

    // A second page, moved before the first, then deleted: Undo brings it back.
    await tabTo(el, byId('add-page'), { back: true });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deepActive()!.id).to.equal('page:application:page2');
    await tabTo(el, byId('page-up'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(announced(el)).to.equal('The page "Page 2" is now page 1 of 2.');
    await tabTo(el, byId('remove-page'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(announced(el)).to.equal('"Page 2" was deleted.');
    expect(JSON.parse(el.workingText!).forms.application.ui.pages.map((p: { id: string }) => p.id)).to.deep.equal(['person']);
    expect(el.problems).to.deep.equal([]);

    // The preview at a phone's width, and sample answers: the second set hides the given name.
    await tabTo(el, byId('preview-phone'));
    await sendKeys({ press: 'Space' });
    await settle(el);
    expect(deepActive()!.getAttribute('aria-pressed')).to.equal('true');
    expect(el.shadowRoot!.querySelector<HTMLElement>('.preview-frame')!.getBoundingClientRect().width).to.equal(390);
    await tabTo(el, byId('try-data'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot!.querySelector('#trial')!.textContent).to.contain('Hidden by conditions: Given name.');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.shadowRoot!.querySelector('#trial')!.textContent).to.contain('No condition hides anything.');
    expect(el.shadowRoot!.querySelector('#trial')!.textContent).to.contain('The sample answers are valid.');
    const preview = el.shadowRoot!.querySelector('cf-form') as HTMLElement & { value: Record<string, unknown> };
    expect(preview.value).to.deep.include({ field1: 'option2', givenName: 'Example' });
  });

  it('lists every text with what each language lacks, edits one in place, and shows an imported CSV before applying it as one step', async () => {
    const el = await mountDesigner(start, 'en');
    const root = el.shadowRoot!;
    (document.activeElement as HTMLElement | null)?.blur();
    await tabTo(el, (e) => e.tagName === 'SUMMARY' && e.parentElement?.getAttribute('part') === 'texts');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(root.querySelector('#texts-missing')!.textContent).to.equal('German: 0 missing · English: 0 missing');
    // A help text in English only: German now lacks one, marked in the table.
    const helpText = '{"forms.application.fields.givenName.help": "As in your passport"}';
    el.shadowRoot!.querySelector<HTMLTextAreaElement>('#json')!.value = el.workingText!.replace('"forms.application.fields.givenName.label": "Given name"', `"forms.application.fields.givenName.label": "Given name", ${helpText.slice(1, -1)}`);
    el.shadowRoot!.querySelector('#json')!.dispatchEvent(new Event('input'));
    root.querySelector<HTMLButtonElement>('#apply-json')!.click();
    await settle(el);
    expect(root.querySelector('#texts-missing')!.textContent).to.equal('German: 1 missing · English: 0 missing');
    const missing = root.querySelector<HTMLTextAreaElement>('td.missing textarea')!;
    expect(missing.getAttribute('aria-label')).to.equal('Application › Given name: Help text (German), missing');
    missing.focus();
    await sendKeys({ type: 'Wie im Pass' });
    await sendKeys({ press: 'Tab' });
    await settle(el);
    expect(JSON.parse(el.workingText!).texts.de['forms.application.fields.givenName.help']).to.equal('Wie im Pass');
    expect(root.querySelector('#texts-missing')!.textContent).to.equal('German: 0 missing · English: 0 missing');

    // An import is shown before it is applied; applying is one step.
    const before = el.workingText!;
    const csv = 'key,de,en\r\nforms.application.fields.givenName.label,Rufname,"First name, as used"\r\n';
    const input = root.querySelector<HTMLInputElement>('#import-texts')!;
    const files = new DataTransfer();
    files.items.add(new File([csv], 'texts.csv', { type: 'text/csv' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r, 50));
    await settle(el);
    expect(root.querySelector('#import-preview h3')!.textContent).to.equal('"texts.csv" would change 2 text(s)');
    expect(root.querySelector('#import-preview del')!.textContent).to.equal('Vorname');
    expect(el.workingText).to.equal(before);
    await tabTo(el, byId('apply-import'));
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(announced(el)).to.equal('2 text(s) were applied.');
    expect(JSON.parse(el.workingText!).texts.en['forms.application.fields.givenName.label']).to.equal('First name, as used');
    await tabTo(el, (e) => e.textContent === 'Undo', { back: true });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(el.workingText).to.equal(before);

    // A column of a language the program lacks is refused, in words.
    files.items.clear();
    files.items.add(new File(['key,fr\r\nx,y'], 'fr.csv', { type: 'text/csv' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await new Promise((r) => setTimeout(r, 50));
    await settle(el);
    expect(root.querySelector('[part="texts"] [role="alert"]')!.textContent).to.contain('"fr", a language the program does not have');
  });

  it('moves a field by drag and drop, onto another page or onto another field, and announces it', async () => {
    const el = await mountDesigner(start, 'en');
    const root = el.shadowRoot!;
    const item = (id: string) => root.querySelector<HTMLElement>(`[id="${id}"]`)!;
    item('page:application:person').click();
    await settle(el);
    root.querySelector<HTMLButtonElement>('#add-page')!.click();
    await settle(el);
    item('page:application:person').click();
    await settle(el);
    root.querySelector<HTMLButtonElement>('#add-field')!.click();
    await settle(el);
    const drag = async (from: string, to: string) => {
      const data = new DataTransfer();
      item(from).dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer: data }));
      const over = new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: data });
      item(to).dispatchEvent(over);
      expect(over.defaultPrevented, `${to} takes the drop`).to.equal(true);
      item(to).dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: data }));
      await settle(el);
    };
    const pages = () => (JSON.parse(el.workingText!) as { forms: { application: { ui: { pages: { id: string; fields: unknown[] }[] } } } }).forms.application.ui.pages.map((p) => [p.id, p.fields]);
    expect(pages()).to.deep.equal([
      ['person', ['givenName', 'field1']],
      ['page2', []],
    ]);
    await drag('field:application:field1', 'field:application:givenName');
    expect(pages()).to.deep.equal([
      ['person', ['field1', 'givenName']],
      ['page2', []],
    ]);
    expect(announced(el)).to.equal('"Text 1" is now at position 1 of 2 on page "Person".');
    await drag('field:application:givenName', 'page:application:page2');
    expect(pages()).to.deep.equal([
      ['person', ['field1']],
      ['page2', ['givenName']],
    ]);
    expect(announced(el)).to.equal('"Given name" is now at position 1 of 1 on page "Page 2".');
    expect(el.problems).to.deep.equal([]);
    // A form is no place to drop a field.
    const data = new DataTransfer();
    item('field:application:field1').dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer: data }));
    const over = new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: data });
    item('form:application').dispatchEvent(over);
    expect(over.defaultPrevented).to.equal(false);
  });

  it('refuses a pattern that can backtrack catastrophically, says so at the field in German, and changes nothing', async () => {
    const el = await mountDesigner(start, 'de');
    el.shadowRoot!.querySelector<HTMLElement>('[id="field:application:givenName"]')!.click();
    await settle(el);
    const before = el.workingText;
    await typeInto(el, 'pattern', '^(a+)+$');
    const error = el.shadowRoot!.querySelector('#pattern-error');
    expect(error?.textContent).to.contain('katastrophales Backtracking');
    expect(el.shadowRoot!.querySelector('#pattern')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.workingText).to.equal(before);
  });

  it('shows a label typed in the preview at once, and the problems a text change makes once the edits pause', async () => {
    const el = await mountDesigner(start, 'en');
    el.shadowRoot!.querySelector<HTMLElement>('[id="field:application:givenName"]')!.click();
    await settle(el);
    const form = () => el.shadowRoot!.querySelector('cf-form')!;
    const setLabel = (text: string) => {
      const input = el.shadowRoot!.querySelector<HTMLInputElement>('#label-en')!;
      input.value = text;
      input.dispatchEvent(new Event('change'));
    };
    setLabel('First name');
    await settle(el);
    await form().updateComplete;
    expect(form().shadowRoot!.textContent).to.contain('First name');
    // An empty label is a missing text: the preview went on, the check that says so follows by itself.
    setLabel('');
    const problemsShown = () => el.shadowRoot!.querySelectorAll('[part="problems"] li').length;
    for (let i = 0; i < 50 && problemsShown() === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const shown = el.shadowRoot!.querySelector('[part="problems"]')!.textContent!;
    expect(shown).to.contain('givenName');
    expect(el.shadowRoot!.querySelector('[part="preview"]')!.textContent).to.contain('The preview shows again once the problems are fixed.');
    expect(el.problems.map((p) => p.code)).to.deep.equal(['TEXT_MISSING']);
    // Mended, the problems go away again and the preview comes back with the label.
    setLabel('Given name');
    expect(el.problems).to.deep.equal([]);
    await settle(el);
    await form().updateComplete;
    expect(form().shadowRoot!.textContent).to.contain('Given name');
    expect(problemsShown()).to.equal(0);
  });

  it('takes a typed label into the preview in place, keeping what was typed there; a change to the form itself loads it afresh', async () => {
    const el = await mountDesigner(start, 'en');
    el.shadowRoot!.querySelector<HTMLElement>('[id="field:application:givenName"]')!.click();
    await settle(el);
    const form = () => el.shadowRoot!.querySelector('cf-form')!;
    await form().updateComplete;
    const preview = form();
    const input = () => preview.shadowRoot!.querySelector<HTMLInputElement>('cf-field input')!;
    const typed = input();
    typed.value = 'Ada';
    typed.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await preview.updateComplete;
    const row = (id: string) => el.shadowRoot!.querySelector(`[id="${id}"] > .row`)!;
    const formRow = row('form:application');
    const label = el.shadowRoot!.querySelector<HTMLInputElement>('#label-en')!;
    label.value = 'First name';
    label.dispatchEvent(new Event('change'));
    await settle(el);
    await preview.updateComplete;
    expect(form()).to.equal(preview);
    expect(preview.shadowRoot!.textContent).to.contain('First name');
    expect(input()).to.equal(typed);
    expect((preview as HTMLElement & { value: Record<string, unknown> }).value).to.deep.equal({ givenName: 'Ada' });
    // The outline shows the new label in the field's row; the rows that show the same as before are the same nodes.
    expect(row('field:application:givenName').textContent).to.contain('First name');
    expect(row('form:application')).to.equal(formRow);

    // Not required any more: the form itself changed, and the preview loads it afresh (a new session, no answers).
    el.shadowRoot!.querySelector<HTMLInputElement>('#required')!.click();
    await settle(el);
    await form().updateComplete;
    for (let i = 0; i < 50 && input() === typed; i++) await new Promise((r) => setTimeout(r, 20));
    expect(input()).to.not.equal(typed);
    expect((form() as HTMLElement & { value: Record<string, unknown> }).value).to.deep.equal({});
    expect(form().shadowRoot!.textContent).to.contain('First name');
  });

  it('asks before saving a program that civicflow check refuses', async () => {
    const el = await mountDesigner(start, 'en');
    el.shadowRoot!.querySelector<HTMLElement>('[id="page:application:person"]')!.click();
    await settle(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#add-page')!.click();
    await settle(el);
    let saves = 0;
    el.addEventListener('cf-designer-save', () => saves++);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#save')!.click();
    await settle(el);
    expect(saves).to.equal(0);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('"civicflow check" would refuse it');
    expect(deepActive()!.id).to.equal('save-anyway');
    const saved = new Promise<CfDesignerSaveEvent>((resolve) => el.addEventListener('cf-designer-save', resolve, { once: true }));
    await sendKeys({ press: 'Enter' });
    const event = await saved;
    expect(event.detail.confirmed).to.equal(true);
    expect(event.detail.problems.length).to.be.greaterThan(0);
  });

  it('keeps the working copy in localStorage and restores it after a reload with a notice; discarding loads the file', async () => {
    const el = await mountDesigner(start, 'en', { 'storage-key': 'designer-test' });
    el.shadowRoot!.querySelector<HTMLElement>('[id="page:application:person"]')!.click();
    await settle(el);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#add-field')!.click();
    await settle(el);
    const edited = el.workingText;
    expect(edited).to.not.equal(start);
    el.remove();
    const again = await mountDesigner(start, 'en', { 'storage-key': 'designer-test' });
    expect(again.workingText).to.equal(edited);
    const notice = again.shadowRoot!.querySelector('.notice')!;
    expect(notice.textContent).to.contain('An unsaved working copy from');
    // Undo goes back to the file.
    again.shadowRoot!.querySelector<HTMLButtonElement>('.bar button')!.click();
    await settle(again);
    expect(again.workingText).to.equal(start);
    notice.querySelector('button')!.click();
    await settle(again);
    expect(again.workingText).to.equal(start);
    expect(localStorage.getItem('designer-test')).to.equal(null);
  });

  it('takes JSON pasted into the JSON view as one undoable step, and refuses text that is not JSON with its line and column, changing nothing', async () => {
    const el = await mountDesigner(start, 'en');
    const root = el.shadowRoot!;
    root.querySelector<HTMLDetailsElement>('details[part="json"]')!.open = true;
    const area = root.querySelector<HTMLTextAreaElement>('#json')!;
    expect(area.value).to.equal(start);
    area.focus();
    area.value = start.replace('"Given name"', '"Given name" ,');
    area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    root.querySelector<HTMLButtonElement>('#apply-json')!.click();
    await settle(el);
    expect(root.querySelector('#json-error')!.textContent).to.contain('property name expected at line 33, column 5');
    expect(el.workingText).to.equal(start);
    // The refused text stays in the box to be corrected.
    expect(root.querySelector<HTMLTextAreaElement>('#json')!.value).to.contain('"Given name" ,');
    const edited = start.replace('"Given name"', '"First name"');
    area.value = edited;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    root.querySelector<HTMLButtonElement>('#apply-json')!.click();
    await settle(el);
    expect(root.querySelector('#json-error')).to.equal(null);
    expect(el.workingText).to.equal(edited);
    expect(root.querySelector('[id="field:application:givenName"]')!.textContent).to.contain('First name');
    root.querySelector<HTMLButtonElement>('.bar button')!.click(); // undo
    await settle(el);
    expect(el.workingText).to.equal(start);
    expect(root.querySelector<HTMLTextAreaElement>('#json')!.value).to.equal(start);
  });

  it('shows text that is not JSON with its line and column', async () => {
    const el = await mountDesigner('{\n  "id": "x",\n  "version" "1"\n}', 'de');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Zeile 3, Spalte 13');
  });

  it('has no WCAG 2.1 A/AA violations (axe-core)', async () => {
    const el = await mountDesigner(start, 'de');
    el.shadowRoot!.querySelector<HTMLElement>('[id="field:application:givenName"]')!.click();
    el.shadowRoot!.querySelector('details')!.open = true;
    await settle(el);
    await new Promise((r) => setTimeout(r, 300));
    expect(await axeViolations(el, 'designer')).to.deep.equal([]);
  });

  it('has no WCAG 2.1 A/AA violations with the options of a choice, the rules of a condition, the text table and sample answers open (axe-core)', async () => {
    const el = await mountDesigner(start, 'de');
    const root = el.shadowRoot!;
    root.querySelector<HTMLElement>('[id="field:application:givenName"]')!.click();
    await settle(el);
    (root.querySelector('#new-kind') as HTMLSelectElement).value = 'choice';
    root.querySelector('#new-kind')!.dispatchEvent(new Event('change'));
    root.querySelector<HTMLButtonElement>('#add-field')!.click();
    await settle(el);
    root.querySelector<HTMLElement>('[id="field:application:givenName"]')!.click();
    await settle(el);
    root.querySelector<HTMLButtonElement>('#show-when-add')!.click();
    await settle(el);
    root.querySelector<HTMLButtonElement>('#show-when-add-rule')!.click();
    await settle(el);
    (root.querySelector('#show-when-r1-op') as HTMLSelectElement).value = 'oneOf';
    root.querySelector('#show-when-r1-op')!.dispatchEvent(new Event('change'));
    await settle(el);
    expect(root.querySelectorAll('#show-when .rule').length).to.equal(2);
    const texts = root.querySelector<HTMLDetailsElement>('[part="texts"]')!;
    texts.open = true;
    await settle(el);
    root.querySelector<HTMLButtonElement>('#try-data')!.click();
    await settle(el);
    await new Promise((r) => setTimeout(r, 300));
    expect(root.querySelector('.texts-table table')).to.not.equal(null);
    expect(await axeViolations(el, 'designer')).to.deep.equal([]);
    root.querySelector<HTMLElement>('[id="field:application:field1"]')!.click();
    await settle(el);
    expect(root.querySelectorAll('.options li').length).to.equal(2);
    expect(await axeViolations(el, 'designer')).to.deep.equal([]);
  });
});
