import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '@civicflow/core';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { addRole, removeRole, roleKeyFor, rolesMatrix, setRoleAllowed, setRoleTitle } from './roles.js';

const readExample = (name: string) => readFileSync(examplePath(name, 'program.json'), 'utf8');
const open = (name: string, locale: 'de' | 'en' = 'en') => ProgramDocument.parse(readExample(name), locale);

/** The text with the lines that differ from `before` only: what an edit touched. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  return b.filter((line) => !a.includes(line));
}

describe('rolesMatrix', () => {
  it('reads roles with their titles and every event with its senders, the system and the workflow-wide ones', () => {
    const m = rolesMatrix(open('zweite-chance'));
    expect(m.roles.map((r) => [r.key, r.title.de])).toEqual([
      ['participant', 'Teilnehmende Person'],
      ['coach', 'Coach von Zweite Chance'],
      ['jobcentre', 'Pro Arbeit (Jobcenter)'],
    ]);
    const row = (e: string) => m.events.find((x) => x.event === e)!;
    expect(row('SUBMIT_INTAKE').roles).toEqual(['participant', 'coach']);
    expect(row('AGREE_PLAN').title.de).toBe('Förderplan vereinbaren');
    expect(row('SUSTAINED')).toMatchObject({ roles: [], system: true, anyState: false });
    expect(row('PAUSE')).toMatchObject({ system: false, anyState: true });
    expect(m.events.map((e) => e.event)).toEqual(Object.keys((JSON.parse(readExample('zweite-chance')) as { workflow: { events: object } }).workflow.events));
  });

  it('counts the events of deadlines and waiting lists as sent by the system, and an event with a timer and roles as both', () => {
    const m = rolesMatrix(open('zukunftsbuendnis'));
    const row = (e: string) => m.events.find((x) => x.event === e)!;
    expect(row('PLACE_FREE').system).toBe(true);
    expect(row('CANCEL')).toMatchObject({ roles: ['applicant', 'office'], system: true });
    expect(rolesMatrix(open('wir-vielfalt')).events.find((e) => e.event === 'PROOF_OVERDUE')!.system).toBe(true);
  });

  it('is empty for a program without a workflow', () => {
    const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');
    expect(rolesMatrix(ProgramDocument.parse(mini))).toEqual({ roles: [], events: [] });
  });
});

describe('allowing and forbidding', () => {
  it('allows a role for an event in the order of the roles, as one step that loadProgram accepts and only that line changes', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    setRoleAllowed(doc, 'AGREE_PLAN', 'participant', true);
    expect(doc.get(['workflow', 'events', 'AGREE_PLAN', 'roles'])).toEqual(['participant', 'coach']);
    setRoleAllowed(doc, 'AGREE_PLAN', 'jobcentre', true);
    expect(doc.get(['workflow', 'events', 'AGREE_PLAN', 'roles'])).toEqual(['participant', 'coach', 'jobcentre']);
    expect(loadProgram(doc.text).definition.workflow!.events.AGREE_PLAN!.roles).toEqual(['participant', 'coach', 'jobcentre']);
    // The two new lines only; everything else keeps its bytes.
    const block = (roles: string) => `"AGREE_PLAN": {\n        "form": "coachingPlan",\n        "roles": [\n${roles}\n        ]`;
    expect(doc.text).toBe(before.replace(block('          "coach"'), block('          "participant",\n          "coach",\n          "jobcentre"')));
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(before);
  });

  it('forbids a role, and does nothing when the role already has its way', () => {
    const doc = open('zweite-chance');
    setRoleAllowed(doc, 'START_MEASURE', 'jobcentre', false);
    expect(doc.get(['workflow', 'events', 'START_MEASURE', 'roles'])).toEqual(['coach']);
    expect(doc.canUndo).toBe(true);
    doc.undo();
    setRoleAllowed(doc, 'START_MEASURE', 'jobcentre', true);
    expect(doc.canUndo).toBe(false);
    loadProgram(doc.text);
  });

  it('refuses to take the last sender of an event no timer sends, naming the event in the designer\'s language', () => {
    const doc = open('zweite-chance', 'de');
    const before = doc.text;
    expect(() => setRoleAllowed(doc, 'AGREE_PLAN', 'coach', false)).toThrow(expect.objectContaining({ code: 'DESIGNER_EVENT_NEEDS_SENDER', message: expect.stringContaining('„Förderplan vereinbaren“') }));
    expect(doc.text).toBe(before);
    const en = open('zweite-chance', 'en');
    expect(() => setRoleAllowed(en, 'AGREE_PLAN', 'coach', false)).toThrow(expect.objectContaining({ message: expect.stringContaining('"Agree coaching plan" needs at least one role') }));
  });

  it('lets the last role go from an event a timer sends too', () => {
    const doc = open('zukunftsbuendnis');
    setRoleAllowed(doc, 'CANCEL', 'applicant', false);
    setRoleAllowed(doc, 'CANCEL', 'office', false);
    expect(loadProgram(doc.text).definition.workflow!.events.CANCEL!.roles).toEqual([]);
  });
});

describe('adding, renaming and removing roles', () => {
  it('derives keys from titles: camel case, umlauts written out, never system, numbered when taken', () => {
    expect(roleKeyFor('Sozialarbeiterin', [])).toBe('sozialarbeiterin');
    expect(roleKeyFor('Jobcenter-Fachkraft im Büro', [])).toBe('jobcenterFachkraftImBuero');
    expect(roleKeyFor('Straßensozialarbeit', [])).toBe('strassensozialarbeit');
    expect(roleKeyFor('Café', [])).toBe('cafe');
    expect(roleKeyFor('System', [])).toBe('system2');
    expect(roleKeyFor('Coach', ['coach', 'coach2'])).toBe('coach3');
    expect(roleKeyFor('2. Prüferin', [])).toBe('prueferin');
    expect(roleKeyFor('مستشار', [])).toBe('role');
  });

  it('adds a role with its title in every locale of the program, as one step loadProgram accepts', () => {
    const doc = open('gemeinsam-fuer-hagen');
    const before = doc.text;
    const key = addRole(doc, 'Sozialarbeiterin', { en: 'Social worker' });
    expect(key).toBe('sozialarbeiterin');
    const def = loadProgram(doc.text).definition;
    expect(def.workflow!.roles).toEqual(['advisor', 'coordinator', 'sozialarbeiterin']);
    for (const l of ['de', 'ar', 'de-x-ls']) expect(def.texts![l]!['workflow.roles.sozialarbeiterin']).toBe('Sozialarbeiterin');
    expect(def.texts!.en!['workflow.roles.sozialarbeiterin']).toBe('Social worker');
    // The new title sits beside the other roles' titles.
    const de = Object.keys(doc.get(['texts', 'de']) as object);
    expect(de.indexOf('workflow.roles.sozialarbeiterin')).toBe(de.indexOf('workflow.roles.coordinator') + 1);
    setRoleAllowed(doc, 'REOPEN', key, true);
    expect(loadProgram(doc.text).definition.workflow!.events.REOPEN!.roles).toEqual(['coordinator', 'sozialarbeiterin']);
    doc.undo();
    doc.undo();
    expect(doc.text).toBe(before);
  });

  it('refuses a title without letters or digits', () => {
    const doc = open('zweite-chance', 'de');
    expect(() => addRole(doc, ' – ')).toThrow(expect.objectContaining({ code: 'DESIGNER_ROLE_TITLE_EMPTY' }));
    expect(() => setRoleTitle(doc, 'coach', 'en', '  ')).toThrow(expect.objectContaining({ code: 'DESIGNER_ROLE_TITLE_EMPTY' }));
    expect(doc.canUndo).toBe(false);
  });

  it('renames a role\'s title in one locale and nothing else', () => {
    const doc = open('zweite-chance');
    const before = doc.text;
    setRoleTitle(doc, 'jobcentre', 'en', 'Job centre adviser');
    expect(loadProgram(doc.text).definition.texts!.en!['workflow.roles.jobcentre']).toBe('Job centre adviser');
    expect(changedLines(before, doc.text)).toEqual(['      "workflow.roles.jobcentre": "Job centre adviser",']);
  });

  it('removes a role with its ticks, its place in other lists and its titles in one step, and says from which events', () => {
    const doc = open('zukunftsbuendnis');
    const before = doc.text;
    // The office is not the only sender of anything but the check-in and the review: those go to the applicant first.
    expect(() => removeRole(doc, 'office')).toThrow(expect.objectContaining({ code: 'DESIGNER_ROLE_NEEDED', detail: expect.objectContaining({ pointer: '/workflow/events/CHECK_IN/roles' }) }));
    expect(doc.text).toBe(before);
    for (const e of ['CHECK_IN', 'START_REVIEW', 'ASK_FOR_INFORMATION', 'MATCH', 'DECLINE']) setRoleAllowed(doc, e, 'applicant', true);
    const removed = removeRole(doc, 'office');
    expect(removed.events).toEqual(['REGISTER', 'CHECK_IN', 'CANCEL', 'START_REVIEW', 'ASK_FOR_INFORMATION', 'MATCH', 'DECLINE']);
    expect(removed.lists).toEqual(['open', 'exemptRoles']);
    const def = loadProgram(doc.text).definition;
    expect(def.workflow!.roles).toEqual(['applicant']);
    expect(def.workflow!.open!.roles).toEqual(['applicant']);
    expect(def.forms.registration!.submissions!.exemptRoles).toEqual([]);
    for (const l of ['de', 'en']) expect(def.texts![l]!['workflow.roles.office']).toBeUndefined();
    doc.undo();
    expect(rolesMatrix(doc).roles.map((r) => r.key)).toEqual(['applicant', 'office']);
    expect(doc.get(['workflow', 'events', 'CHECK_IN', 'roles'])).toEqual(['applicant', 'office']);
  });

  it('refuses to remove the last role, or the only role that may open a case or read the identity table', () => {
    const hagen = open('gemeinsam-fuer-hagen', 'de');
    // The coordinator alone reads the identity table.
    for (const e of ['REOPEN']) setRoleAllowed(hagen, e, 'advisor', true);
    expect(() => removeRole(hagen, 'coordinator')).toThrow(expect.objectContaining({ code: 'DESIGNER_ROLE_NEEDED', message: expect.stringContaining('Identitätstabelle lesen') }));
    // The advisor alone opens a case.
    for (const e of ['START_ADVICE', 'RECORD_SESSION', 'RECORD_OUTCOME', 'CONTINUE_ADVICE', 'RECORD_ENTRY']) setRoleAllowed(hagen, e, 'coordinator', true);
    expect(() => removeRole(hagen, 'advisor')).toThrow(expect.objectContaining({ code: 'DESIGNER_ROLE_NEEDED', message: expect.stringContaining('Fall eröffnen'), detail: { pointer: '/workflow/open/roles' } }));
    const wir = open('wir-vielfalt');
    for (const e of ['SUBMIT', 'SUPPLY_DOCUMENTS', 'SUBMIT_PROOF', 'WITHDRAW']) setRoleAllowed(wir, e, 'officer', true);
    wir.apply([{ op: 'replace', path: ['workflow', 'open', 'roles'], value: ['officer'] }], 'open');
    removeRole(wir, 'applicant');
    loadProgram(wir.text);
    expect(() => removeRole(wir, 'officer')).toThrow(expect.objectContaining({ code: 'DESIGNER_ROLE_LAST' }));
  });

  it('keeps every example loadable after each kind of edit', () => {
    for (const name of ['zweite-chance', 'wir-vielfalt', 'zukunftsbuendnis', 'gemeinsam-fuer-hagen']) {
      const doc = open(name);
      const m = rolesMatrix(doc);
      const key = addRole(doc, 'Prüfstelle');
      for (const e of m.events) setRoleAllowed(doc, e.event, key, true);
      for (const r of m.roles) for (const e of m.events) if (e.roles.includes(r.key)) setRoleAllowed(doc, e.event, r.key, false);
      loadProgram(doc.text);
      const last = m.roles[m.roles.length - 1]!.key;
      setRoleTitle(doc, last, doc.get(['locales', 0]) as string, 'Neu');
      loadProgram(doc.text);
    }
  });
});
