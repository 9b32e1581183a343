import { isPatternSafe } from '@civicflow/core';
import type { JsonPath } from '../document/json-path.js';
import type { Operation, ProgramDocument } from '../document/program-document.js';
import { designerError } from '../errors.js';
import { firstChild, firstOptions, kindOf, newFieldSchema, type AddableKind, type FieldKind } from './field-kinds.js';
import { renameReferenceOps } from './rename-references.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A field as the outline shows it. */
export interface FieldInfo {
  /** The property name. */
  readonly key: string;
  /** The dotted path of the text keys (`household.name`). */
  readonly path: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** The field's label per locale (missing ones absent). */
  readonly label: Readonly<Record<string, string>>;
  /** Where its schema is. */
  readonly schemaPath: JsonPath;
  /** Where its page entry is, for a field placed by `ui.pages`. */
  readonly entryPath?: JsonPath;
  /** The fields of a group or a repeated group. */
  readonly children: readonly FieldInfo[];
}

export interface PageInfo {
  readonly id: string;
  readonly title: Readonly<Record<string, string>>;
  /** Where the page is in `ui.pages`; absent for the one page of a form without `ui.pages`. */
  readonly path?: JsonPath;
  readonly fields: readonly FieldInfo[];
}

export interface FormInfo {
  readonly id: string;
  readonly title: Readonly<Record<string, string>>;
  readonly pages: readonly PageInfo[];
}

/** The program's locales, the default first. */
export function localesOf(doc: ProgramDocument): string[] {
  const l = doc.get(['locales']);
  return Array.isArray(l) ? l.filter((x): x is string => typeof x === 'string') : [];
}

/** The text of a key in every locale that has it. */
export function textsOf(doc: ProgramDocument, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const locale of localesOf(doc)) {
    const t = doc.get(['texts', locale, key]);
    if (typeof t === 'string') out[locale] = t;
  }
  return out;
}

const fieldKey = (form: string, path: string) => `forms.${form}.fields.${path}`;

/** Forms, their pages and the fields on them, in the order the widget shows them. */
export function outline(doc: ProgramDocument): FormInfo[] {
  const forms = doc.get(['forms']);
  if (!isObject(forms)) return [];
  return Object.keys(forms).map((id) => {
    const schema = doc.get(['forms', id, 'schema']);
    const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
    const required = isObject(schema) && Array.isArray(schema.required) ? schema.required : [];
    const pages = doc.get(['forms', id, 'ui', 'pages']);
    const top = (key: string, entryPath?: JsonPath, entry?: unknown) =>
      describeField(doc, id, key, key, ['forms', id, 'schema', 'properties', key], properties[key], required.includes(key), entryPath, entry);
    const pageList: PageInfo[] = Array.isArray(pages)
      ? pages.map((page, p) => {
          const pagePath = ['forms', id, 'ui', 'pages', p];
          const entries = isObject(page) && Array.isArray(page.fields) ? page.fields : [];
          const pageId = isObject(page) && typeof page.id === 'string' ? page.id : String(p + 1);
          return {
            id: pageId,
            title: textsOf(doc, `forms.${id}.pages.${pageId}.title`),
            path: pagePath,
            fields: entries.map((entry, i) => top(entryField(entry), [...pagePath, 'fields', i], entry)),
          };
        })
      : [{ id: '', title: textsOf(doc, `forms.${id}.title`), fields: Object.keys(properties).map((k) => top(k)) }];
    return { id, title: textsOf(doc, `forms.${id}.title`), pages: pageList };
  });
}

const entryField = (entry: unknown): string => (typeof entry === 'string' ? entry : isObject(entry) && typeof entry.field === 'string' ? entry.field : '');

function describeField(doc: ProgramDocument, form: string, key: string, path: string, schemaPath: JsonPath, schema: unknown, required: boolean, entryPath?: JsonPath, entry?: unknown): FieldInfo {
  const widget = isObject(entry) && typeof entry.widget === 'string' ? entry.widget : undefined;
  const kind = kindOf(schema, widget, isObject(entry) && typeof entry.autocomplete === 'string' ? entry.autocomplete : undefined);
  const inner = kind === 'list' && isObject(schema) ? (schema.items as Json) : schema;
  const innerPath = kind === 'list' ? [...schemaPath, 'items'] : schemaPath;
  let children: FieldInfo[] = [];
  if ((kind === 'group' || kind === 'list') && isObject(inner) && isObject(inner.properties)) {
    const props = inner.properties;
    const req = Array.isArray(inner.required) ? inner.required : [];
    const sub = isObject(entry) && Array.isArray(entry.fields) ? entry.fields.map(entryField) : Object.keys(props);
    children = sub.map((k, i) =>
      describeField(doc, form, k, `${path}.${k}`, [...innerPath, 'properties', k], props[k], req.includes(k), isObject(entry) && Array.isArray(entry.fields) ? [...entryPath!, 'fields', i] : undefined, isObject(entry) && Array.isArray(entry.fields) ? entry.fields[i] : undefined),
    );
  }
  return { key, path, kind, required, label: textsOf(doc, `${fieldKey(form, path)}.label`), schemaPath, ...(entryPath ? { entryPath } : {}), children };
}

