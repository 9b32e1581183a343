import { describe, expect, it } from 'vitest';
import type { ProgramDefinition } from '@civicflow/core';
import { exampleNames, loadExample } from '@civicflow/test-support';
import { programChanges } from './program-changes.js';

const hagen = () => structuredClone(loadExample('gemeinsam-fuer-hagen').definition) as ProgramDefinition;
type Schema = { properties: Record<string, Record<string, unknown>>; required?: string[] };

describe('programChanges', () => {
  it('finds nothing between a definition and itself, for every example', () => {
    for (const name of exampleNames()) {
      const d = loadExample(name).definition;
      const changes = programChanges(d, structuredClone(d) as ProgramDefinition);
      expect(changes.changed, name).toBe(false);
      expect(changes.fields).toEqual([]);
    }
  });

  it('lists fields added, removed, and changed in type, required and other rules, nested ones by their path', () => {
    const before = hagen();
    const after = hagen();
    const contact = after.forms['contact']!.schema as unknown as Schema;
    contact.properties['nickname'] = { type: 'string', maxLength: 50 };
    delete contact.properties['phone'];
    contact.properties['familyName'] = { ...contact.properties['familyName'], maxLength: 80 };
    contact.required = [...(contact.required ?? []), 'familyName'];
    contact.properties['house'] = { type: 'string', maxLength: 40 };
    contact.properties['address'] = { type: 'object', additionalProperties: false, properties: { street: { type: 'string', maxLength: 100 } }, required: ['street'] };
    after.version = '9.0.0';

    const changes = programChanges(before, after);
    expect(changes.version).toEqual({ before: before.version, after: '9.0.0' });
    expect(changes.changed).toBe(true);
    const byField = Object.fromEntries(changes.fields.map((f) => [f.field, f]));
    expect(byField['nickname']).toEqual({ form: 'contact', field: 'nickname', kind: 'added', after: { type: 'string', required: false } });
    expect(byField['phone']).toMatchObject({ kind: 'removed', before: { type: 'string' } });
    expect(byField['familyName']).toMatchObject({ kind: 'changed', what: ['required', 'rules'], before: { required: false }, after: { required: true } });
    expect(byField['house']).toMatchObject({ kind: 'changed', what: ['type', 'rules'], before: { type: 'choice' }, after: { type: 'string' } });
    expect(byField['address.street']).toEqual({ form: 'contact', field: 'address.street', kind: 'added', after: { type: 'string', required: true } });
    expect(changes.fields.filter((f) => f.form !== 'contact')).toEqual([]);
    // Only the schema changed: the form itself is not listed.
    expect(changes.forms).toEqual([]);
  });

  it('a field of a list is named under the list, and a changed choice names its values as a rule', () => {
    const before = hagen();
    const after = hagen();
    const advice = after.forms['advice']!.schema as unknown as Schema;
    const topics = advice.properties['topics'] as { items: { enum: string[] } };
    topics.items.enum = [...topics.items.enum, 'housing'];
    advice.properties['steps'] = { type: 'array', maxItems: 5, items: { type: 'object', additionalProperties: false, properties: { what: { type: 'string', maxLength: 80 } } } };
    const changes = programChanges(before, after);
    expect(changes.fields).toEqual([
      { form: 'advice', field: 'topics', kind: 'changed', before: { type: 'choices', required: expect.any(Boolean) }, after: { type: 'choices', required: expect.any(Boolean) }, what: ['rules'] },
      { form: 'advice', field: 'steps', kind: 'added', after: { type: 'array', required: false } },
      { form: 'advice', field: 'steps[].what', kind: 'added', after: { type: 'string', required: false } },
    ]);
  });

  it('lists whole forms added and removed, with their fields', () => {
    const before = hagen();
    const after = hagen();
    after.forms['survey'] = { schema: { type: 'object', additionalProperties: false, properties: { score: { type: 'integer', minimum: 1, maximum: 5 } } } } as never;
    delete after.forms['followUp'];
    const changes = programChanges(before, after);
    expect(changes.forms).toEqual([
      { form: 'followUp', kind: 'removed' },
      { form: 'survey', kind: 'added' },
    ]);
    expect(changes.fields.find((f) => f.form === 'survey')).toEqual({ form: 'survey', field: 'score', kind: 'added', after: { type: 'integer', required: false } });
    expect(changes.fields.filter((f) => f.form === 'followUp').every((f) => f.kind === 'removed')).toBe(true);
  });

  it('lists texts per locale: added, removed, and reworded with both wordings', () => {
    const before = hagen();
    const after = hagen();
    const de = after.texts!['de'] as Record<string, string>;
    const en = after.texts!['en'] as Record<string, string>;
    const key = 'forms.advice.fields.nextSteps.label';
    const was = de[key]!;
    de[key] = 'Nächste Schritte (neu)';
    en['forms.contact.fields.nickname.label'] = 'Nickname';
    delete en[key];
    const changes = programChanges(before, after);
    expect(changes.texts).toEqual([
      { locale: 'de', key, kind: 'changed', before: was, after: 'Nächste Schritte (neu)' },
      { locale: 'en', key, kind: 'removed', before: (before.texts!['en'] as Record<string, string>)[key] },
      { locale: 'en', key: 'forms.contact.fields.nickname.label', kind: 'added', after: 'Nickname' },
    ]);
  });

  it('lists states, events and timers: a timer\'s new duration is a timer change, not a state change', () => {
    const before = hagen();
    const after = hagen();
    const states = after.workflow!.states as Record<string, { after?: { duration: string; send: string }[]; on?: Record<string, unknown>; final?: boolean }>;
    states['contact']!.after = [{ duration: 'P12W', send: 'NO_RETURN' }];
    states['waiting'] = { on: { START_ADVICE: { target: 'advice' } } };
    states['advice']!.on = { ...states['advice']!.on, PAUSE: { target: 'waiting' } };
    (after.workflow!.events as Record<string, unknown>)['PAUSE'] = { roles: ['advisor'] };
    (after.workflow!.events as Record<string, { roles: string[] }>)['REOPEN']!.roles = ['coordinator', 'advisor'];
    const deadlines = after.workflow!.deadlines as Record<string, { after: string; send: string }>;
    deadlines['followUp']!.after = 'P12M';
    delete deadlines['exitQuestionnaire'];

    const changes = programChanges(before, after);
    expect(changes.states).toEqual([
      { state: 'advice', kind: 'changed' },
      { state: 'waiting', kind: 'added' },
    ]);
    expect(changes.timers).toEqual([
      { kind: 'changed', state: 'contact', send: 'NO_RETURN', before: 'P8W', after: 'P12W' },
      { kind: 'removed', deadline: 'exitQuestionnaire', send: 'EXIT_OVERDUE', before: 'P4W' },
      { kind: 'changed', deadline: 'followUp', send: 'FOLLOW_UP_DUE', before: 'P6M', after: 'P12M' },
    ]);
    expect(changes.events).toEqual([
      { event: 'START_ADVICE', kind: 'changed' },
      { event: 'REOPEN', kind: 'changed' },
      { event: 'PAUSE', kind: 'added' },
    ]);
    expect(changes.other).toEqual([]);
  });

  it('names other parts by their key', () => {
    const before = hagen();
    const after = hagen();
    after.title = { ...after.title, de: 'Neuer Titel' } as never;
    const changes = programChanges(before, after);
    expect(changes.other).toEqual([{ part: 'title', kind: 'changed' }]);
    expect(changes.changed).toBe(true);
  });
});
