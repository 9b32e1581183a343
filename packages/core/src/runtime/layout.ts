import type { DeepReadonly, Form, FieldRef, Program } from '../model/program.js';
import type { JsonSchema } from '../model/json-schema.js';
import { listFormFields, type FieldInfo } from './form-fields.js';
import { UnknownFormError } from './errors.js';

/** A condition of a form's UI, numbered in definition order. */
export interface ConditionSite {
  /** Index of the condition within its form; precompiled modules name it by this. */
  readonly index: number;
  readonly schema: DeepReadonly<JsonSchema>;
  /** JSON Pointer of the condition inside the form definition (`/ui/pages/0/when`). */
  readonly pointer: string;
  /** `''` when the condition looks at the form's whole data, else the list whose items it looks at. */
  readonly listPath: string;
  /** Field paths hidden while the condition fails: the field or the page's fields, with their descendants. */
  readonly targets: readonly string[];
}

/** One field entry of a page, resolved to its absolute path. */
export interface LaidOutField {
  readonly path: string;
  readonly pointer: string;
  readonly widget?: string;
  readonly autocomplete?: string;
  readonly condition?: number;
  readonly children?: readonly LaidOutField[];
}

export interface LaidOutPage {
  readonly id: string;
  readonly pointer: string;
  readonly condition?: number;
  readonly fields: readonly LaidOutField[];
}

/** Pages, conditions and fields of one form, derived from its definition alone. */
export interface FormLayout {
  readonly fields: readonly FieldInfo[];
  readonly fieldsByPath: ReadonlyMap<string, FieldInfo>;
  readonly pages: readonly LaidOutPage[];
  readonly conditions: readonly ConditionSite[];
  /** Field paths that no page shows (empty when the form has no pages). */
  readonly unplaced: readonly string[];
  /** Field entries that name no property, with their pointers (for checks). */
  readonly unknown: readonly { path: string; pointer: string }[];
}

function refPath(ref: DeepReadonly<FieldRef>): string {
  return typeof ref === 'string' ? ref : ref.field;
}

function descendantsOf(fields: readonly FieldInfo[], path: string): string[] {
  const prefix = path + '.';
  return [path, ...fields.filter((f) => f.path.startsWith(prefix)).map((f) => f.path)];
}

/** The list field a path lies in (the innermost), or `''`. */
function enclosingList(byPath: ReadonlyMap<string, FieldInfo>, path: string): string {
  let p = path;
  while (p.includes('.')) {
    p = p.slice(0, p.lastIndexOf('.'));
    if (byPath.get(p)?.kind === 'list') return p;
  }
  return '';
}

/** Derives the layout of a form: its fields, pages (one default page without `ui.pages`) and conditions. */
export function layoutForm(form: DeepReadonly<Form>): FormLayout {
  const fields = listFormFields(form.schema as JsonSchema);
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const conditions: ConditionSite[] = [];
  const unknown: { path: string; pointer: string }[] = [];
  const placed = new Set<string>();

  const layField = (ref: DeepReadonly<FieldRef>, base: string, pointer: string): LaidOutField => {
    const path = base ? `${base}.${refPath(ref)}` : refPath(ref);
    const info = byPath.get(path);
    if (!info) unknown.push({ path, pointer: typeof ref === 'string' ? pointer : `${pointer}/field` });
    for (const p of descendantsOf(fields, path)) placed.add(p);
    const out: { -readonly [K in keyof LaidOutField]: LaidOutField[K] } = { path, pointer };
    if (typeof ref !== 'string') {
      if (ref.widget) out.widget = ref.widget;
      if (ref.autocomplete) out.autocomplete = ref.autocomplete;
      if (ref.when !== undefined) {
        out.condition = conditions.length;
        conditions.push({
          index: conditions.length,
          schema: ref.when,
          pointer: `${pointer}/when`,
          listPath: enclosingList(byPath, path),
          targets: descendantsOf(fields, path),
        });
      }
      if (ref.fields) out.children = ref.fields.map((c, i) => layField(c, path, `${pointer}/fields/${i}`));
    }
    return out;
  };

  const pagesDef = form.ui?.pages;
  const pages: LaidOutPage[] = pagesDef
    ? pagesDef.map((page, p) => {
        const pointer = `/ui/pages/${p}`;
        let condition: number | undefined;
        if (page.when !== undefined) {
          condition = conditions.length;
          conditions.push({ index: condition, schema: page.when, pointer: `${pointer}/when`, listPath: '', targets: [] });
        }
        const laid = page.fields.map((ref, i) => layField(ref, '', `${pointer}/fields/${i}`));
        if (condition !== undefined) {
          const targets = laid.flatMap((f) => descendantsOf(fields, f.path));
          (conditions[condition] as { targets: readonly string[] }).targets = targets;
        }
        return condition === undefined ? { id: page.id, pointer, fields: laid } : { id: page.id, pointer, condition, fields: laid };
      })
    : [{ id: 'main', pointer: '/ui', fields: fields.filter((f) => !f.parent).map((f) => layField(f.path, '', '/schema/properties/' + f.name)) }];

  const unplaced = pagesDef ? fields.filter((f) => !placed.has(f.path)).map((f) => f.path) : [];
  return { fields, fieldsByPath: byPath, pages, conditions, unplaced, unknown };
}

const layouts = new WeakMap<object, FormLayout>();

/** `layoutForm`, computed once per (frozen) form definition. */
export function formLayout(form: DeepReadonly<Form>): FormLayout {
  let layout = layouts.get(form);
  if (!layout) {
    layout = layoutForm(form);
    layouts.set(form, layout);
  }
  return layout;
}

/** The form's layout, or `UnknownFormError`. */
export function layoutOf(program: Pick<Program, 'id' | 'definition'>, formId: string): FormLayout {
  const form = Object.prototype.hasOwnProperty.call(program.definition.forms, formId) ? program.definition.forms[formId] : undefined;
  if (!form) throw new UnknownFormError(program.id, formId);
  return formLayout(form);
}