/** A top-level field of a form, found by key. */
export function findField(doc: ProgramDocument, form: string, key: string): { page: PageInfo; index: number; field: FieldInfo } | undefined {
  const f = outline(doc).find((x) => x.id === form);
  for (const page of f?.pages ?? []) {
    const index = page.fields.findIndex((x) => x.key === key);
    if (index !== -1) return { page, index, field: page.fields[index]! };
  }
  return undefined;
}

const validKey = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkKey(doc: ProgramDocument, form: string, key: string): void {
  if (!validKey.test(key)) throw designerError(doc.locale, 'DESIGNER_KEY_INVALID', { key }, { key });
  if (doc.get(['forms', form, 'schema', 'properties', key]) !== undefined) {
    throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key }, { key, pointer: `/forms/${form}/schema/properties/${key}` });
  }
}

/**
 * Operations that set (or with `undefined` remove) a text in one locale. A new key goes after the last key of the
 * same form (or the same field), so the texts stay grouped as designers write them.
 */
export function textOperations(doc: ProgramDocument, locale: string, key: string, value: string | undefined): Operation[] {
  const texts = doc.get(['texts']);
  const existing = doc.get(['texts', locale, key]);
  if (value === undefined) return existing === undefined ? [] : [{ op: 'remove', path: ['texts', locale, key] }];
  if (existing !== undefined) return existing === value ? [] : [{ op: 'replace', path: ['texts', locale, key], value }];
  if (!isObject(texts)) return [{ op: 'add', path: ['texts'], value: { [locale]: { [key]: value } } }];
  const inLocale = texts[locale];
  if (!isObject(inLocale)) return [{ op: 'add', path: ['texts', locale], value: { [key]: value } }];
  const keys = Object.keys(inLocale);
  // The longest shared stem of dotted segments decides where the new key goes.
  const parts = key.split('.');
  let index = keys.length;
  for (let n = parts.length - 1; n >= 2; n--) {
    const stem = parts.slice(0, n).join('.') + '.';
    const last = keys.findLastIndex((k) => k.startsWith(stem));
    if (last !== -1) {
      index = last + 1;
      break;
    }
  }
  return [{ op: 'add', path: ['texts', locale, key], value, index }];
}

/** Every text key of a field (its label, help, options, errors) in a locale. */
function fieldTextKeys(doc: ProgramDocument, locale: string, form: string, key: string): string[] {
  const inLocale = doc.get(['texts', locale]);
  const prefix = fieldKey(form, key) + '.';
  return isObject(inLocale) ? Object.keys(inLocale).filter((k) => k.startsWith(prefix)) : [];
}

/** Paths of the conditions of a form that look at its top-level fields: pages' and entries' `when`, the schema's `if`/`then`/`else`. */
function conditionPaths(doc: ProgramDocument, form: string): JsonPath[] {
  const out: JsonPath[] = [];
  const schema = doc.get(['forms', form, 'schema']);
  const base: JsonPath = ['forms', form, 'schema'];
  const branches = (at: JsonPath, s: unknown) => {
    if (!isObject(s)) return;
    for (const k of ['if', 'then', 'else']) if (isObject(s[k])) out.push([...at, k]);
  };
  branches(base, schema);
  if (isObject(schema) && Array.isArray(schema.allOf)) schema.allOf.forEach((s, i) => branches([...base, 'allOf', i], s));
  const pages = doc.get(['forms', form, 'ui', 'pages']);
  if (Array.isArray(pages)) {
    pages.forEach((page, p) => {
      if (!isObject(page)) return;
      if (isObject(page.when)) out.push(['forms', form, 'ui', 'pages', p, 'when']);
      if (Array.isArray(page.fields)) page.fields.forEach((e, i) => isObject(e) && isObject(e.when) && out.push(['forms', form, 'ui', 'pages', p, 'fields', i, 'when']));
    });
  }
  return out;
}

