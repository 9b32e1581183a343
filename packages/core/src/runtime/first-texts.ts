import type { DeepReadonly, Form } from '../model/program.js';
import type { FormLayout } from './layout.js';
import { formLayout } from './layout.js';

/**
 * How many of a form's pages, from the first, a page shows before the person works on the form: the first page, and
 * while a page has a condition (it may be hidden, and then the next one is the first shown), the pages after it up to
 * the first without one. Their fields' words come first (`isFirstText`); the rest come when the person starts.
 */
export function firstPageCount(layout: FormLayout): number {
  const unconditional = layout.pages.findIndex((p) => p.condition === undefined);
  return unconditional < 0 ? layout.pages.length : unconditional + 1;
}

const firstFields = new WeakMap<FormLayout, Set<string>>();

/** The paths of the fields on a form's first pages (`firstPageCount`), with everything inside them. */
export function firstPageFields(layout: FormLayout): ReadonlySet<string> {
  const known = firstFields.get(layout);
  if (known) return known;
  const paths = new Set<string>();
  firstFields.set(layout, paths);
  for (const page of layout.pages.slice(0, firstPageCount(layout))) {
    for (const top of page.fields) {
      const prefix = top.path + '.';
      paths.add(top.path);
      for (const f of layout.fields) if (f.path.startsWith(prefix)) paths.add(f.path);
    }
  }
  return paths;
}

/**
 * Whether a program text is one of those a page needs before the person works on the form: the forms' and pages'
 * titles (the step list names every page), the words of the fields on the first pages
 * (`forms.<form>.fields.<path>.label|help|options.<value>`), and the periods' texts (a closed form says them at once).
 * Not: error messages, the words of fields on later pages, the workflow's texts. `forms` are the program's forms.
 */
export function isFirstText(key: string, forms: DeepReadonly<Record<string, Form>>): boolean {
  if (key.startsWith('periods.')) return true;
  const m = /^forms\.([^.]+)\.(.+)$/.exec(key);
  if (!m) return false;
  const form = Object.prototype.hasOwnProperty.call(forms, m[1]!) ? forms[m[1]!] : undefined;
  if (!form) return false;
  if (!m[2]!.startsWith('fields.')) return true;
  const layout = formLayout(form);
  const rest = m[2]!.slice('fields.'.length);
  // The longest field path the key starts with names its field; what follows says which of its words it is.
  let field: string | undefined;
  for (const f of layout.fields) if (rest.startsWith(f.path + '.') && (field === undefined || f.path.length > field.length)) field = f.path;
  if (field === undefined) return false;
  const part = rest.slice(field.length + 1);
  if (part !== 'label' && part !== 'help' && !part.startsWith('options.')) return false;
  return firstPageFields(layout).has(field);
}
