import { listFormFields, parseExpression, type JsonSchema } from '@civicflow/core';
import type { JsonPath } from '../document/json-path.js';
import type { Operation, ProgramDocument } from '../document/program-document.js';
import { designerError } from '../errors.js';
import { localesOf, outline, textOperations, type FieldInfo, type FormInfo } from './form-model.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A derived value as the editor offers it; any expression the first four do not say exactly is a formula. */
export type DerivedSpec =
  /** The sum of a number field inside a repeated group, over every entry (`funding.costs.amount`). */
  | { readonly kind: 'sum'; readonly of: string }
  /** The number of entries of a repeated group. */
  | { readonly kind: 'count'; readonly of: string }
  /** The age in full years on a date: a fixed `YYYY-MM-DD` or another date field. */
  | { readonly kind: 'ageAt'; readonly of: string; readonly on: { readonly date: string } | { readonly field: string } }
  | { readonly kind: 'daysBetween'; readonly from: string; readonly to: string }
  | { readonly kind: 'formula'; readonly expression: string };

export type DerivedKind = DerivedSpec['kind'];
export const derivedKinds: readonly DerivedKind[] = ['sum', 'count', 'ageAt', 'daysBetween', 'formula'];

/** The expression a spec is written as (`x-derived`). */
export function derivedExpression(spec: DerivedSpec): string {
  switch (spec.kind) {
    case 'sum':
    case 'count':
      return `${spec.kind}(${spec.of})`;
    case 'ageAt':
      return `ageAt(${spec.of}, ${'date' in spec.on ? `'${spec.on.date}'` : spec.on.field})`;
    case 'daysBetween':
      return `daysBetween(${spec.from}, ${spec.to})`;
    case 'formula':
      return spec.expression;
  }
}

const path = '([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)';
const shapes: readonly [RegExp, (m: RegExpExecArray) => DerivedSpec][] = [
  [new RegExp(`^sum\\(${path}\\)$`), (m) => ({ kind: 'sum', of: m[1]! })],
  [new RegExp(`^count\\(${path}\\)$`), (m) => ({ kind: 'count', of: m[1]! })],
  [new RegExp(`^ageAt\\(${path}, (?:'(\\d{4}-\\d{2}-\\d{2})'|${path})\\)$`), (m) => ({ kind: 'ageAt', of: m[1]!, on: m[2] ? { date: m[2] } : { field: m[3]! } })],
  [new RegExp(`^daysBetween\\(${path}, ${path}\\)$`), (m) => ({ kind: 'daysBetween', from: m[1]!, to: m[2]! })],
];

/**
 * An expression as the editor shows it. Only an expression that the editor writes back byte for byte is read as a
 * sum, count, age or span of days (`sum( a )` stays a formula), so showing a derived value never rewrites it.
 */
export function readDerived(expression: string): DerivedSpec {
  for (const [re, make] of shapes) {
    const m = re.exec(expression);
    if (m) return make(m);
  }
  return { kind: 'formula', expression };
}

/** A field a derived value can read, as the editor offers it. */
export interface SourceField {
  /** The dotted path from the form's root, as expressions name it. */
  readonly path: string;
  readonly kind: FieldInfo['kind'];
  /** Whether it lies inside a repeated group (a sum reads it through the list). */
  readonly inList: boolean;
  readonly field: FieldInfo;
}

/** Every field of a form with its path, in the order the outline shows them (`forms`: the outline, when known already). */
export function sourceFields(doc: ProgramDocument, form: string, forms: readonly FormInfo[] = outline(doc)): SourceField[] {
  const out: SourceField[] = [];
  const add = (f: FieldInfo, inList: boolean) => {
    out.push({ path: f.path, kind: f.kind, inList, field: f });
    for (const c of f.children) add(c, inList || f.kind === 'list');
  };
  for (const page of forms.find((x) => x.id === form)?.pages ?? []) for (const f of page.fields) add(f, false);
  return out;
}

