// The browser-safe part of core: validation with precompiled validators, no schema compilation, no Ajv.
import type { DeepReadonly, Program, ProgramDefinition } from './model/program.js';
import type { ValidationResult } from './validation-error.js';
import type { CompiledValidator, FormValidators, ValidateOptions } from './run-validation.js';
import type { CombinedCheck, ConditionCheck } from './visibility.js';
import type { FormVisibility } from './form-state.js';
import { runValidation } from './run-validation.js';
import { computeVisibility } from './form-state.js';
import { deepFreeze, toProgram } from './to-program.js';

/** What a module built by `civicflow build` exports. */
export interface ValidatorsModule {
  definition: unknown;
  hash: string;
  validators: Record<string, CompiledValidator>;
  /** Per form, the compiled conditions by index. */
  conditions: Record<string, ConditionCheck[]>;
  /** Per form, one validator for the combinable conditions (modules built before it existed lack it). */
  combinedConditions?: Record<string, CombinedCheck>;
}

/** A program together with its precompiled validators, ready to validate without compiling anything. */
export interface CompiledProgram {
  readonly program: Program;
  readonly validators: FormValidators;
}

/** Wraps a precompiled validators module (trusted: it was checked when it was built). */
export function fromValidatorsModule(mod: ValidatorsModule): CompiledProgram {
  const program = toProgram(deepFreeze(mod.definition) as DeepReadonly<ProgramDefinition>, mod.hash);
  const validators: FormValidators = {
    validator: (formId) => mod.validators[formId]!,
    conditions: (formId) => ({ each: mod.conditions[formId] ?? [], combined: mod.combinedConditions?.[formId] }),
  };
  return Object.freeze({ program, validators });
}

/** `validate`, with precompiled validators: the same result, without compiling a schema. */
export function validateWith(compiled: CompiledProgram, formId: string, data: unknown, options?: ValidateOptions): ValidationResult {
  return runValidation(compiled.program, compiled.validators, formId, data, options);
}

/** Which pages and fields are shown for the data, with precompiled validators. */
export function visibilityWith(compiled: CompiledProgram, formId: string, data: unknown): FormVisibility {
  return computeVisibility(compiled.program, compiled.validators, formId, data);
}

export type { ValidationError, ValidationResult, RawError } from './validation-error.js';
export type { ValidateOptions, CompiledValidator, FormValidators } from './run-validation.js';
export type { FormVisibility } from './form-state.js';
export type { InputLimits } from './check-input.js';
export type { Program, ProgramDefinition, DeepReadonly } from './model/program.js';
export { mapErrors, createMessageSource, messageFor } from './map-errors.js';
export { formLayout } from './layout.js';
export type { FormLayout, LaidOutPage, LaidOutField, ConditionSite } from './layout.js';
export type { FieldInfo, FieldKind } from './form-fields.js';
export { textKeys } from './text-keys.js';
export { builtInLocales, builtInMessages } from './messages/index.js';
export { UnknownFormError } from './errors.js';
export { redact, personalFields, addDuration } from './redact.js';
export type { PersonalField, RedactOptions } from './redact.js';
export { chooseControl, choicesOf, controlTesters, rankWith } from './controls/choose-control.js';
export type { ControlKind, ControlTester } from './controls/choose-control.js';
export { listFormFields } from './form-fields.js';
