import type { Program } from './model/program.js';
import type { RawError, ValidationResult } from './validation-error.js';
import type { FormLayout } from './layout.js';
import type { ConditionCheck } from './visibility.js';
import type { InputLimits } from './check-input.js';
import { formLayout } from './layout.js';
import { createMessageSource, mapErrors } from './map-errors.js';
import { checkInput } from './check-input.js';
import { hiddenPointers, stripPointers } from './visibility.js';
import { UnknownFormError } from './errors.js';

/** A compiled validator in Ajv's calling convention (compiled at run time or precompiled to a module). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly RawError[] | null;
}

/** How to get the compiled validator and conditions of a form; Ajv at run time or a precompiled module. */
export interface FormValidators {
  validator(formId: string): CompiledValidator;
  condition(formId: string, index: number): ConditionCheck;
}

export interface ValidateOptions {
  /** Locale of the messages; defaults to the program's first locale. */
  locale?: string;
  /** Limits on the data, checked before any schema runs. */
  limits?: InputLimits;
}

/** The form's layout, or `UnknownFormError`. */
export function layoutOf(program: Program, formId: string): FormLayout {
  const form = Object.prototype.hasOwnProperty.call(program.definition.forms, formId) ? program.definition.forms[formId] : undefined;
  if (!form) throw new UnknownFormError(program.id, formId);
  return formLayout(form);
}

/** The shared body of `validate` and `validateWith`: input guard, conditions, schema, error mapping. */
export function runValidation(program: Program, validators: FormValidators, formId: string, data: unknown, options: ValidateOptions = {}): ValidationResult {
  const layout = layoutOf(program, formId);
  const locale = options.locale ?? program.locales[0] ?? 'en';
  const source = createMessageSource(formId, program.definition.texts, program.locales, locale);
  const inputErrors = checkInput(data, source, options.limits);
  if (inputErrors.length > 0) return { valid: false, data: undefined, errors: inputErrors };
  const hidden = hiddenPointers(layout, data, (i) => validators.condition(formId, i));
  const visible = stripPointers(data, hidden);
  const validator = validators.validator(formId);
  if (validator(visible)) return { valid: true, data: visible, errors: [] };
  const errors = mapErrors(validator.errors, source, hidden);
  return { valid: errors.length === 0, data: visible, errors };
}
