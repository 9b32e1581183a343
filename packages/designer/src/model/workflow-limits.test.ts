import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram, ProgramError, type Issue } from '@civicflow/core';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { problemsWithTitles } from './problem-titles.js';
import { renameRole } from './roles.js';
import { addState, addTimer, removeState, renameEvent, renameState, setSum, workflowOutline } from './workflow-edit.js';
import {
  actionWords,
  addPeriod,
  addPlaces,
  limitsOf,
  periodsOf,
  placesOf,
  removePeriod,
  removePlaces,
  setPeriodText,
  setPeriodTimes,
  setPlaces,
  setSubmissionPeriods,
  setSumReleasedIn,
  setTakesPlace,
  setTransitionLimit,
  setWaitingList,
  setWithinBudget,
  submissionPeriods,
  sumsOf,
} from './workflow-limits.js';

const open = (name: string, locale: 'de' | 'en' = 'en') => ProgramDocument.parse(readFileSync(examplePath(name, 'program.json'), 'utf8'), locale);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests read the edited JSON by path, whatever its shape
const value = (doc: ProgramDocument) => doc.value as Record<string, any>;

/** Applies an edit as one step, checks loadProgram takes the result, undoes it and checks the bytes are back. */
function roundTrip(doc: ProgramDocument, edit: () => void): void {
  const before = doc.text;
  edit();
  expect(doc.text).not.toBe(before);
  expect(() => loadProgram(doc.text)).not.toThrow();
  doc.undo();
  expect(doc.text).toBe(before);
}

function problems(doc: ProgramDocument, locale = 'en'): Issue[] {
  try {
    loadProgram(doc.text, { locale });
    return [];
  } catch (e) {
    if (e instanceof ProgramError) return [...e.issues];
    throw e;
  }
}

const refuses = (code: string) => expect.objectContaining({ code });

describe('renaming keys', () => {
  it('renames a state in the notices sent on entering it and in the migrations that move cases into it', () => {
    const doc = open('wir-vielfalt');
    doc.apply([{ op: 'add', path: ['versions'], value: { migrations: [{ from: '0.9.0', states: { overdue: 'approved', approved: 'approved' } }] } }], 'versions');
    loadProgram(doc.text);
    roundTrip(doc, () => renameState(doc, 'approved', 'granted'));
    renameState(doc, 'approved', 'granted');
    const v = value(doc);
    expect(v.notices.messages.approved.on).toEqual({ state: 'granted' });
    // The keys are the older version's states: they keep their names; where the cases go follows the new key.
    expect(v.versions.migrations[0].states).toEqual({ overdue: 'granted', approved: 'granted' });
    expect(v.texts.de['workflow.states.granted.title']).toBeDefined();
  });

  it('renames an event in the notices sent before its timer is due', () => {
    const doc = open('wir-vielfalt');
    doc.apply([{ op: 'add', path: ['notices', 'messages', 'reminder'], value: { to: 'applicant', on: { before: 'DOCUMENTS_OVERDUE', by: 'P3D' } } }], 'notice');
    renameEvent(doc, 'DOCUMENTS_OVERDUE', 'DOCUMENTS_LATE');
    expect(value(doc).notices.messages.reminder.on.before).toBe('DOCUMENTS_LATE');
    doc.undo();
    expect(value(doc).notices.messages.reminder.on.before).toBe('DOCUMENTS_OVERDUE');
  });

  it('renames a role in its events, who opens a case, who may submit outside the periods, and its title, in one step', () => {
    const doc = open('zukunftsbuendnis');
    roundTrip(doc, () => renameRole(doc, 'office', 'secretariat'));
    renameRole(doc, 'office', 'secretariat');
    const v = value(doc);
    expect(v.workflow.roles).toEqual(['applicant', 'secretariat']);
    expect(v.workflow.open.roles).toEqual(['applicant', 'secretariat']);
    expect(v.forms.registration.submissions.exemptRoles).toEqual(['secretariat']);
    expect(JSON.stringify(v.workflow.events)).not.toContain('"office"');
    expect(v.texts.de['workflow.roles.secretariat']).toBeDefined();
    expect(v.texts.de['workflow.roles.office']).toBeUndefined();
  });

  it('refuses a role key that is no identifier, is taken or is the built-in system role, changing nothing', () => {
    const doc = open('zweite-chance', 'de');
    const before = doc.text;
    expect(() => renameRole(doc, 'coach', 'a b')).toThrow(refuses('DESIGNER_KEY_INVALID'));
    expect(() => renameRole(doc, 'coach', 'jobcentre')).toThrow(refuses('DESIGNER_KEY_TAKEN'));
    expect(() => renameRole(doc, 'coach', 'system')).toThrow(refuses('DESIGNER_KEY_TAKEN'));
    expect(() => renameRole(doc, 'nobody', 'somebody')).toThrow(refuses('DESIGNER_PATH_MISSING'));
    expect(doc.text).toBe(before);
  });
});

