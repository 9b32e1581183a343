import type { Program } from '../model/program.js';
import type { RawError, ValidationResult } from './validation-error.js';
import type { FormLayout } from './layout.js';
import type { ConditionChecks } from './visibility.js';
import type { InputLimits } from './check-input.js';
import type { ValidationError } from './validation-error.js';
import { layoutOf } from './layout.js';

export { layoutOf };
import { createMessageSource, errorsNameDistinctPlaces, mapErrorsWithin, maxErrors, messageFor, type MessageSource } from './map-errors.js';
import { hasValueAtTokens, stripPointers, visibleData } from './visibility.js';
import { createHiddenCheck } from './hidden-check.js';
import { guardOf, type GuardPlan } from './guard-plan.js';
import { DeriverMissingError } from './errors.js';
import { escapePointerToken } from './pointer.js';
import { defaultLimits, ownDataProblems, unstorableText } from './check-input.js';
import type { DerivedField } from './derive.js';
import type { CompiledProgram } from './from-validators-module.js';

/** A compiled validator in Ajv's calling convention (compiled at run time or precompiled to a module). */
export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: readonly RawError[] | null;
}

/** What was worked out about a form when its validator was made (at run time, or when a module was built). */
export interface FormPlan {
  /** Whether the form schema is closed (see `isClosedSchema`): then data it accepts needs no input guard. */
  readonly closed: boolean;
  /** Where the guards are, when the form's conditions are folded into its validator (see `guardPlan`). */
  readonly guards?: GuardPlan | undefined;
  /**
   * A quick look at data the schema accepted: whether the input guard would find nothing in it, looking only where the
   * schema leaves room for that (see `guardPlaces`): for a closed schema its free text, for any other also its strings
   * without a bound and its open places. Without it, a closed schema's data gets every string looked at, any other's the
   * input guard (fine for one person's data).
   */
  readonly storable?: ((data: unknown) => boolean) | undefined;
  /**
   * The same look at data the schema refused, given all of Ajv's errors for it: whether the input guard would find
   * nothing, looking at `storable`'s places and below each error's place (see `guardFreeDespiteErrors`). Only for a
   * schema whose data holds a bounded number of values; without it, refused data of a schema that is not closed gets
   * the input guard.
   */
  readonly storableDespiteErrors?: ((data: unknown, errors: readonly RawError[]) => boolean) | undefined;
  /** The form's derived fields (`x-derived`), in the order they are worked out: each after those it uses. */
  readonly derived?: readonly DerivedField[] | undefined;
  /**
   * Works out `derived` as `deriveValues` does: code generated from their expressions, at run time where code may be
   * generated (`compileDeriver`), or when a module was built (its `derivers`). There whenever `derived` is.
   */
  readonly derive?: ((data: Record<string, unknown>, present: boolean) => Record<string, unknown>) | undefined;
}

/** Checks data from outside before any schema runs (`checkInput`). */
export type InputGuard = (data: unknown, source: MessageSource, limits?: InputLimits) => ValidationError[];

/** How to get the compiled validator and conditions of a form; Ajv at run time or a precompiled module. */
export interface FormValidators {
  validator(formId: string): CompiledValidator;
  /** The form's conditions: one check each (by index in the layout), and the combined check if any. */
  conditions(formId: string): ConditionChecks;
  plan(formId: string): FormPlan;
  /**
   * Checks the data before the schema's errors count (for a schema that is not closed): `checkInput` for data
   * from outside (a server's); without one, `ownDataProblems`, all of the guard the widget's own data can trip.
   */
  readonly inputGuard?: InputGuard | undefined;
}

export interface ValidateOptions {
  /** Locale of the messages; defaults to the program's first locale. */
  locale?: string;
  /** Limits on the data, checked before any schema runs. */
  limits?: InputLimits;
}


/** Everything one form's validation needs, gathered once per (validators, form) so a call looks up one thing. */
interface PreparedForm {
  readonly layout: FormLayout;
  readonly closed: boolean;
  readonly validator: CompiledValidator;
  readonly conditions: ConditionChecks;
  /** Message sources by locale. */
  readonly sources: Map<string, MessageSource>;
  /** When the form's conditions are folded into its validator (see `guardPlan`), where the guards are. */
  readonly guards: GuardPlan | undefined;
  readonly storable: FormPlan['storable'];
  readonly storableDespiteErrors: FormPlan['storableDespiteErrors'];
  readonly derived: FormPlan['derived'];
  readonly derive: (data: Record<string, unknown>, present: boolean) => Record<string, unknown>;
  readonly inputGuard: InputGuard | undefined;
  /** Whether Ajv's errors for the form name each place once per schema location and code (`errorsNameDistinctPlaces`). */
  readonly distinct: boolean;
}

