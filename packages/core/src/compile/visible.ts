import type { Program } from '../model/program.js';
import { computeVisibility } from '../runtime/form-state.js';
import { runtimeValidators } from './validate.js';

/** Pointers of the fields shown for this data (list items expanded over the items present). */
export function visibleFields(program: Program, formId: string, data: unknown): string[] {
  return computeVisibility(program, runtimeValidators(program), formId, data).fields;
}

/** Ids of the pages shown for this data, in order. */
export function visiblePages(program: Program, formId: string, data: unknown): string[] {
  return computeVisibility(program, runtimeValidators(program), formId, data).pages;
}
