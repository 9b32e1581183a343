import type { Program } from './model/program.js';
import type { RawError, ValidationResult } from './validation-error.js';
import type { FormLayout } from './layout.js';
import type { ConditionChecks } from './visibility.js';
import type { InputLimits } from './check-input.js';
import { formLayout } from './layout.js';
import { mapErrors, messageSourceFor, messageFor } from './map-errors.js';
import { checkInput, defaultLimits } from './check-input.js';
import { applyConditions } from './visibility.js';
import { isClosedSchema } from './closed-schema.js';
import { UnknownFormError } from './errors.js';
import type { JsonSchema } from './model/json-schema.js';

/** A compiled validator in Ajv's calling convention (compiled at run time or precompiled to a module). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly RawError[] | null;
}

/** How to get the compiled validator and conditions of a form; Ajv at run time or a precompiled module. */
export interface FormValidators {
  validator(formId: string): CompiledValidator;
  /** The form's conditions: one check each (by index in the layout), and the combined check if any. */
  conditions(formId: string): ConditionChecks;
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

const closedForms = new WeakMap<FormLayout, boolean>();

function isClosed(program: Program, formId: string, layout: FormLayout): boolean {
  let closed = closedForms.get(layout);
  if (closed === undefined) {
    closed = isClosedSchema(program.definition.forms[formId]!.schema as JsonSchema, defaultLimits.maxStringLength);
    closedForms.set(layout, closed);
  }
  return closed;
}

/**
 * The shared body of `validate` and `validateWith`. Conditions and the schema run first: both are bounded
 * by the schema, so hostile data cannot make them recurse or loop. Valid data for a closed schema is plain
 * JSON by construction; everything else also passes the input guard, whose findings come before the schema's.
 */
export function runValidation(program: Program, validators: FormValidators, formId: string, data: unknown, options: ValidateOptions = {}): ValidationResult {
  const layout = layoutOf(program, formId);
  const locale = options.locale ?? program.locales[0] ?? 'en';
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const source = messageSourceFor(program, formId, program.definition.texts, program.locales, locale);
    return { valid: false, data: undefined, errors: [{ pointer: '', code: 'notObject', message: messageFor(source, '', 'notObject', {}), params: {} }] };
  }
  const { visible, hidden } = applyConditions(layout, data, validators.conditions(formId));
  const validator = validators.validator(formId);
  const ok = validator(visible);
  if (ok && !options.limits && isClosed(program, formId, layout)) return { valid: true, data: visible, errors: [] };
  const source = messageSourceFor(program, formId, program.definition.texts, program.locales, locale);
  const inputErrors = checkInput(data, source, options.limits);
  if (inputErrors.length > 0) return { valid: false, data: undefined, errors: inputErrors };
  if (ok) return { valid: true, data: visible, errors: [] };
  const errors = mapErrors(validator.errors, source, hidden);
  return { valid: errors.length === 0, data: visible, errors };
}