export interface AddFieldOptions {
  form: string;
  /** The page's id; ignored for a form without `ui.pages`. */
  page?: string;
  kind: AddableKind;
  key: string;
  /** The label per locale; locales not given get the key, to be translated. */
  labels?: Readonly<Record<string, string>>;
  /** Position on the page (the end by default). */
  index?: number;
}

/** Adds a top-level field of a kind: its schema, its entry on the page, its label in every locale. */
export function addField(doc: ProgramDocument, o: AddFieldOptions, label = `+ ${o.key}`): void {
  checkKey(doc, o.form, o.key);
  const made = newFieldSchema(o.kind);
  const ops: Operation[] = [];
  const props = doc.get(['forms', o.form, 'schema', 'properties']);
  if (!isObject(props)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${o.form}/schema/properties` });
  ops.push({ op: 'add', path: ['forms', o.form, 'schema', 'properties', o.key], value: made.schema });
  const page = outline(doc)
    .find((f) => f.id === o.form)
    ?.pages.find((p) => p.id === o.page);
  if (doc.get(['forms', o.form, 'ui', 'pages']) !== undefined) {
    if (!page?.path) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${o.form}/ui/pages` });
    const entry = made.widget || made.autocomplete ? { field: o.key, ...(made.widget ? { widget: made.widget } : {}), ...(made.autocomplete ? { autocomplete: made.autocomplete } : {}) } : o.key;
    ops.push({ op: 'add', path: [...page.path, 'fields', o.index ?? page.fields.length], value: entry, index: o.index ?? page.fields.length });
  }
  doc.apply(ops, label);
  // Each locale's text is worked out on the text the one before made; one undo takes back the field and its texts.
  for (const locale of localesOf(doc)) {
    doc.amend(textOperations(doc, locale, `${fieldKey(o.form, o.key)}.label`, o.labels?.[locale] ?? o.key));
    amendStarterTexts(doc, locale, fieldKey(o.form, o.key), o.kind);
  }
}

/** The texts of what a new field of a kind starts with: its options' labels, or its first child's label. */
function amendStarterTexts(doc: ProgramDocument, locale: string, key: string, kind: AddableKind): void {
  if (kind === 'choice' || kind === 'choices') {
    firstOptions.forEach((v, i) => doc.amend(textOperations(doc, locale, `${key}.options.${v}`, `${starterWord(locale, 'option')} ${i + 1}`)));
  } else if (kind === 'group' || kind === 'list') {
    doc.amend(textOperations(doc, locale, `${key}.${firstChild}.label`, `${starterWord(locale, 'text')} 1`));
  }
}

/** The placeholder words new options and fields are labelled with (the same in German and English), to be replaced. */
function starterWord(_locale: string, what: 'option' | 'text'): string {
  return what === 'option' ? 'Option' : 'Text';
}

/** A field as the edits below take it: its dotted path, where its schema is, and its kind. */
export type FieldRef = Pick<FieldInfo, 'path' | 'schemaPath' | 'kind'>;

/** Where a choice's values are: `enum` of a choice, `items.enum` of a choice of several. */
function optionsPath(doc: ProgramDocument, field: FieldRef): JsonPath {
  const at = field.kind === 'choices' ? [...field.schemaPath, 'items', 'enum'] : [...field.schemaPath, 'enum'];
  if (!Array.isArray(doc.get(at))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + at.join('/') });
  return at;
}

export interface OptionInfo {
  readonly value: string;
  /** The option's label per locale (missing ones absent). */
  readonly label: Readonly<Record<string, string>>;
}

/** The options of a choice, in order, with their labels; values that are not texts are left out (the JSON view shows them). */
export function optionsOf(doc: ProgramDocument, form: string, field: FieldRef): OptionInfo[] {
  const values = doc.get(field.kind === 'choices' ? [...field.schemaPath, 'items', 'enum'] : [...field.schemaPath, 'enum']);
  if (!Array.isArray(values)) return [];
  return values.filter((v): v is string => typeof v === 'string').map((value) => ({ value, label: textsOf(doc, `${fieldKey(form, field.path)}.options.${value}`) }));
}

const validOption = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Adds an option (at the end) with its label in every locale; the value must be new and plain (letters, digits, `_`, `-`). */
export function addOption(doc: ProgramDocument, form: string, field: FieldRef, value: string, labels: Readonly<Record<string, string>> = {}, label = `+ ${value}`): void {
  const at = optionsPath(doc, field);
  const values = doc.get(at) as unknown[];
  if (!validOption.test(value)) throw designerError(doc.locale, 'DESIGNER_OPTION_INVALID', { value }, { key: value });
  if (values.includes(value)) throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key: value }, { key: value });
  doc.apply([{ op: 'add', path: [...at, values.length], value }], label);
  for (const locale of localesOf(doc)) doc.amend(textOperations(doc, locale, `${fieldKey(form, field.path)}.options.${value}`, labels[locale] ?? value));
}