const numeric = (k: FieldInfo['kind']) => k === 'integer' || k === 'number' || k === 'amount';

/** The fields a kind of derived value can read: numbers in lists for a sum, lists for a count, dates outside lists. */
export function sourcesFor(fields: readonly SourceField[], kind: Exclude<DerivedKind, 'formula'>, except?: string): SourceField[] {
  return fields.filter((f) => {
    if (f.path === except) return false;
    if (kind === 'sum') return f.inList && numeric(f.kind);
    if (kind === 'count') return f.kind === 'list';
    return !f.inList && f.kind === 'date';
  });
}

/** What is wrong with an expression, for a person: a designer error with where it is wrong (`detail.column`, 1-based). */
export function expressionError(doc: ProgramDocument, form: string, expression: string, self?: string): ReturnType<typeof designerError> | undefined {
  const parsed = parseExpression(expression);
  const p = parsed.problems[0];
  if (p) {
    const params = p.params as Record<string, string | number>;
    switch (p.code) {
      case 'EXPRESSION_SYNTAX': {
        const position = Number(params.position);
        const near = expression.slice(position - 1, position + 9).trim();
        if (near) return designerError(doc.locale, 'DESIGNER_EXPRESSION_SYNTAX', { position, near }, { column: position });
        const end = expression.trimEnd().length;
        return designerError(doc.locale, 'DESIGNER_EXPRESSION_INCOMPLETE', { position: end }, { column: end + 1 });
      }
      case 'EXPRESSION_NOT_ALLOWED': {
        const position = expression.indexOf(String(params.part)) + 1;
        return designerError(doc.locale, 'DESIGNER_EXPRESSION_NOT_ALLOWED', { part: String(params.part), position }, position > 0 ? { column: position } : {});
      }
      case 'EXPRESSION_FUNCTION_UNKNOWN':
        return designerError(doc.locale, 'DESIGNER_EXPRESSION_FUNCTION', { name: String(params.name), functions: String(params.functions) });
      default:
        return designerError(doc.locale, 'DESIGNER_EXPRESSION_ARGUMENTS', { name: String(params.name), min: params.min!, max: params.max!, count: params.count! });
    }
  }
  const known = new Set(listFormFields(doc.get(['forms', form, 'schema']) as JsonSchema).map((f) => f.path));
  for (const f of parsed.fields) {
    const name = f.join('.');
    if (name === self) return designerError(doc.locale, 'DESIGNER_DERIVED_SELF', { name });
    if (!known.has(name)) return designerError(doc.locale, 'DESIGNER_EXPRESSION_FIELD', { name, position: expression.indexOf(name) + 1 }, { column: expression.indexOf(name) + 1 });
  }
  return undefined;
}

/** The JSON type of a kind's result: a count, an age and days are whole numbers. */
const typeOf = (spec: DerivedSpec): 'number' | 'integer' | undefined => (spec.kind === 'formula' ? undefined : spec.kind === 'sum' ? 'number' : 'integer');

/** Throws when a spec cannot be written: an expression that does not read, a field that is missing, itself. */
function checkSpec(doc: ProgramDocument, form: string, spec: DerivedSpec, self?: string): string {
  if (spec.kind === 'ageAt' && 'date' in spec.on && !/^\d{4}-\d{2}-\d{2}$/.test(spec.on.date)) {
    throw designerError(doc.locale, 'DESIGNER_DERIVED_DATE', { value: spec.on.date });
  }
  const expression = derivedExpression(spec).trim();
  if (expression === '') throw designerError(doc.locale, 'DESIGNER_EXPRESSION_INCOMPLETE', { position: 0 });
  const error = expressionError(doc, form, expression, self);
  if (error) throw error;
  return expression;
}

