import { describe, expect, it } from 'vitest';
import { applyEvent } from './apply-event.js';
import { createCase } from './create-case.js';
import type { Case } from './case.js';
import { maxErrors } from '@civicflow/core';
import { exampleWalks, loadExample, readCaseFile } from '@civicflow/test-support';
import { playWalk } from './walk.js';
import { runWalk, type Walk } from './test-support/walk.js';

const examples = ['zweite-chance', 'gemeinsam-fuer-hagen', 'wir-vielfalt', 'zukunftsbuendnis'];

describe('applyEvent on the example workflows', () => {
  for (const name of examples) {
    const program = loadExample(name);
    for (const [file, walk] of exampleWalks<Walk>(name, 'workflow-')) {
      it(`${name}/${file}: ${walk.about}`, () => {
        runWalk(program, name, walk);
      });
    }
  }
});

/** Whether a value and everything in it is frozen. */
function deeplyFrozen(value: unknown): boolean {
  return typeof value !== 'object' || value === null || (Object.isFrozen(value) && Object.values(value).every(deeplyFrozen));
}

describe('applyEvent returns deeply frozen cases', () => {
  for (const name of examples) {
    const program = loadExample(name);
    it(`${name}: after every step of every walk, on the case the last step made and on one read back from JSON`, () => {
      let checked = 0;
      for (const [, walk] of exampleWalks<Walk>(name, 'workflow-')) {
        playWalk(program, walk, {
          dataFrom: (file) => readCaseFile<{ data: unknown }>(name, file).data,
          onStep: ({ step, before, results }, replay) => {
            const fromJson = before ? replay(JSON.parse(JSON.stringify(before)) as Case) : [];
            for (const r of [...results, ...fromJson]) {
              if (!r.ok) continue;
              expect(deeplyFrozen(r.case), `${walk.about}, step ${step}`).toBe(true);
              checked++;
            }
          },
        });
      }
      expect(checked).toBeGreaterThan(10);
    });
  }
});

