import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { BaseElement, type PropertyValues } from '../internal/base-element.js';
import { live } from 'lit/directives/live.js';
import type { formatAnswer } from '@civicflow/core/runtime';
import type { FieldSpec } from '../internal/field-specs.js';
import type { UiStrings } from '../internal/ui-strings.js';
import { fillString } from '../internal/ui-strings.js';
import { idFor } from '../internal/pointer-data.js';
import { textFromValue, valueFromText } from '../internal/coerce-input.js';
import { formatBytes } from '../internal/check-file.js';
import type { DateParts } from '../internal/memorable-date.js';
import { CfFieldInputEvent } from '../events/field-input.js';
import { controlParts } from './controls.js';

/** What a host's upload hook gets, and what it returns: the value stored for the field (for example a URL or an id). */
export type UploadHook = (file: File, context: { pointer: string; path: string }) => Promise<unknown>;

/**
 * What words a derived value (core's `formatAnswer`). `<cf-form>` hands it over with the sending code (which words the
 * review's answers too), fetched as soon as a form with derived values is shown; until then the output is empty.
 */
export type FieldFormat = typeof formatAnswer;

/** Attribute values shared by the text-like controls. */
export interface Common {
  describedBy: string | typeof nothing;
  invalid: string;
  required: string | typeof nothing;
}

const INPUT_TYPES: Partial<Record<string, string>> = { date: 'date', email: 'email', tel: 'tel' };

/**
 * @summary One field of a `<cf-form>`: its label, help, error and control (text, number, date, a date in three
 * boxes, email, phone, text area, radio buttons, select, checkbox, checkboxes, consent or file), or a derived value,
 * shown read-only.
 *
 * It renders into its own light DOM, which lies inside the form's shadow root: labels, `aria-describedby`
 * and the error summary's links must reach the control by id, and ids do not cross shadow roots.
 *
 * @event cf-field-input - A value was entered (stays inside the form).
 * @event cf-field-problem - A chosen file was refused or failed to upload (stays inside the form).
 *
 * @csspart field - The field's box; `field-invalid` is added while it shows an error.
 * @csspart label - The label or legend.
 * @csspart required - The "(required)" mark.
 * @csspart help - The help text.
 * @csspart error - The error message.
 * @csspart input - The text, number, date, email, phone and file inputs, the text area and the select.
 * @csspart date-parts - The row of a date's three boxes; each box is an `input` part too.
 * @csspart choices - The list of radio buttons or checkboxes.
 * @csspart choice - One radio button or checkbox with its label.
 * @csspart file - The name of a chosen file.
 * @csspart button - The button that removes a file.
 * @csspart output - A derived value (worked out from other answers), announced politely when it changes.
 */
export class CfField extends BaseElement {
  static override properties = {
    spec: { attribute: false },
    pointer: { attribute: false },
    value: { attribute: false },
    error: { attribute: false },
    strings: { attribute: false },
    locale: { attribute: false },
    upload: { attribute: false },
    fileLabel: { attribute: false },
    format: { attribute: false },
    uploading: { state: true },
  };

  declare spec: FieldSpec;
  declare pointer: string;
  declare value: unknown;
  declare error: string | undefined;
  declare strings: UiStrings;
  declare locale: string;
  declare upload: UploadHook | undefined;
  declare fileLabel: string | undefined;
  /** Words a derived value (see `FieldFormat`); a derived value's output stays empty without it. */
  declare format: FieldFormat | undefined;
  declare uploading: string | undefined;
  /** What the person typed last, kept so that "3,5" is not rewritten to "3.5" under their fingers. */
  #typed: string | undefined;
  /** The same for a date's three boxes, so that "3" is not rewritten to "03" (see `control-date.ts`). */
  __typedParts: DateParts | undefined;

  constructor() {
    super();
    this.pointer = '';
    this.locale = 'en';
  }