/** Removes an option and its labels; the last option stays (a choice without options could not be answered). */
export function removeOption(doc: ProgramDocument, form: string, field: FieldRef, value: string, label = `- ${value}`): void {
  const at = optionsPath(doc, field);
  const values = doc.get(at) as unknown[];
  const i = values.indexOf(value);
  if (i === -1) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + at.join('/') });
  if (values.length === 1) throw designerError(doc.locale, 'DESIGNER_LAST_OPTION');
  const ops: Operation[] = [{ op: 'remove', path: [...at, i] }];
  for (const locale of localesOf(doc)) ops.push(...textOperations(doc, locale, `${fieldKey(form, field.path)}.options.${value}`, undefined));
  doc.apply(ops, label);
}

/** Moves an option one place up or down; returns its new position (1-based), or undefined at an end. */
export function moveOption(doc: ProgramDocument, field: FieldRef, value: string, direction: -1 | 1, label = value): number | undefined {
  const at = optionsPath(doc, field);
  const values = doc.get(at) as unknown[];
  const i = values.indexOf(value);
  const to = i + direction;
  if (i === -1 || to < 0 || to >= values.length) return undefined;
  doc.apply([{ op: 'move', path: at, from: i, to }], label);
  return to + 1;
}

/** Sets an option's label in one locale. */
export function setOptionLabel(doc: ProgramDocument, form: string, field: FieldRef, value: string, locale: string, text: string, label = `${value} (${locale})`): void {
  doc.apply(textOperations(doc, locale, `${fieldKey(form, field.path)}.options.${value}`, text), label);
}

/** The schema of a group's or repeated group's own fields. */
function innerSchemaPath(group: FieldRef): JsonPath {
  return group.kind === 'list' ? [...group.schemaPath, 'items'] : group.schemaPath;
}

/**
 * Adds a field inside a top-level group or repeated group, at its end: its schema, its entry where the group's page
 * entry lists its fields, and its label in every locale. `group` may itself sit inside a group or a repeated group, at
 * any depth (its `schemaPath` and `entryPath` say where).
 */
export function addChildField(doc: ProgramDocument, form: string, group: FieldInfo, kind: AddableKind, key: string, labels: Readonly<Record<string, string>> = {}, label = `+ ${group.key}.${key}`): void {
  if (group.kind !== 'group' && group.kind !== 'list') throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + group.schemaPath.join('/') });
  if (!validKey.test(key)) throw designerError(doc.locale, 'DESIGNER_KEY_INVALID', { key }, { key });
  const inner = innerSchemaPath(group);
  const props = doc.get([...inner, 'properties']);
  if (!isObject(props)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + [...inner, 'properties'].join('/') });
  if (key in props) throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key }, { key });
  const made = newFieldSchema(kind);
  const ops: Operation[] = [{ op: 'add', path: [...inner, 'properties', key], value: made.schema }];
  const entry = group.entryPath ? doc.get(group.entryPath) : undefined;
  if (isObject(entry) && Array.isArray(entry.fields)) {
    const child = made.widget || made.autocomplete ? { field: key, ...(made.widget ? { widget: made.widget } : {}), ...(made.autocomplete ? { autocomplete: made.autocomplete } : {}) } : key;
    ops.push({ op: 'add', path: [...group.entryPath!, 'fields', entry.fields.length], value: child });
  }
  doc.apply(ops, label);
  const path = `${group.path}.${key}`;
  for (const locale of localesOf(doc)) {
    doc.amend(textOperations(doc, locale, `${fieldKey(form, path)}.label`, labels[locale] ?? key));
    amendStarterTexts(doc, locale, fieldKey(form, path), kind);
  }
}

