// The rules of the Hundesteuer FIM fixture (packages/fim/src/test-support/fixtures/hundesteuer), imported as
// conditions by scripts/browser-fixtures.mjs, at work in <cf-form>: while a rule's condition holds its target
// is required (the error summary names it) or shown; while it does not, the page goes on, or the target is
// not there. One rule of each kind the import reads: code and label, code, label, several values, yes/no,
// "ja"/"nein", "nicht", a number, a date, an age on a date and on a date field, fields and groups as targets,
// required, shown, hidden, and "entweder … oder".
import { expect } from '@esm-bundle/chai';
import type { ValidatorsModule } from '@civicflow/core/runtime';
import { $$, loadModule, mountForm, primary, settle, text } from '../test-support/fixtures.js';
import type { CfForm } from './form.js';

type Data = Record<string, Record<string, unknown>>;

/**
 * Data no rule is about: an adult owner under 65, a mixed-breed dog, not dangerous, alone, kept since 2026, no
 * reduction asked for, no direct debit, the notice by e-mail.
 */
function base(): Data {
  return {
    angabenZurHalterinOderZumHalter: { familienname: 'Berger', geburtsdatum: '1980-04-02' },
    angabenZumHund: { nameDesHundes: 'Bello', rasse: '01', gefaehrlicherHund: false, anzahlDerHundeImHaushalt: 1, haltungSeit: '2026-03-01' },
    ermaessigungUndZahlung: { ermaessigungBeantragt: false, zahlungPerLastschrift: false, eMailAdresseFuerDenBescheid: 'berger@example.org' },
  };
}

const title = (form: CfForm) => text(form.shadowRoot!.querySelector('#cf-page-title'));
const summary = (form: CfForm) => $$(form, 'cf-error-summary a').map((a) => text(a).slice(0, text(a).indexOf(': ')));
const shown = (form: CfForm, pointer: string) => form.shadowRoot!.getElementById(`cf${pointer.replace(/\//g, '-')}`) !== null;
/** The error summary's entries, label and message. */
const entries = (form: CfForm) => $$(form, 'cf-error-summary a').map(text);
const review = (form: CfForm) => form.shadowRoot!.querySelector('cf-review') !== null;

