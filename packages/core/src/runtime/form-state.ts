import type { Program } from '../model/program.js';
import type { FormValidators } from './run-validation.js';
import { layoutOf } from './layout.js';
import { applyConditions, expand } from './visibility.js';
import { isUnderAny } from './pointer.js';

/** Which pages and fields of a form are shown for some data. */
export interface FormVisibility {
  /** Ids of the pages shown, in order. */
  pages: string[];
  /** Pointers of every field shown, list items expanded over the items present. */
  fields: string[];
  /** Pointers of fields hidden by a condition. */
  hidden: string[];
}

/** Evaluates a form's conditions on the data: what a person sees, and what is not validated or sent. */
export function computeVisibility(program: Program, validators: FormValidators, formId: string, data: unknown): FormVisibility {
  const layout = layoutOf(program, formId);
  const conditions = validators.conditions(formId);
  const { visible, hidden } = applyConditions(layout, data, conditions);
  const pages = layout.pages
    .filter((p) => p.condition === undefined || conditions.each[p.condition]!(visible))
    .map((p) => p.id);
  const fields: string[] = [];
  for (const f of layout.fields) {
    for (const hit of expand(layout, f.path, data)) if (!isUnderAny(hit.pointer, hidden)) fields.push(hit.pointer);
  }
  return { pages, fields, hidden };
}