/** Removes a field inside a group or repeated group: its schema, `required` entry, page entry and texts. A group keeps its last field. */
export function removeChildField(doc: ProgramDocument, form: string, group: FieldInfo, key: string, label = `- ${group.key}.${key}`): void {
  const inner = innerSchemaPath(group);
  const props = doc.get([...inner, 'properties']);
  if (!isObject(props) || !(key in props)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + [...inner, 'properties', key].join('/') });
  if (Object.keys(props).length === 1) throw designerError(doc.locale, 'DESIGNER_LAST_CHILD');
  const ops: Operation[] = [];
  for (const locale of localesOf(doc)) for (const k of fieldTextKeys(doc, locale, form, `${group.path}.${key}`)) ops.push({ op: 'remove', path: ['texts', locale, k] });
  const child = group.children.find((c) => c.key === key);
  if (child?.entryPath) ops.push({ op: 'remove', path: child.entryPath });
  const required = doc.get([...inner, 'required']);
  if (Array.isArray(required) && required.includes(key)) {
    ops.push(required.length === 1 ? { op: 'remove', path: [...inner, 'required'] } : { op: 'remove', path: [...inner, 'required', required.indexOf(key)] });
  }
  ops.push({ op: 'remove', path: [...inner, 'properties', key] });
  doc.apply(ops, label);
}

/**
 * Removes a page with the fields on it — their schemas, `required` entries and texts — and the page's title, as one
 * step. The last page of a form stays (a form needs one).
 */
export function removePage(doc: ProgramDocument, form: string, pageId: string, label = `- ${pageId}`): void {
  const pages = doc.get(['forms', form, 'ui', 'pages']);
  const info = outline(doc).find((f) => f.id === form)?.pages.find((p) => p.id === pageId);
  if (!Array.isArray(pages) || !info?.path) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/ui/pages` });
  if (pages.length === 1) throw designerError(doc.locale, 'DESIGNER_LAST_PAGE');
  const keys = info.fields.map((f) => f.key);
  const ops: Operation[] = [];
  for (const locale of localesOf(doc)) {
    const inLocale = doc.get(['texts', locale]);
    if (!isObject(inLocale)) continue;
    const prefixes = [...keys.map((k) => fieldKey(form, k) + '.'), `forms.${form}.pages.${pageId}.`];
    for (const k of Object.keys(inLocale)) if (prefixes.some((p) => k.startsWith(p))) ops.push({ op: 'remove', path: ['texts', locale, k] });
  }
  ops.push({ op: 'remove', path: info.path });
  const required = doc.get(['forms', form, 'schema', 'required']);
  if (Array.isArray(required)) {
    const left = required.filter((r) => !keys.includes(r as string));
    if (left.length === 0 && required.length > 0) ops.push({ op: 'remove', path: ['forms', form, 'schema', 'required'] });
    else for (let i = required.length - 1; i >= 0; i--) if (keys.includes(required[i] as string)) ops.push({ op: 'remove', path: ['forms', form, 'schema', 'required', i] });
  }
  const props = doc.get(['forms', form, 'schema', 'properties']);
  for (const k of keys) if (isObject(props) && k in props) ops.push({ op: 'remove', path: ['forms', form, 'schema', 'properties', k] });
  doc.apply(ops, label);
}

/** Moves a page one place earlier or later; returns its new position (1-based) and the count, or undefined at an end. */
export function movePage(doc: ProgramDocument, form: string, pageId: string, direction: -1 | 1, label = pageId): { position: number; count: number } | undefined {
  const pages = doc.get(['forms', form, 'ui', 'pages']);
  if (!Array.isArray(pages)) return undefined;
  const i = pages.findIndex((p) => isObject(p) && p.id === pageId);
  const to = i + direction;
  if (i === -1 || to < 0 || to >= pages.length) return undefined;
  doc.apply([{ op: 'move', path: ['forms', form, 'ui', 'pages'], from: i, to }], label);
  return { position: to + 1, count: pages.length };
}

/**
 * Adds a form (after the last) that `civicflow check` accepts: one page with one text field, titled and labelled in
 * every locale.
 */
export function addForm(doc: ProgramDocument, id: string, titles: Readonly<Record<string, string>> = {}, label = `+ ${id}`): void {
  if (!validKey.test(id)) throw designerError(doc.locale, 'DESIGNER_KEY_INVALID', { key: id }, { key: id });
  const forms = doc.get(['forms']);
  if (!isObject(forms)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/forms' });
  if (id in forms) throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key: id }, { key: id, pointer: `/forms/${id}` });
  const value = {
    schema: { type: 'object', properties: { [firstChild]: { type: 'string', maxLength: 200 } } },
    ui: { pages: [{ id: 'page1', fields: [firstChild] }] },
  };
  doc.apply([{ op: 'add', path: ['forms', id], value }], label);
  for (const locale of localesOf(doc)) {
    doc.amend(textOperations(doc, locale, `forms.${id}.title`, titles[locale] ?? id));
    doc.amend(textOperations(doc, locale, `forms.${id}.pages.page1.title`, titles[locale] ?? id));
    doc.amend(textOperations(doc, locale, `${fieldKey(id, firstChild)}.label`, `${starterWord(locale, 'text')} 1`));
  }
}

/** Removes a top-level field: its schema, `required` entry, page entry and every text of it. */
export function removeField(doc: ProgramDocument, form: string, key: string, label = `- ${key}`): void {
  const found = findField(doc, form, key);
  if (!found) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/schema/properties/${key}` });
  const ops: Operation[] = [];
  for (const locale of localesOf(doc)) for (const k of fieldTextKeys(doc, locale, form, key)) ops.push({ op: 'remove', path: ['texts', locale, k] });
  if (found.field.entryPath) ops.push({ op: 'remove', path: found.field.entryPath });
  const required = doc.get(['forms', form, 'schema', 'required']);
  if (Array.isArray(required) && required.includes(key)) {
    ops.push(required.length === 1 ? { op: 'remove', path: ['forms', form, 'schema', 'required'] } : { op: 'remove', path: ['forms', form, 'schema', 'required', required.indexOf(key)] });
  }
  ops.push({ op: 'remove', path: ['forms', form, 'schema', 'properties', key] });
  doc.apply(ops, label);
}

