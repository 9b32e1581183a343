import { describe, expect, it } from 'vitest';
import type { CompiledProgram } from './from-validators-module.js';
import { runtimeValidators } from '../compile/validate.js';
import { derivedDefinition, loadExample } from '@civicflow/test-support';
import { loadProgram } from '../compile/load-program.js';
import { FormSession, FormSessionBase, checkedSession } from './form-session.js';
import { validateWith } from './run-validation.js';
import { maxErrors } from './map-errors.js';

const program = loadExample('zweite-chance');
const compiled: CompiledProgram = { program, validators: runtimeValidators(program) };

const intake = (data?: Record<string, unknown>) => new FormSession(compiled, 'intake', 'en', data, validateWith);

/** The person page filled in, so that "next" may leave it. */
function withPerson(s: FormSession): FormSession {
  s.setValue('/person/givenName', 'Ada');
  s.setValue('/person/familyName', 'Lovelace');
  s.setValue('/person/birthDate', '1990-12-10');
  return s;
}

describe('FormSession', () => {
  it('starts on the first page with the required groups as empty objects', () => {
    const s = intake();
    expect(s.place).toEqual({ page: 0 });
    expect(s.data).toEqual({ person: {}, contact: {}, housing: {}, income: {}, consent: {} });
    expect(s.visiblePages()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(s.page(0).id).toBe('person');
  });

  it('starts a list with as many empty entries as it needs at least', () => {
    const s = new FormSession(compiled, 'coachingPlan', 'en', undefined, validateWith);
    expect(s.data).toEqual({ plan: { measures: [{}] } });
  });

  it('refuses a form the program does not have', () => {
    expect(() => new FormSession(compiled, 'nonesuch', 'en', undefined, validateWith)).toThrow(RangeError);
  });

  it('keeps errors to itself until the field is left', () => {
    const s = intake();
    expect(s.errorsOnPage(0).map((e) => e.field)).toContain('/person/givenName');
    expect(s.errorAt('/person/givenName')).toBeUndefined();
    s.touch('/person/givenName');
    expect(s.errorAt('/person/givenName')).toMatch(/\S/);
    expect(s.errorAt('/person/familyName')).toBeUndefined();
  });

  it('stays on a page with errors, reveals them all and opens the summary', () => {
    const s = intake();
    expect(s.next()).toBe(false);
    expect(s.place).toEqual({ page: 0 });
    expect(s.summaryOpen).toBe(true);
    expect(s.summary().map((e) => e.field)).toEqual(['/person/givenName', '/person/familyName', '/person/birthDate']);
    expect(s.errorAt('/person/familyName')).toMatch(/\S/);
  });

  it('takes answers before its validation arrives, moves nowhere meanwhile, and then checks every answer given', () => {
    const s = new FormSession(compiled, 'intake', 'en');
    expect(s.validated).toBe(false);
    s.setValue('/person/givenName', 'Ada');
    s.setValue('/person/birthDate', 'not a date');
    s.touch('/person/birthDate');
    expect(s.errorAt('/person/birthDate')).toBeUndefined();
    expect(s.next()).toBe(false);
    expect(s.summaryOpen).toBe(false);
    expect(s.attemptSend()).toBe(false);
    expect(s.summary()).toEqual([]);
    expect(s.place).toEqual({ page: 0 });
    s.useValidation(validateWith);
    expect(s.validated).toBe(true);
    expect(s.data).toMatchObject({ person: { givenName: 'Ada', birthDate: 'not a date' } });
    expect(s.errorAt('/person/birthDate')).toMatch(/\S/);
    expect(s.errorsOnPage(0).map((e) => e.field)).toEqual(['/person/familyName', '/person/birthDate']);
    expect(s.next()).toBe(false);
    expect(s.summaryOpen).toBe(true);
    s.setValue('/person/familyName', 'Lovelace');
    s.setValue('/person/birthDate', '1990-12-10');
    expect(s.next()).toBe(true);
    expect(s.place).toEqual({ page: 1 });
  });

  it('goes forward and back through the shown pages', () => {
    const s = withPerson(intake());
    expect(s.back()).toBe(false);
    expect(s.next()).toBe(true);
    expect(s.place).toEqual({ page: 1 });
    expect(s.summaryOpen).toBe(false);
    expect(s.back()).toBe(true);
    expect(s.place).toEqual({ page: 0 });
  });

  it('ends on the review, and from a page opened there "next" leads straight back', () => {
    const s = intake();
    expect(s.review).toBe(true);
    expect(s.isLastStep()).toBe(false);
    s.goTo({ review: true });
    expect(s.isLastStep()).toBe(true);
    withPerson(s);
    s.goTo({ page: 0 });
    expect(s.returnToReview).toBe(true);
    expect(s.next()).toBe(true);
    expect(s.place).toEqual({ review: true });
    expect(s.back()).toBe(true);
    expect(s.place).toEqual({ page: 7 });
  });

  it('hides a field whose condition does not hold, and leaves its value out of the submission', () => {
    const s = intake();
    expect(s.isHidden('/person/interpreterLanguage')).toBe(true);
    s.setValue('/person/interpreterNeeded', true);
    expect(s.isHidden('/person/interpreterLanguage')).toBe(false);
    s.setValue('/person/interpreterLanguage', 'Farsi');
    s.setValue('/person/interpreterNeeded', false);
    expect(s.isHidden('/person/interpreterLanguage')).toBe(true);
    expect(s.valueAt('/person/interpreterLanguage')).toBe('Farsi');
  });

  it('sends the valid data without hidden fields, and nothing while errors remain', () => {
    const s = new FormSession(compiled, 'jobStart', 'en', undefined, validateWith);
    expect(s.attemptSend()).toBe(false);
    expect(s.summary().map((e) => e.field)).toEqual(['/jobStartedOn']);
    s.setValue('/jobStartedOn', '2026-01-05');
    expect(s.attemptSend()).toBe(true);
    expect(s.submission()).toEqual({ jobStartedOn: '2026-01-05' });
  });

  it('finds the page and the field that show an error', () => {
    const s = intake();
    expect(s.pageOf('contact.address.street')).toBe(1);
    expect(s.pageOf('household.firstName')).toBe(4);
    expect(s.fieldFor('/person/givenName')).toBe('/person/givenName');
    expect(s.fieldFor('/household/0/firstName')).toBe('/household/0/firstName');
    expect(s.fieldFor('/household/0/unknown')).toBe('/household');
    expect(s.fieldFor('/unknown')).toBe('');
  });

  it('drops an optional group left empty, so its required fields are not asked for', () => {
    const s = intake();
    s.setValue('/contact/address/street', 'Hauptstraße 1');
    expect(s.valueAt('/contact/address')).toEqual({ street: 'Hauptstraße 1' });
    s.setValue('/contact/address/street', undefined);
    expect(s.valueAt('/contact/address')).toBeUndefined();
    expect(s.valueAt('/contact')).toEqual({});
  });

  it('adds and removes list entries, moving the marks of later entries up', () => {
    const s = intake();
    expect(s.addEntry('/household')).toBe(0);
    expect(s.addEntry('/household')).toBe(1);
    s.setValue('/household/1/firstName', 'Bo');
    s.touch('/household/0/relation');
    s.touch('/household/1/relation');
    s.removeEntry('/household', 0);
    expect(s.valueAt('/household')).toEqual([{ firstName: 'Bo' }]);
    expect([...s.touched]).toEqual(['/household/0/relation']);
    expect(s.errorAt('/household/0/relation')).toMatch(/\S/);
  });

  it('shows the server\'s errors until their field changes', () => {
    const s = withPerson(intake());
    s.setServerErrors([{ pointer: '/person/givenName', code: 'taken', message: 'Already registered', params: {} }]);
    expect(s.errorAt('/person/givenName')).toBe('Already registered');
    expect(s.summaryOpen).toBe(true);
    s.setValue('/person/givenName', 'Ada B.');
    expect(s.errorAt('/person/givenName')).toBeUndefined();
  });

  it('puts the widget\'s own problems first until the field changes', () => {
    const s = intake();
    s.setLocalError('/person/languages', 'The file is too large');
    expect(s.errorAt('/person/languages')).toBe('The file is too large');
    expect(s.errorsOnPage(0)[0]!.error.code).toBe('file');
    s.setValue('/person/languages', 'de');
    expect(s.errorAt('/person/languages')).toBeUndefined();
  });

  it('words its messages in the language it is switched to, keeping data and place', () => {
    const s = withPerson(intake());
    s.setValue('/person/givenName', '');
    s.touch('/person/givenName');
    const english = s.errorAt('/person/givenName');
    s.next();
    s.setLocale('de');
    expect(s.locale).toBe('de');
    expect(s.errorAt('/person/givenName')).toMatch(/\S/);
    expect(s.errorAt('/person/givenName')).not.toBe(english);
    expect(s.valueAt('/person/familyName')).toBe('Lovelace');
    expect(s.place).toEqual({ page: 0 });
  });

  // Issue 22, deliverable 2: the widget lists as many errors as the server and counts the rest.
  it('lists at most maxErrors problems in the summary and counts the rest', () => {
    const s = new FormSession(compiled, 'coachingPlan', 'en', { plan: { goals: 'Get a job', measures: Array.from({ length: 120 }, () => ({})) } }, validateWith);
    expect(s.next()).toBe(false);
    // Goals are too short, the list is too long, and each entry lacks its area and title.
    const total = 1 + 1 + 240;
    expect(s.summary()).toHaveLength(maxErrors);
    expect(s.summaryMore()).toBe(total - maxErrors);
    s.setValue('/plan/measures', [{}]);
    expect(s.next()).toBe(false);
    expect(s.summaryMore()).toBe(0);
  });
});

describe('FormSession with derived values and rules across fields', () => {
  const derived = loadProgram(derivedDefinition());
  const budget = () => new FormSession({ program: derived, validators: runtimeValidators(derived) }, 'budget', 'en', undefined, validateWith);

  it('works the derived values out as the person answers, and sends them', () => {
    const s = budget();
    expect(s.valueAt('/total')).toBe(0);
    s.setValue('/costs', [{ item: 'Hall', amount: 1200 }]);
    s.setValue('/costs/1', { item: 'Food', amount: 300.25 });
    s.setValue('/amount', 750);
    expect([s.valueAt('/total'), s.valueAt('/items'), s.valueAt('/share')]).toEqual([1500.25, 2, 50]);
    s.setValue('/costs/1/amount', undefined);
    expect([s.valueAt('/total'), s.valueAt('/items')]).toEqual([1200, 2]);
    expect(s.submission()).toMatchObject({ total: 1200, share: 62.5 });
  });

  it('shows a rule’s error on the field it concerns once that field was left, and an error of a derived value on the field it comes from', () => {
    const s = budget();
    s.setValue('/start', '2026-03-01');
    s.setValue('/end', '2026-02-01');
    s.setValue('/birthDate', '2010-07-01');
    expect(s.errorAt('/end')).toBeUndefined();
    s.touch('/end');
    s.touch('/birthDate');
    expect(s.errorAt('/end')).toBe('The end must come after the start.');
    expect(s.errorAt('/birthDate')).toBe('Please enter 18 or more.');
    expect(s.errorAt('/age')).toBeUndefined();
    s.setValue('/end', '2026-03-02');
    expect(s.errorAt('/end')).toBeUndefined();
    expect(s.valueAt('/days')).toBe(1);
  });
});

describe('a session opened before the code that checks answers', () => {
  it('takes answers and shows conditions without it, and becomes a full session in place with every answer given so far', () => {
    const shown = new FormSessionBase(compiled, 'intake', 'en');
    shown.setValue('/person/givenName', 'Ada');
    shown.setValue('/person/interpreterNeeded', true);
    shown.touch('/person/familyName');
    expect(shown.validated).toBe(false);
    expect(shown.isHidden('/person/interpreterLanguage')).toBe(false);
    expect(shown.errorAt('/person/familyName')).toBeUndefined();
    expect('next' in shown).toBe(false);

    const s = checkedSession(shown);
    expect(s).toBe(shown);
    expect(s).toBeInstanceOf(FormSession);
    expect(checkedSession(s)).toBe(s);
    // Still unchecked: it neither moves nor reveals anything.
    expect(s.next()).toBe(false);
    expect(s.summaryOpen).toBe(false);
    s.useValidation(validateWith);
    expect(s.valueAt('/person/givenName')).toBe('Ada');
    expect(s.errorAt('/person/familyName')).toBe('Please fill in this field.');
    expect(s.errorAt('/person/interpreterLanguage')).toBeUndefined();
    expect(s.next()).toBe(false);
    expect(s.summary().map((e) => e.field)).toEqual(['/person/interpreterLanguage', '/person/familyName', '/person/birthDate']);
    s.setValue('/person/familyName', 'Lovelace');
    s.setValue('/person/birthDate', '1990-12-10');
    s.setValue('/person/interpreterLanguage', 'Polish');
    expect(s.next()).toBe(true);
    expect(s.place).toEqual({ page: 1 });
  });

  it('collects the errors of a session opened with the code already there, as it becomes a full one', () => {
    const s = checkedSession(new FormSessionBase(compiled, 'intake', 'en', undefined, validateWith));
    expect(s.validated).toBe(true);
    expect(s.next()).toBe(false);
    expect(s.errorsOnPage(0).map((e) => e.field)).toContain('/person/givenName');
  });
});
