// docs/workflows.md names every property of the workflow format, and docs/authoring.md every property of a form: a
// property added to the schema without a word in the reference fails here, and so does a reference row for a
// property the schema no longer has.
//
// The rule. "The workflow part" is everything a program's `workflow` property reaches: the walk starts at
// `program.schema.json#/properties/workflow` and follows `$ref`s between the files of schemas/ (into
// workflow.schema.json, and back into program.schema.json for shared definitions such as identifiers), `properties`,
// `additionalProperties` (a map: `<state>`, `<event>` or `<name>` in the location), `items` (`[]`) and the
// alternatives of `anyOf`, `oneOf` and `allOf`. It stops at the JSON Schema meta-schema: a guard is any JSON Schema,
// and its keywords are JSON Schema's, not the format's. The program's other parts (periods, notices, versions,
// texts) are not under `workflow` and are described in docs/authoring.md and docs/versions.md.
//
// The same rule holds for the forms: the walk from `program.schema.json#/properties/forms` (a form, its `ui`, its
// pages, the fields on a page, its `submissions`) against the section "Reference" of docs/authoring.md. The data
// schema of a form and the conditions are JSON Schema, so the walk stops there too.
//
// Every object found has a location such as `workflow.states.<state>.after[]` (an object reached on two ways, such
// as a transition in a state and in the workflow-wide `on`, counts where the walk meets it first), and objects of one
// location (the five actions) count as one. In the section "Reference: every property" of docs/workflows.md, each
// location has a heading (`###` or deeper) that names it as code, followed by a table whose rows start with each
// property as code: | `at` | … |. The rows under a heading end at the next heading.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

type Schema = { [key: string]: unknown };

const schemaFiles = new Map<string, Schema>();
function schemaFile(name: string): Schema {
  let schema = schemaFiles.get(name);
  if (!schema) {
    schema = JSON.parse(read(`schemas/${name}`)) as Schema;
    schemaFiles.set(name, schema);
  }
  return schema;
}

/** The node at a JSON pointer (`/$defs/timer`) of a schema file. */
function at(file: string, pointer: string): Schema {
  let node: unknown = schemaFile(file);
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Schema)[key];
    if (node === undefined) throw new Error(`${file}#${pointer} does not exist`);
  }
  return node as Schema;
}

/** The file and pointer a `$ref` leads to, or undefined for a schema outside schemas/ (the JSON Schema meta-schema). */
function resolve(ref: string, file: string): { file: string; pointer: string } | undefined {
  const [target = '', pointer = ''] = ref.split('#');
  if (/^[a-z]+:/.test(target)) return undefined;
  return { file: target === '' ? file : target, pointer };
}

/** How a map's key is written in a location: the states' keys are `<state>`, the events' and transitions' `<event>`. */
const keyName: Record<string, string> = { states: 'state', events: 'event', on: 'event', forms: 'form' };

interface FormatObject {
  /** Where designers write it, such as `workflow.states.<state>.after[]`. */
  location: string;
  /** The schema path of the (first) object schema found there, such as `workflow.schema.json#/$defs/timer`. */
  schema: string;
  /** Each property with the schema path that defines it (`workflow.schema.json#/$defs/timer/properties/at`). */
  properties: Map<string, string>;
}

/** Every object of the format reachable from a schema node, by location. */
function formatObjects(file: string, pointer: string, location: string): Map<string, FormatObject> {
  const objects = new Map<string, FormatObject>();
  const seen = new Set<string>();
  const visit = (file: string, pointer: string, location: string): void => {
    const where = `${file}#${pointer}`;
    if (seen.has(where)) return;
    seen.add(where);
    const node = at(file, pointer);
    if (typeof node.$ref === 'string') {
      const target = resolve(node.$ref, file);
      if (target) visit(target.file, target.pointer, location);
    }
    for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
      const alternatives = node[keyword];
      if (Array.isArray(alternatives)) alternatives.forEach((_, i) => visit(file, `${pointer}/${keyword}/${i}`, location));
    }
    if (node.items && typeof node.items === 'object') visit(file, `${pointer}/items`, `${location}[]`);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      const parent = location.slice(location.lastIndexOf('.') + 1);
      visit(file, `${pointer}/additionalProperties`, `${location}.<${keyName[parent] ?? 'name'}>`);
    }
    if (node.properties && typeof node.properties === 'object') {
      let object = objects.get(location);
      if (!object) objects.set(location, (object = { location, schema: where, properties: new Map() }));
      for (const name of Object.keys(node.properties)) {
        const child = `${pointer}/properties/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (!object.properties.has(name)) object.properties.set(name, `${file}#${child}`);
        visit(file, child, `${location}.${name}`);
      }
    }
  };
  visit(file, pointer, location);
  return objects;
}

interface ReferenceTable {
  heading: string;
  /** The locations the heading names as code. */
  locations: string[];
  /** The first cell of each row, where it is code. */
  rows: string[];
}

