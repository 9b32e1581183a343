import { expect } from '@esm-bundle/chai';
import type { CompiledProgram, Program, ValidatorsModule } from '@civicflow/core/runtime';
import { validCaseByForm } from '@civicflow/test-support/browser';
import { $, $$, blur, loadModule, mountForm, primary, settle, text, type } from '../test-support/fixtures.js';
import { differsInWordsOnly, showWords } from './form-words.js';
import type { CfForm } from './form.js';

/** The program `compiled` with some of its English texts replaced, every other member of the definition kept as it is. */
function reworded(compiled: CompiledProgram, words: Record<string, string>): CompiledProgram {
  const definition = compiled.program.definition;
  const texts = { ...definition.texts, en: { ...definition.texts?.['en'], ...words } };
  const program = { ...compiled.program, definition: { ...definition, texts } } as Program;
  return { program, validators: compiled.validators };
}

const field = (form: CfForm, pointer: string) => $$<HTMLElement & { pointer: string }>(form, 'cf-field').find((f) => f.pointer === pointer)!;
const label = (form: CfForm, pointer: string) => text(field(form, pointer).querySelector('label, legend'));

describe('showWords', function () {
  this.timeout(30_000);
  let form: CfForm | undefined;
  let zweite: ValidatorsModule;
  before(async () => {
    zweite = await loadModule('zweite-chance');
  });
  afterEach(() => {
    form?.remove();
    form = undefined;
  });

  it('shows new words for the same form in place: the answers, the page, the errors and the focus stay', async () => {
    form = await mountForm(zweite, { locale: 'en', 'form-id': 'intake' });
    const example = (await validCaseByForm('zweite-chance')).get('intake')!;
    form.value = structuredClone(example.data);
    await settle(form);
    await primary(form);
    const page = text($(form, '#cf-page-title'));
    expect(page).to.not.equal(text($(form, '#cf-title')));
    // On the second page: one field emptied and left (its error shows), another one being typed into.
    const fields = $$<HTMLElement & { pointer: string }>(form, 'cf-field');
    const inputs = fields.map((f) => f.querySelector<HTMLInputElement>('input[type="text"], input[type="tel"], input[type="email"]')).filter((i) => i !== null);
    expect(inputs.length).to.be.greaterThan(0);
    const mail = $<HTMLInputElement>(form, 'input[type="email"]');
    type(mail, 'not an address');
    blur(mail);
    await settle(form);
    const typed = inputs.find((i) => i !== mail)!;
    type(typed, 'typed before');
    await settle(form);
    const typedField = fields.find((f) => f.contains(typed))!;
    const before = form.value;
    const errors = $$(form, '.error').length;
    expect(errors).to.be.greaterThan(0);
    const changedPointer = typedField.pointer;
    const key = `forms.intake.fields.${changedPointer.slice(1).split('/').join('.')}.label`;
    expect(form.compiledProgram!.program.definition.texts?.['en']?.[key], key).to.be.a('string');

    const next = reworded(form.compiledProgram!, { [key]: 'A label typed in the designer' });
    expect(showWords(form, next)).to.equal(true);
    await settle(form);

    expect(label(form, changedPointer)).to.contain('A label typed in the designer');
    expect(form.program).to.equal(next);
    expect(form.compiledProgram).to.equal(next);
    expect(form.value).to.deep.equal(before);
    expect(text($(form, '#cf-page-title'))).to.equal(page);
    expect($$(form, '.error').length).to.equal(errors);
    // Nothing was built anew: the same field elements, the same input, still focused and holding what was typed.
    expect($$(form, 'cf-field')).to.deep.equal(fields);
    expect(form.shadowRoot!.activeElement).to.equal(typed);
    expect(typedField.querySelector('input')).to.equal(typed);
    expect(typed.value).to.equal('typed before');
  });

  it('refuses, changing nothing, a program that differs in more than words; set as program, that one loads afresh', async () => {
    form = await mountForm(zweite, { locale: 'en', 'form-id': 'intake' });
    const shown = form.compiledProgram!;
    const first = $$<HTMLElement & { pointer: string }>(form, 'cf-field')[0]!;
    type(first.querySelector('input')!, 'kept?');
    await settle(form);
    const definition = shown.program.definition;
    const forms = structuredClone(definition.forms) as Record<string, { ui?: unknown }>;
    delete forms['intake']!.ui;
    const other = { program: { ...shown.program, definition: { ...definition, forms } } as Program, validators: shown.validators };
    expect(differsInWordsOnly(shown.program, other.program)).to.equal(false);
    expect(differsInWordsOnly(shown.program, { ...shown.program, version: '9.9.9' })).to.equal(false);
    // The same members as another object with the same JSON still count as the same.
    expect(differsInWordsOnly(shown.program, { ...shown.program, definition: { ...definition, forms: structuredClone(definition.forms) } } as Program)).to.equal(true);

    expect(showWords(form, other)).to.equal(false);
    expect(form.compiledProgram).to.equal(shown);
    form.program = other;
    await settle(form);
    for (let i = 0; i < 50 && form.compiledProgram !== other; i++) await new Promise((r) => setTimeout(r, 20));
    await settle(form);
    expect(form.compiledProgram).to.equal(other);
    expect($$(form, 'cf-field')[0]).to.not.equal(first);
    expect(JSON.stringify(form.value)).to.not.contain('kept?');
  });

  it('gives nothing to a form that shows no program yet', () => {
    const empty = document.createElement('cf-form');
    const any = { program: { id: 'x' } as Program, validators: {} as CompiledProgram['validators'] };
    expect(showWords(empty, any)).to.equal(false);
    expect(empty.program).to.equal(undefined);
  });
});
