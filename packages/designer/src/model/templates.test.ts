import { describe, expect, it } from 'vitest';
import { loadProgram, ProgramError, validate } from '@civicflow/core';
import { DesignerError } from '../errors.js';
import { newProgramText, templateIds } from './templates.js';

const problems = (text: string) => {
  try {
    loadProgram(text);
    return [];
  } catch (e) {
    if (!(e instanceof ProgramError)) throw e;
    return e.issues.map((i) => `${i.code} ${i.pointer} ${i.message}`);
  }
};

describe('templates', () => {
  for (const template of templateIds) {
    for (const locales of [['de'], ['de', 'en'], ['en', 'tr', 'de-x-ls']]) {
      it(`${template} in ${locales.join(', ')} is a program loadProgram accepts`, () => {
        const text = newProgramText(template, { id: 'winterhilfe', title: 'Winterhilfe', locales });
        expect(problems(text)).toEqual([]);
        const program = loadProgram(text);
        expect(program.definition.id).toBe('winterhilfe');
        expect(program.definition.locales).toEqual(locales);
        expect(program.definition.title).toEqual(Object.fromEntries(locales.map((l) => [l, 'Winterhilfe'])));
      });
    }
  }

  it('the intake asks for a person, an address in Germany, contact and consent, marks personal data and walks received → in review → decided', () => {
    const program = loadProgram(newProgramText('intake', { id: 'antrag', title: 'Antrag', locales: ['de', 'en'] }));
    const form = program.definition.forms['antrag']!;
    const props = (form.schema as { properties: Record<string, { properties?: Record<string, Record<string, unknown>> }> }).properties;
    expect(Object.keys(props)).toEqual(['person', 'address', 'contact', 'consent']);
    for (const group of ['person', 'address', 'contact']) {
      for (const [name, field] of Object.entries(props[group]!.properties!)) {
        expect([name, field['x-personal-data'], field['x-retention']]).toEqual([name, true, 'P3Y']);
      }
    }
    const good = {
      person: { givenName: 'Ada', familyName: 'Beispiel', birthDate: '1990-04-01' },
      address: { street: 'Marktplatz', houseNumber: '1', postalCode: '10115', city: 'Berlin' },
      contact: { email: 'ada@example.org' },
      consent: true,
    };
    expect(validate(program, 'antrag', good).valid).toBe(true);
    const badPostcode = validate(program, 'antrag', { ...good, address: { ...good.address, postalCode: '1011' } }, { locale: 'de' });
    expect(badPostcode.errors.map((e) => [e.pointer, e.message])).toEqual([['/address/postalCode', 'Bitte geben Sie eine Postleitzahl mit fünf Ziffern an.']]);
    expect(validate(program, 'antrag', { ...good, consent: false }).valid).toBe(false);
    const wf = program.definition.workflow!;
    expect(wf.initial).toBe('received');
    expect(wf.states['received']!.on!['START_REVIEW']).toMatchObject({ target: 'inReview' });
    expect(wf.states['inReview']!.on!['DECIDE']).toMatchObject({ target: 'decided' });
    expect(wf.states['decided']!.final).toBe(true);
    expect(program.definition.texts!['en']!['forms.antrag.fields.address.label']).toBe('Address in Germany');
    expect(program.definition.texts!['de']!['forms.antrag.fields.address.label']).toBe('Anschrift in Deutschland');
  });

  it('refuses an id, a title or languages a program cannot have, in the designer language', () => {
    const refused = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof DesignerError) return [e.code, e.text];
        throw e;
      }
      return undefined;
    };
    expect(refused(() => newProgramText('empty', { id: 'Winterhilfe', title: 'x', locales: ['de'] }, 'de'))).toEqual([
      'DESIGNER_PROGRAM_ID_INVALID',
      'Die Kennung „Winterhilfe“ geht nicht: nur Kleinbuchstaben, Ziffern und Bindestriche, beginnend mit einem Buchstaben, höchstens 63 Zeichen (zum Beispiel „winterhilfe-2027“).',
    ]);
    expect(refused(() => newProgramText('empty', { id: 'a', title: '  ', locales: ['de'] }))?.[0]).toBe('DESIGNER_PROGRAM_TITLE_EMPTY');
    expect(refused(() => newProgramText('empty', { id: 'a', title: 'A', locales: [] }))?.[0]).toBe('DESIGNER_LOCALES_INVALID');
    expect(refused(() => newProgramText('empty', { id: 'a', title: 'A', locales: ['de', 'de'] }))).toEqual([
      'DESIGNER_LOCALES_INVALID',
      'The languages "de, de" cannot be used: at least one, each once, as language codes such as "de", "en", "tr" or "de-x-ls".',
    ]);
    expect(refused(() => newProgramText('empty', { id: 'a', title: 'A', locales: ['German'] }))?.[0]).toBe('DESIGNER_LOCALES_INVALID');
  });
});