describe('periods', () => {
  it('adds a period with its title and the text shown outside it, in every locale, as one step', () => {
    const doc = open('zweite-chance');
    roundTrip(doc, () => addPeriod(doc, 'Aufnahme 2027', { start: '2027-01-01T00:00', end: '2027-07-01T00:00' }, 'Die nächste Aufnahme beginnt im Januar.'));
    const key = addPeriod(doc, 'Aufnahme 2027', { start: '2027-01-01T00:00', end: '2027-07-01T00:00', timeZone: 'Europe/Vienna' }, 'Die nächste Aufnahme beginnt im Januar.');
    expect(key).toBe('aufnahme2027');
    expect(periodsOf(doc)).toEqual([
      { key, start: '2027-01-01T00:00', end: '2027-07-01T00:00', timeZone: 'Europe/Vienna', title: { de: 'Aufnahme 2027', en: 'Aufnahme 2027' }, instead: { de: 'Die nächste Aufnahme beginnt im Januar.', en: 'Die nächste Aufnahme beginnt im Januar.' } },
    ]);
    roundTrip(doc, () => setSubmissionPeriods(doc, undefined, [key]));
    roundTrip(doc, () => setSubmissionPeriods(doc, 'intake', [key]));
    roundTrip(doc, () => setPeriodTimes(doc, key, { start: '2027-02-01T08:00', end: '2027-07-01T00:00', timeZone: 'Europe/Berlin' }));
    roundTrip(doc, () => setPeriodText(doc, key, 'instead', 'en', 'The next intake starts in January.'));
  });

  it('refuses a period that is none: an end before the start, no such day, an unknown zone, no title', () => {
    const doc = open('zweite-chance', 'de');
    const before = doc.text;
    expect(() => addPeriod(doc, 'Runde', { start: '2027-07-01T00:00', end: '2027-01-01T00:00' }, '')).toThrow(refuses('DESIGNER_PERIOD_INVALID'));
    expect(() => addPeriod(doc, 'Runde', { start: '2027-02-30T00:00', end: '2027-03-01T00:00' }, '')).toThrow(refuses('DESIGNER_PERIOD_INVALID'));
    expect(() => addPeriod(doc, 'Runde', { start: '2027-01-01T00:00', end: '2027-03-01T00:00', timeZone: 'Mars/Olympus' }, '')).toThrow(refuses('DESIGNER_PERIOD_INVALID'));
    expect(() => addPeriod(doc, ' ', { start: '2027-01-01T00:00', end: '2027-03-01T00:00' }, '')).toThrow(refuses('DESIGNER_TITLE_EMPTY'));
    expect(doc.text).toBe(before);
    const e = (() => {
      try {
        addPeriod(doc, 'Runde', { start: '2027-07-01T00:00', end: '2027-01-01T00:00' }, '');
      } catch (x) {
        return x as Error;
      }
    })();
    expect(e?.message).toMatch(/Zeitraum/);
  });

  it('refuses to remove a period a timer ends with or submissions are accepted in, naming where, and removes it when nothing does', () => {
    const doc = open('zukunftsbuendnis');
    const before = doc.text;
    expect(() => removePeriod(doc, 'congress')).toThrow(expect.objectContaining({ code: 'DESIGNER_PERIOD_IN_USE', detail: expect.objectContaining({ pointer: '/workflow/states/registered/after/0/periodEnd' }) }));
    expect(() => removePeriod(doc, 'registration')).toThrow(expect.objectContaining({ code: 'DESIGNER_PERIOD_IN_USE', detail: expect.objectContaining({ pointer: '/forms/registration/submissions/periods/0' }) }));
    expect(doc.text).toBe(before);
    expect(submissionPeriods(doc, 'registration')).toEqual(['registration']);
    setSubmissionPeriods(doc, 'registration', []);
    expect(value(doc).forms.registration.submissions).toBeUndefined();
    roundTrip(doc, () => removePeriod(doc, 'registration'));
    removePeriod(doc, 'registration');
    expect(Object.keys(value(doc).texts.de).some((k) => k.startsWith('periods.registration.'))).toBe(false);
    // A timer at the end of a period that is gone cannot be added.
    expect(() => addTimer(doc, 'review', { kind: 'periodEnd', period: 'registration' }, 'DECLINE')).toThrow(refuses('DESIGNER_PATH_MISSING'));
  });
});

