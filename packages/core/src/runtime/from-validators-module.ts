import type { DeepReadonly, Program, ProgramDefinition } from '../model/program.js';
import type { ValidationResult } from './validation-error.js';
import type { CompiledValidator, FormPlan, FormValidators, InputGuard, ValidateOptions } from './run-validation.js';
import type { CombinedCheck, ConditionCheck } from './visibility.js';
import type { FormVisibility } from './form-state.js';
import { runValidation } from './run-validation.js';
import { computeVisibility } from './form-state.js';
import { deepFreeze, toProgram } from './to-program.js';
import { ownDataProblems } from './check-input.js';
import { DefinitionMismatchError, DefinitionMissingError, DeriverMissingError } from './errors.js';
import { matchLocale } from './locale.js';

/** What a module built by `civicflow build` exports. */
export interface ValidatorsModule {
  /** The definition; absent from a module built with its definitions beside it (see `definitionUrls`). */
  definition?: unknown;
  hash: string;
  /** For a module built with its definitions beside it: the locales they exist in, the default first. */
  locales?: readonly string[];
  /** For a module built with its definitions beside it: per locale, the URL of the JSON document. */
  definitionUrls?: Readonly<Record<string, string>>;
  /** For a module built with its definitions beside it: hands it the fetched definition, whose schemas its code reads. */
  useDefinition?: (definition: unknown) => void;
  validators: Record<string, CompiledValidator>;
  /** Per form, the compiled conditions by index. */
  conditions: Record<string, ConditionCheck[]>;
  /** Per form, one validator for the combinable conditions, if it has two or more. */
  combinedConditions: Record<string, CombinedCheck>;
  /** Per form, what was worked out when the module was built: see `ModulePlan`. */
  plans: Record<string, ModulePlan>;
  /**
   * Per form with derived values (`x-derived`), the code that works them out (see `FormPlan.derive`), written when
   * the module was built: a form without them carries none of it, and a browser runs it under a strict CSP.
   */
  derivers?: Record<string, NonNullable<FormPlan['derive']>>;
  /**
   * Per form, the input guard's quick checks (see `FormPlan.storable` and `storableDespiteErrors`), written when the
   * module was built: validation then skips the guard's walk where the schema already holds the data.
   */
  quickChecks?: Record<string, Pick<FormPlan, 'storable' | 'storableDespiteErrors'>>;
}

/** A form's plan in a module: `FormPlan`, and which conditions its combined check covers, in order. */
export interface ModulePlan extends FormPlan {
  readonly combined?: readonly number[];
}

export interface FromModuleOptions {
  /** For a module built with its definitions beside it: the one fetched from its `definitionUrls`. */
  definition?: DefinitionDocument;
  /**
   * The input guard (`checkInput` from `@civicflow/core`), for data from outside: a server validating with a
   * precompiled module passes it. By default only its length limit and text a database cannot store are checked
   * (`ownDataProblems`), all that the widget's own data can trip, so the rest of the guard stays out of the browser's bundle.
   */
  inputGuard?: InputGuard;
}

/** A program together with its precompiled validators, ready to validate without compiling anything. */
export interface CompiledProgram {
  readonly program: Program;
  readonly validators: FormValidators;
}

/** The JSON document a module built with its definitions beside it names in `definitionUrls`. */
export interface DefinitionDocument {
  readonly hash: string;
  readonly definition: unknown;
}

/**
 * Wraps a precompiled validators module (trusted: it was checked when it was built). A module built with its
 * definitions beside it needs one of them, fetched from `definitionUrls` (see `definitionLocale`).
 */
export function fromValidatorsModule(mod: ValidatorsModule, options: FromModuleOptions = {}): CompiledProgram {
  const beside = options.definition;
  if (beside && beside.hash !== mod.hash) throw new DefinitionMismatchError(mod.hash, beside.hash);
  const definition = beside ? beside.definition : mod.definition;
  if (definition === undefined) throw new DefinitionMissingError();
  const frozen = deepFreeze(definition) as DeepReadonly<ProgramDefinition>;
  if (beside) mod.useDefinition?.(frozen);
  const program = toProgram(frozen, mod.hash);
  const plans: Record<string, ModulePlan> = {};
  for (const [formId, p] of Object.entries(mod.plans)) {
    const quick = mod.quickChecks?.[formId];
    const checked: ModulePlan = quick ? { ...p, storable: quick.storable, storableDespiteErrors: quick.storableDespiteErrors } : p;
    if (!p.derived) plans[formId] = checked;
    else {
      const derive = mod.derivers?.[formId];
      if (typeof derive !== 'function') throw new DeriverMissingError(formId);
      plans[formId] = { ...checked, derive };
    }
  }
  const plan = (formId: string): ModulePlan => plans[formId] ?? { closed: false };
  const validators: FormValidators = {
    validator: (formId) => mod.validators[formId]!,
    conditions: (formId) => {
      const check = mod.combinedConditions[formId];
      const indices = plan(formId).combined;
      return { each: mod.conditions[formId] ?? [], combined: check && indices ? { check, indices } : undefined };
    },
    plan,
    // The widget's own data can only trip the guard's length limit and unstorable text; the rest stays out of its bundle.
    inputGuard: options.inputGuard ?? ownDataProblems,
  };
  return Object.freeze({ program, validators });
}

/**
 * Which of a module's definitions to fetch for a locale: the best match (see `matchLocale`), else the module's
 * default. Undefined for a module that carries its definition.
 */
export function definitionLocale(mod: ValidatorsModule, locale: string): string | undefined {
  const urls = mod.definitionUrls;
  if (!urls) return undefined;
  const has = (l: string) => Object.prototype.hasOwnProperty.call(urls, l);
  return matchLocale(locale, Object.keys(urls)) ?? mod.locales?.find(has) ?? Object.keys(urls)[0];
}

/**
 * `validate`, with precompiled validators: the same result, without compiling a schema — for data from
 * outside only when the program was wrapped with the input guard (see `FromModuleOptions`).
 */
export function validateWith(compiled: CompiledProgram, formId: string, data: unknown, options?: ValidateOptions): ValidationResult {
  return runValidation(compiled.program, compiled.validators, formId, data, options);
}

/** Which pages and fields are shown for the data, with precompiled validators. */
export function visibilityWith(compiled: CompiledProgram, formId: string, data: unknown): FormVisibility {
  return computeVisibility(compiled.program, compiled.validators, formId, data);
}