describe('applyEvent', () => {
  const program = loadExample('gemeinsam-fuer-hagen');
  const advisor = { id: 'a-1', roles: ['advisor'] };
  const opened = createCase(program, 'c-1', advisor, new Date('2024-03-04T09:00:00Z'), {
    contactDate: '2024-03-04', house: 'altenhagen', channel: 'walkIn', givenName: 'Amina', ageGroup: 'under25', concern: ['job'],
  });
  if (!opened.ok) throw new Error(opened.message);
  const start = opened.case;

  it('records who, in which roles, what, when, from where to where and which fields changed', () => {
    const r = applyEvent(program, start, { type: 'START_ADVICE', data: { sessionDate: '2024-03-05', topics: ['jobSearch'] } }, advisor, new Date('2024-03-05T10:00:00Z'));
    expect(r.ok && r.audit).toEqual({
      seq: 2,
      at: '2024-03-05T10:00:00.000Z',
      actor: 'a-1',
      roles: ['advisor'],
      event: 'START_ADVICE',
      from: 'contact',
      to: 'advice',
      changed: ['/sessionDate', '/topics'],
      transition: '/workflow/states/contact/on/START_ADVICE',
    });
  });

  it('leaves the case it was given unchanged and shares nothing with the event data', () => {
    const copy = JSON.parse(JSON.stringify(start)) as Case;
    const data = { sessionDate: '2024-03-05', topics: ['jobSearch'] };
    const r = applyEvent(program, copy, { type: 'START_ADVICE', data }, advisor, new Date('2024-03-05T10:00:00Z'));
    expect(copy).toEqual(JSON.parse(JSON.stringify(start)));
    expect(r.ok && r.case.data['topics']).not.toBe(data.topics);
    data.topics.push('benefits');
    expect(r.ok && r.case.data['topics']).toEqual(['jobSearch']);
  });

  it('refuses a case of another program version', () => {
    const r = applyEvent(program, { ...start, program: 'gemeinsam-fuer-hagen@0.9.0' }, { type: 'REOPEN' }, advisor, new Date('2024-03-05T10:00:00Z'));
    expect(!r.ok && r.code).toBe('PROGRAM_MISMATCH');
  });

  it('refuses a case in a state the workflow lacks', () => {
    const r = applyEvent(program, { ...start, state: 'limbo' }, { type: 'START_ADVICE' }, advisor, new Date('2024-03-05T10:00:00Z'));
    expect(!r.ok && r.code).toBe('STATE_UNKNOWN');
  });

  it('refuses data for an event that carries no form', () => {
    const coordinator = { id: 'k', roles: ['coordinator'] };
    const r = applyEvent(program, { ...start, state: 'contactOnly', timers: [] }, { type: 'REOPEN', data: { note: 'x' } }, coordinator, new Date('2024-05-05T10:00:00Z'));
    expect(!r.ok && r.code).toBe('DATA_INVALID');
  });

  // Issue 22, deliverable 2: event data goes through the same bounded validation as a submission.
  it('counts every problem of the event data but lists at most maxErrors of them', () => {
    const topics = Array.from({ length: 5000 }, (_, i) => `topic ${i}`);
    const r = applyEvent(program, start, { type: 'START_ADVICE', data: { sessionDate: '2024-03-05', topics } }, advisor, new Date('2024-03-05T10:00:00Z'), { locale: 'en' });
    expect(!r.ok && r.code).toBe('DATA_INVALID');
    if (r.ok) return;
    expect(r.details['errors']).toHaveLength(maxErrors);
    expect(r.details['maxErrors']).toBe(maxErrors);
    const total = maxErrors + (r.details['moreErrors'] as number);
    expect(total).toBe(5000);
    expect(r.message).toContain(`${total} problem(s)`);
  });

  it('names the guards that failed and why, without the data', () => {
    const prog = loadExample('zweite-chance');
    const coach = { id: 'c', roles: ['coach'] };
    const c: Case = { ...start, program: prog.ref, state: 'paused', data: {}, timers: [], outcomes: [] };
    const r = applyEvent(prog, c, { type: 'RESUME', data: { resumeAt: 'followUp' } }, coach, new Date('2025-01-01T00:00:00Z'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('GUARD_FAILED');
    const failed = r.details['failed'] as { guard: string; errors: { pointer: string; keyword: string }[] }[];
    expect(failed.map((f) => f.guard)).toEqual([0, 1, 2, 3, 4].map((i) => `/workflow/states/paused/on/RESUME/${i}/guard`));
    expect(failed[4]!.errors).toContainEqual({ pointer: '/data', keyword: 'required' });
  });

  it('explains refusals in German with the titles from the program texts', () => {
    const r = applyEvent(program, start, { type: 'CLOSE', data: { reason: 'movedAway' } }, { id: 'x', roles: ['visitor'] }, new Date('2024-03-05T10:00:00Z'), { locale: 'de' });
    expect(!r.ok && r.message).toBe('„Abschließen“ dürfen nur Beratung im Perspektivhaus, Projektkoordination der Stadt Hagen.');
    expect(!r.ok && r.details).toEqual({ event: 'CLOSE', allowed: ['advisor', 'coordinator'], roles: ['visitor'] });
  });

  it('lets only the system send timer events, and only for a due timer', () => {
    const now = new Date('2024-05-01T00:00:00Z');
    const asPerson = applyEvent(program, start, { type: 'NO_RETURN', timer: 'after:contact:0' }, advisor, now);
    expect(!asPerson.ok && asPerson.code).toBe('ROLE_FORBIDDEN');
    const system = { id: 'system', roles: ['system'] };
    const early = applyEvent(program, start, { type: 'NO_RETURN', timer: 'after:contact:0' }, system, new Date('2024-03-10T00:00:00Z'));
    expect(!early.ok && early.code).toBe('TIMER_NOT_DUE');
    const unknown = applyEvent(program, start, { type: 'NO_RETURN', timer: 'after:advice:0' }, system, now);
    expect(!unknown.ok && unknown.code).toBe('TIMER_UNKNOWN');
    const due = applyEvent(program, start, { type: 'NO_RETURN', timer: 'after:contact:0' }, system, now);
    expect(due.ok && [due.case.state, due.case.timers, due.audit.timer]).toEqual(['contactOnly', [], 'after:contact:0']);
  });
});
