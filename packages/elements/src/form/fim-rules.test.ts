// The rules of the Hundesteuer FIM fixture (packages/fim/src/test-support/fixtures/hundesteuer), imported as
// conditions by scripts/browser-fixtures.mjs, at work in <cf-form>: while a rule's condition holds its target
// is required (the error summary names it) or shown; while it does not, the page goes on, or the target is
// not there.
import { expect } from '@esm-bundle/chai';
import type { ValidatorsModule } from '@civicflow/core/runtime';
import { $$, loadModule, mountForm, primary, settle, text } from '../test-support/fixtures.js';
import type { CfForm } from './form.js';

type Data = Record<string, Record<string, unknown>>;

/** Data no rule is about: a mixed-breed dog, not dangerous, alone, kept since 2026, no reduction asked for. */
function base(): Data {
  return {
    angabenZurHalterinOderZumHalter: { familienname: 'Berger', geburtsdatum: '1980-04-02' },
    angabenZumHund: { nameDesHundes: 'Bello', rasse: '01', gefaehrlicherHund: false, anzahlDerHundeImHaushalt: 1, haltungSeit: '2026-03-01' },
    ermaessigungUndZahlung: { ermaessigungBeantragt: false },
  };
}

const title = (form: CfForm) => text(form.shadowRoot!.querySelector('#cf-page-title'));
const summary = (form: CfForm) => $$(form, 'cf-error-summary a').map((a) => text(a).slice(0, text(a).indexOf(': ')));
const shown = (form: CfForm, pointer: string) => form.shadowRoot!.getElementById(`cf${pointer.replace(/\//g, '-')}`) !== null;

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
});
