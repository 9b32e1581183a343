import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadProgram, validate } from '@civicflow/core';
import { ProgramDocument } from '../document/program-document.js';
import { conditionSchema, setShowWhen } from './conditions.js';
import { removedPaths, sampleData } from './sample-data.js';

const mini = readFileSync(new URL('../../../test-support/src/mini-program.json', import.meta.url), 'utf8');

describe('sample answers', () => {
  it('fill a form so that it validates, and the next variant makes a condition hide a field', () => {
    const doc = ProgramDocument.parse(mini);
    setShowWhen(doc, 'intake', 'email', conditionSchema({ join: 'all', rules: [{ field: 'housing', op: 'equals', value: 'flat' }] }));
    const program = loadProgram(doc.text);
    const schema = program.definition.forms.intake!.schema;
    const first = sampleData(schema, 0);
    expect(first).toMatchObject({ name: 'Example', housing: 'flat', email: 'name@example.org', household: [{ name: 'Example', age: 0 }] });
    const r0 = validate(program, 'intake', first);
    expect(r0.errors).toEqual([]);
    // The mini program shows its contact point only to people without a home.
    expect(removedPaths(first, r0.data)).toEqual(['contactPoint']);
    const second = sampleData(schema, 1, 'de');
    expect(second).toMatchObject({ name: 'Beispiel', housing: 'shelter' });
    const r1 = validate(program, 'intake', second);
    expect(removedPaths(second, r1.data)).toEqual(['email', 'contactPoint']);
    const third = sampleData(schema, 2);
    expect(removedPaths(third, validate(program, 'intake', third).data)).toEqual(['email']);
  });

  it('keep texts within their lengths and numbers within their bounds', () => {
    const data = sampleData({ type: 'object', properties: { a: { type: 'string', minLength: 12, maxLength: 14 }, b: { type: 'integer', minimum: 3, maximum: 3 }, c: { type: 'string', pattern: '^x$' } } }, 1);
    expect((data.a as string).length).toBeGreaterThanOrEqual(12);
    expect((data.a as string).length).toBeLessThanOrEqual(14);
    expect(data.b).toBe(3);
    expect('c' in data).toBe(false);
  });
});
