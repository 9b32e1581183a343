// The designer's server mode against the real server that web-test-runner starts (scripts/wtr-api-server.mjs): a
// program of its own (`entwurfstest`), two designers and a publisher by their test tokens.
import { expect } from '@esm-bundle/chai';
import { axeViolations } from '@civicflow/test-support/browser';
import { loadBundle } from '../test-support/designer-page.js';
import type { CfDraftPanel } from './draft-panel.js';
import type { CfProgramDesigner } from '../designer/program-designer.js';

const PROGRAM = 'entwurfstest';
const DESIGNER_A = 'test-only-entwurf-designer-a';
const DESIGNER_B = 'test-only-entwurf-designer-b';
const PUBLISHER = 'test-only-entwurf-publisher';

function definition(version: string, extra: Record<string, unknown> = {}, texts: Record<string, Record<string, string>> = {}) {
  return {
    id: PROGRAM,
    version,
    locales: ['de', 'en'],
    title: { de: 'Entwurfstest', en: 'Draft test' },
    forms: {
      request: {
        schema: { type: 'object', additionalProperties: false, required: ['name'], properties: { name: { type: 'string', minLength: 2, maxLength: 80 }, ...extra } },
      },
    },
    texts: {
      de: { 'forms.request.title': 'Anfrage', 'forms.request.fields.name.label': 'Name', ...texts['de'] },
      en: { 'forms.request.title': 'Request', 'forms.request.fields.name.label': 'Name', ...texts['en'] },
    },
  };
}