const prepared = new WeakMap<FormValidators, Map<string, PreparedForm>>();
/** The form prepared last: a server validating one form after another finds it without two lookups. */
let last: { validators: FormValidators; formId: string; form: PreparedForm } | undefined;

function prepare(program: Program, validators: FormValidators, formId: string): PreparedForm {
  if (last !== undefined && last.validators === validators && last.formId === formId) return last.form;
  let forms = prepared.get(validators);
  if (!forms) prepared.set(validators, (forms = new Map()));
  let form = forms.get(formId);
  if (!form) {
    const plan = validators.plan(formId);
    const layout = layoutOf(program, formId);
    form = {
      layout,
      closed: plan.closed,
      validator: validators.validator(formId),
      conditions: validators.conditions(formId),
      sources: new Map(),
      guards: plan.guards,
      storable: plan.storable,
      storableDespiteErrors: plan.storableDespiteErrors,
      derived: plan.derived,
      derive: plan.derive ?? noDerive(plan, formId),
      inputGuard: validators.inputGuard ?? ownDataProblems,
      distinct: errorsNameDistinctPlaces(program.definition.forms[formId]?.schema),
    };
    forms.set(formId, form);
  }
  last = { validators, formId, form };
  return form;
}

/** For a form without derived values, the data as it is; a form with them and no code for them is refused. */
function noDerive(plan: FormPlan, formId: string): PreparedForm['derive'] {
  if (plan.derived) throw new DeriverMissingError(formId);
  return (data) => data;
}

/**
 * The shared body of `validate` and `validateWith`. Conditions and the schema run first: both are bounded
 * by the schema, so hostile data cannot make them recurse or loop. For a closed schema (see
 * `isClosedSchema`) only text a database cannot store is looked for besides; otherwise the input guard (where
 * there is one) walks the data too. Those findings come before the schema's.
 */
export function runValidation(program: Program, validators: FormValidators, formId: string, data: unknown, options?: ValidateOptions): ValidationResult {
  const form = prepare(program, validators, formId);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return refused(sourceFor(program, form, formId, options), 'notObject', {});
  let verdict: SchemaVerdict;
  try {
    verdict = runSchema(form, data);
  } catch (thrown) {
    // Ajv's generated code calls methods on the data (its `uniqueItems` equality calls `valueOf` and `toString`),
    // which keys the guard refuses can shadow. The guard then says what is wrong. A schema that recurses into the
    // data overflows the stack on data deep enough, which is `tooDeep` (loops that need no data never load: see
    // `checkReferences`); anything else is a real fault.
    const source = sourceFor(program, form, formId, options);
    const guarded = form.inputGuard?.(data, source, options?.limits) ?? [];
    if (guarded.length > 0) return { valid: false, data: undefined, errors: guarded };
    if (!(thrown instanceof RangeError)) throw thrown;
    return refused(source, 'tooDeep', { limit: options?.limits?.maxDepth ?? defaultLimits.maxDepth });
  }
  const { visible, ok, raw, all } = verdict;
  const ownLimits = options?.limits !== undefined;
  const closed = form.closed && !ownLimits;
  // Where the schema holds the data, Ajv's errors already name whatever is wrong with hostile data (an unknown key, a
  // value of the wrong type, a string too long) at its place, and Ajv never went deeper than the schema: all but text a
  // database cannot store, which only its free text can hold, and what its open places hold (see `guardPlaces`). For a
  // schema that is not closed, that holds only where the data is what Ajv saw (no hidden or derived value replaced).
  // Data the schema refused is as quick where Ajv's errors say where it did not hold the data (see
  // `storableDespiteErrors`): below those places only.
  const quick =
    !ownLimits &&
    (closed || visible === data) &&
    (ok || closed ? form.storable?.(visible) === true : form.storableDespiteErrors?.(visible, all ?? []) === true);
  if (ok && quick) return { valid: true, data: visible, errors: [] };
  const source = sourceFor(program, form, formId, options);
  const inputErrors = quick ? [] : !closed ? (form.inputGuard ?? unstorableText)(data, source, options?.limits) : unstorableText(visible, source);
  if (inputErrors.length > 0) return { valid: false, data: undefined, errors: inputErrors };
  if (ok) return { valid: true, data: visible, errors: [] };
  const mapped = mapErrorsWithin(raw, source, createHiddenCheck(form.layout, visible, form.conditions), maxErrors, form.distinct);
  const errors = form.derived ? toEditedFields(mapped.errors, form.derived) : mapped.errors;
  const more = mapped.more;
  return more > 0 ? { valid: false, data: visible, errors, moreErrors: more } : { valid: errors.length === 0, data: visible, errors };
}

/**
 * Errors of derived values moved to the field a person edits to change them (see `DerivedField.edit`), in words
 * found for the derived value (`forms.<form>.fields.<derived>.errors.<code>`).
 */
