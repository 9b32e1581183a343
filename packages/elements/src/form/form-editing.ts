import { fillString } from '../internal/ui-strings.js';
import { idFor } from '../internal/pointer-data.js';
import { describeFile } from '../field/field.js';
import { CfChangeEvent } from '../events/change.js';
import { CfErrorEvent } from '../events/error.js';
import type { CfFieldInputEvent } from '../events/field-input.js';
import type { CfFieldProblemEvent } from '../events/field-problem.js';
import type { FormContext } from './form-context.js';
import type { FormDrafts } from './form-drafts.js';
import { focusFirstIn, settled } from './form-focus.js';
import type { ProblemAnnouncer } from './problem-announcer.js';

/** The person's changes to `<cf-form>`'s answers: values, files, list entries, and leaving a field. */
export interface FormEditing {
  readonly __onInput: (e: CfFieldInputEvent) => void;
  readonly __onProblem: (e: CfFieldProblemEvent) => void;
  /** Leaving a field (not just moving within it) shows its errors from then on, and says a new one. */
  readonly __onFocusOut: (e: FocusEvent) => void;
  readonly __addEntry: (pointer: string) => Promise<void>;
  readonly __removeEntry: (pointer: string, index: number) => Promise<void>;
  readonly __deleteDraft: () => void;
}

export function createFormEditing(context: FormContext, drafts: FormDrafts): FormEditing {
  const host = context.__host;
  let announcer: ProblemAnnouncer | undefined;
  return {
    __onInput: (e) => {
      const { __session: s, __fileLabels: fileLabels } = context;
      if (!s) return;
      const { pointer, value, committed, file } = e.detail;
      s.setValue(pointer, value);
      if (committed) s.touch(pointer);
      if (file) fileLabels.set(pointer, describeFile(file, context.__strings(), s.locale));
      else if (value === undefined) fileLabels.delete(pointer);
      drafts.__save();
      host.requestUpdate();
      host.dispatchEvent(new CfChangeEvent({ pointer, value, data: s.data }));
    },

    __onProblem: (e) => {
      const s = context.__session;
      if (!s) return;
      const { pointer, message } = e.detail;
      const validation = context.__validation;
      // Which problems show where is decided by code in the file that took the file (the code that checks answers).
      // A file chosen by a click that moved no focus brought that file without the form asking for it: the form
      // asks now, and the problem shows once the session has it.
      const show = () => {
        const full = validation.__checked(s);
        if (!full || context.__session !== s) return;
        full.setLocalError(pointer, message);
        host.requestUpdate();
        if (message) host.dispatchEvent(new CfErrorEvent({ kind: 'upload', willRetry: false }));
      };
      if (validation.__module) show();
      else void validation.__load().then(show, show);
    },

    __onFocusOut: (e) => {
      const field = (e.target as Element).closest?.('cf-field');
      const s = context.__session;
      const to = e.relatedTarget as Element | null;
      if (!field || !s || field.contains(to)) return;
      s.touch(field.pointer);
      host.requestUpdate();
      // Its problem is said by code that comes with the checking: a field left before that is not checked yet (a field's
      // own error, an upload's or a server's, shows in its description all the same).
      const create = context.__validation.__module?.createProblemAnnouncer;
      if (create) (announcer ??= create(context))(field, to);
    },

    __addEntry: async (pointer) => {
      const s = context.__session!;
      const index = s.addEntry(pointer);
      context.__announcement = fillString(context.__strings().entryAdded, { n: index + 1 });
      drafts.__save();
      host.requestUpdate();
      await settled(host);
      focusFirstIn(host, idFor(`${pointer}/${index}`));
      host.dispatchEvent(
        new CfChangeEvent({
          pointer: `${pointer}/${index}`,
          value: {},
          data: s.data,
        }),
      );
    },

    __removeEntry: async (pointer, index) => {
      const s = context.__session!;
      s.removeEntry(pointer, index);
      context.__announcement = fillString(context.__strings().entryRemoved, { n: index + 1 });
      drafts.__save();
      host.requestUpdate();
      await settled(host);
      host.renderRoot.querySelector<HTMLElement>(`#${idFor(pointer)}-add`)?.focus();
      host.dispatchEvent(
        new CfChangeEvent({
          pointer: `${pointer}/${index}`,
          value: undefined,
          data: s.data,
        }),
      );
    },

    __deleteDraft: () => {
      drafts.__stop();
      context.__announcement = context.__strings().draftDeleted;
      host.requestUpdate();
    },
  };
}
