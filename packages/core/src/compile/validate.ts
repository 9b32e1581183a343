import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { Program } from '../model/program.js';
import type { ValidationResult } from '../runtime/validation-error.js';
import type { CompiledValidator, FormPlan, FormValidators, ValidateOptions } from '../runtime/run-validation.js';
import type { CombinedCheck, ConditionCheck, ConditionChecks } from '../runtime/visibility.js';
import { combinableConditions, combinedConditionSchema } from './combined-conditions.js';
import { guardPlan, validatorSchema } from './guarded-schema.js';
import { guardFreeDespiteErrors, guardPlaces, guardPlacesCheck, heldValues, isClosedSchema } from './closed-schema.js';
import { checkInput, defaultLimits } from '../runtime/check-input.js';
import type { JsonSchema } from '../model/json-schema.js';
import { createAjv } from './create-ajv.js';
import { derivedPlan } from './derived-fields.js';
import { compileDeriver } from './compile-deriver.js';
import { layoutOf, runValidation } from '../runtime/run-validation.js';

interface Compiled {
  ajv: Ajv2020;
  forms: Map<string, CompiledValidator>;
  conditions: Map<string, ConditionChecks>;
}

const compiled = new WeakMap<Program, Compiled>();
const facades = new WeakMap<Program, FormValidators>();
/** The program validated last, whose validators are then found without a lookup. */
let last: { program: Program; facade: FormValidators } | undefined;

/** Ajv-backed validators for a program, compiled on first use and kept while the program lives. */
export function runtimeValidators(program: Program): FormValidators {
  if (last !== undefined && last.program === program) return last.facade;
  const known = facades.get(program);
  if (known) {
    last = { program, facade: known };
    return known;
  }
  let c = compiled.get(program);
  if (!c) {
    c = { ajv: createAjv(), forms: new Map(), conditions: new Map() };
    compiled.set(program, c);
  }
  const state = c;
  const facade: FormValidators = {
    validator(formId) {
      let v = state.forms.get(formId);
      if (!v) {
        const form = program.definition.forms[formId]!;
        v = state.ajv.compile(validatorSchema(layoutOf(program, formId), form) as object) as CompiledValidator;
        state.forms.set(formId, v);
      }
      return v;
    },
    conditions(formId) {
      let checks = state.conditions.get(formId);
      if (!checks) {
        const layout = layoutOf(program, formId);
        const combined = combinedConditionSchema(layout);
        checks = {
          each: layout.conditions.map((site) => state.ajv.compile(site.schema as object) as ConditionCheck),
          combined: combined === undefined ? undefined : { check: state.ajv.compile(combined as object) as CombinedCheck, indices: combinableConditions(layout) },
        };
        state.conditions.set(formId, checks);
      }
      return checks;
    },
    plan(formId) {
      const plan = formPlan(program, formId);
      const schema = program.definition.forms[formId]!.schema as JsonSchema;
      const places = guardPlaces(schema, defaultLimits.maxStringLength);
      const storable = places && guardPlacesCheck(places, defaultLimits.maxStringLength);
      const despite = storable && guardFreeDespiteErrors(storable, heldValues(schema, defaultLimits), defaultLimits);
      return {
        ...plan,
        ...(storable ? { storable } : {}),
        ...(despite ? { storableDespiteErrors: despite } : {}),
        ...(plan.derived ? { derive: compileDeriver(plan.derived) } : {}),
      };
    },
    inputGuard: checkInput,
  };
  facades.set(program, facade);
  last = { program, facade };
  return facade;
}

/** The plan of a form validated with its guards (as Ajv at run time and modules for servers do). */
export function formPlan(program: Program, formId: string, options: { guards?: boolean } = {}): FormPlan {
  const form = program.definition.forms[formId]!;
  const guards = options.guards === false ? undefined : guardPlan(layoutOf(program, formId), form);
  const derived = derivedPlan(form).fields;
  return {
    closed: isClosedSchema(form.schema as JsonSchema, defaultLimits.maxStringLength),
    ...(guards ? { guards } : {}),
    ...(derived.length > 0 ? { derived } : {}),
  };
}

/**
 * Validates data for one form of a program, as the browser widget and the server both do.
 *
 * Fields hidden by the form's conditions are removed from `data` and not validated. Messages come in the
 * requested locale, with the program's own texts first. Never throws for any data; throws
 * `UnknownFormError` for a form id the program lacks.
 */
export function validate(program: Program, formId: string, data: unknown, options?: ValidateOptions): ValidationResult {
  return runValidation(program, runtimeValidators(program), formId, data, options);
}
