import type { DeepReadonly, Program, ProgramDefinition } from '../model/program.js';
import type { CompiledValidator, FormPlan, FormValidators, InputGuard } from './run-validation.js';
import type { CombinedCheck, ConditionCheck } from './visibility.js';
import type { FormVisibility } from './form-state.js';
import { computeVisibility } from './form-state.js';
import { deepFreeze, toProgram } from './to-program.js';
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
  /**
   * For a module whose definitions leave out what applicants are told in each state: per locale, the URL of a JSON
   * document with those texts (`NotesDocument`), fetched when the confirmation may need them.
   */
  notesUrls?: Readonly<Record<string, string>>;
  /**
   * For a module whose definitions hold only the words a page shows before the person works on the form (the first
   * pages' fields, the titles): per locale, the URL of a JSON document with the rest (`TextsDocument`), fetched when
   * the person first works on the form and before any other page shows.
   */
  textsUrls?: Readonly<Record<string, string>>;
  /**
   * For a module whose forms' validators are a module of their own (`ChecksModule`): its URL. `validators` is then
   * empty, and validation needs that module, handed over with `useChecks`; showing the form (its conditions) does not.
   */
  checksUrl?: string;
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
   * For a module with `textsUrls`: the rest of the words of `definition`'s locale, fetched from there. Without it the
   * program has only the first pages' words, and says so with `textsUrls`.
   */
  texts?: TextsDocument;
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
  /** The module's `notesUrls`, for a definition that leaves out what applicants are told in each state. */
  readonly notesUrls?: Readonly<Record<string, string>>;
  /**
   * The module's `textsUrls`, while the program has only the words a page shows before the person works on the form
   * (see `hasAllTexts`); absent once the rest was handed over (`FromModuleOptions.texts`).
   */
  readonly textsUrls?: Readonly<Record<string, string>>;
  /** The module's `checksUrl`, for validators in a module of their own (see `useChecks`). */
  readonly checksUrl?: string;
}

/** The forms' validators of a module built with `checksUrl` (`<name>.checks.js` beside it). */
export interface ChecksModule {
  readonly hash: string;
  readonly validators: Record<string, CompiledValidator>;
  /** Per form, the input guard's quick checks (as in `ValidatorsModule`), which go with the validators. */
  readonly quickChecks?: ValidatorsModule['quickChecks'];
  /** Hands it the fetched definition, whose form schemas its code reads. */
  readonly useDefinition?: (definition: unknown) => void;
}

/** Per module: the definition handed to it last and, for a module with its validators apart, those once given. */
const moduleState = new WeakMap<ValidatorsModule, { definition?: unknown; checks?: ChecksModule }>();
const moduleOf = new WeakMap<CompiledProgram, ValidatorsModule>();

function stateOf(mod: ValidatorsModule): { definition?: unknown; checks?: ChecksModule } {
  let state = moduleState.get(mod);
  if (!state) moduleState.set(mod, (state = {}));
  return state;
}

/**
 * Whether a program can validate: always, unless its module keeps its validators apart (`checksUrl`) and they have
 * not been handed over with `useChecks` yet.
 */
export function hasChecks(compiled: CompiledProgram): boolean {
  const mod = moduleOf.get(compiled);
  return compiled.checksUrl === undefined || (mod !== undefined && stateOf(mod).checks !== undefined);
}

/**
 * Hands a program the module of its forms' validators (imported from its `checksUrl`), for it and every program
 * wrapped from the same module (another language). Refuses validators of another version.
 */
export function useChecks(compiled: CompiledProgram, checks: ChecksModule): void {
  const mod = moduleOf.get(compiled);
  if (!mod) return;
  if (checks.hash !== mod.hash) throw new DefinitionMismatchError(mod.hash, checks.hash);
  const state = stateOf(mod);
  state.checks = checks;
  if (state.definition !== undefined) checks.useDefinition?.(state.definition);
}

/** The JSON document a module names in `notesUrls`: what applicants are told in each state, in one locale. */
export interface NotesDocument {
  readonly hash: string;
  /** Text keys (`workflow.states.<state>.applicant.<part>`) and their texts. */
  readonly texts: Readonly<Record<string, string>>;
}

/** The JSON document a module names in `textsUrls`: the words of one locale that its definition leaves out. */
export interface TextsDocument {
  readonly hash: string;
  readonly locale: string;
  /** Text keys and their texts (with those of the locales it falls back to, as in the definition). */
  readonly texts: Readonly<Record<string, string>>;
}