async function until<T>(fn: () => T | undefined | false, what: string, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`waited for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const status = (panel: CfDraftPanel) => panel.shadowRoot!.querySelector('[role="status"]')!.textContent ?? '';
const button = (panel: CfDraftPanel, words: string) =>
  [...panel.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim().startsWith(words)) as HTMLButtonElement | undefined;
const save = (designer: CfProgramDesigner, text: string) =>
  designer.dispatchEvent(Object.assign(new Event('cf-designer-save', { bubbles: true, composed: true }), { detail: { text, problems: [], confirmed: false } }));

describe('<cf-draft-panel>: the designer on a server', function () {
  this.timeout(240_000);
  let designer: CfProgramDesigner;
  let panel: CfDraftPanel;

  before(async () => {
    await loadBundle();
    const live = await fetch(`/v1/programs/${PROGRAM}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${PUBLISHER}` },
      body: JSON.stringify(definition('1.0.0')),
    });
    expect([200, 201]).to.include(live.status);
    document.documentElement.lang = 'de';
    designer = document.createElement('cf-program-designer') as CfProgramDesigner;
    designer.id = 'designer';
    designer.setAttribute('locale', 'de');
    panel = document.createElement('cf-draft-panel') as CfDraftPanel;
    panel.program = PROGRAM;
    panel.for = 'designer';
    panel.token = DESIGNER_A;
    document.body.append(panel, designer);
  });

  it('starts from the published version, saves the draft and lists its changes in words', async () => {
    await until(() => status(panel).includes('Noch kein Entwurf'), 'the draft to load');
    expect(JSON.parse(designer.text).version).to.equal('1.0.0');
    const mine = JSON.stringify(definition('1.1.0', { phone: { type: 'string', maxLength: 30 } }, { de: { 'forms.request.fields.phone.label': 'Telefon' }, en: { 'forms.request.fields.phone.label': 'Phone' } }), null, 2);
    save(designer, mine);
    await until(() => status(panel).includes('Entwurf gespeichert (Version 1)'), 'the save');
    await until(() => panel.shadowRoot!.textContent!.includes('neues Feld „Telefon“'), 'the changes');
    const text = panel.shadowRoot!.querySelector('section')!.textContent!;
    expect(text).to.include('Änderungen gegenüber der veröffentlichten Version 1.0.0');
    expect(text).to.include('„Anfrage“: neues Feld „Telefon“ (Text)');
    expect(text).to.include('Deutsch: neuer Text „Telefon“');
    expect(text).to.include('Version 1.0.0 → 1.1.0');
    expect(await axeViolations(panel, 'draft panel with its changes')).to.deep.equal([]);
    expect(await (await fetch(`/v1/programs/${PROGRAM}/draft`, { headers: { Authorization: `Bearer ${DESIGNER_B}` } })).text()).to.equal(mine);
  });

  it('says when a colleague saved in between, keeps the text, and lets the designer compare and save over it', async () => {
    const theirs = JSON.stringify(definition('1.1.0', { email: { type: 'string', format: 'email', maxLength: 100 } }), null, 2);
    const other = await fetch(`/v1/programs/${PROGRAM}/draft`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'If-Match': '"1"', Authorization: `Bearer ${DESIGNER_B}` }, body: theirs });
    expect(other.status).to.equal(200);
    const mine = JSON.stringify(definition('1.1.0', { phone: { type: 'string', maxLength: 40 } }, { de: { 'forms.request.fields.phone.label': 'Telefon' }, en: { 'forms.request.fields.phone.label': 'Phone' } }), null, 2);
    designer.text = mine;
    save(designer, mine);
    await until(() => status(panel).includes('Jemand anderes hat diesen Entwurf inzwischen gespeichert (jetzt Version 2)'), 'the conflict');
    expect(status(panel)).to.include('ist aber nicht verloren');
    expect(designer.text).to.equal(mine);

    button(panel, 'Gespeicherte Fassung laden')!.click();
    await until(() => designer.text === theirs, "the colleague's text");
    expect(status(panel)).to.include('Sie sehen die gespeicherte Fassung (Version 2)');
    button(panel, 'Zurück zu meinem Text')!.click();
    await until(() => designer.text === mine, 'my text again');
    button(panel, 'Meinen Text darüber speichern')!.click();
    await until(() => status(panel).includes('Entwurf gespeichert (Version 3)'), 'the save over it');
    expect(panel.shadowRoot!.querySelector('.conflict')).to.equal(null);
    expect(await (await fetch(`/v1/programs/${PROGRAM}/draft`, { headers: { Authorization: `Bearer ${DESIGNER_B}` } })).text()).to.equal(mine);
  });

  it('publishes after showing the plan and asking, and the new version is live', async () => {
    // A designer may not publish: the panel offers no Publish and says in words who does.
    expect(button(panel, 'Veröffentlichen')).to.equal(undefined);
    expect(panel.shadowRoot!.querySelector('.publish-others')!.textContent).to.include('Veröffentlichen darf ihn, wer dafür das Recht in diesem Programm hat');
    // Whoever may publish sees the button (the server tells the panel, beside the changes).
    panel.token = PUBLISHER;
    await panel.load();
    await until(() => button(panel, 'Veröffentlichen'), 'the Publish button');
    expect(panel.shadowRoot!.querySelector('.publish-others')).to.equal(null);
    button(panel, 'Veröffentlichen')!.click();
    const dialog = await until(() => {
      const d = panel.shadowRoot!.querySelector('dialog');
      return d?.open ? d : undefined;
    }, 'the dialog');
    expect(dialog.textContent).to.include('Version 1.1.0 veröffentlichen');
    expect(dialog.textContent).to.include('Es gibt keine offenen Fälle');
    expect(await axeViolations(panel, 'draft panel with the publish dialog')).to.deep.equal([]);
    expect((await (await fetch(`/v1/programs/${PROGRAM}`)).json()).version).to.equal('1.0.0');
    button(panel, 'Jetzt veröffentlichen')!.click();
    await until(() => status(panel).includes('Version 1.1.0 ist veröffentlicht.'), 'the publication');
    expect(dialog.open).to.equal(false);
    expect((await (await fetch(`/v1/programs/${PROGRAM}`)).json()).version).to.equal('1.1.0');
    await until(() => panel.shadowRoot!.textContent!.includes('Der Entwurf ändert nichts.'), 'no changes left');
  });

  it('asks for a higher number when the draft still has the published one, and writes only that into the draft', async () => {
    const before = await (await fetch(`/v1/programs/${PROGRAM}/draft`, { headers: { Authorization: `Bearer ${PUBLISHER}` } })).text();
    expect(JSON.parse(before).version).to.equal('1.1.0');
    button(panel, 'Veröffentlichen')!.click();
    const dialog = await until(() => {
      const d = panel.shadowRoot!.querySelector('dialog');
      return d?.open ? d : undefined;
    }, 'the dialog');
    expect(dialog.textContent).to.include('Der Entwurf trägt noch die Nummer der veröffentlichten Version 1.1.0');
    const box = panel.shadowRoot!.querySelector<HTMLInputElement>('#publish-version')!;
    // The number box has the focus, with the next minor version in it.
    expect(panel.shadowRoot!.activeElement).to.equal(box);
    expect(box.value).to.equal('1.2.0');
    expect(await axeViolations(panel, 'the number of the new version')).to.deep.equal([]);
    box.value = '1.0.9';
    box.dispatchEvent(new Event('input'));
    panel.shadowRoot!.querySelector<HTMLButtonElement>('dialog button[type="submit"]')!.click();
    await until(() => panel.shadowRoot!.querySelector('#publish-version-error'), 'the refusal');
    expect(panel.shadowRoot!.querySelector('#publish-version-error')!.textContent).to.equal('„1.0.9“ ist nicht höher als 1.1.0. Bitte geben Sie eine höhere Nummer wie 1.2.0 ein.');
    expect(box.getAttribute('aria-invalid')).to.equal('true');
    box.value = '1.2.0';
    box.dispatchEvent(new Event('input'));
    panel.shadowRoot!.querySelector<HTMLButtonElement>('dialog button[type="submit"]')!.click();
    await until(() => dialog.textContent!.includes('Version 1.2.0 veröffentlichen'), 'the plan');
    expect(panel.shadowRoot!.activeElement?.id).to.equal('publish-title');
    // Saved as the next draft version: the same text but the number.
    const after = await (await fetch(`/v1/programs/${PROGRAM}/draft`, { headers: { Authorization: `Bearer ${PUBLISHER}` } })).text();
    expect(after).to.equal(before.replace('"version": "1.1.0"', '"version": "1.2.0"'));
    expect(JSON.parse(designer.text).version).to.equal('1.2.0');
    button(panel, 'Abbrechen')!.click();
    expect(dialog.open).to.equal(false);
    expect((await (await fetch(`/v1/programs/${PROGRAM}`)).json()).version).to.equal('1.1.0');
  });
});
