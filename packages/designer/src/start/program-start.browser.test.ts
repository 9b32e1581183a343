import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { axeViolations } from '@civicflow/test-support/browser';
import type { CfProgramDesigner } from '../designer/program-designer.js';
import type { CfDesignerSaveEvent } from '../events/designer-save.js';
import { deepActive, loadBundle } from '../test-support/designer-page.js';
import { announced, removeDesigners, settle, tabTo, typeInto } from '../test-support/keyboard.js';

const startForm = (el: CfProgramDesigner) => el.shadowRoot!.querySelector('cf-program-start')!.shadowRoot!;
const treeLabels = (el: CfProgramDesigner) => [...el.shadowRoot!.querySelectorAll('[role="treeitem"] > .row')].map((r) => r.textContent!.replace(/\s+/g, ' ').trim());

async function mountNew(locale: string): Promise<CfProgramDesigner> {
  const el = document.createElement('cf-program-designer');
  el.setAttribute('locale', locale);
  el.newFile = 'programs/winterhilfe.json';
  document.body.append(el);
  await settle(el);
  return el;
}

afterEach(removeDesigners);

describe('starting a program in the designer', function () {
  this.timeout(120_000);
  before(loadBundle);

  it('on a file that does not exist yet: a program from the intake template, a field added and saved, by keyboard alone', async () => {
    const el = await mountNew('en');
    const form = startForm(el);
    expect(form.textContent).to.contain('The file programs/winterhilfe.json does not exist yet.');
    expect(await axeViolations(el.shadowRoot!.querySelector('cf-program-start')!, 'start form')).to.deep.equal([]);
    // The form opens on its first choice, the intake template.
    expect(deepActive()!.id).to.equal('start-intake');

    // An id a program cannot have is refused under its box, and the focus goes there.
    await typeInto(el, 'program-id', 'Winter Hilfe', { stay: true });
    await typeInto(el, 'program-title', 'Winterhilfe', { stay: true });
    await tabTo(el, 'create-program');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deepActive()!.id).to.equal('program-id');
    expect(form.querySelector('#program-id')!.getAttribute('aria-invalid')).to.equal('true');
    expect(form.querySelector('#error-id')!.textContent).to.contain('The id "Winter Hilfe" cannot be used');
    expect(el.workingText).to.equal(undefined);

    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'KeyA' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: 'winterhilfe' });
    await tabTo(el, 'create-program');
    await sendKeys({ press: 'Enter' });
    await settle(el);

    // The program is open, the outline has the focus, and it was said what happened.
    expect(announced(el)).to.equal('New program "Winterhilfe" created from "Application with person, address in Germany, contact and consent". Save creates the file.');
    expect(deepActive()!.getAttribute('role')).to.equal('treeitem');
    expect(treeLabels(el)).to.include.members(['Page: About you', 'Page: Address', 'Page: Contact', 'Page: Consent']);
    expect(el.problems).to.deep.equal([]);

    // A field on the consent page: down to the page, then Insert.
    for (let i = 0; i < 40 && deepActive()!.id !== 'page:antrag:consent'; i++) {
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
    }
    expect(deepActive()!.id).to.equal('page:antrag:consent');
    await sendKeys({ press: 'Insert' });
    await settle(el);
    expect(deepActive()!.id).to.equal('field:antrag:field1');

    const saved: string[] = [];
    el.addEventListener('cf-designer-save', (e: CfDesignerSaveEvent) => saved.push(e.detail.text));
    await tabTo(el, 'save', { back: true });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(saved).to.have.length(1);
    const program = JSON.parse(saved[0]!) as { id: string; locales: string[]; forms: { antrag: { ui: { pages: { id: string; fields: unknown[] }[] } } } };
    expect([program.id, program.locales]).to.deep.equal(['winterhilfe', ['de', 'en']]);
    expect(program.forms.antrag.ui.pages.find((p) => p.id === 'consent')!.fields).to.deep.equal([{ field: 'consent', widget: 'consent' }, 'field1']);
  });

  it('New program replaces the open one in one step that Undo takes back', async () => {
    const el = await mountNew('de');
    startForm(el).querySelector<HTMLInputElement>('#start-empty')!.click();
    startForm(el).querySelector<HTMLInputElement>('#program-id')!.value = 'erste';
    startForm(el).querySelector<HTMLInputElement>('#program-title')!.value = 'Erste';
    startForm(el).querySelector<HTMLButtonElement>('#create-program')!.click();
    await settle(el);
    const first = el.workingText!;
    expect(JSON.parse(first).id).to.equal('erste');
    el.shadowRoot!.querySelector<HTMLButtonElement>('#new-program')!.click();
    await settle(el);
    // A program is open: the form offers Cancel, and says nothing of a missing file.
    expect(startForm(el).textContent).to.not.contain('gibt es noch nicht');
    startForm(el).querySelector<HTMLButtonElement>('#cancel-start')!.click();
    await settle(el);
    expect([deepActive()!.id, el.workingText]).to.deep.equal(['new-program', first]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('#new-program')!.click();
    await settle(el);
    startForm(el).querySelector<HTMLInputElement>('#program-id')!.value = 'zweite';
    startForm(el).querySelector<HTMLInputElement>('#program-title')!.value = 'Zweite';
    startForm(el).querySelector<HTMLButtonElement>('#create-program')!.click();
    await settle(el);
    expect(JSON.parse(el.workingText!).id).to.equal('zweite');
    expect(announced(el)).to.contain('Rückgängig stellt das vorige wieder her');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-keyshortcuts="Control+Z"]')!.click();
    await settle(el);
    expect(el.workingText).to.equal(first);
  });

  it('imports a FIM schema into the open program: the new form shows its fields, and the warnings are said in words', async () => {
    const el = await mountNew('en');
    startForm(el).querySelector<HTMLInputElement>('#program-id')!.value = 'buegel';
    startForm(el).querySelector<HTMLInputElement>('#program-title')!.value = 'Bike racks';
    startForm(el).querySelector<HTMLButtonElement>('#create-program')!.click();
    await settle(el);
    const xml = await (await fetch('/packages/designer/src/test-support/fim/fahrradbuegel.xml')).text();
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#import-fim')!;
    const files = new DataTransfer();
    files.items.add(new File([xml], 'fahrradbuegel.xml', { type: 'text/xml' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('#fim-report'); i++) await settle(el);
    const report = el.shadowRoot!.querySelector('#fim-report')!;
    expect(report.textContent).to.contain('Form "Antrag auf Fahrradbügel" taken from the FIM schema: 4 fields, 1 group.');
    expect(report.textContent).to.contain('Choose code lists together with the schema');
    expect(report.textContent).to.contain("The schema's texts are German; in English they stay German until translated");
    expect([...report.querySelectorAll('li')].map((l) => l.textContent)).to.have.length(1);
    expect(report.querySelector('li')!.textContent).to.contain('urn:example:lindenau:untergrund');
    expect(treeLabels(el)).to.include.members([
      'Form: Antrag auf Fahrradbügel',
      'Page: Standort der Bügel',
      'Name des Vereins oder Hauses *, Required (Text)',
      'Standort der Bügel *, Required (Group)',
      'Straße und Hausnummer *, Required (Text)',
      'Anzahl der Bügel *, Required (Whole number)',
      // Its code list was not given: a text field until the list comes (the warning says so).
      'Untergrund (Text)',
    ]);
    expect(deepActive()!.id).to.equal('form:antragAufFahrradbuegel');
    expect(el.problems).to.deep.equal([]);
    expect(await axeViolations(report, 'FIM report')).to.deep.equal([]);

    // A file that is no FIM schema is refused in words, and nothing changes.
    const before = el.workingText;
    const other = new DataTransfer();
    other.items.add(new File(['key,de\n'], 'texte.csv', { type: 'text/csv' }));
    input.files = other.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    for (let i = 0; i < 50 && !el.shadowRoot!.querySelector('#import-fim-error'); i++) await settle(el);
    expect(el.shadowRoot!.querySelector('#import-fim-error')!.textContent).to.equal(
      'The file "texte.csv" cannot be taken as a FIM schema: None of the files chosen is an XDatenfelder document (2.0 or 3.0.0). Nothing was changed.',
    );
    expect(el.workingText).to.equal(before);
  });

  it('adds a group inside a group, a field inside that, and deletes it again, by keyboard', async () => {
    const el = await mountNew('en');
    startForm(el).querySelector<HTMLInputElement>('#program-id')!.value = 'nested';
    startForm(el).querySelector<HTMLInputElement>('#program-title')!.value = 'Nested';
    startForm(el).querySelector<HTMLButtonElement>('#create-program')!.click();
    await settle(el);
    for (let i = 0; i < 10 && deepActive()!.id !== 'field:antrag:person'; i++) {
      await sendKeys({ press: 'ArrowDown' });
      await settle(el);
    }
    expect(deepActive()!.id).to.equal('field:antrag:person');
    const kind = el.shadowRoot!.querySelector<HTMLSelectElement>('#new-kind')!;
    kind.value = 'group';
    kind.dispatchEvent(new Event('change'));
    await tabTo(el, 'add-child');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deepActive()!.id).to.equal('field:antrag:person.field1');
    // Inside the new group (not at the end of "Person"): a text field.
    kind.value = 'text';
    kind.dispatchEvent(new Event('change'));
    await tabTo(el, 'add-child');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    expect(deepActive()!.id).to.equal('field:antrag:person.field1.field1');
    expect(el.problems).to.deep.equal([]);
    expect(JSON.parse(el.workingText!).forms.antrag.schema.properties.person.properties.field1.properties).to.have.keys(['text1', 'field1']);
    await sendKeys({ press: 'Delete' });
    await settle(el);
    expect(announced(el)).to.equal('"Text 1" was deleted.');
    expect(JSON.parse(el.workingText!).forms.antrag.schema.properties.person.properties.field1.properties).to.have.keys(['text1']);
  });
});
