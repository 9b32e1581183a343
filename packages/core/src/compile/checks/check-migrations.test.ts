import { describe, expect, it } from 'vitest';
import type { Issue } from '../../runtime/errors.js';
import { loadProgram } from '../load-program.js';
import { checkMigration } from './check-migrations.js';
import { codesAt, issuesAfter } from '../../test-support/issues-after.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Version 1.0.0 of a small program: an application that is received, checked (with a reminder), then decided. */
function v1(): Json {
  const texts = (l: string) => ({
    'forms.apply.title': l,
    'forms.apply.fields.name.label': l,
    'forms.apply.fields.phone.label': l,
    'workflow.states.received.title': l,
    'workflow.states.checking.title': l,
    'workflow.states.decided.title': l,
    'workflow.events.CHECK.title': l,
    'workflow.events.DECIDE.title': l,
    'workflow.events.REMIND.title': l,
    'workflow.roles.applicant': l,
    'workflow.roles.office': l,
  });
  return {
    id: 'grant',
    version: '1.0.0',
    locales: ['en', 'de'],
    title: { en: 'Grant', de: 'Zuschuss' },
    forms: { apply: { schema: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' } } } } },
    workflow: {
      initial: 'received',
      open: { form: 'apply', roles: ['applicant'] },
      roles: ['applicant', 'office'],
      events: { CHECK: { roles: ['office'] }, DECIDE: { roles: ['office'] }, REMIND: { roles: [] } },
      states: {
        received: { after: [{ duration: 'P7D', send: 'REMIND' }], on: { CHECK: { target: 'checking' }, REMIND: { target: 'checking' } } },
        checking: { on: { DECIDE: { target: 'decided' } } },
        decided: { final: true },
      },
    },
    texts: { en: texts('en'), de: texts('de') },
  };
}

/** Version 1.1.0: `phone` is `telephone`, `checking` is `review`, and its migration from 1.0.0 says so. */
function v2(): Json {
  const p = v1();
  p.version = '1.1.0';
  const props = p.forms.apply.schema.properties;
  props.telephone = props.phone;
  delete props.phone;
  const states = p.workflow.states;
  states.review = states.checking;
  delete states.checking;
  states.received.on.CHECK.target = 'review';
  states.received.on.REMIND.target = 'review';
  for (const t of Object.values(p.texts) as Record<string, string>[]) {
    t['forms.apply.fields.telephone.label'] = t['forms.apply.fields.phone.label']!;
    delete t['forms.apply.fields.phone.label'];
    t['workflow.states.review.title'] = t['workflow.states.checking.title']!;
    delete t['workflow.states.checking.title'];
  }
  p.versions = { migrations: [{ from: '1.0.0', states: { checking: 'review' }, data: [{ op: 'move', from: 'phone', path: 'telephone' }] }] };
  return p;
}

const against = (change: (p: Json) => void, locale = 'en'): Issue[] => {
  const b = v2();
  change(b);
  return checkMigration(loadProgram(v1()), loadProgram(b), locale);
};

describe('checkMigrations (in the newer version alone)', () => {
  it('accepts a migration whose target states and fields exist', () => {
    expect(issuesAfter(v2(), () => {})).toEqual([]);
  });

  it('reports a target state or field this version lacks, a migration from itself and one named twice', () => {
    const issues = issuesAfter(v2(), (p) => {
      p.versions.migrations[0].states.checking = 'reviewed';
      p.versions.migrations[0].data.push({ op: 'default', path: 'telefone', value: '' }, { op: 'remove', path: 'anything' });
      p.versions.migrations.push({ from: '1.1.0' }, { from: '1.0.0' });
    });
    expect(codesAt(issues)).toEqual([
      'MIGRATION_STATE_UNKNOWN /versions/migrations/0/states/checking',
      'MIGRATION_FIELD_UNKNOWN /versions/migrations/0/data/1/path',
      'MIGRATION_FROM_SELF /versions/migrations/1/from',
      'MIGRATION_FROM_DUPLICATE /versions/migrations/2/from',
    ]);
    expect(issues[0]!.message).toBe('There is no state "reviewed" in this version\'s workflow for cases to move to.');
  });
});

describe('checkMigration (against the older version)', () => {
  it('accepts a migration that fits', () => {
    expect(against(() => {})).toEqual([]);
  });

  it('reports a missing entry, unknown or unmapped states, unknown fields and kept timers whose events are gone, in German too', () => {
    expect(codesAt(against((p) => (p.versions.migrations[0].from = '0.9.0')))).toEqual(['MIGRATION_MISSING /versions']);
    const issues = against((p) => {
      const m = p.versions.migrations[0];
      m.states = { checkng: 'review' };
      m.data = [{ op: 'move', from: 'fone', path: 'telephone' }, { op: 'remove', path: 'email' }];
      delete p.workflow.events.REMIND;
      p.workflow.states.received.after = [];
      delete p.workflow.states.received.on.REMIND;
      for (const t of Object.values(p.texts) as Record<string, string>[]) delete t['workflow.events.REMIND.title'];
    }, 'de');
    expect(codesAt(issues)).toEqual([
      'MIGRATION_SOURCE_STATE_UNKNOWN /versions/migrations/0/states/checkng',
      'MIGRATION_STATE_UNMAPPED /versions/migrations/0/states',
      'MIGRATION_SOURCE_FIELD_UNKNOWN /versions/migrations/0/data/0/from',
      'MIGRATION_SOURCE_FIELD_UNKNOWN /versions/migrations/0/data/1/path',
      'MIGRATION_TIMER_EVENT_UNKNOWN /versions/migrations/0',
    ]);
    expect(issues[1]!.message).toBe('Offene Fälle von 1.0.0 können im Zustand „checking“ sein, den diese Version nicht hat: Ordnen Sie ihn unter "states" einem Zustand dieser Version zu.');
    expect(against((p) => (p.versions.migrations[0].timers = 'drop')).map((i) => i.code)).toEqual([]);
  });
});
