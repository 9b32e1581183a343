// A page built by `civicflow build --browser` loads only the words of each form's first page (and the titles of all):
// the rest of the words, `<name>.texts.<locale>.json`, come at the first focus or keystroke, and before any other page
// shows. Keyboard only, in Chromium, with the Zweite Chance intake as a page gets it (scripts/browser-fixtures.mjs).
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { fromValidatorsModule } from '@civicflow/core/runtime';
import { $, $$, loadModule, settle, text, waitFor } from '../test-support/fixtures.js';
import type { CfForm } from './form.js';

const BESIDE = '/.cache/browser/beside/zweite-chance-intake';
type Texts = Record<string, string>;

/** The words a file holds: the definition's of its locale, or the texts file's. */
async function wordsOf(file: string, locale: string): Promise<Texts> {
  const doc = (await (await realFetch(`${BESIDE}.${file}`)).json()) as { definition?: { texts: Record<string, Texts> }; texts?: Texts };
  return doc.definition ? doc.definition.texts[locale]! : doc.texts!;
}

const realFetch = window.fetch.bind(window);
let mounts = 0;

/**
 * Serves the page's files, noting each JSON file asked for by name; `gate` may hold back or refuse the texts file (it
 * is asked each time that file is requested).
 */
function watchFetch(gate?: () => Promise<'ok' | 'fail'>): string[] {
  const asked: string[] = [];
  window.fetch = async (input, init) => {
    const name = new URL(String(input), location.href).pathname.split('/').pop()!;
    if (name.endsWith('.json')) asked.push(name.replace('zweite-chance-intake.', ''));
    if (gate && name.includes('.texts.') && (await gate()) === 'fail') return new Response('', { status: 503 });
    return realFetch(input, init);
  };
  return asked;
}

async function mount(locale: string, attrs: Record<string, string> = {}): Promise<CfForm> {
  const form = document.createElement('cf-form');
  // Each mount imports the module afresh (its own address), as a new page would.
  form.setAttribute('src', `${BESIDE}.validators.js?mount=${++mounts}`);
  form.setAttribute('locale', locale);
  for (const [k, v] of Object.entries(attrs)) form.setAttribute(k, v);
  document.body.append(form);
  await waitFor(() => form.shadowRoot?.querySelector('form, .resume'), 'the form to render');
  await form.updateComplete;
  return form;
}

const active = (form: CfForm) => form.shadowRoot!.activeElement as HTMLElement | null;
const labelOf = (form: CfForm, pointer: string) => text(form.shadowRoot!.querySelector(`#cf${pointer.replace(/\//g, '-')}`)?.closest('cf-field')?.querySelector('label, legend'));
const pageTitle = (form: CfForm) => text(form.shadowRoot!.querySelector('#cf-page-title'));

async function press(form: CfForm, key: string) {
  await sendKeys({ press: key });
  await settle(form);
}

/** Tabs to a control and types into it, as a person would. */
async function typeInto(form: CfForm, id: string, value: string) {
  for (let i = 0; i < 40 && active(form)?.id !== id; i++) await press(form, 'Tab');
  expect(active(form)?.id, `Tab reaches ${id}`).to.equal(id);
  await sendKeys({ type: value });
  await settle(form);
}

/** Fills the first page's required fields with the keyboard, from the start of the page. */
async function fillFirstPage(form: CfForm) {
  await typeInto(form, 'cf-person-givenName', 'Jo');
  await typeInto(form, 'cf-person-familyName', 'Schmitt');
  await typeInto(form, 'cf-person-birthDate', '31');
  await typeInto(form, 'cf-person-birthDate-month', '1');
  await typeInto(form, 'cf-person-birthDate-year', '2001');
}

/** Every field of the page shown is labelled with the program's word for it, none with a key or a bare name. */
function expectWorded(form: CfForm, words: Texts) {
  const fields = $$<HTMLElement & { pointer: string }>(form, '.page cf-field');
  expect(fields.length).to.be.greaterThan(0);
  for (const f of fields) {
    const path = f.pointer.split('/').slice(1).filter((t) => !/^\d+$/.test(t)).join('.');
    const word = words[`forms.intake.fields.${path}.label`];
    expect(word, `the program has a label for ${path}`).to.be.a('string');
    expect(text(f.querySelector('label, legend')), `the label of ${path}`).to.contain(word!);
  }
}

