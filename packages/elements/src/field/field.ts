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
import { dateOfParts, partsOfDate, wrongDateParts, type DatePart, type DateParts } from '../internal/memorable-date.js';
import { CfFieldInputEvent } from '../events/field-input.js';
import { CfFieldProblemEvent } from '../events/field-problem.js';
import type { FileField } from './take-file.js';

/** What a host's upload hook gets, and what it returns: the value stored for the field (for example a URL or an id). */
export type UploadHook = (file: File, context: { pointer: string; path: string }) => Promise<unknown>;

/**
 * What words a derived value (core's `formatAnswer`). `<cf-form>` hands it over with the sending code (which words the
 * review's answers too), fetched as soon as a form with derived values is shown; until then the output is empty.
 */
export type FieldFormat = typeof formatAnswer;

/** Attribute values shared by the text-like controls. */
interface Common {
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
  /** The same for a date's three boxes, so that "3" is not rewritten to "03". */
  #typedParts: DateParts | undefined;

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
      this.#typedParts = undefined;
    }
  }

  /** Moves focus to the control (the chosen radio button, else the first one). */
  override focus(): void {
    const target = this.querySelector<HTMLElement>('input:checked') ?? this.querySelector<HTMLElement>('input, select, textarea, output');
    target?.focus();
  }

  #emit(value: unknown, committed: boolean, file?: { name: string; size: number }) {
    this.dispatchEvent(new CfFieldInputEvent({ pointer: this.pointer, value, committed, file }));
  }

  #describedBy(id: string, extra?: string): string | typeof nothing {
    const ids = [this.spec.help || extra ? `${id}-help` : '', this.error ? `${id}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  #label(): TemplateResult {
    return html`${this.spec.label}${this.spec.required ? html` <span class="required" part="required">${this.strings.required}</span>` : nothing}`;
  }

  #helpAndError(id: string, extra?: string): TemplateResult {
    const help = [this.spec.help, extra].filter(Boolean).join(' ');
    return html`${help ? html`<div class="help" part="help" id="${id}-help">${help}</div>` : nothing}${this.error
      ? html`<p class="error" part="error" id="${id}-error"><span class="vh">${this.strings.errorPrefix} </span>${this.error}</p>`
      : nothing}`;
  }

  #box(content: TemplateResult, group: boolean, id: string, extra?: string): TemplateResult {
    const parts = this.error ? 'field field-invalid' : 'field';
    const cls = `field${this.error ? ' invalid' : ''}`;
    return group
      ? html`<fieldset class=${cls} part=${parts} aria-describedby=${this.#describedBy(id, extra)}>
          <legend part="label">${this.#label()}</legend>${this.#helpAndError(id, extra)}${content}
        </fieldset>`
      : html`<div class=${cls} part=${parts}>${content}</div>`;
  }

  protected override render() {
    if (!this.spec || !this.strings) return nothing;
    const id = idFor(this.pointer);
    switch (this.spec.control) {
      case 'radio':
        return this.#box(this.#choices(id, 'radio'), true, id);
      case 'checkboxes':
        return this.#box(this.#choices(id, 'checkbox'), true, id);
      case 'checkbox':
      case 'consent':
        return this.#box(this.#checkbox(id), false, id);
      case 'file':
        return this.#box(this.#file(id), false, id, this.#fileLimits());
      case 'memorable-date':
        return this.#box(this.#dateParts(id), true, id, this.strings.dateHint);
      case 'hidden':
        return nothing;
      case 'derived':
        return this.#box(this.#derived(id), false, id);
      default:
        return this.#box(this.#text(id), false, id);
    }
  }

  #text(id: string): TemplateResult {
    const s = this.spec;
    const shown = this.#typed !== undefined && valueFromText(s.control, this.#typed) === this.value ? this.#typed : textFromValue(this.value);
    const onInput = (e: Event) => {
      this.#typed = (e.target as HTMLInputElement).value;
      this.#emit(valueFromText(s.control, this.#typed), false);
    };
    const common: Common = {
      describedBy: this.#describedBy(id),
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
    return html`<label for=${id} part="label">${this.#label()}</label>${this.#helpAndError(id)}${control}`;
  }

  /**
   * A date a person knows by heart in three boxes: day, month, year (the order of German and British dates). The
   * first box carries the field's id, so that the summary's link and a focus request land on it. Only the boxes
   * that make the error get `aria-invalid`; the fieldset names the help and the error.
   */
  #dateParts(id: string): TemplateResult {
    // What was typed stands while it still makes the value (a value set from outside replaces it).
    if (this.#typedParts !== undefined && dateOfParts(this.#typedParts) !== this.value) this.#typedParts = undefined;
    const parts = this.#typedParts ?? partsOfDate(this.value);
    const wrong: readonly DatePart[] = this.error ? wrongDateParts(parts, this.strings) : [];
    const birthday = this.spec.autocomplete?.split(' ').includes('bday') === true;
    const box = (part: DatePart, boxId: string, label: string, size: string) => {
      const onInput = (e: Event) => {
        // Two boxes may change before the next render: build on what was typed last, not on this render's copy.
        this.#typedParts = { ...(this.#typedParts ?? parts), [part]: (e.target as HTMLInputElement).value };
        this.#emit(dateOfParts(this.#typedParts), false);
      };
      return html`<div class="date-part">
        <label for=${boxId}>${label}</label>
        <input id=${boxId} part="input" class=${size} type="text" inputmode="numeric" spellcheck="false"
          autocomplete=${birthday ? `bday-${part}` : 'off'} aria-invalid=${wrong.includes(part) ? 'true' : 'false'}
          .value=${live(parts[part])} @input=${onInput} />
      </div>`;
    };
    return html`<div class="date-parts" part="date-parts">
      ${box('day', id, this.strings.dateDay, 'w2')}${box('month', `${id}-month`, this.strings.dateMonth, 'w2')}${box('year', `${id}-year`, this.strings.dateYear, 'w4')}
    </div>`;
  }

  /**
   * A derived value: labelled, read-only, reachable from the error summary (focusable by script only), and a live
   * region of its own (an `output` is a polite status), so a screen reader hears the new total as answers change.
   */
  #derived(id: string): TemplateResult {
    const words = { yes: this.strings.yes, no: this.strings.no, notAnswered: this.strings.notAnswered, entry: this.strings.entry, file: this.strings.fileKept };
    const field = { control: this.spec.control, schema: this.spec.info.schema, optionLabel: String };
    const shown = this.format?.(field, this.value, this.locale, words).text ?? '';
    return html`<label for=${id} part="label">${this.spec.label}</label>${this.#helpAndError(id)}<output id=${id} part="output"
      class="derived" tabindex="-1" aria-live="polite" aria-describedby=${this.#describedBy(id)}>${shown}</output>`;
  }

  #select(id: string, common: Common): TemplateResult {
    const choices = this.spec.choices ?? [];
    const onChange = (e: Event) => {
      const index = (e.target as HTMLSelectElement).selectedIndex - 1;
      this.#emit(index >= 0 ? choices[index]!.value : undefined, true);
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
      if (type === 'radio') return this.#emit(value, true);
      // Keep the schema's order, whatever order the boxes were ticked in.
      const next = choices.filter((c) => (c.value === value ? checked : selected.includes(c.value))).map((c) => c.value);
      this.#emit(next.length ? next : undefined, true);
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
      this.#emit(checked ? true : consent ? undefined : false, true);
    };
    return html`${this.error ? html`<p class="error" part="error" id="${id}-error"><span class="vh">${this.strings.errorPrefix} </span>${this.error}</p>` : nothing}
      <div class="choice single" part="choice">
        <input type="checkbox" id=${id} aria-describedby=${this.#describedBy(id)} aria-invalid=${this.error ? 'true' : 'false'}
          aria-required=${this.spec.required ? 'true' : nothing} .checked=${live(this.value === true)} @change=${onChange} />
        <label for=${id} part="label">${this.#label()}</label>
      </div>
      ${this.spec.help ? html`<div class="help after" part="help" id="${id}-help">${this.spec.help}</div>` : nothing}`;
  }

  #fileLimits(): string | undefined {
    const { accept, maxBytes } = this.spec;
    if (maxBytes === undefined) return undefined;
    const limit = formatBytes(maxBytes, this.locale);
    return accept ? fillString(this.strings.fileLimits, { accept, limit }) : fillString(this.strings.fileLimitSize, { limit });
  }

  #file(id: string): TemplateResult {
    const onChange = (e: Event) => {
      const input = e.target as HTMLInputElement;
      if (!input.files?.[0]) return;
      // Taking a file comes with the code that checks answers (a click on the input fetched it already).
      const field: FileField = {
        spec: this.spec,
        pointer: this.pointer,
        strings: this.strings,
        locale: this.locale,
        upload: this.upload,
        showUploading: (text) => (this.uploading = text),
        took: (value, file) => this.#emit(value, true, file),
        refused: (message) => this.dispatchEvent(new CfFieldProblemEvent({ pointer: this.pointer, message })),
      };
      import('../form/form-validation.js').then(
        (m) => m.takeFile(field, input),
        () => {
          input.value = '';
          field.refused(this.strings.fileFailed);
        },
      );
    };
    const chosen = this.value !== undefined ? (this.fileLabel ?? this.strings.fileKept) : undefined;
    return html`<label for=${id} part="label">${this.#label()}</label>${this.#helpAndError(id, this.#fileLimits())}
      <input type="file" id=${id} part="input" accept=${this.spec.accept ?? nothing} aria-describedby=${this.#describedBy(id, this.#fileLimits())}
        aria-invalid=${this.error ? 'true' : 'false'} aria-required=${this.spec.required ? 'true' : nothing} @change=${onChange} />
      ${this.uploading ? html`<p class="file" part="file" role="status">${this.uploading}</p>` : nothing}
      ${chosen
        ? html`<p class="file" part="file">${chosen}</p>
            <button type="button" class="button secondary" part="button" @click=${() => this.#emit(undefined, true)}>${this.strings.fileRemove}</button>`
        : nothing}`;
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
