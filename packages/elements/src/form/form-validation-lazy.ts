import type { SessionValidation } from '@civicflow/core/runtime';
import type { FormContext } from './form-context.js';

/** What the file of the validation code gives. */
export interface ValidationModule {
  readonly validateWith: SessionValidation;
}

/**
 * Checking `<cf-form>`'s answers, loaded when needed: a page shows its first control without the code that checks
 * answers and words their problems, which the embed build puts into a file of its own beside the bundle,
 * `cf-form.validation.js`. The element fetches it when the person first moves into the form or types, or when a
 * host hands it answers or sits it in a host form. Until it is there the session takes answers but moves nowhere
 * (`FormSession.validated`); "Continue", "Send" and a resumed draft wait for it, and when it arrives it checks every
 * answer given so far, so nothing typed meanwhile goes unchecked.
 */
export interface LazyValidation {
  /** The code, once it is there. */
  readonly __validate: SessionValidation | undefined;
  /** Whether the last fetch failed (the form says that the answers could not be checked, until a fetch succeeds). */
  readonly __failed: boolean;
  /**
   * Fetches the code, once, and hands it to the session shown; resolves when that session has it. A failure lets the
   * next call try again.
   */
  __load(): Promise<SessionValidation>;
}

const importOwn = (): Promise<ValidationModule> => import('./form-validation.js');

/** The code once one `<cf-form>` of the page has it: another, or one mounted again, starts with it. */
let shared: SessionValidation | undefined;

export function createLazyValidation(context: FormContext, importValidation: () => Promise<ValidationModule> = importOwn): LazyValidation {
  let validate = importValidation === importOwn ? shared : undefined;
  let loading: Promise<SessionValidation> | undefined;
  let failed = false;
  const handOver = (v: SessionValidation): SessionValidation => {
    const s = context.__session;
    if (s && !s.validated) {
      s.useValidation(v);
      context.__host.requestUpdate();
    }
    return v;
  };
  return {
    get __validate() {
      return validate;
    },
    get __failed() {
      return failed;
    },
    __load() {
      // A session started after the code arrived gets it from the loader; one started while it was on its way, here.
      if (validate) return Promise.resolve(handOver(validate));
      return (loading ??= importValidation().then(
        (m) => {
          failed = false;
          validate = m.validateWith;
          if (importValidation === importOwn) shared = validate;
          return handOver(validate);
        },
        (cause: unknown) => {
          loading = undefined;
          failed = true;
          throw cause;
        },
      )).then(handOver);
    },
  };
}