function toEditedFields(errors: ValidationError[], derived: readonly DerivedField[]): ValidationError[] {
  let out: ValidationError[] | undefined;
  for (const d of derived) {
    if (d.edit === undefined) continue;
    const at = '/' + d.path.map(escapePointerToken).join('/');
    errors.forEach((e, i) => {
      if (e.pointer === at) (out ??= errors.slice())[i] = { ...e, pointer: d.edit! };
    });
  }
  return out ?? errors;
}

/** The answer for data refused as a whole, with one error at the root. */
function refused(source: MessageSource, code: string, params: Record<string, unknown>): ValidationResult {
  return { valid: false, data: undefined, errors: [{ pointer: '', code, message: messageFor(source, '', code, params), params }] };
}

/** The data without what its conditions hide, whether the schema holds, and Ajv's errors if not. */
interface SchemaVerdict {
  readonly visible: unknown;
  readonly ok: boolean;
  readonly raw: readonly RawError[] | null | undefined;
  /** Ajv's errors before those of the guards were left out. */
  readonly all: readonly RawError[] | null | undefined;
}

/**
 * The schema's verdict on the data: derived values first (worked out anew whatever the data says), then the
 * conditions (the visible data, whose derived values are worked out again when hidden values went), then the
 * form's validator.
 */
function runSchema(form: PreparedForm, data: object): SchemaVerdict {
  const derived = form.derived;
  const start = derived ? form.derive(data as Record<string, unknown>, false) : data;
  let visible: unknown = start;
  let ok: boolean;
  let raw: readonly RawError[] | null | undefined;
  let all: readonly RawError[] | null | undefined;
  if (form.guards) {
    // One call validates and finds hidden fields that hold a value; those are removed and the rest
    // checked again, until no guard fails (conditions see the data without what others hide).
    const plan = form.guards;
    ok = form.validator(visible);
    raw = form.validator.errors;
    // Each time, one look at the errors finds the failed guards (thousands of errors cost more to read than to count).
    let failed = ok ? undefined : failedGuards(plan, raw);
    for (let round = 0; failed !== undefined && round < 8; round++) {
      const strip = hiddenValues(plan, failed, visible);
      if (strip.length === 0) break;
      visible = stripPointers(visible, strip);
      if (derived) visible = form.derive(visible as Record<string, unknown>, true);
      ok = form.validator(visible);
      raw = form.validator.errors;
      failed = ok ? undefined : failedGuards(plan, raw);
    }
    all = raw;
    if (failed !== undefined && raw) raw = raw.filter((e) => guardOf(e.schemaPath, plan) === -1);
  } else {
    visible = visibleData(form.layout, start, form.conditions);
    if (derived && visible !== start) visible = form.derive(visible as Record<string, unknown>, true);
    ok = form.validator(visible);
    raw = all = form.validator.errors;
  }
  return { visible, ok, raw, all };
}

function sourceFor(program: Program, form: PreparedForm, formId: string, options: ValidateOptions | undefined): MessageSource {
  const locale = options?.locale ?? program.locales[0] ?? 'en';
  let source = form.sources.get(locale);
  if (!source) {
    if (form.sources.size > 64) form.sources.clear(); // locales come from requests: keep this small whatever they send
    form.sources.set(locale, (source = createMessageSource(formId, program.definition.texts, program.locales, locale)));
  }
  return source;
}

/** The guards that failed (by index in the plan, in the order of their first error), or undefined for none. */
function failedGuards(plan: GuardPlan, raw: readonly RawError[] | null | undefined): number[] | undefined {
  let out: number[] | undefined;
  if (!raw) return undefined;
  for (let i = 0; i < raw.length; i++) {
    const g = guardOf(raw[i]!.schemaPath, plan);
    if (g !== -1 && !out?.includes(g)) (out ??= []).push(g);
  }
  return out;
}

/** The pointers of hidden fields holding a value, from the guards that failed. */
function hiddenValues(plan: GuardPlan, failed: readonly number[], data: unknown): readonly string[] {
  let out: string[] | undefined;
  for (const g of failed) {
    for (const tokens of plan.targets[g]!) {
      if (hasValueAtTokens(data, tokens)) (out ??= []).push('/' + tokens.map(escapePointerToken).join('/'));
    }
  }
  return out ?? NO_POINTERS;
}

const NO_POINTERS: readonly string[] = [];

/**
 * `validate`, with precompiled validators: the same result, without compiling a schema — for data from
 * outside only when the program was wrapped with the input guard (see `FromModuleOptions`).
 */
export function validateWith(compiled: CompiledProgram, formId: string, data: unknown, options?: ValidateOptions): ValidationResult {
  return runValidation(compiled.program, compiled.validators, formId, data, options);
}
