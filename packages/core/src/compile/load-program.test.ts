import { describe, expect, it } from 'vitest';
import { loadProgram } from './load-program.js';
import { ProgramError, type Issue } from '../runtime/errors.js';
import { addContactFields, miniDefinition } from '@civicflow/test-support';

type Def = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function problems(def: unknown, locale?: string): Issue[] {
  try {
    loadProgram(def, locale ? { locale } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(ProgramError);
    return [...(e as ProgramError).issues];
  }
  throw new Error('expected the program to be rejected');
}

function edit(change: (d: Def) => void): Def {
  const d = miniDefinition() as Def;
  change(d);
  return d;
}

describe('loadProgram', () => {
  it('returns a frozen program with id, version, ref and a content hash', () => {
    const p = loadProgram(miniDefinition());
    expect(p.ref).toBe('mini@1.0.0');
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.definition.forms['intake']!.schema)).toBe(true);
  });

  it('gives equal definitions equal hashes whatever their key order, and changed ones other hashes', () => {
    const a = miniDefinition();
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(loadProgram(reordered).hash).toBe(loadProgram(a).hash);
    expect(loadProgram(JSON.stringify(a)).hash).toBe(loadProgram(a).hash);
    expect(loadProgram(edit((d) => (d['version'] = '1.0.1'))).hash).not.toBe(loadProgram(a).hash);
  });

  it('does not keep a reference to the caller’s object', () => {
    const d = miniDefinition() as Def;
    const p = loadProgram(d);
    d['forms'].intake.schema.properties.name.maxLength = 1;
    expect((p.definition.forms['intake']!.schema as Def)['properties'].name.maxLength).toBe(50);
  });

  it('reports text that is not JSON', () => {
    const [issue] = problems('{"id": ');
    expect(issue).toMatchObject({ code: 'NOT_JSON', pointer: '' });
  });

  it('reports every meta-schema problem with a pointer to its place', () => {
    const issues = problems(
      edit((d) => {
        d['id'] = 'Not An Id';
        delete d['version'];
        d['colour'] = 'red';
        d['forms'].intake.ui.pages[0].fields.push(42);
      }),
    );
    const at = issues.map((i) => i.pointer).sort();
    expect(at).toEqual(['/colour', '/forms/intake/ui/pages/0/fields/6', '/id', '/version']);
    expect(issues.every((i) => i.code === 'SCHEMA_INVALID' && i.message.length > 10)).toBe(true);
  });

  it('reports a typo in a keyword of a form schema at the keyword', () => {
    const issues = problems(edit((d) => (d['forms'].intake.schema.properties.name.minLenght = 3)));
    expect(issues).toEqual([expect.objectContaining({ code: 'FORM_SCHEMA_INVALID', pointer: '/forms/intake/schema/properties/name/minLenght' })]);
  });

  it('rejects a pattern that can backtrack catastrophically, and accepts a simple one', () => {
    const issues = problems(edit((d) => (d['forms'].intake.schema.properties.contactPoint.pattern = '^(\\w+\\s?)*$')));
    expect(issues).toEqual([expect.objectContaining({ code: 'PATTERN_UNSAFE', pointer: '/forms/intake/schema/properties/contactPoint/pattern' })]);
    expect(() => loadProgram(edit((d) => (d['forms'].intake.schema.properties.contactPoint.pattern = '^[0-9]{5}$')))).not.toThrow();
  });

  it('rejects unsafe patterns in conditions too', () => {
    const issues = problems(
      edit((d) => (d['forms'].intake.ui.pages[0].fields[3].when = { properties: { housing: { pattern: '^(a|a)*$' } } })),
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([['PATTERN_UNSAFE', '/forms/intake/ui/pages/0/fields/3/when/properties/housing/pattern']]);
  });

  it('reports UI fields that do not exist, are placed twice, or are on no page', () => {
    const issues = problems(
      edit((d) => {
        d['forms'].intake.ui.pages[0].fields = ['name', 'name', 'nickname', 'housing', 'contactPoint', 'birthDate', 'household'];
      }),
    );
    expect(issues.map((i) => [i.code, i.pointer, i.params['field']])).toEqual([
      ['UI_FIELD_UNKNOWN', '/forms/intake/ui/pages/0/fields/2', 'nickname'],
      ['UI_FIELD_DUPLICATE', '/forms/intake/ui/pages/0/fields/1', 'name'],
      ['UI_FIELD_MISSING', '/forms/intake/ui/pages', 'email'],
    ]);
  });

  it('accepts three boxes for a date field and reports them on any other field, at the widget', () => {
    const threeBoxes = (field: string, at: number) =>
      edit((d) => {
        d['forms'].intake.ui.pages[0].fields[at] = { field, widget: 'memorable-date', autocomplete: 'bday' };
      });
    expect(() => loadProgram(threeBoxes('birthDate', 4))).not.toThrow();
    const issues = problems(threeBoxes('name', 0));
    expect(issues.map((i) => [i.code, i.pointer, i.params['field']])).toEqual([['UI_WIDGET_NOT_DATE', '/forms/intake/ui/pages/0/fields/0/widget', 'name']]);
    expect(problems(threeBoxes('name', 0), 'de')[0]!.message).toContain('Datumsfeld');
  });

  it('reports a duplicate page id and a condition that is not a valid schema', () => {
    const issues = problems(
      edit((d) => {
        const pages = d['forms'].intake.ui.pages;
        pages.push({ id: 'p1', fields: ['household'], when: { $ref: '#/$defs/nowhere' } });
        pages[0].fields.pop();
      }),
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ['UI_PAGE_DUPLICATE', '/forms/intake/ui/pages/1/id'],
      ['CONDITION_INVALID', '/forms/intake/ui/pages/1/when'],
    ]);
  });

  it('accepts Leichte Sprache (de-x-ls) with only some texts: the others are shown in German', () => {
    const p = loadProgram(
      edit((d) => {
        d['locales'].push('de-x-ls');
        d['texts']['de-x-ls'] = { 'forms.intake.title': 'Anmelden' };
      }),
    );
    expect(p.locales).toContain('de-x-ls');
  });

  it('requires every text in a locale that falls back to no other, such as Arabic', () => {
    const issues = problems(
      edit((d) => {
        d['locales'].push('ar');
        d['texts'].ar = { 'forms.intake.title': 'التسجيل' };
        d['title'].ar = 'برنامج';
      }),
    );
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['TEXT_MISSING']));
    expect(issues.every((i) => i.pointer.startsWith('/texts/ar/'))).toBe(true);
  });

  it('refuses a locale tag that is no BCP 47 tag of a language', () => {
    expect(problems(edit((d) => d['locales'].push('x-ls'))).map((i) => i.code)).toContain('SCHEMA_INVALID');
  });

  it('requires every label in every declared locale and no texts for undeclared locales', () => {
    const issues = problems(
      edit((d) => {
        delete d['texts'].en['forms.intake.fields.household.age.label'];
        d['texts'].en['errors.required'] = 'Required.';
        d['texts'].fr = { 'forms.intake.title': 'Accueil' };
        delete d['title'].en;
      }),
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual(
      expect.arrayContaining([
        ['TEXT_LOCALE_UNKNOWN', '/texts/fr'],
        ['TEXT_MISSING', '/title'],
        ['TEXT_MISSING', '/texts/en/forms.intake.fields.household.age.label'],
        ['TEXT_MISSING', '/texts/de/errors.required'],
      ]),
    );
    expect(issues).toHaveLength(4);
  });

  it('rejects prototype-polluting property names and bad retention periods', () => {
    const issues = problems(
      edit((d) => {
        d['forms'].intake.schema.properties.name['x-retention'] = 'three years';
        d['forms'].intake.schema.properties['first-name'] = { type: 'string' };
      }),
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual(
      expect.arrayContaining([
        ['RETENTION_INVALID', '/forms/intake/schema/properties/name/x-retention'],
        ['PROPERTY_NAME_INVALID', '/forms/intake/schema/properties'],
      ]),
    );
    const polluting = problems(edit((d) => (d['forms'].intake.schema.properties['prototype'] = { type: 'string' })));
    expect(polluting[0]).toMatchObject({ pointer: '/forms/intake/schema/properties/prototype', params: { guard: 'forbiddenKey' } });
  });

  it('refuses a legal basis for keeping where no retention period goes with it, with its pointer', () => {
    const issues = problems(
      edit((d) => {
        const props = d['forms'].intake.schema.properties;
        props.birthDate['x-retention-basis'] = 'Art. 82 VO (EU) 2021/1060';
        props.household.items.properties.age['x-retention-basis'] = 'Art. 82 VO (EU) 2021/1060';
        d['forms'].intake.schema['x-retention-basis'] = 'Art. 82 VO (EU) 2021/1060';
      }),
    );
    expect(issues.map((i) => [i.code, i.pointer])).toEqual([
      ['RETENTION_BASIS_WITHOUT_RETENTION', '/forms/intake/schema/x-retention-basis'],
      ['RETENTION_BASIS_WITHOUT_RETENTION', '/forms/intake/schema/properties/birthDate/x-retention-basis'],
      ['RETENTION_BASIS_WITHOUT_RETENTION', '/forms/intake/schema/properties/household/items/properties/age/x-retention-basis'],
    ]);
    expect(issues[0]!.message).toContain('x-retention');
  });

  it('accepts a legal basis beside a retention of the field or of an enclosing list, and refuses an empty one', () => {
    const marked = (basis: string) =>
      edit((d) => {
        const props = d['forms'].intake.schema.properties;
        props.name['x-retention-basis'] = 'Par. 147 AO';
        Object.assign(props.household, { 'x-personal-data': true, 'x-retention': 'P1Y' });
        props.household.items.properties.age['x-retention-basis'] = basis;
      });
    const program = loadProgram(marked('Art. 82 VO (EU) 2021/1060'));
    expect(program.definition.forms['intake']).toBeDefined();
    expect(problems(marked(''))[0]).toMatchObject({ code: 'FORM_SCHEMA_INVALID', pointer: '/forms/intake/schema' });
  });

  it('accepts a legal basis beside a $ref and on a root with a retention, both of which mark fields', () => {
    const program = loadProgram(
      edit((d) => {
        addContactFields(d, { contact: { 'x-personal-data': true, 'x-retention': 'P1Y', 'x-retention-basis': 'Par. 147 AO' } });
        const schema = d['forms'].intake.schema;
        schema['x-retention'] = 'P5Y';
        schema['x-retention-basis'] = 'Art. 82 VO (EU) 2021/1060';
      }),
    );
    expect(program.definition.forms['intake']).toBeDefined();
    const beside = problems(
      edit((d) => addContactFields(d, { contact: { 'x-retention-basis': 'Par. 147 AO' } })),
    );
    expect(beside.map((i) => [i.code, i.pointer])).toEqual([['RETENTION_BASIS_WITHOUT_RETENTION', '/forms/intake/schema/properties/contact/x-retention-basis']]);
  });

  it('rejects a form whose schema is not an object schema', () => {
    const issues = problems(edit((d) => (d['forms'].intake.schema = { type: 'string' })));
    expect(issues[0]).toMatchObject({ code: 'FORM_ROOT_NOT_OBJECT', pointer: '/forms/intake/schema' });
  });

  it('refuses a group that contains itself once, with its pointer, instead of asking for labels level after level', () => {
    const recursive = edit((d) => {
      const schema = d['forms']['intake']['schema'];
      schema['$defs'] = { node: { type: 'object', properties: { title: { type: 'string', maxLength: 50 }, parts: { type: 'array', items: { $ref: '#/$defs/node' } } } } };
      schema['properties']['outline'] = { $ref: '#/$defs/node' };
    });
    const found = problems(recursive);
    expect(found.filter((i) => i.code === 'FORM_SCHEMA_RECURSIVE')).toEqual([
      expect.objectContaining({ pointer: '/forms/intake/schema/$defs/node/properties/parts', params: { form: 'intake', field: 'outline.parts' } }),
    ]);
    // Labels are asked for the levels that exist (outline, its title and parts), not 32 levels deep.
    expect(found.filter((i) => i.code === 'TEXT_MISSING').length).toBeLessThanOrEqual(6);
    expect(problems(recursive, 'de').find((i) => i.code === 'FORM_SCHEMA_RECURSIVE')!.message).toContain('enthält sich selbst');
  });

  it('accepts one $defs schema used by two sibling fields (that is no recursion)', () => {
    const shared = edit((d) => {
      const schema = d['forms']['intake']['schema'];
      schema['$defs'] = { place: { type: 'object', properties: { town: { type: 'string', maxLength: 50 } } } };
      schema['properties']['home'] = { $ref: '#/$defs/place' };
      schema['properties']['work'] = { $ref: '#/$defs/place' };
      for (const l of ['de', 'en']) {
        for (const f of ['home', 'home.town', 'work', 'work.town']) d['texts'][l][`forms.intake.fields.${f}.label`] = f;
      }
    });
    expect(problems(shared).filter((i) => i.code === 'FORM_SCHEMA_RECURSIVE')).toEqual([]);
  });

  it('writes its messages in German when asked', () => {
    const [issue] = problems(edit((d) => (d['forms'].intake.ui.pages[0].fields[0] = 'vorname')), 'de');
    expect(issue!.message).toBe('Das Feld „vorname“ gibt es im Formularschema nicht.');
  });

  it('lists every problem in the thrown error’s message, one per line', () => {
    try {
      loadProgram(edit((d) => (d['forms'].intake.ui.pages[0].fields = ['x', 'y'])));
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).toMatch(/\/forms\/intake\/ui\/pages\/0\/fields\/0: .*"x".*\[UI_FIELD_UNKNOWN\]/);
      expect(String((e as Error).message)).toMatch(/fields\/1: .*"y"/);
    }
  });

  it('rejects deeply nested or polluting definitions without crashing', () => {
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(problems(deep)[0]!.params['guard']).toBe('tooDeep');
    expect(problems(JSON.parse('{"__proto__": {"x": 1}}'))[0]!.params['guard']).toBe('forbiddenKey');
  });
});
