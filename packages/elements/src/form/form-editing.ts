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

  onInput = (e: CfFieldInputEvent) => {
    const { host, fileLabels } = this.#context;
    const s = this.#context.session();
    if (!s) return;
    const { pointer, value, committed, file } = e.detail;
    s.setValue(pointer, value);
    if (committed) s.touch(pointer);
    if (file) fileLabels.set(pointer, describeFile(file, this.#context.strings(), s.locale));
    else if (value === undefined) fileLabels.delete(pointer);
    this.#drafts.save();
    host.requestUpdate();
    host.dispatchEvent(new CfChangeEvent({ pointer, value, data: s.data }));
  };

  onProblem = (e: CfFieldProblemEvent) => {
    const s = this.#context.session();
    if (!s) return;
    s.setLocalError(e.detail.pointer, e.detail.message);
    this.#context.host.requestUpdate();
    if (e.detail.message) this.#context.host.dispatchEvent(new CfErrorEvent({ kind: 'upload', willRetry: false }));
  };

  /** Leaving a field (not just moving within it) shows its errors from then on. */
  onFocusOut = (e: FocusEvent) => {
    const field = (e.target as Element).closest?.('cf-field');
    const s = this.#context.session();
    if (!field || !s || field.contains(e.relatedTarget as Node | null)) return;
    s.touch(field.pointer);
    this.#context.host.requestUpdate();
  };

  addEntry = async (pointer: string) => {
    const { host } = this.#context;
    const s = this.#context.session()!;
    const index = s.addEntry(pointer);
    this.#context.announce(fillString(this.#context.strings().entryAdded, { n: index + 1 }));
    this.#drafts.save();
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

  removeEntry = async (pointer: string, index: number) => {
    const { host } = this.#context;
    const s = this.#context.session()!;
    s.removeEntry(pointer, index);
    this.#context.announce(fillString(this.#context.strings().entryRemoved, { n: index + 1 }));
    this.#drafts.save();
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

  deleteDraft = () => {
    this.#drafts.stop();
    this.#context.announce(this.#context.strings().draftDeleted);
    this.#context.host.requestUpdate();
  };
}
