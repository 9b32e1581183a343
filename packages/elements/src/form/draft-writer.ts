import { withoutPersonalData } from '@civicflow/core/runtime';
import { DraftController, type Draft } from '../internal/draft-controller.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';

/** What writes `<cf-form>`'s drafts (see `FormDrafts.__save`). */
export interface DraftWriter {
  /** Saves soon, or at once with `now`. */
  __save(now: boolean): void;
  /** Drops a save still to come. */
  __cancel(): void;
}

/**
 * Writes the drafts of a `<cf-form>`: its answers as they are when the save happens (without personal fields if
 * asked), with the place and the key of its send. It comes with the rest of what does drafts, in `cf-form.drafts.js`.
 */
export function createDraftWriter(context: FormContext, drafts: FormDrafts, storageKey: () => string | undefined): DraftWriter {
  const host = context.__host;
  const store = new DraftController(host, storageKey);
  const make = (): Draft | undefined => {
    const s = context.__session;
    if (!s || context.__phase !== 'form' || drafts.__stopped) return undefined;
    const program = s.compiled.program;
    const data = host.draftsOmitPersonal ? withoutPersonalData(program, s.formId, s.data) : s.data;
    const place = 'review' in s.place ? 'review' : s.page(s.place.page).id;
    return {
      v: 1,
      program: program.ref,
      form: s.formId,
      data,
      place,
      savedAt: new Date().toISOString(),
      idempotency: context.__idempotency,
      ...(drafts.__previous ? { previous: drafts.__previous } : {}),
    };
  };
  return {
    __save(now) {
      store.schedule(make);
      if (now) store.flush();
    },
    __cancel: () => store.cancel(),
  };
}
