import type { LitElement } from 'lit';
import { idFor } from '../internal/pointer-data.js';

// Where focus goes in `<cf-form>`: to a heading after a page change, to the error summary after a refused
// step, to a field named by a summary link. Plain functions of the element rather than a controller: they
// keep no state, and the bundle then names each with a letter or two instead of carrying method names.

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

/** The page's title, or the form's when the page has none. */
export function focusTitle(host: LitElement): void {
  focusOn(host, host.renderRoot.querySelector('#cf-page-title') ? '#cf-page-title' : '#cf-title');
}

export async function focusSummary(host: LitElement): Promise<void> {
  await settled(host);
  host.renderRoot.querySelector<HTMLElement>('cf-error-summary')?.focus();
}

/** The control of the field at a pointer (the first one of a group). */
export function focusField(host: LitElement, pointer: string): void {
  const target = host.renderRoot.querySelector<HTMLElement>(`#${idFor(pointer)}`);
  if (!target) return;
  const control = target.matches('input, select, textarea') ? target : target.querySelector<HTMLElement>('input, select, textarea, button');
  control?.focus();
  target.scrollIntoView?.({ block: 'center' });
}

/** The first control inside the element with this id. */
export function focusFirstIn(host: LitElement, id: string): void {
  host.renderRoot.querySelector(`#${id}`)?.querySelector<HTMLElement>('input, select, textarea')?.focus();
}
