import type { JsonPath } from '../document/json-path.js';
import type { Operation, ProgramDocument } from '../document/program-document.js';
import { designerError } from '../errors.js';
import { localesOf, outline, textsOf, type FieldInfo, type PageInfo } from './form-model.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Where a field can go: a page (its top level) or a group or repeated group, at a position among its fields. */
export type MoveTarget = { readonly page: string; readonly index: number } | { readonly group: string; readonly index: number };

/** A field's place: the field, and the page or group whose list of fields holds it. */
interface Placed {
  readonly field: FieldInfo;
  readonly page: PageInfo;
  /** The group or repeated group around it; absent for a field at the page's top level. */
  readonly group?: FieldInfo;
  /** Its position among its container's fields. */
  readonly index: number;
}

/** What names a field at its place, so that it cannot be moved without it breaking. */
export interface FieldReference {
  readonly kind: 'condition' | 'derived' | 'rule';
  /** The dotted path of the field or the id of the page the reference belongs to (`page:<id>` for a page). */
  readonly owner: string;
}

function place(doc: ProgramDocument, form: string, path: string): Placed | undefined {
  for (const page of outline(doc).find((f) => f.id === form)?.pages ?? []) {
    const walk = (fields: readonly FieldInfo[], group?: FieldInfo): Placed | undefined => {
      for (const [index, field] of fields.entries()) {
        if (field.path === path) return { field, page, index, ...(group ? { group } : {}) };
        const inner = walk(field.children, field);
        if (inner) return inner;
      }
      return undefined;
    };
    const found = walk(page.fields);
    if (found) return found;
  }
  return undefined;
}

/** The schema that holds a container's `properties` and `required`: the form's, a group's, a repeated group's `items`. */
const innerOf = (form: string, group: FieldInfo | undefined): JsonPath =>
  group ? (group.kind === 'list' ? [...group.schemaPath, 'items'] : group.schemaPath) : ['forms', form, 'schema'];

/** The data path of a field, `*` for a list's entries: what `$data` pointers resolve against. */
function dataPath(doc: ProgramDocument, form: string, path: string): string[] {
  const out: string[] = [];
  let at: unknown = doc.get(['forms', form, 'schema']);
  for (const key of path.split('.')) {
    if (isObject(at) && isObject(at.items)) {
      out.push('*');
      at = at.items;
    }
    out.push(key);
    at = isObject(at) && isObject(at.properties) ? at.properties[key] : undefined;
  }
  return out;
}

const named = (target: string[], found: string[]) => {
  const plain = found.filter((s) => s !== '*');
  return plain.length >= target.length && target.every((s, i) => plain[i] === s);
};