/**
 * Renames a top-level field's key everywhere the form names it: the schema property (in place), `required`, its
 * page entry, the conditions of the form that test it, the derived values that read it and the rules across fields
 * that compare with it, and its texts in every locale.
 */
export function renameField(doc: ProgramDocument, form: string, from: string, to: string, label = `${from} → ${to}`): void {
  if (from === to) return;
  const found = findField(doc, form, from);
  if (!found) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/schema/properties/${from}` });
  checkKey(doc, form, to);
  // Derived values and rules that name the field first: some of their paths go through its schema, renamed next.
  const ops: Operation[] = [...renameReferenceOps(doc, form, from, to), { op: 'rename', path: ['forms', form, 'schema', 'properties'], from, to }];
  const required = doc.get(['forms', form, 'schema', 'required']);
  if (Array.isArray(required) && required.includes(from)) ops.push({ op: 'replace', path: ['forms', form, 'schema', 'required', required.indexOf(from)], value: to });
  const entry = found.field.entryPath ? doc.get(found.field.entryPath) : undefined;
  if (typeof entry === 'string') ops.push({ op: 'replace', path: found.field.entryPath!, value: to });
  else if (isObject(entry)) ops.push({ op: 'replace', path: [...found.field.entryPath!, 'field'], value: to });
  for (const at of conditionPaths(doc, form)) {
    const c = doc.get(at) as Json;
    if (isObject(c.properties) && from in c.properties) ops.push({ op: 'rename', path: [...at, 'properties'], from, to });
    if (Array.isArray(c.required) && c.required.includes(from)) ops.push({ op: 'replace', path: [...at, 'required', c.required.indexOf(from)], value: to });
  }
  for (const locale of localesOf(doc)) {
    for (const k of fieldTextKeys(doc, locale, form, from)) ops.push({ op: 'rename', path: ['texts', locale], from: k, to: fieldKey(form, to) + k.slice(fieldKey(form, from).length) });
  }
  doc.apply(ops, label);
}

/** Sets a field's label in one locale. */
export function setLabel(doc: ProgramDocument, form: string, path: string, locale: string, text: string, label = `${path} (${locale})`): void {
  doc.apply(textOperations(doc, locale, `${fieldKey(form, path)}.label`, text), label);
}

/** Sets (or with an empty text removes) a field's help text in one locale. */
export function setHelp(doc: ProgramDocument, form: string, path: string, locale: string, text: string, label = `${path} (${locale})`): void {
  doc.apply(textOperations(doc, locale, `${fieldKey(form, path)}.help`, text === '' ? undefined : text), label);
}

/** Makes a top-level field required or optional. */
export function setRequired(doc: ProgramDocument, form: string, key: string, required: boolean, label = key): void {
  const base = ['forms', form, 'schema'];
  if (doc.get([...base, 'properties', key]) === undefined) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/schema/properties/${key}` });
  const list = doc.get([...base, 'required']);
  const has = Array.isArray(list) && list.includes(key);
  if (has === required) return;
  if (required) {
    if (Array.isArray(list)) doc.apply([{ op: 'add', path: [...base, 'required', list.length], value: key }], label);
    else {
      const schema = doc.get(base) as Json;
      // After `properties`, where designers read it.
      const index = Object.keys(schema).indexOf('properties') + 1 || undefined;
      doc.apply([{ op: 'add', path: [...base, 'required'], value: [key], ...(index ? { index } : {}) }], label);
    }
  } else {
    const names = list as string[];
    doc.apply([names.length === 1 ? { op: 'remove', path: [...base, 'required'] } : { op: 'remove', path: [...base, 'required', names.indexOf(key)] }], label);
  }
}

