import { expect } from '@esm-bundle/chai';
import { axeViolations } from '@civicflow/test-support/browser';
import type { CfProgramDesigner } from './program-designer.js';
import { deepActive, exampleText, loadBundle, mountDesigner } from '../test-support/designer-page.js';
import { announced, press, removeDesigners, settle } from '../test-support/keyboard.js';

const program = `{
  "id": "gruppen",
  "version": "1.0.0",
  "locales": ["de", "en"],
  "title": {"de": "Gruppen", "en": "Groups"},
  "forms": {
    "antrag": {
      "schema": {
        "type": "object",
        "properties": {
          "address": {"type": "object", "properties": {"street": {"type": "string", "maxLength": 100}}},
          "phone": {"type": "string", "maxLength": 30, "pattern": "^[0-9 +]{3,30}$"},
          "household": {"type": "array", "maxItems": 10, "items": {"type": "object", "properties": {"name": {"type": "string", "maxLength": 100}}}},
          "living": {"enum": ["alone", "shared"]},
          "note": {"type": "string", "maxLength": 200}
        },
        "required": ["phone"]
      },
      "ui": {"pages": [
        {"id": "person", "fields": ["address", {"field": "phone", "autocomplete": "tel"}, "household"]},
        {"id": "more", "fields": ["living", {"field": "note", "when": {"properties": {"living": {"const": "shared"}}, "required": ["living"]}}]}
      ]}
    }
  },
  "texts": {
    "de": {"forms.antrag.title": "Antrag", "forms.antrag.pages.person.title": "Person", "forms.antrag.pages.more.title": "Mehr",
      "forms.antrag.fields.address.label": "Adresse", "forms.antrag.fields.address.street.label": "Straße",
      "forms.antrag.fields.phone.label": "Telefon", "forms.antrag.fields.phone.help": "Mit Vorwahl",
      "forms.antrag.fields.household.label": "Haushalt", "forms.antrag.fields.household.name.label": "Name",
      "forms.antrag.fields.living.label": "Wohnen", "forms.antrag.fields.living.options.alone": "Allein", "forms.antrag.fields.living.options.shared": "Mit anderen",
      "forms.antrag.fields.note.label": "Hinweis"},
    "en": {"forms.antrag.title": "Application", "forms.antrag.pages.person.title": "Person", "forms.antrag.pages.more.title": "More",
      "forms.antrag.fields.address.label": "Address", "forms.antrag.fields.address.street.label": "Street",
      "forms.antrag.fields.phone.label": "Phone", "forms.antrag.fields.phone.help": "With area code",
      "forms.antrag.fields.household.label": "Household", "forms.antrag.fields.household.name.label": "Name",
      "forms.antrag.fields.living.label": "Living", "forms.antrag.fields.living.options.alone": "Alone", "forms.antrag.fields.living.options.shared": "With others",
      "forms.antrag.fields.note.label": "Note"}
  }
}
`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the program's JSON, read in assertions
const json = (el: CfProgramDesigner): any => JSON.parse(el.workingText!);
const entries = (el: CfProgramDesigner) => json(el).forms.antrag.ui.pages[0].fields;

afterEach(removeDesigners);