export interface AddDerivedOptions {
  readonly form: string;
  /** The new field's name. */
  readonly key: string;
  /** Its label per locale; a locale not given gets the first one given (to be translated), else the name. */
  readonly labels: Readonly<Record<string, string>>;
  readonly spec: DerivedSpec;
  /** The page it is shown on (the widget shows it read-only there); ignored for a form without pages. */
  readonly page?: string;
  /** Its position on the page (the end by default). */
  readonly index?: number;
}

const validKey = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Adds a derived value as a top-level field: `{ "type": …, "x-derived": … }` (a formula's result is a number), its
 * entry on a page and its label in every locale, in one step. The expression is checked with core's own parser
 * first, and nothing changes when it does not read.
 *
 * @throws DesignerError `DESIGNER_KEY_INVALID`, `DESIGNER_KEY_TAKEN`, `DESIGNER_EXPRESSION_*`, `DESIGNER_DERIVED_*`.
 */
export function addDerivedValue(doc: ProgramDocument, o: AddDerivedOptions, label = `+ ${o.key}`): void {
  if (!validKey.test(o.key)) throw designerError(doc.locale, 'DESIGNER_KEY_INVALID', { key: o.key }, { key: o.key });
  const propsPath: JsonPath = ['forms', o.form, 'schema', 'properties'];
  const props = doc.get(propsPath);
  if (!isObject(props)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${o.form}/schema/properties` });
  if (o.key in props) throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key: o.key }, { key: o.key });
  const expression = checkSpec(doc, o.form, o.spec, o.key);
  const ops: Operation[] = [{ op: 'add', path: [...propsPath, o.key], value: { type: typeOf(o.spec) ?? 'number', 'x-derived': expression } }];
  const pages = outline(doc).find((f) => f.id === o.form)?.pages ?? [];
  if (doc.get(['forms', o.form, 'ui', 'pages']) !== undefined) {
    const page = pages.find((p) => p.id === o.page) ?? pages.at(-1);
    if (!page?.path) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${o.form}/ui/pages` });
    const at = Math.min(o.index ?? page.fields.length, page.fields.length);
    ops.push({ op: 'add', path: [...page.path, 'fields', at], value: o.key, index: at });
  }
  doc.apply(ops, label);
  const first = Object.values(o.labels).find((t) => t.trim() !== '') ?? o.key;
  for (const locale of localesOf(doc)) {
    const text = o.labels[locale]?.trim() || first;
    doc.amend(textOperations(doc, locale, `forms.${o.form}.fields.${o.key}.label`, text));
  }
}

/** The derived value of a field, if it has one: its expression read as the editor shows it. */
export function derivedOf(doc: ProgramDocument, field: Pick<FieldInfo, 'schemaPath'>): { expression: string; spec: DerivedSpec } | undefined {
  const schema = doc.get(field.schemaPath);
  if (!isObject(schema) || typeof schema['x-derived'] !== 'string') return undefined;
  return { expression: schema['x-derived'], spec: readDerived(schema['x-derived']) };
}

/**
 * Changes what a derived value is worked out from, in one step: its `x-derived` and, when the kind's result is a
 * whole number or a number, its `type` (a formula keeps the type it has). Checked first, as `addDerivedValue`.
 */
export function setDerived(doc: ProgramDocument, form: string, field: Pick<FieldInfo, 'schemaPath' | 'path'>, spec: DerivedSpec, label = field.path): void {
  const schema = doc.get(field.schemaPath);
  if (!isObject(schema) || typeof schema['x-derived'] !== 'string') throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + field.schemaPath.join('/') });
  const expression = checkSpec(doc, form, spec, field.path);
  const ops: Operation[] = [];
  if (expression !== schema['x-derived']) ops.push({ op: 'replace', path: [...field.schemaPath, 'x-derived'], value: expression });
  const type = typeOf(spec);
  if (type && schema.type !== type) ops.push(schema.type === undefined ? { op: 'add', path: [...field.schemaPath, 'type'], value: type, index: 0 } : { op: 'replace', path: [...field.schemaPath, 'type'], value: type });
  if (ops.length) doc.apply(ops, label);
}