describe('places and budgets', () => {
  it('adds places held in a state, and the transitions into it take one; loadProgram accepts it then', () => {
    const doc = open('zweite-chance');
    const key = addPlaces(doc, 'Coachingplätze', { count: 12, heldIn: ['coaching'] });
    expect(problems(doc).map((p) => p.code)).toContain('WORKFLOW_PLACE_BYPASSED');
    const into = workflowOutline(doc).states.flatMap((s) => s.transitions).filter((t) => t.target === 'coaching' && t.state !== 'coaching');
    expect(into.length).toBe(4);
    for (const t of into) setTakesPlace(doc, t, key);
    expect(problems(doc)).toEqual([]);
    expect(limitsOf(doc, into[0]!)).toEqual([{ kind: 'places', places: key }]);
    expect(placesOf(doc)).toEqual([{ key, title: { de: 'Coachingplätze', en: 'Coachingplätze' }, count: 12, heldIn: ['coaching'], waitingList: undefined, takenBy: into.map((t) => ({ state: t.state, event: t.event, index: t.index })) }]);
    roundTrip(doc, () => setPlaces(doc, key, { count: 20, heldIn: ['coaching'] }));
    // Five steps undo to the file as it was.
    for (let i = 0; i < 5; i++) doc.undo();
    expect(doc.text).toBe(open('zweite-chance').text);
  });

  it('refuses places that cannot be, a place taken into a state that holds none, and removing places in use', () => {
    const doc = open('zukunftsbuendnis', 'de');
    const before = doc.text;
    expect(() => addPlaces(doc, 'Sitze', { count: 0, heldIn: ['registered'] })).toThrow(refuses('DESIGNER_PLACES_INVALID'));
    expect(() => addPlaces(doc, 'Sitze', { count: 2.5, heldIn: ['registered'] })).toThrow(refuses('DESIGNER_PLACES_INVALID'));
    expect(() => addPlaces(doc, 'Sitze', { count: 3, heldIn: [] })).toThrow(refuses('DESIGNER_PLACES_INVALID'));
    expect(() => addPlaces(doc, 'Sitze', { count: 3, heldIn: ['nowhere'] })).toThrow(refuses('DESIGNER_PATH_MISSING'));
    expect(() => setPlaces(doc, 'congress', { count: 100, heldIn: ['registered', 'waiting'] })).toThrow(refuses('DESIGNER_PLACES_INVALID'));
    expect(() => setWaitingList(doc, 'congress', { state: 'registered', offer: 'PLACE_FREE' })).toThrow(refuses('DESIGNER_PLACES_INVALID'));
    expect(() => setTakesPlace(doc, { state: 'new', event: 'REGISTER', index: 1 }, 'congress')).toThrow(refuses('DESIGNER_LIMIT_INVALID'));
    expect(() => removePlaces(doc, 'congress')).toThrow(expect.objectContaining({ code: 'DESIGNER_PLACES_IN_USE', message: expect.stringContaining('Plätze beim Kongress') }));
    expect(doc.text).toBe(before);
    roundTrip(doc, () => setPlaces(doc, 'congress', { count: 150, heldIn: ['registered', 'attended'] }));
  });

  it('keeps a decision within a budget, refuses a sum without one, and sets the states that release an amount', () => {
    const doc = open('wir-vielfalt', 'de');
    const decide = { state: 'decision', event: 'DECIDE', index: 0 };
    expect(limitsOf(doc, decide)).toEqual([{ kind: 'budget', sum: 'granted' }]);
    roundTrip(doc, () => setWithinBudget(doc, decide, undefined));
    setSum(doc, 'counted', { outcome: 'granted', field: 'grantedAmount' });
    const before = doc.text;
    expect(() => setWithinBudget(doc, decide, 'counted')).toThrow(refuses('DESIGNER_LIMIT_INVALID'));
    expect(doc.text).toBe(before);
    doc.undo();
    roundTrip(doc, () => setSumReleasedIn(doc, 'granted', ['withdrawn', 'rejected']));
    setSumReleasedIn(doc, 'granted', []);
    expect(sumsOf(doc)[0]).toEqual({ key: 'granted', outcome: 'granted', field: 'grantedAmount', budget: 200000, currency: 'EUR', releasedIn: [] });
    // Without `releasedIn`, `withdrawn` is no longer needed by the sum and can go.
    expect(() => removeState(doc, 'withdrawn')).not.toThrow();
  });
});