  protected override createRenderRoot() {
    return this;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('pointer')) {
      this.#typed = undefined;
      this.__typedParts = undefined;
    }
  }

  /** Moves focus to the control (the chosen radio button, else the first one). */
  override focus(): void {
    const target = this.querySelector<HTMLElement>('input:checked') ?? this.querySelector<HTMLElement>('input, select, textarea, output');
    target?.focus();
  }

  __emit(value: unknown, committed: boolean, file?: { name: string; size: number }) {
    this.dispatchEvent(new CfFieldInputEvent({ pointer: this.pointer, value, committed, file }));
  }

  __describedBy(id: string, extra?: string): string | typeof nothing {
    const ids = [this.spec.help || extra ? `${id}-help` : '', this.error ? `${id}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  __label(): TemplateResult {
    return html`${this.spec.label}${this.spec.required ? html` <span class="required" part="required">${this.strings.required}</span>` : nothing}`;
  }

  __helpAndError(id: string, extra?: string): TemplateResult {
    const help = [this.spec.help, extra].filter(Boolean).join(' ');
    return html`${help ? html`<div class="help" part="help" id="${id}-help">${help}</div>` : nothing}${this.error
      ? html`<p class="error" part="error" id="${id}-error"><span class="vh">${this.strings.errorPrefix} </span>${this.error}</p>`
      : nothing}`;
  }

  __box(content: TemplateResult, group: boolean, id: string, extra?: string): TemplateResult {
    const parts = this.error ? 'field field-invalid' : 'field';
    const cls = `field${this.error ? ' invalid' : ''}`;
    return group
      ? html`<fieldset class=${cls} part=${parts} aria-describedby=${this.__describedBy(id, extra)}>
          <legend part="label">${this.__label()}</legend>${this.__helpAndError(id, extra)}${content}
        </fieldset>`
      : html`<div class=${cls} part=${parts}>${content}</div>`;
  }

  protected override render() {
    if (!this.spec || !this.strings) return nothing;
    const id = idFor(this.pointer);
    switch (this.spec.control) {
      case 'radio':
        return this.__box(this.#choices(id, 'radio'), true, id);
      case 'checkboxes':
        return this.__box(this.#choices(id, 'checkbox'), true, id);
      case 'checkbox':
      case 'consent':
        return this.__box(this.#checkbox(id), false, id);
      case 'file':
      case 'memorable-date':
        // Drawn by a file of its own, which the form imports before it shows a form with such a field.
        return controlParts[this.spec.control]?.render(this, id) ?? nothing;
      case 'hidden':
        return nothing;
      case 'derived':
        return this.__box(this.#derived(id), false, id);
      default:
        return this.__box(this.#text(id), false, id);
    }
  }

  #text(id: string): TemplateResult {
    const s = this.spec;
    const shown = this.#typed !== undefined && valueFromText(s.control, this.#typed) === this.value ? this.#typed : textFromValue(this.value);
    const onInput = (e: Event) => {
      this.#typed = (e.target as HTMLInputElement).value;
      this.__emit(valueFromText(s.control, this.#typed), false);
    };
    const common: Common = {
      describedBy: this.__describedBy(id),
      invalid: this.error ? 'true' : 'false',
      required: s.required ? 'true' : nothing,
    };
    const control =
      s.control === 'textarea'
        ? html`<textarea id=${id} part="input" rows="5" aria-describedby=${common.describedBy} aria-invalid=${common.invalid}
            aria-required=${common.required} autocomplete=${s.autocomplete ?? nothing} .value=${live(shown)} @input=${onInput}></textarea>`
        : s.control === 'select'
          ? this.#select(id, common)
          : html`<input id=${id} part="input" class=${s.control === 'integer' || s.control === 'date' ? 'short' : ''}
              type=${INPUT_TYPES[s.control] ?? 'text'}
              inputmode=${s.control === 'integer' ? 'numeric' : s.control === 'number' ? 'decimal' : nothing}
              aria-describedby=${common.describedBy} aria-invalid=${common.invalid} aria-required=${common.required}
              autocomplete=${s.autocomplete ?? nothing} spellcheck=${s.control === 'email' || s.control === 'tel' ? 'false' : nothing}
              .value=${live(shown)} @input=${onInput} />`;
    return html`<label for=${id} part="label">${this.__label()}</label>${this.__helpAndError(id)}${control}`;
  }

  /**
   * A derived value: labelled, read-only, reachable from the error summary (focusable by script only), and a live
   * region of its own (an `output` is a polite status), so a screen reader hears the new total as answers change.
   */
  #derived(id: string): TemplateResult {
    const words = { yes: this.strings.yes, no: this.strings.no, notAnswered: this.strings.notAnswered, entry: this.strings.entry, file: this.strings.fileKept };
    const field = { control: this.spec.control, schema: this.spec.info.schema, optionLabel: String };
    const shown = this.format?.(field, this.value, this.locale, words).text ?? '';
    return html`<label for=${id} part="label">${this.spec.label}</label>${this.__helpAndError(id)}<output id=${id} part="output"
      class="derived" tabindex="-1" aria-live="polite" aria-describedby=${this.__describedBy(id)}>${shown}</output>`;
  }

  #select(id: string, common: Common): TemplateResult {
    const choices = this.spec.choices ?? [];
    const onChange = (e: Event) => {
      const index = (e.target as HTMLSelectElement).selectedIndex - 1;
      this.__emit(index >= 0 ? choices[index]!.value : undefined, true);
    };
    return html`<select id=${id} part="input" aria-describedby=${common.describedBy} aria-invalid=${common.invalid}
      aria-required=${common.required} autocomplete=${this.spec.autocomplete ?? nothing} @change=${onChange}>
      <option value="" .selected=${this.value === undefined}>${this.strings.choose}</option>
      ${choices.map((c, i) => html`<option value=${i} .selected=${c.value === this.value}>${c.label}</option>`)}
    </select>`;
  }

  #choices(id: string, type: 'radio' | 'checkbox'): TemplateResult {
    const choices = this.spec.choices ?? [];
    const selected = type === 'checkbox' ? (Array.isArray(this.value) ? (this.value as unknown[]) : []) : [this.value];
    const onChange = (index: number, e: Event) => {
      const checked = (e.target as HTMLInputElement).checked;
      const value = choices[index]!.value;
      if (type === 'radio') return this.__emit(value, true);
      // Keep the schema's order, whatever order the boxes were ticked in.
      const next = choices.filter((c) => (c.value === value ? checked : selected.includes(c.value))).map((c) => c.value);
      this.__emit(next.length ? next : undefined, true);
    };
    return html`<div class="choices" part="choices">
      ${choices.map(
        (c, i) => html`<div class="choice" part="choice">
          <input type=${type} id=${i === 0 ? id : `${id}-${i}`} name=${id} aria-invalid=${this.error ? 'true' : 'false'}
            .checked=${live(selected.includes(c.value))} @change=${(e: Event) => onChange(i, e)} />
          <label for=${i === 0 ? id : `${id}-${i}`}>${c.label}</label>
        </div>`,
      )}
    </div>`;
  }

  #checkbox(id: string): TemplateResult {
    const consent = this.spec.control === 'consent';
    const onChange = (e: Event) => {
      const checked = (e.target as HTMLInputElement).checked;
      // An unticked consent is no answer (so `required` explains it); an unticked checkbox says "no".
      this.__emit(checked ? true : consent ? undefined : false, true);
    };
    return html`${this.error ? html`<p class="error" part="error" id="${id}-error"><span class="vh">${this.strings.errorPrefix} </span>${this.error}</p>` : nothing}
      <div class="choice single" part="choice">
        <input type="checkbox" id=${id} aria-describedby=${this.__describedBy(id)} aria-invalid=${this.error ? 'true' : 'false'}
          aria-required=${this.spec.required ? 'true' : nothing} .checked=${live(this.value === true)} @change=${onChange} />
        <label for=${id} part="label">${this.__label()}</label>
      </div>
      ${this.spec.help ? html`<div class="help after" part="help" id="${id}-help">${this.spec.help}</div>` : nothing}`;
  }
}

/** A readable "name (size)" for a chosen file. */
export function describeFile(file: { name: string; size: number }, strings: UiStrings, locale: string): string {
  return fillString(strings.fileChosen, { name: file.name, size: formatBytes(file.size, locale) });
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-field': CfField;
  }
}
