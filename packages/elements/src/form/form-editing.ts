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
import { fieldLabel, formTexts } from '../internal/form-texts.js';
import { fieldMessage } from '../internal/memorable-date.js';

/** The person's changes to `<cf-form>`'s answers: values, files, list entries, and leaving a field. */
export interface FormEditing {
  readonly __onInput: (e: CfFieldInputEvent) => void;
  readonly __onProblem: (e: CfFieldProblemEvent) => void;
  /** Leaving a field (not just moving within it) shows its errors from then on. */
  readonly __onFocusOut: (e: FocusEvent) => void;
  readonly __addEntry: (pointer: string) => Promise<void>;
  readonly __removeEntry: (pointer: string, index: number) => Promise<void>;
  readonly __deleteDraft: () => void;
}

export function createFormEditing(context: FormContext, drafts: FormDrafts): FormEditing {
  const host = context.__host;
  /** The problem last announced per field pointer, so that leaving a field again with it says nothing new. */
  const announced = new Map<string, string>();
  let turn = 0;
  /**
   * Puts a sentence into the polite live region. Screen readers speak a change of the region's text, not a region
   * rendered with it: the region is emptied first, and the sentence follows a moment after that render.
   */
  const announce = async (text: string) => {
    const mine = ++turn;
    context.__announcement = '';
    host.requestUpdate();
    await host.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (mine !== turn) return;
    context.__announcement = text;
    host.requestUpdate();
  };
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
      s.setLocalError(e.detail.pointer, e.detail.message);
      host.requestUpdate();
      if (e.detail.message) host.dispatchEvent(new CfErrorEvent({ kind: 'upload', willRetry: false }));
    },

    __onFocusOut: (e) => {
      const field = (e.target as Element).closest?.('cf-field');
      const s = context.__session;
      const to = e.relatedTarget as Element | null;
      if (!field || !s || field.contains(to)) return;
      s.touch(field.pointer);
      host.requestUpdate();
      const error = s.errorAt(field.pointer);
      const message = error && fieldMessage(field.spec, s.valueAt(field.pointer), error, context.__strings());
      // Said once per new problem: a field left again with the same one keeps it in its description.
      if (message === announced.get(field.pointer)) return;
      if (message) announced.set(field.pointer, message);
      else announced.delete(field.pointer);
      // On the way to "continue" or "send" the summary says it all, as an alert; two voices would talk over each other.
      if (!message || to?.matches('button[type="submit"]') || to?.closest('cf-error-summary')) return;
      const strings = context.__strings();
      void announce(`${strings.errorPrefix} ${fieldLabel(formTexts(s), strings, field.pointer)}: ${message}`);
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
