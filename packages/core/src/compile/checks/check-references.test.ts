import { describe, expect, it } from 'vitest';
import { loadProgram } from '../load-program.js';
import { validate } from '../validate.js';
import { ProgramError, type Issue } from '../../runtime/errors.js';
import { miniDefinition } from '@civicflow/test-support';

type Def = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The mini program with this form schema, its fields laid out on one page with labels. */
function withSchema(schema: Record<string, unknown>, when?: unknown): Def {
  const d = miniDefinition() as Def;
  const fields = Object.keys(schema['properties'] as object);
  d['forms'].intake.schema = schema;
  d['forms'].intake.ui = { pages: [{ id: 'p1', fields: when ? [fields[0], { field: fields[1], when }] : fields }] };
  const texts: Record<string, string> = { 'forms.intake.title': 'A', 'forms.intake.pages.p1.title': 'A' };
  for (const f of fields) texts[`forms.intake.fields.${f}.label`] = f;
  d['texts'] = { de: texts, en: texts };
  return d;
}

function issues(def: Def): Issue[] {
  try {
    loadProgram(def);
  } catch (e) {
    expect(e).toBeInstanceOf(ProgramError);
    return [...(e as ProgramError).issues];
  }
  return [];
}

const at = (list: Issue[]) => list.map((i) => `${i.code} ${i.pointer}`);
const name = { name: { type: 'string', maxLength: 20 } };

// Issue 22, break 9: these loaded, and then every call of validate threw "Maximum call stack size exceeded".
describe('references the validator cannot run safely', () => {
  it('refuses $dynamicRef and $dynamicAnchor, as in the recursive patterns of the JSON Schema Test Suite', () => {
    const strictTree = {
      $dynamicAnchor: 'node', type: 'object', properties: { ...name }, $ref: '#/$defs/tree', unevaluatedProperties: false,
      $defs: { tree: { $dynamicAnchor: 'node', type: 'object', properties: { data: true, children: { type: 'array', items: { $dynamicRef: '#node' } } } } },
    };
    expect(at(issues(withSchema(strictTree)))).toEqual([
      'SCHEMA_DYNAMIC_REF /forms/intake/schema/$dynamicAnchor',
      'SCHEMA_DYNAMIC_REF /forms/intake/schema/$defs/tree/$dynamicAnchor',
      'SCHEMA_DYNAMIC_REF /forms/intake/schema/$defs/tree/properties/children/items/$dynamicRef',
    ]);
    const loop = { $dynamicAnchor: 'n', type: 'object', properties: { ...name }, allOf: [{ $dynamicRef: '#n' }] };
    const [issue] = issues(withSchema(loop));
    expect(issue).toMatchObject({ code: 'SCHEMA_DYNAMIC_REF', pointer: '/forms/intake/schema/$dynamicAnchor', params: { keyword: '$dynamicAnchor' } });
    expect(issue!.message).toMatch(/^"\$dynamicAnchor" is not supported/);
  });

  it('refuses a $ref that comes back without going into the data, with a pointer to it', () => {
    const loops: [Record<string, unknown>, string][] = [
      [{ type: 'object', properties: { ...name }, $ref: '#' }, '/$ref'],
      [{ type: 'object', properties: { ...name }, allOf: [{ $ref: '#' }] }, '/allOf/0/$ref'],
      [{ type: 'object', properties: { ...name }, anyOf: [{ type: 'object' }, { not: { $ref: '#/$defs/a' } }], $defs: { a: { if: { $ref: '#' }, then: true } } }, '/anyOf/1/not/$ref'],
      [{ type: 'object', properties: { ...name }, $ref: '#/$defs/a', $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } } }, '/$defs/a/$ref'],
      [{ type: 'object', properties: { ...name }, allOf: [{ $ref: '#again' }], $defs: { n: { $anchor: 'again', allOf: [{ $ref: '#again' }] } } }, '/$defs/n/allOf/0/$ref'],
      [{ $id: 'https://example.org/form', type: 'object', properties: { ...name }, $ref: 'part', $defs: { p: { $id: 'part', $ref: 'form' } } }, '/$ref'],
    ];
    for (const [schema, pointer] of loops) {
      expect(at(issues(withSchema(schema))), JSON.stringify(schema)).toEqual([`SCHEMA_REF_LOOP /forms/intake/schema${pointer}`]);
    }
  });

  it('refuses such a loop in a condition too', () => {
    const when = { $ref: '#/$defs/c', $defs: { c: { allOf: [{ $ref: '#/$defs/c' }] } } };
    const schema = { type: 'object', properties: { ...name, note: { type: 'string' } } };
    expect(at(issues(withSchema(schema, when)))).toEqual(['SCHEMA_REF_LOOP /forms/intake/ui/pages/0/fields/1/when/$defs/c/allOf/0/$ref']);
  });

  it('keeps references that lead elsewhere, also through $id, and validation works with them', () => {
    const schema = {
      $id: 'https://example.org/form',
      type: 'object',
      properties: { name: { $ref: '#/$defs/text' }, code: { $ref: 'code' } },
      allOf: [{ $ref: '#/$defs/named' }],
      $defs: { text: { type: 'string', maxLength: 20 }, c: { $id: 'code', type: 'string', pattern: '^[0-9]+$' }, named: { required: ['name'] } },
    };
    const program = loadProgram(withSchema(schema));
    expect(validate(program, 'intake', { name: 'Ada', code: '12' }).valid).toBe(true);
    expect(validate(program, 'intake', { code: 'x' }).errors.map((e) => e.code).sort()).toEqual(['pattern', 'required']);
  });
});