describe('cf-program-designer: fields into groups and out', function () {
  this.timeout(180_000);
  before(loadBundle);

  it('by keyboard: Alt+Arrow Right into the group above, Alt+Arrow Left out, Alt+Arrow Up/Down inside; texts follow; announced; axe-clean', async () => {
    const el = await mountDesigner(program, 'en');
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 10 && deepActive()?.getAttribute('role') !== 'treeitem'; i++) await press(el, 'Tab');
    for (let i = 0; i < 10 && deepActive()!.id !== 'field:antrag:phone'; i++) await press(el, 'ArrowDown');
    expect(deepActive()!.id).to.equal('field:antrag:phone');

    await press(el, 'ArrowRight', 'Alt');
    expect(deepActive()!.id).to.equal('field:antrag:address.phone');
    expect(announced(el)).to.equal('"Phone" is now in "Address", at position 2 of 2.');
    let p = json(el);
    expect(Object.keys(p.forms.antrag.schema.properties.address.properties)).to.deep.equal(['street', 'phone']);
    expect(p.forms.antrag.schema.properties.address.required).to.deep.equal(['phone']);
    expect(p.forms.antrag.schema.required).to.equal(undefined);
    // Its autocomplete stays with it: the group's entry now lists its fields.
    expect(entries(el)[0]).to.deep.equal({ field: 'address', fields: ['street', { field: 'phone', autocomplete: 'tel' }] });
    expect(p.texts.de['forms.antrag.fields.address.phone.help']).to.equal('Mit Vorwahl');
    expect(el.problems).to.deep.equal([]);
    expect(await axeViolations(el, 'designer after a move into a group')).to.deep.equal([]);

    // Up inside the group, then out: after the group on the page.
    await press(el, 'ArrowUp', 'Alt');
    expect(announced(el)).to.equal('"Phone" is now in "Address", at position 1 of 2.');
    await press(el, 'ArrowLeft', 'Alt');
    expect(deepActive()!.id).to.equal('field:antrag:phone');
    expect(announced(el)).to.equal('"Phone" is now at position 2 of 3 on page "Person".');
    expect(json(el).texts.en['forms.antrag.fields.phone.help']).to.equal('With area code');
    expect(json(el).forms.antrag.schema.required).to.deep.equal(['phone']);

    // Down past the repeated group, then into it with the button.
    await press(el, 'ArrowDown', 'Alt');
    expect(deepActive()!.id).to.equal('field:antrag:phone');
    await press(el, 'Tab');
    for (let i = 0; i < 40 && deepActive()!.id !== 'move-in'; i++) await press(el, 'Tab');
    expect(deepActive()!.id).to.equal('move-in');
    await press(el, 'Enter');
    expect(announced(el)).to.equal('"Phone" is now in "Household", at position 2 of 2.');
    p = json(el);
    expect(Object.keys(p.forms.antrag.schema.properties.household.items.properties)).to.deep.equal(['name', 'phone']);
    expect(p.texts.en['forms.antrag.fields.household.phone.label']).to.equal('Phone');
    expect(el.problems).to.deep.equal([]);

    // Undo takes the move back whole.
    await press(el, 'KeyZ', 'Control');
    expect(json(el).forms.antrag.schema.properties.phone).to.deep.equal({ type: 'string', maxLength: 30, pattern: '^[0-9 +]{3,30}$' });
    expect(json(el).texts.en['forms.antrag.fields.phone.label']).to.equal('Phone');
  });

  it('refuses in words a move a condition would not survive, and changes nothing', async () => {
    const el = await mountDesigner(program, 'de');
    const root = el.shadowRoot!;
    const before = el.workingText;
    root.querySelector<HTMLElement>('[id="field:antrag:living"]')!.click();
    await settle(el);
    // "Wohnen" has no group above it on its page; "Hinweis" below it cannot go into a group either.
    await press(el, 'ArrowRight', 'Alt');
    expect(announced(el)).to.equal('Direkt über „Wohnen“ steht keine Gruppe, in die es verschoben werden könnte.');
    // Onto the first page, after the address group, then into it: refused, the condition of "Hinweis" names it.
    await press(el, 'ArrowUp', 'Alt');
    expect(entries(el).map((e: unknown) => (typeof e === 'string' ? e : (e as { field: string }).field))).to.deep.equal(['address', 'phone', 'household', 'living']);
    await press(el, 'ArrowUp', 'Alt');
    await press(el, 'ArrowUp', 'Alt');
    await press(el, 'ArrowRight', 'Alt');
    expect(root.querySelector('[part="outline"] [role="alert"]')!.textContent).to.equal(
      '„Wohnen“ kann nicht verschoben werden: Die Bedingung bei „Hinweis“ nennt das Feld an seinem jetzigen Platz. Ändern oder entfernen Sie diese Bedingung zuerst. Es wurde nichts geändert.',
    );
    expect(json(el).forms.antrag.schema.properties.living).to.deep.equal({ enum: ['alone', 'shared'] });
    for (let i = 0; i < 3; i++) await press(el, 'KeyZ', 'Control');
    expect(el.workingText).to.equal(before);
  });

  it('by drag and drop: onto a group into it, onto a field inside a group to its place, onto a page out again', async () => {
    const el = await mountDesigner(program, 'en');
    const root = el.shadowRoot!;
    const item = (id: string) => root.querySelector<HTMLElement>(`[id="${id}"]`)!;
    const drag = async (from: string, to: string) => {
      const data = new DataTransfer();
      item(from).dispatchEvent(new DragEvent('dragstart', { bubbles: true, composed: true, dataTransfer: data }));
      const over = new DragEvent('dragover', { bubbles: true, composed: true, cancelable: true, dataTransfer: data });
      item(to).dispatchEvent(over);
      expect(over.defaultPrevented, `${to} takes the drop`).to.equal(true);
      item(to).dispatchEvent(new DragEvent('drop', { bubbles: true, composed: true, cancelable: true, dataTransfer: data }));
      await settle(el);
    };
    await drag('field:antrag:phone', 'field:antrag:household');
    expect(announced(el)).to.equal('"Phone" is now in "Household", at position 2 of 2.');
    await drag('field:antrag:household.phone', 'field:antrag:address.street');
    expect(announced(el)).to.equal('"Phone" is now in "Address", at position 1 of 2.');
    expect(Object.keys(json(el).forms.antrag.schema.properties.address.properties)).to.deep.equal(['phone', 'street']);
    expect(entries(el)[0]).to.deep.equal({ field: 'address', fields: [{ field: 'phone', autocomplete: 'tel' }, 'street'] });
    await drag('field:antrag:address.phone', 'page:antrag:more');
    expect(announced(el)).to.equal('"Phone" is now at position 3 of 3 on page "More".');
    expect(json(el).forms.antrag.ui.pages[1].fields[2]).to.deep.equal({ field: 'phone', autocomplete: 'tel' });
    expect(json(el).texts.de['forms.antrag.fields.phone.label']).to.equal('Telefon');
    expect(el.problems).to.deep.equal([]);
  });

  it('lists a form’s derived values and rules across fields in words; Go there selects the field, by keyboard; axe-clean', async () => {
    const el = await mountDesigner(await exampleText('wir-vielfalt'), 'en');
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 10 && deepActive()?.getAttribute('role') !== 'treeitem'; i++) await press(el, 'Tab');
    expect(deepActive()!.id).to.equal('form:application');
    const list = el.shadowRoot!.querySelector('#form-rules')!;
    const items = [...list.querySelectorAll('li')].map((li) => li.textContent!.replace('Go there', '').trim());
    expect(items).to.have.length(2);
    expect(items[0]).to.match(/^“.+” is the sum of “.+”$/);
    expect(items[1]).to.match(/^“.+” is at most “.+”$/);
    expect(await axeViolations(el, 'designer with the form’s rules')).to.deep.equal([]);
    for (let i = 0; i < 40 && !deepActive()?.getAttribute('aria-label')?.startsWith('Go there: '); i++) await press(el, 'Tab');
    await press(el, 'Enter');
    expect(deepActive()!.id).to.equal('field:application:funding.totalCosts');
  });
});
