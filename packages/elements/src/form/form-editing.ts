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

/** The person's changes to `<cf-form>`'s answers: values, files, list entries, and leaving a field. */
export class FormEditing {
  readonly #context: FormContext;
  readonly #drafts: FormDrafts;

  constructor(context: FormContext, drafts: FormDrafts) {
    this.#context = context;
    this.#drafts = drafts;
  }

  __onInput = (e: CfFieldInputEvent) => {
    const { __host: host, __session: s, __fileLabels: fileLabels } = this.#context;
    if (!s) return;
    const { pointer, value, committed, file } = e.detail;
    s.setValue(pointer, value);
    if (committed) s.touch(pointer);
    if (file) fileLabels.set(pointer, describeFile(file, this.#context.__strings(), s.locale));
    else if (value === undefined) fileLabels.delete(pointer);
    this.#drafts.__save();
    host.requestUpdate();
    host.dispatchEvent(new CfChangeEvent({ pointer, value, data: s.data }));
  };

  __onProblem = (e: CfFieldProblemEvent) => {
    const { __host: host, __session: s } = this.#context;
    if (!s) return;
    s.setLocalError(e.detail.pointer, e.detail.message);
    host.requestUpdate();
    if (e.detail.message) host.dispatchEvent(new CfErrorEvent({ kind: 'upload', willRetry: false }));
  };

  /** Leaving a field (not just moving within it) shows its errors from then on. */
  __onFocusOut = (e: FocusEvent) => {
    const field = (e.target as Element).closest?.('cf-field');
    const { __host: host, __session: s } = this.#context;
    if (!field || !s || field.contains(e.relatedTarget as Node | null)) return;
    s.touch(field.pointer);
    host.requestUpdate();
  };

  __addEntry = async (pointer: string) => {
    const context = this.#context;
    const { __host: host } = context;
    const s = context.__session!;
    const index = s.addEntry(pointer);
    context.__announcement = fillString(context.__strings().entryAdded, { n: index + 1 });
    this.#drafts.__save();
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
  };

  __removeEntry = async (pointer: string, index: number) => {
    const context = this.#context;
    const { __host: host } = context;
    const s = context.__session!;
    s.removeEntry(pointer, index);
    context.__announcement = fillString(context.__strings().entryRemoved, { n: index + 1 });
    this.#drafts.__save();
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
  };

  __deleteDraft = () => {
    const context = this.#context;
    this.#drafts.__stop();
    context.__announcement = context.__strings().draftDeleted;
    context.__host.requestUpdate();
  };
}
