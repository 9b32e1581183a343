import {
  hasAllTexts,
  hasChecks,
  useChecks,
  type checkedSession,
  type ChecksModule,
  type CompiledProgram,
  type FormSession,
  type FormSessionBase,
  type SessionValidation,
} from '@civicflow/core/runtime';
import type { CSSResult } from '../internal/lit.js';
import { takeStyles, type FormContext } from './form-context.js';
import { allWordsReady } from '../internal/locale-words.js';
import { once } from '../internal/once.js';
import type { summaryItems, validityMessage } from './form-validation.js';
import type { createFormNavigation } from './form-navigation.js';
import type { createProblemAnnouncer } from './problem-announcer.js';

/** What the file of the validation code gives. */
export interface ValidationModule {
  readonly validateWith: SessionValidation;
  /** Turns a session opened before this file came into a full `FormSession`, which moves, sends and lists problems. */
  readonly checkedSession: typeof checkedSession;
  /** The error summary's lines (the summary itself comes with this file). */
  readonly summaryItems?: typeof summaryItems;
  /** The styles of what only shows once answers are checked (the error summary, which the file defines). */
  readonly styles?: readonly CSSResult[];
  /** The code that moves through the form (see `createLazyNavigation`), which only moves once answers can be checked. */
  readonly createFormNavigation?: typeof createFormNavigation;
  /** What says a field's problem when the person leaves it (see `FormEditing.__onFocusOut`). */
  readonly createProblemAnnouncer?: typeof createProblemAnnouncer;
  /** What a host form is told of the answers (see `<cf-form>`'s validity). */
  readonly validityMessage?: typeof validityMessage;
}

/**
 * Checking `<cf-form>`'s answers, loaded when needed: a page shows its first control without the code that checks
 * answers and words their problems, which the embed build puts into a file of its own beside the bundle,
 * `cf-form.validation.js`, nor the program's validators when its module keeps them apart (`checksUrl`, the
 * `<name>.checks.js` that `civicflow build --browser` writes). The element fetches both when the person first moves
 * into the form or types, or when a host hands it answers or sits it in a host form. Until they are there the
 * session takes answers but moves nowhere (`FormSession.validated`); "Continue" and "Send" wait for them, and when
 * they arrive every answer given so far is checked, so nothing typed meanwhile goes unchecked. For a definition that
 * holds only the words of the first pages, the rest of the words come at the same moment, as does the widget's own
 * second file of words (problems, the review, sending); the session is handed the code only once they are there: no
 * problem is shown, and no page moved to, without its words.
 */
export interface LazyValidation {
  /** The code, once it is there. */
  readonly __validate: SessionValidation | undefined;
  /** The file, once it is there: what else comes with the code (the navigation, what says a field's problem). */
  readonly __module: ValidationModule | undefined;
  /** What builds the error summary's lines, once the code is there (before, there is no summary to show them). */
  readonly __summaryItems: typeof summaryItems | undefined;
  /** Whether the last fetch failed (the form says that the answers could not be checked, until a fetch succeeds). */
  readonly __failed: boolean;
  /**
   * The session shown (or `session`) as a full `FormSession`, once the file is here; else undefined. Every session
   * becomes one as the file arrives (and one opened later is one from the start), so code that only runs once the
   * file is here finds one.
   */
  __checked(session?: FormSessionBase): FormSession | undefined;
  /** The code, if it is there and so are the program's validators and all its words in `locale`; else undefined. */
  __readyFor(compiled: CompiledProgram, locale: string): SessionValidation | undefined;
  /**
   * Fetches the code and the validators of the session shown (and of `compiled`, a program about to be shown), once
   * each, and hands the code to the session shown; resolves when they are there. A failure lets the next call try
   * again.
   */
  __load(compiled?: CompiledProgram): Promise<SessionValidation>;
}

const importOwn = (): Promise<ValidationModule> => import('./form-validation.js');

/** The file once one `<cf-form>` of the page has it: another, or one mounted again, starts with it. */
let shared: ValidationModule | undefined;

/** The validators modules fetched or on their way, by URL (a program in another language uses the same). */
const checksLoading = new Map<string, Promise<ChecksModule>>();

/** Imports the validators of a program that keeps them apart, once per URL; a failure lets the next call try again. */
function loadChecks(compiled: CompiledProgram): Promise<void> {
  const url = compiled.checksUrl;
  if (url === undefined || hasChecks(compiled)) return Promise.resolve();
  return once(checksLoading, url, () => import(/* @vite-ignore */ url) as Promise<ChecksModule>).then((checks) => useChecks(compiled, checks));
}

export function createLazyValidation(context: FormContext, importValidation: () => Promise<ValidationModule> = importOwn): LazyValidation {
  let validate: SessionValidation | undefined;
  let module: ValidationModule | undefined;
  let items: typeof summaryItems | undefined;
  let loading: Promise<SessionValidation> | undefined;
  let failed = false;
  const take = (m: ValidationModule): SessionValidation => {
    module = m;
    if (context.__session) m.checkedSession(context.__session);
    validate = m.validateWith;
    items = m.summaryItems;
    if (m.styles) takeStyles(context, m.styles);
    return validate;
  };
  if (importValidation === importOwn && shared) take(shared);
  const handOver = (v: SessionValidation): SessionValidation => {
    const s = context.__session;
    if (s && !s.validated && hasChecks(s.compiled) && hasAllTexts(s.compiled) && allWordsReady(s.locale)) {
      s.useValidation(v);
      context.__host.requestUpdate();
    }
    return v;
  };
  const code = (): Promise<SessionValidation> =>
    validate
      ? Promise.resolve(validate)
      : (loading ??= importValidation().then(
          (m) => {
            if (importValidation === importOwn) shared = m;
            return take(m);
          },
          (cause: unknown) => {
            loading = undefined;
            throw cause;
          },
        ));
  return {
    get __validate() {
      return validate;
    },
    get __module() {
      return module;
    },
    get __summaryItems() {
      return items;
    },
    get __failed() {
      return failed;
    },
    __checked(session = context.__session) {
      return session && module ? module.checkedSession(session) : undefined;
    },
    __readyFor(compiled, locale) {
      return validate && hasChecks(compiled) && hasAllTexts(compiled) && allWordsReady(locale) ? validate : undefined;
    },
    __load(compiled) {
      const programs = [context.__session?.compiled, compiled].filter((c): c is CompiledProgram => c !== undefined);
      return Promise.all([code(), ...programs.map(loadChecks), context.__texts()]).then(
        ([v]) => {
          failed = false;
          return handOver(v);
        },
        (cause: unknown) => {
          failed = true;
          throw cause;
        },
      );
    },
  };
}