describe('a transition\'s limit', () => {
  it('switches from a budget to places in one step, and refuses a limit that does not fit without changing anything', () => {
    const doc = open('wir-vielfalt');
    const decide = { state: 'decision', event: 'DECIDE', index: 0 };
    const seats = addPlaces(doc, 'Förderplätze', { count: 30, heldIn: ['approved', 'proofReview'] });
    const before = doc.text;
    setTransitionLimit(doc, decide, { kind: 'places', places: seats });
    expect(limitsOf(doc, decide)).toEqual([{ kind: 'places', places: seats }]);
    doc.undo();
    expect(doc.text).toBe(before);
    expect(() => setTransitionLimit(doc, { state: 'decision', event: 'DECIDE', index: 1 }, { kind: 'places', places: seats })).toThrow(refuses('DESIGNER_LIMIT_INVALID'));
    expect(doc.text).toBe(before);
    setTransitionLimit(doc, decide, undefined);
    expect(limitsOf(doc, decide)).toEqual([]);
    setTransitionLimit(doc, decide, { kind: 'budget', sum: 'granted' });
    expect(limitsOf(doc, decide)).toEqual([{ kind: 'budget', sum: 'granted' }]);
  });
});

describe('actions in words', () => {
  it('says what each action does with titles, and leaves the actions as they are', () => {
    const doc = open('wir-vielfalt', 'en');
    const on = value(doc).workflow.states;
    expect(actionWords(doc, on.missingDocuments.on.DOCUMENTS_OVERDUE.actions, 'en')).toEqual([expect.stringMatching(/^sets ".+" to "Die nachgeforderten/)]);
    expect(actionWords(doc, on.missingDocuments.on.DOCUMENTS_OVERDUE.actions, 'en')[0]).not.toContain('"reasons"');
    const decide = actionWords(doc, on.decision.on.DECIDE[0].actions, 'en');
    expect(decide[0]).toBe("copies the event's data into the case");
    expect(decide[1]).toMatch(/^records the outcome "/);
    expect(decide[1]).not.toContain('"granted"');
    expect(decide[2]).toMatch(/^starts the deadline after which ".+" comes$/);
    const de = ProgramDocument.parse(doc.text, 'de');
    expect(actionWords(de, on.missingDocuments.on.SUPPLY_DOCUMENTS.actions, 'de')[1]).toMatch(/^beendet die Frist/);
  });
});

describe('problems in titles', () => {
  it('names events and states by their titles in the designer\'s language, keeping code, pointer and params', () => {
    const doc = open('zweite-chance', 'de');
    doc.apply([{ op: 'replace', path: ['workflow', 'events', 'RESUME', 'roles'], value: [] }], 'no sender');
    const raw = problems(doc, 'de');
    const noSender = raw.find((p) => p.code === 'WORKFLOW_EVENT_NO_SENDER')!;
    expect(noSender.message).toContain('„RESUME“');
    const titled = problemsWithTitles(doc, raw, 'de');
    const t = titled.find((p) => p.code === 'WORKFLOW_EVENT_NO_SENDER')!;
    const title = value(doc).texts.de['workflow.events.RESUME.title'] as string;
    expect(t.message).toContain(`„${title}“`);
    expect(t.message).not.toContain('RESUME');
    expect({ ...t, message: '' }).toEqual({ ...noSender, message: '' });
    const en = problemsWithTitles(doc, problems(doc, 'en'), 'en').find((p) => p.code === 'WORKFLOW_EVENT_NO_SENDER')!;
    expect(en.message).toContain(`"${value(doc).texts.en['workflow.events.RESUME.title'] as string}"`);
  });

  it('keeps a key that has no title (something the program lacks), and names a state by its title', () => {
    const doc = open('zweite-chance', 'en');
    doc.apply([{ op: 'replace', path: ['workflow', 'states', 'profiling', 'on', 'AGREE_PLAN', 'target'], value: 'nowhere' }], 'bad target');
    addState(doc, 'Warteschleife');
    const titled = problemsWithTitles(doc, problems(doc), 'en');
    expect(titled.find((p) => p.code === 'WORKFLOW_STATE_UNKNOWN')?.message).toContain('"nowhere"');
    const unreachable = titled.filter((p) => p.code === 'WORKFLOW_STATE_UNREACHABLE');
    expect(unreachable.length).toBeGreaterThan(0);
    for (const p of unreachable) expect(p.message).toContain(`"${value(doc).texts.en[`workflow.states.${p.params.state as string}.title`] as string}"`);
  });
});
