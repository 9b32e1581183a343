import type { CompiledProgram } from './from-validators-module.js';
import type { FormLayout, LaidOutField, LaidOutPage } from './layout.js';
import type { FormVisibility } from './form-state.js';
import type { ValidationError, ValidationResult } from './validation-error.js';
import type { ValidateOptions } from './run-validation.js';
import { computeVisibility } from './form-state.js';
import { formLayout } from './layout.js';
import { isUnderAny, pointerToFieldPath } from './pointer.js';
import { getAt, setAt } from './pointer-data.js';
import { UnknownFormError } from './errors.js';

/** One problem as the widget shows it: on its field, in the summary, on its page. */
export interface ShownError {
  readonly error: ValidationError;
  /** The pointer of the field that shows it (`''` when no field does). */
  readonly field: string;
  /** The index of the page (among all pages of the layout) holding that field, or -1. */
  readonly page: number;
}

/** Where the person is: a page of the form (by its index in the layout) or the review. */
export type Place = { readonly page: number } | { readonly review: true };

/**
 * How a session checks its data: `validateWith` from `@civicflow/core/runtime`. A session is given it rather than
 * importing it, so that a page can show a form before the code that checks answers (and its messages) has arrived.
 */
export type SessionValidation = (compiled: CompiledProgram, formId: string, data: unknown, options?: ValidateOptions) => ValidationResult;

/** The result of a session whose validation has not arrived yet: nothing known to be wrong, nothing to send. */
const UNCHECKED: ValidationResult = Object.freeze({ valid: false, data: undefined, errors: [] });

/**
 * What a form needs to show and take answers before the code that checks them has arrived: the data, the layout,
 * what is visible, the place, the marks of what was touched and attempted. `FormSession` adds what only counts once
 * answers are checked: which errors show where, the summary, moving on, sending. `<cf-form>` opens a page with this
 * part alone and turns the session into a `FormSession` (`checkedSession`) when the code that checks answers comes,
 * so a `FormSession` keeps no state of its own: everything it reads is here.
 */
export class FormSessionBase {
  layout: FormLayout;
  data: Record<string, unknown>;
  result!: ValidationResult;
  visibility!: FormVisibility;
  place: Place = { page: 0 };
  /** Field pointers the person has left (their errors show from then on). */
  readonly touched = new Set<string>();
  /** Pages on which "next" was pressed with errors, or -1 after a failed send (see `FormSession`). */
  readonly attempted = new Set<number>();
  /** Errors the server sent back, until the field changes. */
  serverErrors: ValidationError[] = [];
  /** Problems the widget found itself (a file too large), by field pointer. */
  readonly localErrors = new Map<string, string>();
  /** Set when a page was opened from the review: "next" then leads straight back to it. */
  returnToReview = false;
  /** Whether the error summary is open (after a failed "next" or send). */
  summaryOpen = false;
  #locale = '';
  #pageOfPath = new Map<string, number>();
  #validate: SessionValidation | undefined;
  /** Every error of the data, the server's and the widget's own, in page order (filled by `FormSession`). */
  protected shownErrors: ShownError[] = [];
  /** The error each field shows now (filled by `FormSession`). */
  protected errorsByField = new Map<string, ShownError>();

  /**
   * Without `validate` the session shows the form and takes answers, but knows no problems yet: `validated` is false
   * (and a `FormSession`'s `next` and `attemptSend` refuse to move, revealing nothing) until `useValidation` hands it
   * the code, which then checks every answer given so far.
   */
  constructor(
    public compiled: CompiledProgram,
    readonly formId: string,
    locale: string,
    data?: Record<string, unknown>,
    validate?: SessionValidation,
  ) {
    this.#validate = validate;
    this.layout = this.#layOut();
    this.data = data ?? this.initialData();
    this.setLocale(locale);
  }