export type Constraint = 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'pattern' | 'x-personal-data' | 'x-retention';

/**
 * Sets (or with `undefined` removes) a keyword of a top-level field's schema. Lengths must be whole numbers from 0,
 * ranges numbers; a pattern must be a valid Unicode regular expression that cannot backtrack catastrophically
 * (the check `loadProgram` makes).
 *
 * @throws DesignerError `DESIGNER_CONSTRAINT_INVALID`, `DESIGNER_PATTERN_INVALID`, `DESIGNER_PATTERN_UNSAFE`.
 */
export function setConstraint(doc: ProgramDocument, form: string, key: string, name: Constraint, value: string | number | boolean | undefined, label = `${key}: ${name}`): void {
  const at = ['forms', form, 'schema', 'properties', key];
  const schema = doc.get(at);
  if (!isObject(schema)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/schema/properties/${key}` });
  if (value !== undefined) {
    if (name === 'minLength' || name === 'maxLength') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw designerError(doc.locale, 'DESIGNER_CONSTRAINT_INVALID', { value: String(value), constraint: name });
    } else if (name === 'minimum' || name === 'maximum') {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw designerError(doc.locale, 'DESIGNER_CONSTRAINT_INVALID', { value: String(value), constraint: name });
    } else if (name === 'pattern') {
      try {
        new RegExp(String(value), 'u');
      } catch (e) {
        throw designerError(doc.locale, 'DESIGNER_PATTERN_INVALID', { reason: e instanceof Error ? e.message : String(e) });
      }
      if (!isPatternSafe(String(value))) throw designerError(doc.locale, 'DESIGNER_PATTERN_UNSAFE');
    }
  }
  const present = Object.prototype.hasOwnProperty.call(schema, name);
  if (value === undefined) {
    if (present) doc.apply([{ op: 'remove', path: [...at, name] }], label);
  } else if (present) {
    if (schema[name] !== value) doc.apply([{ op: 'replace', path: [...at, name], value }], label);
  } else doc.apply([{ op: 'add', path: [...at, name], value }], label);
}

/**
 * Moves a top-level field one place up or down on its page; past the first or last place it goes to the end of the
 * page before or the start of the page after. Returns where it is now, or undefined when it cannot move.
 */
export function moveField(doc: ProgramDocument, form: string, key: string, direction: -1 | 1, label = key): { page: string; position: number; count: number } | undefined {
  const found = findField(doc, form, key);
  if (!found) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/schema/properties/${key}` });
  const { page, index } = found;
  const target = index + direction;
  if (!page.path) {
    // No pages: the order is the schema's.
    const keys = page.fields.length;
    if (target < 0 || target >= keys) return undefined;
    doc.apply([{ op: 'move', path: ['forms', form, 'schema', 'properties'], from: index, to: target }], label);
    return { page: page.id, position: target + 1, count: keys };
  }
  if (target >= 0 && target < page.fields.length) {
    doc.apply([{ op: 'move', path: [...page.path, 'fields'], from: index, to: target }], label);
    return { page: page.id, position: target + 1, count: page.fields.length };
  }
  const pages = outline(doc).find((f) => f.id === form)!.pages;
  const next = pages[pages.findIndex((p) => p.id === page.id) + direction];
  if (!next) return undefined;
  return moveFieldToPage(doc, form, key, next.id, direction === 1 ? 0 : next.fields.length, label);
}

