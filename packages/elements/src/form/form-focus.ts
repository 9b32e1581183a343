import type { LitElement } from 'lit';
import { idFor } from '../internal/pointer-data.js';

/**
 * Where focus goes in `<cf-form>`: to a heading after a page change, to the error summary after a refused
 * step, to a field named by a summary link. Each waits for the fields, steps, summary and review, which render
 * in the form's shadow root after it, so the target exists when it is looked for.
 */
export class FormFocus {
  readonly #host: LitElement;

  constructor(host: LitElement) {
    this.#host = host;
  }

  /** Waits for the element and the elements it renders to finish rendering. */
  async settled(): Promise<void> {
    await this.#host.updateComplete;
    const children = this.#host.renderRoot.querySelectorAll('cf-field, cf-error-summary, cf-steps, cf-review');
    await Promise.all([...children].map((c) => (c as LitElement).updateComplete));
  }

  focus(selector: string): void {
    const el = this.#host.renderRoot.querySelector<HTMLElement>(selector);
    el?.focus();
    el?.scrollIntoView?.({ block: 'nearest' });
  }

  /** The page's title, or the form's when the page has none. */
  focusTitle(): void {
    this.focus(this.#host.renderRoot.querySelector('#cf-page-title') ? '#cf-page-title' : '#cf-title');
  }

  async focusSummary(): Promise<void> {
    await this.settled();
    this.#host.renderRoot.querySelector<HTMLElement>('cf-error-summary')?.focus();
  }

  /** The control of the field at a pointer (the first one of a group). */
  focusField(pointer: string): void {
    const target = this.#host.renderRoot.querySelector<HTMLElement>(`#${idFor(pointer)}`);
    if (!target) return;
    const control = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea, button');
    control?.focus();
    target.scrollIntoView?.({ block: 'center' });
  }

  /** The first control inside the element with this id. */
  focusFirstIn(id: string): void {
    this.#host.renderRoot.querySelector(`#${id}`)?.querySelector<HTMLElement>('input, select, textarea')?.focus();
  }
}
