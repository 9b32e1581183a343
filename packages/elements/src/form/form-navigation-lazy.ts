import { CfErrorEvent } from '../events/error.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import type { FormMoves, FormNavigation } from './form-navigation.js';
import type { LazyFormSending } from './form-sending-lazy.js';
import { focusOn, settled } from './form-focus.js';

/**
 * Moving through `<cf-form>`, loaded when needed: "continue", "back", a summary link and continuing a draft move only
 * once the code that checks answers is there, so the code that moves (`form-navigation.ts`) comes in the same file,
 * `cf-form.validation.js`, fetched at the first focus or keystroke. A press before it arrives fetches it (with the
 * program's validators and words, as "continue" always waited for them) and is carried out once it is there; further
 * presses meanwhile do nothing, as they do while a "continue" waits. Should it not come, the form says so (the
 * notice that the answers could not be checked, or on the offer of a draft that the form could not be loaded) and
 * the next press tries again. Dropping a draft needs none of it.
 */
export function createLazyNavigation(context: FormContext, drafts: FormDrafts, sending: LazyFormSending): FormNavigation {
  const host = context.__host;
  let moves: FormMoves | undefined;
  let waiting = false;

  /**
   * The moves once the file is there; undefined while a press already waits for it, or when it could not be fetched
   * (said as `FormNavigation.__onSubmit` says it). With `evenIfUnchecked`, the moves even when only the program's
   * validators or words failed to come (continuing a draft says that itself).
   */
  const loaded = async (evenIfUnchecked = false): Promise<FormMoves | undefined> => {
    if (moves) return moves;
    if (waiting) return undefined;
    waiting = true;
    let failure: { cause: unknown } | undefined;
    try {
      await context.__validation.__load();
    } catch (cause) {
      failure = { cause };
    } finally {
      waiting = false;
    }
    const create = context.__validation.__module?.createFormNavigation;
    if (create) moves ??= create(context, drafts, sending);
    if (!failure || (evenIfUnchecked && moves)) return moves;
    host.requestUpdate();
    host.dispatchEvent(new CfErrorEvent({ kind: 'network', willRetry: false, cause: failure.cause }));
    return undefined;
  };

  return {
    __onSubmit: async (e) => {
      // The host page's form never submits in its place, whatever comes later.
      e.preventDefault();
      await (await loaded())?.__onSubmit(e);
    },
    __onBack: async () => {
      await (await loaded())?.__onBack();
    },
    __onFocusField: async (e) => {
      await (await loaded())?.__onFocusField(e);
    },
    __resume: async () => {
      const m = await loaded(true);
      if (m) return m.__resume();
      // The file itself did not come: the offer stays, saying so, and the next press tries again.
      if (waiting || !context.__validation.__failed) return;
      await settled(host);
      focusOn(host, '#cf-refusal');
    },
    __discard: async () => {
      drafts.__discard();
      context.__phase = 'form';
      host.requestUpdate();
      await settled(host);
      focusOn(host, '#cf-title');
    },
  };
}