describe('the words of later pages, fetched when the person starts', function () {
  this.timeout(60_000);
  let form: CfForm | undefined;
  afterEach(() => {
    window.fetch = realFetch;
    form?.remove();
    form = undefined;
    localStorage.clear();
  });

  // Before any form on the page was worked on (after that, another form comes with all its words at once).
  it('shows the first page with the definition alone, in German and in English', async () => {
    for (const locale of ['de', 'en']) {
      const first = await wordsOf(`${locale}.json`, locale);
      const asked = watchFetch();
      form = await mount(locale);
      await settle(form);
      expect(asked).to.deep.equal([`${locale}.json`]);
      expect(text($(form, '#cf-title'))).to.equal(first['forms.intake.title']);
      expect(pageTitle(form)).to.equal(first['forms.intake.pages.person.title']);
      expect(labelOf(form, '/person/givenName')).to.contain(first['forms.intake.fields.person.givenName.label']!);
      expect(first['forms.intake.fields.contact.addressStatus.label']).to.equal(undefined);
      expectWorded(form, first);
      // The step list names every page.
      expect(text($(form, 'cf-steps'))).to.contain(first['forms.intake.pages.consent.title']!);
      form.remove();
    }
  });

  for (const locale of ['de', 'en']) {
    it(`${locale}: Continue waits for the words of page 2 and shows it with them`, async () => {
      const first = await wordsOf(`${locale}.json`, locale);
      const rest = await wordsOf(`texts.${locale}.json`, locale);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const asked = watchFetch(async () => (await held, 'ok'));
      form = await mount(locale);
      await settle(form);
      await fillFirstPage(form);
      expect(asked).to.include(`texts.${locale}.json`);
      await press(form, 'Enter');
      await new Promise((r) => setTimeout(r, 100));
      expect(pageTitle(form), 'nothing moves without the words').to.equal(first['forms.intake.pages.person.title']);
      release();
      await waitFor(() => pageTitle(form!) === first['forms.intake.pages.contact.title'], 'page 2');
      await settle(form);
      expect(active(form)?.id, 'the new page is announced by its focused title').to.equal('cf-page-title');
      expect(labelOf(form, '/contact/addressStatus')).to.contain(rest['forms.intake.fields.contact.addressStatus.label']!);
      expectWorded(form, { ...first, ...rest });
    });
  }

  it('says when the words could not be fetched, keeps the answers, and the next Continue fetches them again', async () => {
    let offline = true;
    const asked = watchFetch(async () => (offline ? 'fail' : 'ok'));
    const first = await wordsOf('de.json', 'de');
    form = await mount('de');
    await fillFirstPage(form);
    await press(form, 'Enter');
    const notice = await waitFor(() => form!.shadowRoot!.querySelector('.notice-error[role="alert"]'), 'the notice');
    expect(text(notice)).to.equal('Der nächste Teil des Formulars konnte nicht geladen werden, weil keine Verbindung besteht. Ihre Angaben bleiben erhalten. Bitte versuchen Sie es noch einmal.');
    expect(pageTitle(form)).to.equal(first['forms.intake.pages.person.title']);
    expect(($(form, '#cf-person-givenName') as HTMLInputElement).value, 'what was typed stays').to.equal('Jo');
    const failed = asked.filter((a) => a === 'texts.de.json').length;
    expect(failed).to.be.greaterThan(0);
    // Again, with a connection: the words come, and the form moves on.
    offline = false;
    $(form, 'button[type="submit"]').focus();
    await press(form, 'Enter');
    const rest = await wordsOf('texts.de.json', 'de');
    await waitFor(() => pageTitle(form!) === first['forms.intake.pages.contact.title'], 'page 2');
    expect(asked.filter((a) => a === 'texts.de.json')).to.have.length(failed + 1);
    expect(form.shadowRoot!.querySelector('.notice-error')).to.equal(null);
    expect(labelOf(form, '/contact/addressStatus')).to.contain(rest['forms.intake.fields.contact.addressStatus.label']!);
  });

  it('restores a draft on page 3 with that page’s words', async () => {
    const ref = fromValidatorsModule(await loadModule('zweite-chance')).program.ref;
    const draft = {
      v: 1,
      program: ref,
      form: 'intake',
      data: { person: { givenName: 'Jo', familyName: 'Schmitt', birthDate: '2001-01-31' }, contact: { addressStatus: 'none' } },
      place: 'housing',
      savedAt: new Date().toISOString(),
    };
    localStorage.setItem('cf-draft:zweite-chance:intake', JSON.stringify(draft));
    const asked = watchFetch();
    form = await mount('en', { drafts: '' });
    expect(form.shadowRoot!.querySelector('.resume'), 'the draft is offered').not.to.equal(null);
    const resume = $(form, '.resume button.primary');
    resume.focus();
    await press(form, 'Enter');
    const rest = await wordsOf('texts.en.json', 'en');
    const first = await wordsOf('en.json', 'en');
    await waitFor(() => pageTitle(form!) === first['forms.intake.pages.housing.title'], 'page 3');
    await settle(form);
    expect(asked).to.include('texts.en.json');
    expect(labelOf(form, '/housing/situation')).to.contain(rest['forms.intake.fields.housing.situation.label']!);
    expectWorded(form, { ...first, ...rest });
  });

  it('a failed fetch keeps the draft offered, says so, and the next press restores it', async () => {
    const ref = fromValidatorsModule(await loadModule('zweite-chance')).program.ref;
    const draft = { v: 1, program: ref, form: 'intake', data: { person: { givenName: 'Jo' } }, place: 'housing', savedAt: new Date().toISOString() };
    localStorage.setItem('cf-draft:zweite-chance:intake', JSON.stringify(draft));
    let offline = true;
    watchFetch(async () => (offline ? 'fail' : 'ok'));
    const first = await wordsOf('en.json', 'en');
    form = await mount('en', { drafts: '' });
    $(form, '.resume button.primary').focus();
    await press(form, 'Enter');
    const notice = await waitFor(() => form!.shadowRoot!.querySelector('.resume .notice-error'), 'the notice');
    expect(text(notice)).to.equal('The next part of the form could not be loaded because there is no connection. Your answers are kept. Please try again.');
    expect(active(form)?.id, 'the notice takes the focus, so it is read out').to.equal('cf-refusal');
    offline = false;
    $(form, '.resume button.primary').focus();
    await press(form, 'Enter');
    await waitFor(() => pageTitle(form!) === first['forms.intake.pages.housing.title'], 'page 3');
  });
});
