import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram, validate } from '@civicflow/core';
import { examplePath } from '@civicflow/test-support';
import { ProgramDocument } from '../document/program-document.js';
import { conditionFromJson, conditionSchema, describeCondition, parseCondition, requiredWhen, setRequiredWhen, setShowWhen, showWhen, type Condition, type ConditionWords } from './conditions.js';

const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');
const words: ConditionWords = {
  ops: { equals: '{field} is {value}', notEquals: '{field} is not {value}', oneOf: '{field} is one of {value}', contains: '{field} includes {value}', gt: '{field} is more than {value}', gte: '{field} is at least {value}', lt: '{field} is less than {value}', lte: '{field} is at most {value}', isSet: '{field} is answered', isNotSet: '{field} is not answered' },
  and: 'and',
  or: 'or',
  not: 'not',
  yes: 'yes',
  no: 'no',
  json: 'a condition written in JSON',
  quotes: ['[', ']'],
};
const names = { field: (k: string) => k.toUpperCase(), option: (_k: string, v: unknown) => `<${String(v)}>` };

describe('conditions as rules', () => {
  it('writes rules as the JSON Schema authoring.md shows, and reads them back', () => {
    const cases: [Condition, unknown][] = [
      [{ join: 'all', rules: [{ field: 'housing', op: 'equals', value: 'none' }] }, { properties: { housing: { const: 'none' } }, required: ['housing'] }],
      [
        { join: 'all', rules: [{ field: 'age', op: 'gte', value: 18 }, { field: 'needs', op: 'contains', value: 'debt' }] },
        { properties: { age: { minimum: 18 }, needs: { contains: { const: 'debt' } } }, required: ['age', 'needs'] },
      ],
      [{ join: 'any', rules: [{ field: 'a', op: 'isSet' }, { field: 'b', op: 'notEquals', value: 'x' }] }, { anyOf: [{ required: ['a'] }, { properties: { b: { not: { const: 'x' } } }, required: ['b'] }] }],
      [{ join: 'all', rules: [{ field: 'a', op: 'isNotSet' }, { field: 'b', op: 'oneOf', value: ['x', 'y'] }] }, { allOf: [{ not: { required: ['a'] } }, { properties: { b: { enum: ['x', 'y'] } }, required: ['b'] }] }],
      [{ join: 'all', rules: [{ field: 'n', op: 'gt', value: 1 }, { field: 'n', op: 'lt', value: 5 }] }, { allOf: [{ properties: { n: { exclusiveMinimum: 1 } }, required: ['n'] }, { properties: { n: { exclusiveMaximum: 5 } }, required: ['n'] }] }],
      [
        { join: 'all', rules: [{ field: 'person.interpreter', op: 'equals', value: true }, { field: 'person.age', op: 'lte', value: 17 }] },
        { properties: { person: { properties: { interpreter: { const: true }, age: { maximum: 17 } }, required: ['interpreter', 'age'] } }, required: ['person'] },
      ],
    ];
    for (const [c, schema] of cases) {
      expect(conditionSchema(c)).toEqual(schema);
      expect(parseCondition(schema)).toEqual(c);
    }
  });

  it('reads back every condition of the example programs, or says in words or as JSON what it cannot edit', () => {
    let read = 0;
    for (const name of ['zweite-chance', 'wir-vielfalt', 'zukunftsbuendnis', 'gemeinsam-fuer-hagen']) {
      const program = JSON.parse(readFileSync(examplePath(name, 'program.json'), 'utf8')) as object;
      const found: unknown[] = [];
      const walk = (v: unknown) => {
        if (!v || typeof v !== 'object') return;
        for (const [k, x] of Object.entries(v)) {
          if (k === 'when' || k === 'if') found.push(x);
          walk(x);
        }
      };
      walk((program as { forms: unknown }).forms);
      for (const c of found) {
        const parsed = parseCondition(c);
        if (parsed) {
          read++;
          expect(conditionSchema(parsed), name).toEqual(c);
        }
        expect(describeCondition(c, words, names)).not.toBe('');
      }
    }
    expect(read).toBeGreaterThanOrEqual(20);
  });

  it('does not take as rules what would mean something else when written back, and describes it in words', () => {
    // Without `required`, the condition holds while the field is empty: not "housing is none".
    expect(parseCondition({ properties: { housing: { const: 'none' } } })).toBeUndefined();
    expect(parseCondition({ properties: { a: { pattern: '^x' } }, required: ['a'] })).toBeUndefined();
    expect(parseCondition({ properties: { a: { const: 1 } }, required: ['a'], minProperties: 2 })).toBeUndefined();
    expect(parseCondition({ anyOf: [{ properties: { a: { const: 1 }, b: { const: 2 } }, required: ['a', 'b'] }] })).toBeUndefined();
    expect(describeCondition({ not: { properties: { approved: { const: true } }, required: ['approved'] } }, words, names)).toBe('not ([APPROVED] is yes)');
    expect(describeCondition({ anyOf: [{ properties: { a: { const: 'x' } }, required: ['a'] }, { required: ['b', 'c'] }] }, words, names)).toBe('[A] is [<x>] or ([B] is answered and [C] is answered)');
    expect(describeCondition({ properties: { a: { pattern: '^x' } } }, words, names)).toBe('a condition written in JSON');
  });
});