/** Whether a condition (a JSON Schema on the data at `base`) looks at the field `segments`, or inside it. */
function conditionNames(condition: unknown, segments: readonly string[]): boolean {
  if (!isObject(condition)) return Array.isArray(condition) && condition.some((c) => conditionNames(c, segments));
  const [first, ...rest] = segments;
  if (first === undefined) return true;
  if (rest.length === 0 && Array.isArray(condition.required) && condition.required.includes(first)) return true;
  if (isObject(condition.properties) && first in condition.properties && (rest.length === 0 || conditionNames(condition.properties[first], rest))) return true;
  if (isObject(condition.items) && conditionNames(condition.items, segments)) return true;
  for (const k of ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else']) if (conditionNames(condition[k], segments)) return true;
  return false;
}

/**
 * Everything in a form that names a field (or a field inside it) by where it is now: conditions (pages' and fields'
 * `when`, the schema's `if`/`then`/`else`), derived values' expressions and rules across fields (`$data`,
 * `dependentSchemas`, `dependentRequired`). The field's own rules that point at others are listed too, since a
 * relative pointer means something else at another depth.
 */
export function referencesTo(doc: ProgramDocument, form: string, path: string): FieldReference[] {
  const segments = path.split('.');
  const out: FieldReference[] = [];
  const add = (r: FieldReference) => {
    if (!out.some((o) => o.kind === r.kind && o.owner === r.owner)) out.push(r);
  };
  const schema = doc.get(['forms', form, 'schema']);
  // The schema's conditions, read on the whole form's data.
  const top = isObject(schema) ? [schema, ...(Array.isArray(schema.allOf) ? schema.allOf : [])] : [];
  for (const s of top) {
    if (isObject(s) && isObject(s.if) && conditionNames(s.if, segments)) {
      const then = [s.then, s.else].flatMap((b) => (isObject(b) && Array.isArray(b.required) ? b.required : []));
      add({ kind: 'condition', owner: typeof then[0] === 'string' ? then[0] : '' });
    }
  }
  // Pages' and fields' `when`; inside a repeated group a condition reads that entry.
  const pages = doc.get(['forms', form, 'ui', 'pages']);
  const entries = (list: unknown, scope: string[], owner: string) => {
    if (!Array.isArray(list)) return;
    for (const e of list) {
      if (!isObject(e) || typeof e.field !== 'string') continue;
      const own = owner ? `${owner}.${e.field}` : e.field;
      const relative = scope.length <= segments.length && scope.every((s, i) => segments[i] === s) ? segments.slice(scope.length) : undefined;
      if (isObject(e.when) && relative && relative.length > 0 && conditionNames(e.when, relative)) add({ kind: 'condition', owner: own });
      const sub = isListPath(doc, form, own) ? own.split('.') : scope;
      entries(e.fields, sub, own);
    }
  };
  if (Array.isArray(pages)) {
    for (const p of pages) {
      if (!isObject(p)) continue;
      if (isObject(p.when) && conditionNames(p.when, segments)) add({ kind: 'condition', owner: `page:${String(p.id)}` });
      entries(p.fields, [], '');
    }
  }
  // Derived values and rules, walked with the data path of the field each keyword checks.
  const target = dataPath(doc, form, path).filter((s) => s !== '*');
  const walk = (s: unknown, at: string[], owner: string) => {
    if (Array.isArray(s)) return s.forEach((x) => walk(x, at, owner));
    if (!isObject(s)) return;
    if (typeof s['x-derived'] === 'string') {
      const mentioned = [...s['x-derived'].matchAll(/[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g)].map((m) => m[0].split('.'));
      if (mentioned.some((m) => named(target, m))) add({ kind: 'derived', owner });
    }
    if (typeof s.$data === 'string') {
      const m = /^(\d+)((?:\/[^/]*)*)$/.exec(s.$data);
      if (m) {
        const up = Number(m[1]);
        const to = [...at.slice(0, Math.max(0, at.length - up)), ...m[2]!.split('/').filter((x) => x !== '')];
        // A pointer at the field, or a rule of the field itself (or of a field inside it): either means something else elsewhere.
        if (named(target, to) || named(target, at)) add({ kind: 'rule', owner });
      }
    }
    for (const k of ['dependentSchemas', 'dependentRequired']) {
      const d = s[k];
      if (!isObject(d)) continue;
      for (const [key, v] of Object.entries(d)) {
        const names = Array.isArray(v) ? v : isObject(v) && isObject(v.properties) ? Object.keys(v.properties) : [];
        if ([key, ...names].some((n) => named(target, [...at, String(n)]))) add({ kind: 'rule', owner: owner || key });
      }
    }
    if (isObject(s.properties)) {
      for (const [k, v] of Object.entries(s.properties)) walk(v, [...at, k], owner ? `${owner}.${k}` : k);
    }
    if (s.items !== undefined) walk(s.items, [...at, '*'], owner);
    for (const k of ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'formatMinimum', 'formatMaximum', 'formatExclusiveMinimum', 'formatExclusiveMaximum']) {
      walk(s[k], at, owner);
    }
    if (isObject(s.dependentSchemas)) for (const v of Object.values(s.dependentSchemas)) walk(v, at, owner);
  };
  walk(schema, [], '');
  return out;
}

const entry0 = (doc: ProgramDocument, p: Placed) => (p.field.entryPath ? doc.get(p.field.entryPath) : undefined);

/** The path of the innermost repeated group a field's path is inside ('' for none). */
function listScope(doc: ProgramDocument, form: string, path: string): string {
  const d = dataPath(doc, form, path);
  const last = d.lastIndexOf('*');
  return last === -1 ? '' : d.slice(0, last).join('.');
}

function isListPath(doc: ProgramDocument, form: string, path: string): boolean {
  const d = dataPath(doc, form, `${path}.x`);
  return d.at(-2) === '*';
}

function pageEntries(page: PageInfo): JsonPath | undefined {
  return page.path ? [...page.path, 'fields'] : undefined;
}

/**
 * Moves a field into a group or a repeated group, out of one onto a page, between groups, or to another place in the
 * same group — as one step: its schema (bytes kept), its `required` entry, its page entry (with its widget and
 * condition) and its texts in every locale, whose keys follow its new path (`forms.<form>.fields.household.phone.label`).
 * Returns where it is now: the page or group and its position.
 *
 * @throws DesignerError `DESIGNER_MOVE_INTO_ITSELF` (a group into itself), `DESIGNER_KEY_TAKEN` (the group has a field
 *   of that name), `DESIGNER_LAST_CHILD` (a group keeps its last field), `DESIGNER_MOVE_NAMED` (a condition, a derived
 *   value or a rule names the field where it is, and would break; `detail.key` says which), `DESIGNER_MOVE_DERIVED_IN_LIST`.
 */
export function moveFieldTo(doc: ProgramDocument, form: string, path: string, to: MoveTarget, label = path): { path: string; position: number; count: number } {
  const from = place(doc, form, path);
  if (!from) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}` });
  const name = labelOf(doc, form, path);
  const target = 'group' in to ? place(doc, form, to.group) : undefined;
  if ('group' in to) {
    if (!target || (target.field.kind !== 'group' && target.field.kind !== 'list')) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}` });
    if (to.group === path || to.group.startsWith(`${path}.`)) throw designerError(doc.locale, 'DESIGNER_MOVE_INTO_ITSELF', { field: name });
  }
  const targetPage = 'page' in to ? outline(doc).find((f) => f.id === form)?.pages.find((p) => p.id === to.page) : target!.page;
  if (!targetPage) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/ui/pages` });
  const group = target?.field;
  const newPath = group ? `${group.path}.${from.field.key}` : from.field.key;
  const sameContainer = group ? from.group?.path === group.path : !from.group && from.page.id === targetPage.id;
  const fromInner = innerOf(form, from.group);
  const toInner = innerOf(form, group);
  const siblings = group ? group.children : targetPage.fields;
  if (sameContainer) return reorder(doc, from, siblings, fromInner, to.index, label);

  if (from.group && from.group.children.length === 1) throw designerError(doc.locale, 'DESIGNER_LAST_CHILD');
  if (siblings.some((f) => f.key === from.field.key) || isObject(doc.get([...toInner, 'properties', from.field.key]))) {
    throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key: from.field.key }, { key: from.field.key });
  }
  const schema = doc.get(from.field.schemaPath);
  const intoList = dataPath(doc, form, `${newPath}`).length !== newPath.split('.').length || group?.kind === 'list';
  if (intoList && JSON.stringify(schema).includes('"x-derived"')) throw designerError(doc.locale, 'DESIGNER_MOVE_DERIVED_IN_LIST', { field: name });
  // A field's own condition reads the whole form's data, or inside a repeated group that entry's: across that line
  // it would read something else.
  if (isObject(entry0(doc, from)) && isObject((entry0(doc, from) as Json).when) && listScope(doc, form, path) !== listScope(doc, form, newPath)) {
    throw designerError(doc.locale, 'DESIGNER_MOVE_OWN_CONDITION', { field: name });
  }
  const refs = referencesTo(doc, form, path);
  if (refs.length) {
    const r = refs[0]!;
    const owner = r.owner.startsWith('page:') ? pageTitle(doc, form, r.owner.slice(5)) : r.owner ? labelOf(doc, form, r.owner) : formTitle(doc, form);
    throw designerError(doc.locale, r.kind === 'condition' ? 'DESIGNER_MOVE_NAMED' : r.kind === 'derived' ? 'DESIGNER_MOVE_NAMED_DERIVED' : 'DESIGNER_MOVE_NAMED_RULE', { field: name, owner }, { key: r.owner });
  }

  // The entry first (its value, so its place can be worked out again on the text without it), then the schema, the
  // required entry and the texts; each on the text the one before made, one step in all.
  const entry = from.field.entryPath ? doc.get(from.field.entryPath) : undefined;
  doc.apply(from.field.entryPath ? [{ op: 'remove', path: from.field.entryPath }] : [], label);
  const list = group ? groupEntries(doc, form, group.path) : pageEntries(targetPage);
  const at = Math.max(0, Math.min(to.index, siblings.length));
  if (list && Array.isArray(doc.get(list))) {
    doc.amend([{ op: 'add', path: [...list, at], value: entry ?? from.field.key, index: at }]);
  } else if (group && isObject(entry) && Object.keys(entry).some((k) => k !== 'field')) {
    // A group placed by its name alone lists its fields by the schema; a field with a widget or a condition of its
    // own needs the group's entry to list them, so it becomes `{ field, fields }` in the same order.
    const groupEntry = place(doc, form, group.path)!.field.entryPath;
    if (groupEntry) {
      const keys: unknown[] = group.children.map((c) => c.key);
      keys.splice(at, 0, entry);
      doc.amend([{ op: 'replace', path: groupEntry, value: { field: group.key, fields: keys } }]);
    }
  }
  const props = doc.get([...toInner, 'properties']);
  const keyIndex = isObject(props) ? Math.min(at, Object.keys(props).length) : 0;
  doc.amend(isObject(props) ? [{ op: 'copy', from: from.field.schemaPath, path: [...toInner, 'properties', from.field.key], index: keyIndex }] : [{ op: 'add', path: [...toInner, 'properties'], value: { [from.field.key]: schema } }]);
  doc.amend([{ op: 'remove', path: from.field.schemaPath }]);
  if (from.field.required) {
    const before = doc.get([...fromInner, 'required']) as unknown[];
    doc.amend([before.length === 1 ? { op: 'remove', path: [...fromInner, 'required'] } : { op: 'remove', path: [...fromInner, 'required', before.indexOf(from.field.key)] }]);
    const after = doc.get([...toInner, 'required']);
    if (Array.isArray(after)) doc.amend([{ op: 'add', path: [...toInner, 'required', after.length], value: from.field.key }]);
    else {
      const inner = doc.get(toInner) as Json;
      doc.amend([{ op: 'add', path: [...toInner, 'required'], value: [from.field.key], index: Object.keys(inner).indexOf('properties') + 1 }]);
    }
  }
  const ops: Operation[] = [];
  for (const locale of localesOf(doc)) {
    const texts = doc.get(['texts', locale]);
    if (!isObject(texts)) continue;
    const prefix = `forms.${form}.fields.${path}.`;
    for (const k of Object.keys(texts)) if (k.startsWith(prefix)) ops.push({ op: 'rename', path: ['texts', locale], from: k, to: `forms.${form}.fields.${newPath}.${k.slice(prefix.length)}` });
  }
  doc.amend(ops);
  return { path: newPath, position: at + 1, count: siblings.length + 1 };
}

/** A move within the same page or group: its entry (or, without entries, its schema property) takes the new place. */
function reorder(doc: ProgramDocument, from: Placed, siblings: readonly FieldInfo[], inner: JsonPath, index: number, label: string): { path: string; position: number; count: number } {
  const to = Math.max(0, Math.min(index, siblings.length - 1));
  if (to !== from.index) {
    const entry = from.field.entryPath;
    if (entry) doc.apply([{ op: 'move', path: entry.slice(0, -1), from: from.index, to }], label);
    else {
      const keys = Object.keys(doc.get([...inner, 'properties']) as Json);
      doc.apply([{ op: 'move', path: [...inner, 'properties'], from: keys.indexOf(from.field.key), to: keys.indexOf(siblings[to]!.key) }], label);
    }
  }
  return { path: from.field.path, position: to + 1, count: siblings.length };
}

/** Where a group's entry lists its fields, if it does. */
function groupEntries(doc: ProgramDocument, form: string, path: string): JsonPath | undefined {
  const entryPath = place(doc, form, path)?.field.entryPath;
  const entry = entryPath ? doc.get(entryPath) : undefined;
  return entryPath && isObject(entry) && Array.isArray(entry.fields) ? [...entryPath, 'fields'] : undefined;
}

function inLocale(doc: ProgramDocument, texts: Readonly<Record<string, string>>): string | undefined {
  return texts[doc.locale] ?? Object.values(texts)[0];
}

function labelOf(doc: ProgramDocument, form: string, path: string): string {
  return inLocale(doc, textsOf(doc, `forms.${form}.fields.${path}.label`)) ?? path;
}

function pageTitle(doc: ProgramDocument, form: string, page: string): string {
  return inLocale(doc, textsOf(doc, `forms.${form}.pages.${page}.title`)) ?? page;
}

function formTitle(doc: ProgramDocument, form: string): string {
  return inLocale(doc, textsOf(doc, `forms.${form}.title`)) ?? form;
}
