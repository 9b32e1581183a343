import { describe, expect, it } from 'vitest';
import type { Form } from '../model/program.js';
import { firstPageCount, firstPageFields, isFirstText } from './first-texts.js';
import { formLayout } from './layout.js';

const schema = {
  type: 'object',
  properties: {
    kind: { type: 'string', enum: ['a', 'b'] },
    person: { type: 'object', properties: { name: { type: 'string' }, age: { type: 'integer' } } },
    address: { type: 'object', properties: { town: { type: 'string' } } },
    note: { type: 'string' },
  },
} as const;
const form = (pages: unknown[]) => ({ schema, ui: { pages } }) as unknown as Form;

describe('the words a page shows first', () => {
  it('are those of the first page, and of the pages after a page with a condition up to the first without one', () => {
    const plain = form([{ id: 'one', fields: ['kind', 'person'] }, { id: 'two', fields: ['address'] }, { id: 'three', fields: ['note'] }]);
    expect(firstPageCount(formLayout(plain))).toBe(1);
    expect([...firstPageFields(formLayout(plain))].sort()).toEqual(['kind', 'person', 'person.age', 'person.name']);
    const when = { properties: { kind: { const: 'a' } }, required: ['kind'] };
    const hidden = form([{ id: 'one', when, fields: ['kind', 'person'] }, { id: 'two', fields: ['address'] }, { id: 'three', fields: ['note'] }]);
    expect(firstPageCount(formLayout(hidden))).toBe(2);
    expect(firstPageFields(formLayout(hidden)).has('address.town')).toBe(true);
    expect(firstPageFields(formLayout(hidden)).has('note')).toBe(false);
  });

  it('are the titles, the first pages’ labels, help and choices, and the periods’ texts; not errors, later fields or the workflow', () => {
    const forms = { f: form([{ id: 'one', fields: ['kind', 'person'] }, { id: 'two', fields: ['address', 'note'] }]) };
    const first = [
      'forms.f.title',
      'forms.f.pages.two.title',
      'forms.f.fields.kind.label',
      'forms.f.fields.kind.options.a',
      'forms.f.fields.person.help',
      'forms.f.fields.person.name.label',
      'periods.call.title',
    ];
    const later = [
      'errors.required',
      'forms.f.fields.person.name.errors.required',
      'forms.f.fields.address.label',
      'forms.f.fields.address.town.label',
      'forms.f.fields.note.help',
      'forms.f.fields.unknown.label',
      'forms.other.title',
      'workflow.states.open.title',
    ];
    for (const key of first) expect(isFirstText(key, forms), key).toBe(true);
    for (const key of later) expect(isFirstText(key, forms), key).toBe(false);
  });
});