describe('cf-form with the rules of an imported FIM schema', function () {
  this.timeout(60_000);
  let mod: ValidatorsModule;
  let form: CfForm;
  before(async () => {
    mod = await loadModule('fim-hundesteuer');
  });
  afterEach(() => {
    form?.remove();
    localStorage.clear();
  });

  /** The form on the page about the dog, with `data` filled in. */
  async function onDogPage(data: Data): Promise<CfForm> {
    form = await mountForm(mod, { locale: 'de' });
    form.value = data;
    await settle(form);
    await primary(form);
    expect(title(form)).to.equal('Angaben zum Hund');
    return form;
  }

  /** The form on its last page, about the reduction and the payment, with `data` filled in. */
  async function onLastPage(data: Data): Promise<CfForm> {
    await onDogPage(data);
    await primary(form);
    expect(title(form)).to.equal('Ermäßigung und Zahlung');
    return form;
  }

  async function change(data: Data): Promise<void> {
    form.value = data;
    await settle(form);
  }

  it('requires the group and the field that "03 Sonstiges" asks for, and goes on without them for another breed', async () => {
    const data = base();
    data.angabenZumHund!['rasse'] = '03';
    await onDogPage(data);
    await primary(form);
    expect(title(form)).to.equal('Angaben zum Hund');
    expect(summary(form)).to.have.members(['Angaben zur sonstigen Rasse', 'Beschreibung der Rasse']);
    data.angabenZumHund!['rasse'] = '02';
    form.value = data;
    await settle(form);
    await primary(form);
    expect(summary(form)).to.deep.equal([]);
    expect(title(form)).to.equal('Ermäßigung und Zahlung');
  });

  it('requires the Sachkundenachweis for a dangerous dog, and the chip number for a dog kept before 2026', async () => {
    const data = base();
    Object.assign(data.angabenZumHund!, { gefaehrlicherHund: true, haltungSeit: '2025-12-31' });
    await onDogPage(data);
    await primary(form);
    expect(summary(form)).to.have.members(['Sachkundenachweis', 'Chipnummer']);
  });

  it('shows the reduction group only after "yes", and the other dogs only for two or more', async () => {
    const data = base();
    await onDogPage(data);
    await primary(form);
    expect(title(form)).to.equal('Ermäßigung und Zahlung');
    expect(shown(form, '/ermaessigungUndZahlung/angabenZurErmaessigung')).to.equal(false);
    expect(shown(form, '/ermaessigungUndZahlung/namenDerWeiterenHunde')).to.equal(false);
    data.ermaessigungUndZahlung!['ermaessigungBeantragt'] = true;
    data.angabenZumHund!['anzahlDerHundeImHaushalt'] = 2;
    form.value = data;
    await settle(form);
    expect(shown(form, '/ermaessigungUndZahlung/angabenZurErmaessigung')).to.equal(true);
    expect(shown(form, '/ermaessigungUndZahlung/namenDerWeiterenHunde')).to.equal(true);
    expect(shown(form, '/ermaessigungUndZahlung/angabenZurErmaessigung/nachweisUeberDieAusbildungDesHundes')).to.equal(false);
    data.ermaessigungUndZahlung!['angabenZurErmaessigung'] = { grundDerErmaessigung: '02' };
    form.value = data;
    await settle(form);
    expect(shown(form, '/ermaessigungUndZahlung/angabenZurErmaessigung/nachweisUeberDieAusbildungDesHundes')).to.equal(true);
  });

  it('asks for the bank details after "ja" and hides them after "nein"', async () => {
    const data = base();
    data.ermaessigungUndZahlung!['zahlungPerLastschrift'] = true;
    await onLastPage(data);
    expect(shown(form, '/ermaessigungUndZahlung/bankverbindung')).to.equal(true);
    await primary(form);
    expect(summary(form)).to.deep.equal(['Bankverbindung']);
    data.ermaessigungUndZahlung!['zahlungPerLastschrift'] = false;
    await change(data);
    expect(shown(form, '/ermaessigungUndZahlung/bankverbindung')).to.equal(false);
    await primary(form);
    expect(review(form)).to.equal(true);
  });

  it('asks for exactly one of the e-mail address and the postal address, in the words of the choice', async () => {
    const data = base();
    delete data.ermaessigungUndZahlung!['eMailAdresseFuerDenBescheid'];
    await onLastPage(data);
    await primary(form);
    const choice = '„E-Mail-Adresse für den Bescheid“ oder „Postanschrift für den Bescheid“';
    expect(entries(form)).to.have.members([
      `E-Mail-Adresse für den Bescheid: Bitte geben Sie entweder ${choice} an.`,
      `Postanschrift für den Bescheid: Bitte geben Sie entweder ${choice} an.`,
    ]);
    const address = { strasseUndHausnummer: 'Am Markt 1', postleitzahlUndOrt: '12345 Lindenau' };
    Object.assign(data.ermaessigungUndZahlung!, { eMailAdresseFuerDenBescheid: 'berger@example.org', postanschriftFuerDenBescheid: address });
    await change(data);
    await primary(form);
    expect(entries(form)).to.have.members([
      `E-Mail-Adresse für den Bescheid: Bitte geben Sie nur eines an: ${choice}.`,
      `Postanschrift für den Bescheid: Bitte geben Sie nur eines an: ${choice}.`,
    ]);
    delete data.ermaessigungUndZahlung!['eMailAdresseFuerDenBescheid'];
    await change(data);
    await primary(form);
    expect(entries(form)).to.deep.equal([]);
    expect(review(form)).to.equal(true);
  });

  it('shows the ages worked out from the date of birth, and asks for the guardian of an owner under 18 when the keeping began', async () => {
    const data = base();
    data.angabenZurHalterinOderZumHalter!['geburtsdatum'] = '2010-05-01';
    form = await mountForm(mod, { locale: 'de' });
    await change(data);
    expect(text(form.shadowRoot!.getElementById('cf-angabenZurHalterinOderZumHalter-alterAmTagHaltungSeit'))).to.equal('15');
    expect(text(form.shadowRoot!.getElementById('cf-angabenZurHalterinOderZumHalter-alterAm01012026'))).to.equal('15');
    await primary(form);
    await primary(form);
    expect(title(form)).to.equal('Ermäßigung und Zahlung');
    expect(shown(form, '/ermaessigungUndZahlung/rentenausweis')).to.equal(false);
    await primary(form);
    expect(summary(form)).to.deep.equal(['Name der erziehungsberechtigten Person']);
    data.angabenZurHalterinOderZumHalter!['geburtsdatum'] = '1960-12-31';
    await change(data);
    expect(shown(form, '/ermaessigungUndZahlung/rentenausweis')).to.equal(true);
    await primary(form);
    expect(review(form)).to.equal(true);
  });
});