describe('show when and required when', () => {
  it('shows a field only when a choice has a value, and makes another required when a number is reached', () => {
    const doc = ProgramDocument.parse(mini);
    expect(showWhen(doc, 'intake', 'email')).toBeUndefined();
    setShowWhen(doc, 'intake', 'email', conditionSchema({ join: 'all', rules: [{ field: 'housing', op: 'equals', value: 'flat' }] }));
    expect(doc.get(['forms', 'intake', 'ui', 'pages', 0, 'fields', 1])).toEqual({ field: 'email', when: { properties: { housing: { const: 'flat' } }, required: ['housing'] } });
    setRequiredWhen(doc, 'intake', 'birthDate', undefined, conditionSchema({ join: 'all', rules: [{ field: 'housing', op: 'oneOf', value: ['shelter', 'none'] }] }));
    const program = loadProgram(doc.text);
    const invalid = validate(program, 'intake', { name: 'Al', housing: 'shelter' });
    expect(invalid.valid).toBe(false);
    expect(validate(program, 'intake', { name: 'Al', housing: 'flat', birthDate: '1990-01-01' }).valid).toBe(true);
    // The existing if/then of the mini program is found and editable; the new one in allOf too.
    const found = requiredWhen(doc, 'intake', 'birthDate');
    expect(found).toEqual([{ at: ['forms', 'intake', 'schema', 'allOf', 0], condition: { properties: { housing: { enum: ['shelter', 'none'] } }, required: ['housing'] }, editable: true }]);
    expect(requiredWhen(doc, 'intake', 'contactPoint')[0]).toMatchObject({ at: ['forms', 'intake', 'schema'], editable: true });
    // Removing the conditions gives back the file.
    setRequiredWhen(doc, 'intake', 'birthDate', found[0]!.at, undefined);
    setShowWhen(doc, 'intake', 'email', undefined);
    expect(doc.get(['forms', 'intake', 'schema', 'allOf'])).toBeUndefined();
    expect(doc.get(['forms', 'intake', 'ui', 'pages', 0, 'fields', 1])).toEqual({ field: 'email' });
  });

  it('refuses a condition typed as JSON that is not an object, or not JSON, with line and column', () => {
    const doc = ProgramDocument.parse(mini, 'de');
    expect(() => conditionFromJson(doc, '[1]')).toThrow(expect.objectContaining({ code: 'DESIGNER_CONDITION_INVALID' }));
    expect(() => conditionFromJson(doc, '{\n "a": }')).toThrow(expect.objectContaining({ code: 'DESIGNER_NOT_JSON', detail: expect.objectContaining({ line: 2 }) }));
    expect(conditionFromJson(doc, '{"required": ["a"]}')).toEqual({ required: ['a'] });
  });
});