/** Whether a program has all its words: always, unless its module keeps some apart (`textsUrls`) and they are not in. */
export function hasAllTexts(compiled: CompiledProgram): boolean {
  return compiled.textsUrls === undefined;
}

/** The JSON document a module built with its definitions beside it names in `definitionUrls`. */
export interface DefinitionDocument {
  readonly hash: string;
  readonly definition: unknown;
  /** Set when it holds only the words of the forms' first pages, the rest being in the module's `textsUrls`. */
  readonly textsApart?: true;
}

/**
 * Wraps a precompiled validators module (trusted: it was checked when it was built). A module built with its
 * definitions beside it needs one of them, fetched from `definitionUrls` (see `definitionLocale`).
 */
export function fromValidatorsModule(mod: ValidatorsModule, options: FromModuleOptions = {}): CompiledProgram {
  const beside = options.definition;
  if (beside && beside.hash !== mod.hash) throw new DefinitionMismatchError(mod.hash, beside.hash);
  const texts = options.texts;
  if (texts && texts.hash !== mod.hash) throw new DefinitionMismatchError(mod.hash, texts.hash);
  const definition = beside ? withTexts(beside.definition, texts) : mod.definition;
  if (definition === undefined) throw new DefinitionMissingError();
  const frozen = deepFreeze(definition) as DeepReadonly<ProgramDefinition>;
  const state = stateOf(mod);
  if (beside) {
    mod.useDefinition?.(frozen);
    state.definition = frozen;
    state.checks?.useDefinition?.(frozen);
  }
  const program = toProgram(frozen, mod.hash);
  const plans: Record<string, ModulePlan> = {};
  for (const [formId, p] of Object.entries(mod.plans)) {
    if (!p.derived) plans[formId] = p;
    else {
      const derive = mod.derivers?.[formId];
      if (typeof derive !== 'function') throw new DeriverMissingError(formId);
      plans[formId] = { ...p, derive };
    }
  }
  // The quick checks come with the validators: from the module itself, or from its checks once handed over. The
  // plans with them are made once per source, not per validation.
  let quickFrom: ValidatorsModule['quickChecks'];
  let planned = plans;
  const plan = (formId: string): ModulePlan => {
    const quick = state.checks ? state.checks.quickChecks : mod.quickChecks;
    if (quick !== quickFrom) {
      quickFrom = quick;
      planned = quick ? withQuickChecks(plans, quick) : plans;
    }
    return planned[formId] ?? { closed: false };
  };
  const validators: FormValidators = {
    // A module with its validators apart has them once `useChecks` handed them over (validation waits for that).
    validator: (formId) => (state.checks ?? mod).validators[formId]!,
    conditions: (formId) => {
      const check = mod.combinedConditions[formId];
      const indices = plan(formId).combined;
      return { each: mod.conditions[formId] ?? [], combined: check && indices ? { check, indices } : undefined };
    },
    plan,
    // Without one, validation looks only for what the widget's own data can trip (`ownDataProblems`): the guard's
    // length limit and unstorable text; the rest stays out of the browser's bundle.
    inputGuard: options.inputGuard,
  };
  const compiled: CompiledProgram = Object.freeze({
    program,
    validators,
    ...(mod.notesUrls ? { notesUrls: mod.notesUrls } : {}),
    ...(beside?.textsApart && mod.textsUrls && !texts ? { textsUrls: mod.textsUrls } : {}),
    ...(mod.checksUrl ? { checksUrl: mod.checksUrl } : {}),
  });
  moduleOf.set(compiled, mod);
  return compiled;
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

/** Which pages and fields are shown for the data, with precompiled validators. */
export function visibilityWith(compiled: CompiledProgram, formId: string, data: unknown): FormVisibility {
  return computeVisibility(compiled.program, compiled.validators, formId, data);
}

/** A fetched definition with the rest of its locale's words put in beside the first ones. */
function withTexts(definition: unknown, rest: TextsDocument | undefined): unknown {
  if (!rest) return definition;
  const def = definition as { texts?: Record<string, Record<string, string>> };
  return { ...def, texts: { ...def.texts, [rest.locale]: { ...def.texts?.[rest.locale], ...rest.texts } } };
}

/** The plans with each form's quick checks of the input guard. */
function withQuickChecks(plans: Record<string, ModulePlan>, quick: NonNullable<ValidatorsModule['quickChecks']>): Record<string, ModulePlan> {
  const out: Record<string, ModulePlan> = {};
  for (const [formId, p] of Object.entries(plans)) {
    const q = quick[formId];
    out[formId] = q ? { ...p, storable: q.storable, storableDespiteErrors: q.storableDespiteErrors } : p;
  }
  return out;
}