/** The sections under the headings (`###` or deeper) of a document's section `## <title>`, each with the code its heading names and its table's rows. */
function referenceTables(markdown: string, title: string): ReferenceTable[] {
  const start = markdown.indexOf(`\n## ${title}\n`);
  if (start < 0) return [];
  const rest = markdown.slice(start + 1);
  const next = rest.slice(1).search(/\n## /);
  const section = next < 0 ? rest : rest.slice(0, next + 1);
  const tables: ReferenceTable[] = [];
  let current: ReferenceTable | undefined;
  for (const line of section.split('\n')) {
    const heading = /^#{3,6} (.*)$/.exec(line);
    if (heading) {
      current = { heading: heading[1]!, locations: [...line.matchAll(/`([^`]+)`/g)].map((m) => m[1]!), rows: [] };
      tables.push(current);
      continue;
    }
    const row = /^\|\s*`([^`]+)`\s*\|/.exec(line);
    if (row && current) current.rows.push(row[1]!);
  }
  return tables;
}

/** What the reference lacks (and has too much) for the objects found: one line each, naming the schema path. */
function gaps(objects: Map<string, FormatObject>, tables: ReferenceTable[], document: string): string[] {
  const out: string[] = [];
  for (const object of objects.values()) {
    const table = tables.find((t) => t.locations.includes(object.location));
    if (!table) {
      out.push(`${document} has no reference heading naming \`${object.location}\` (${object.schema})`);
      continue;
    }
    for (const [name, schemaPath] of object.properties) {
      if (!table.rows.includes(name)) out.push(`${document} does not name \`${name}\` of \`${object.location}\` (${schemaPath}) in "${table.heading}"`);
    }
    for (const row of table.rows) {
      if (!object.properties.has(row)) out.push(`${document} names \`${row}\` in "${table.heading}", which \`${object.location}\` does not have`);
    }
  }
  return out;
}

const workflowObjects = formatObjects('program.schema.json', '/properties/workflow', 'workflow');
const workflowsDoc = read('docs/workflows.md');

describe('docs/workflows.md', () => {
  it('finds the objects of the workflow format, through $refs between the schema files (the walk itself works)', () => {
    const timer = workflowObjects.get('workflow.states.<state>.after[]');
    expect(timer?.properties.get('at')).toBe('workflow.schema.json#/$defs/timer/properties/at');
    expect([...workflowObjects.get('workflow.states.<state>.on.<event>.actions[]')!.properties.keys()].sort()).toEqual(
      ['deadline', 'field', 'outcome', 'type', 'value'],
    );
    expect(workflowObjects.get('workflow')?.properties.has('deadlines')).toBe(true);
    expect(workflowObjects.get('workflow.places.<name>.waitingList')?.properties.has('offer')).toBe(true);
    expect(workflowObjects.get('workflow.states.<state>.applicant')?.properties.has('due')).toBe(true);
    // A guard is any JSON Schema: the walk does not go into the meta-schema, and `workflow.on` is the same transition.
    expect([...workflowObjects.keys()].some((l) => l.includes('.guard'))).toBe(false);
    expect(workflowObjects.has('workflow.on.<event>')).toBe(false);
  });

  it('finds the reference tables, and the check sees a missing or a stale row (the comparison itself works)', () => {
    const properties = new Map([['a', 's#/x/properties/a'], ['b', 's#/x/properties/b']]);
    const objects = new Map([['workflow.x', { location: 'workflow.x', schema: 's#/x', properties }]]);
    const tables = referenceTables('# T\n\n## Ref\n\n### X: `workflow.x`\n\n| property |\n|---|\n| `a` |\n| `c` |\n\n## Next\n\n| `b` |\n', 'Ref');
    expect(tables).toEqual([{ heading: 'X: `workflow.x`', locations: ['workflow.x'], rows: ['a', 'c'] }]);
    expect(gaps(objects, tables, 'doc')).toEqual([
      'doc does not name `b` of `workflow.x` (s#/x/properties/b) in "X: `workflow.x`"',
      'doc names `c` in "X: `workflow.x`", which `workflow.x` does not have',
    ]);
    expect(gaps(objects, [], 'doc')).toEqual(['doc has no reference heading naming `workflow.x` (s#/x)']);
  });

  it('names every property of the workflow format in its reference, with the object it belongs to', () => {
    expect(gaps(workflowObjects, referenceTables(workflowsDoc, 'Reference: every property'), 'docs/workflows.md')).toEqual([]);
  });

  it('links to the reference from its top', () => {
    const top = workflowsDoc.slice(0, workflowsDoc.indexOf('\n## '));
    expect(top).toContain('(#reference-every-property)');
  });
});

const formObjects = formatObjects('program.schema.json', '/properties/forms', 'forms');

describe('docs/authoring.md', () => {
  it('finds the objects of a form, through $refs between the schema files (the walk itself works)', () => {
    expect([...formObjects.keys()]).toEqual([
      'forms.<form>',
      'forms.<form>.ui',
      'forms.<form>.ui.pages[]',
      'forms.<form>.ui.pages[].fields[]',
      'forms.<form>.submissions',
    ]);
    expect(formObjects.get('forms.<form>.submissions')?.properties.get('exemptRoles')).toBe('program.schema.json#/$defs/submissions/properties/exemptRoles');
  });

  it('names every property of a form in its reference, with the object it belongs to', () => {
    expect(gaps(formObjects, referenceTables(read('docs/authoring.md'), 'Reference'), 'docs/authoring.md')).toEqual([]);
  });
});
