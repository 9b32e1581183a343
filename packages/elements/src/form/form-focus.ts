import type { BaseElement as LitElement } from '../internal/base-element.js';

// Where focus goes in `<cf-form>`: to the error summary after a refused step, to a new list entry, to a notice. Plain
// functions of the element rather than a controller: they keep no state, and the bundle then names each with a letter
// or two instead of carrying method names. The moves that only follow a page change or a summary link (to a page's
// title, to a field) sit with the navigation (form-navigation.ts), which comes with the code that checks answers.

/** Waits for the element and what it renders (fields, steps, summary, review) to finish, so targets exist. */
export async function settled(host: LitElement): Promise<void> {
  await host.updateComplete;
  const children = host.renderRoot.querySelectorAll('cf-field, cf-error-summary, cf-steps, cf-review');
  await Promise.all([...children].map((c) => (c as LitElement).updateComplete));
}

export function focusOn(host: LitElement, selector: string): void {
  const el = host.renderRoot.querySelector<HTMLElement>(selector);
  el?.focus();
  el?.scrollIntoView?.({ block: 'nearest' });
}

export async function focusSummary(host: LitElement): Promise<void> {
  await settled(host);
  host.renderRoot.querySelector<HTMLElement>('cf-error-summary')?.focus();
}

/** The first control inside the element with this id. */
export function focusFirstIn(host: LitElement, id: string): void {
  host.renderRoot.querySelector(`#${id}`)?.querySelector<HTMLElement>('input, select, textarea')?.focus();
}