/** Moves a top-level field to a position on another page (its entry keeps its bytes). */
export function moveFieldToPage(doc: ProgramDocument, form: string, key: string, pageId: string, position: number, label = key): { page: string; position: number; count: number } {
  const found = findField(doc, form, key);
  const pages = outline(doc).find((f) => f.id === form)?.pages ?? [];
  const to = pages.find((p) => p.id === pageId);
  if (!found?.field.entryPath || !to?.path) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/ui/pages` });
  if (to.id === found.page.id) {
    doc.apply([{ op: 'move', path: [...to.path, 'fields'], from: found.index, to: Math.min(position, to.fields.length - 1) }], label);
    return { page: to.id, position: Math.min(position, to.fields.length - 1) + 1, count: to.fields.length };
  }
  const at = Math.max(0, Math.min(position, to.fields.length));
  doc.apply(
    [
      { op: 'copy', from: found.field.entryPath, path: [...to.path, 'fields', at], index: at },
      { op: 'remove', path: found.field.entryPath },
    ],
    label,
  );
  return { page: to.id, position: at + 1, count: to.fields.length + 1 };
}

/** Duplicates a top-level field after itself under a new key (`<key>_2`, …): schema, entry, required, texts. Returns the new key. */
export function duplicateField(doc: ProgramDocument, form: string, key: string, label = `${key} ×2`): string {
  const found = findField(doc, form, key);
  if (!found) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}/schema/properties/${key}` });
  let n = 2;
  while (doc.get(['forms', form, 'schema', 'properties', `${key}_${n}`]) !== undefined) n++;
  const copy = `${key}_${n}`;
  const propsPath = ['forms', form, 'schema', 'properties'];
  const keys = Object.keys(doc.get(propsPath) as Json);
  const ops: Operation[] = [{ op: 'copy', from: [...propsPath, key], path: [...propsPath, copy], index: keys.indexOf(key) + 1 }];
  const required = doc.get(['forms', form, 'schema', 'required']);
  if (Array.isArray(required) && required.includes(key)) ops.push({ op: 'add', path: ['forms', form, 'schema', 'required', required.indexOf(key) + 1], value: copy });
  const entryPath = found.field.entryPath;
  if (entryPath) {
    const entry = doc.get(entryPath);
    const list = entryPath.slice(0, -1);
    const i = entryPath[entryPath.length - 1] as number;
    if (typeof entry === 'string') ops.push({ op: 'add', path: [...list, i + 1], value: copy });
    else {
      ops.push({ op: 'copy', from: entryPath, path: [...list, i + 1], index: i + 1 });
      ops.push({ op: 'replace', path: [...list, i + 1, 'field'], value: copy });
    }
  }
  for (const locale of localesOf(doc)) {
    const texts = doc.get(['texts', locale]) as Json;
    const own = fieldTextKeys(doc, locale, form, key);
    let index = own.length ? Object.keys(texts).indexOf(own[own.length - 1]!) + 1 : undefined;
    for (const k of own) {
      ops.push({ op: 'add', path: ['texts', locale, fieldKey(form, copy) + k.slice(fieldKey(form, key).length)], value: texts[k], ...(index === undefined ? {} : { index: index++ }) });
    }
  }
  doc.apply(ops, label);
  return copy;
}

/** Adds a page (after the last, or at `index`) with its title in every locale; a form without `ui.pages` gets them, its fields on a first page. */
export function addPage(doc: ProgramDocument, form: string, id: string, titles: Readonly<Record<string, string>> = {}, label = `+ ${id}`): void {
  if (!validKey.test(id)) throw designerError(doc.locale, 'DESIGNER_KEY_INVALID', { key: id }, { key: id });
  const pages = doc.get(['forms', form, 'ui', 'pages']);
  const ops: Operation[] = [];
  if (Array.isArray(pages)) {
    if (pages.some((p) => isObject(p) && p.id === id)) throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key: id }, { key: id });
    ops.push({ op: 'add', path: ['forms', form, 'ui', 'pages', pages.length], value: { id, fields: [] } });
  } else {
    const props = doc.get(['forms', form, 'schema', 'properties']);
    const first = Object.keys(isObject(props) ? props : {});
    const newPages = first.length ? [{ id: 'page1', fields: first }, { id, fields: [] }] : [{ id, fields: [] }];
    if (first.length && id === 'page1') throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key: id }, { key: id });
    const ui = doc.get(['forms', form, 'ui']);
    ops.push(isObject(ui) ? { op: 'add', path: ['forms', form, 'ui', 'pages'], value: newPages } : { op: 'add', path: ['forms', form, 'ui'], value: { pages: newPages } });
  }
  doc.apply(ops, label);
  const created = Array.isArray(pages) ? [id] : (doc.get(['forms', form, 'ui', 'pages']) as Json[]).map((p) => p.id as string);
  for (const locale of localesOf(doc)) {
    for (const pageId of created) {
      const key = `forms.${form}.pages.${pageId}.title`;
      if (doc.get(['texts', locale, key]) === undefined) doc.amend(textOperations(doc, locale, key, pageId === id ? (titles[locale] ?? id) : pageId));
    }
  }
}

/** Sets a page's title in one locale. */
export function setPageTitle(doc: ProgramDocument, form: string, page: string, locale: string, text: string, label = `${page} (${locale})`): void {
  doc.apply(textOperations(doc, locale, `forms.${form}.pages.${page}.title`, text), label);
}