  #layOut(): FormLayout {
    const form = this.compiled.program.definition.forms[this.formId];
    if (!form) throw new UnknownFormError(this.compiled.program.id, this.formId);
    const layout = formLayout(form);
    this.#pageOfPath.clear();
    layout.pages.forEach((page, index) => {
      const visit = (entries: readonly LaidOutField[]) => {
        for (const e of entries) {
          this.#pageOfPath.set(e.path, index);
          if (e.children) visit(e.children);
        }
      };
      visit(page.fields);
    });
    return layout;
  }

  get locale(): string {
    return this.#locale;
  }

  /** Whether the session has its validation (see the constructor): only then do `result` and the errors say anything. */
  get validated(): boolean {
    return this.#validate !== undefined;
  }

  /** Hands the session the code that checks answers, and checks the data as it is now. */
  useValidation(validate: SessionValidation): void {
    if (this.#validate === validate) return;
    this.#validate = validate;
    this.refresh();
  }

  get review(): boolean {
    return this.compiled.program.definition.forms[this.formId]?.ui?.review !== false;
  }

  /**
   * Switches the language of messages; with `compiled`, to the same program with a definition in that
   * language (the form must be the same: the data, the place and the marks stay).
   */
  setLocale(locale: string, compiled?: CompiledProgram): void {
    if (compiled && compiled !== this.compiled) {
      this.compiled = compiled;
      this.layout = this.#layOut();
    }
    this.#locale = locale;
    this.refresh();
  }

  /** Empty data with the schema's defaults and the smallest number of entries each list needs. */
  initialData(): Record<string, unknown> {
    let data: unknown = {};
    for (const f of this.layout.fields) {
      if (f.inList) continue;
      const pointer = '/' + f.path.split('.').join('/');
      // A required group starts as an empty object, so that "required" speaks of its fields, not of the group.
      if (f.kind === 'group' && this.#requiredChain(f.path) && getAt(data, pointer) === undefined) data = setAt(data, pointer, {});
      if (f.schema['default'] !== undefined && f.kind === 'value') data = setAt(data, pointer, structuredClone(f.schema['default']));
      const min = f.schema['minItems'];
      if (f.kind === 'list' && typeof min === 'number' && min > 0) data = setAt(data, pointer, Array.from({ length: min }, () => ({})));
    }
    return data as Record<string, unknown>;
  }

  /** Whether a field and all the groups around it are required. */
  #requiredChain(path: string): boolean {
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      if (!this.layout.fieldsByPath.get(p)?.required) return false;
    }
    return true;
  }

  /** Works out the derived values anew, then recomputes visibility and validation after a change. */
  refresh(): void {
    const compiled = this.compiled;
    const derive = compiled.validators.plan(this.formId).derive;
    if (derive) this.data = derive(this.data, false);
    this.visibility = computeVisibility(compiled.program, compiled.validators, this.formId, this.data);
    const validate = this.#validate;
    this.result = validate ? validate(compiled, this.formId, this.data, { locale: this.#locale }) : UNCHECKED;
    this.collectErrors();
  }

  /** Works out which errors show where (`FormSession` does; before the code that checks answers, none do). */
  protected collectErrors(): void {}

  /** Sets one value (undefined removes it); the server's word on that field no longer holds. */
  setValue(pointer: string, value: unknown): void {
    this.data = setAt(this.data, pointer, value) as Record<string, unknown>;
    if (value === undefined) this.#dropEmptyGroups(pointer);
    if (this.serverErrors.length > 0) this.serverErrors = this.serverErrors.filter((e) => !isUnderAny(e.pointer, [pointer]) && !isUnderAny(pointer, [e.pointer]));
    this.localErrors.delete(pointer);
    this.refresh();
  }

  /**
   * After a value was removed: an optional group left empty goes too, so that a person who typed into an
   * optional group and cleared it again is not asked for the group's required fields.
   */
  #dropEmptyGroups(pointer: string): void {
    let p = pointer.slice(0, pointer.lastIndexOf('/'));
    while (p) {
      const value = getAt(this.data, p);
      const info = this.layout.fieldsByPath.get(pointerToFieldPath(p));
      if (!info || info.kind !== 'group' || /\/\d+$/.test(p) || info.required) return;
      if (typeof value !== 'object' || value === null || Object.keys(value).length > 0) return;
      this.data = setAt(this.data, p, undefined) as Record<string, unknown>;
      p = p.slice(0, p.lastIndexOf('/'));
    }
  }

  valueAt(pointer: string): unknown {
    return getAt(this.data, pointer);
  }

  /** Adds an empty entry to a list; returns its index. */
  addEntry(pointer: string): number {
    const list = getAt(this.data, pointer);
    const items = Array.isArray(list) ? list : [];
    this.setValue(pointer, [...items, {}]);
    return items.length;
  }

  removeEntry(pointer: string, index: number): void {
    const list = getAt(this.data, pointer);
    if (!Array.isArray(list)) return;
    const prefix = `${pointer}/`;
    // Touched marks of later entries move up by one, so the next entry does not inherit this one's marks.
    const moved = [...this.touched].filter((p) => p.startsWith(prefix));
    for (const p of moved) {
      this.touched.delete(p);
      const [i, ...rest] = p.slice(prefix.length).split('/');
      const n = Number(i);
      if (n < index) this.touched.add(p);
      else if (n > index) this.touched.add(`${prefix}${n - 1}${rest.length ? '/' + rest.join('/') : ''}`);
    }
    this.setValue(pointer, list.filter((_, i) => i !== index));
  }

  touch(pointer: string): void {
    if (this.touched.has(pointer)) return;
    this.touched.add(pointer);
    this.collectErrors();
  }

  isHidden(pointer: string): boolean {
    return this.visibility.hidden.length > 0 && isUnderAny(pointer, this.visibility.hidden);
  }

  /** Indices of the pages shown for the current data, in order. */
  visiblePages(): number[] {
    const shown = new Set(this.visibility.pages);
    const out: number[] = [];
    this.layout.pages.forEach((p, i) => {
      if (shown.has(p.id)) out.push(i);
    });
    return out;
  }

  page(index: number): LaidOutPage {
    return this.layout.pages[index]!;
  }

  /** The page that holds the field at a path (the nearest placed ancestor), or -1. */
  pageOf(path: string): number {
    let p = path;
    for (;;) {
      const page = this.#pageOfPath.get(p);
      if (page !== undefined) return page;
      if (!p.includes('.')) return this.layout.pages.length === 1 ? 0 : -1;
      p = p.slice(0, p.lastIndexOf('.'));
    }
  }




  /** The error message a field shows now, if any. */
  errorAt(fieldPointer: string): string | undefined {
    return this.errorsByField.get(fieldPointer)?.error.message;
  }







  goTo(place: Place): void {
    this.returnToReview = 'review' in this.place && !('review' in place) && this.review;
    this.summaryOpen = false;
    this.place = place;
  }

  /** Whether the current page is the last step before sending (there is no review, or this is it). */
  isLastStep(): boolean {
    const place = this.place;
    if ('review' in place) return true;
    if (this.review) return false;
    return !this.visiblePages().some((p) => p > place.page);
  }




}
