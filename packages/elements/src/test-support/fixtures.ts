// Helpers for the browser tests: fixtures come from the example programs, built by scripts/browser-fixtures.mjs.
import type { LitElement } from 'lit';
import { localInstant, type ProgramDefinition, type ValidatorsModule } from '@civicflow/core/runtime';
import '../define.js';
import type { CfForm } from '../form/form.js';

/** The precompiled validators module of an example program (or core's `mini`). */
export async function loadModule(name: string): Promise<ValidatorsModule> {
  return (await import(/* @vite-ignore */ `/.cache/browser/${name}.validators.js`)) as ValidatorsModule;
}

/** The example programs that have a built fixture. */
export async function exampleNames(): Promise<string[]> {
  const names = ['zweite-chance', 'gemeinsam-fuer-hagen', 'wir-vielfalt', 'zukunftsbuendnis'];
  const present: string[] = [];
  for (const n of names) if ((await fetch(`/.cache/browser/${n}.validators.js`, { method: 'HEAD' })).ok) present.push(n);
  return present;
}

export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const v = probe();
    if (v) return v;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Waits until the form and the light-DOM elements inside it have rendered. The code that checks answers comes at the
 * first focus or keystroke, as the form fetches it: once it is there, the form's checks of what was typed are too.
 */
export async function settle(form: CfForm): Promise<void> {
  await import('../form/form-validation.js');
  await new Promise((r) => setTimeout(r, 0));
  for (let i = 0; i < 3; i++) {
    await form.updateComplete;
    const children = form.shadowRoot!.querySelectorAll('cf-field, cf-error-summary, cf-steps, cf-review');
    await Promise.all([...children].map((c) => (c as LitElement).updateComplete));
  }
}

/**
 * A moment at which the form takes submissions: an hour into its first period, for a form with periods (WIR's call
 * of 2019, the congress registration of 2025), so that tests of the form itself run on any day; else undefined.
 */
export function openMoment(mod: ValidatorsModule, formId?: string): Date | undefined {
  const def = mod.definition as ProgramDefinition | undefined;
  if (!def) return undefined;
  const rule = def.forms[formId ?? Object.keys(def.forms)[0]!]?.submissions ?? def.submissions;
  const period = rule ? def.periods?.[rule.periods[0]] : undefined;
  return period ? new Date(localInstant(period.start, period.timeZone).getTime() + 3_600_000) : undefined;
}

/**
 * Mounts a `<cf-form>` with a program module and waits until it shows its first page (or the draft offer). A form
 * with periods is shown at a moment it is open (`openMoment`) unless `props` says `now` (undefined: the clocks).
 */
export async function mountForm(
  mod: ValidatorsModule,
  attrs: Record<string, string | boolean> = {},
  props: Partial<CfForm> = {},
  parent: HTMLElement = document.body,
): Promise<CfForm> {
  const form = document.createElement('cf-form');
  for (const [k, v] of Object.entries(attrs)) if (v !== false) form.setAttribute(k, v === true ? '' : v);
  Object.assign(form, 'now' in props ? props : { ...props, now: openMoment(mod, [attrs['form-id'], attrs.form].find((f): f is string => typeof f === 'string')) });
  form.program = mod;
  parent.append(form);
  await waitFor(() => form.shadowRoot?.querySelector('form, .resume, .closed'), 'the form to render');
  await settle(form);
  return form;
}

export function $<T extends Element = HTMLElement>(form: CfForm, selector: string): T {
  const el = form.shadowRoot!.querySelector<T>(selector);
  if (!el) throw new Error(`no ${selector} in the form`);
  return el;
}

export function $$<T extends Element = HTMLElement>(form: CfForm, selector: string): T[] {
  return [...form.shadowRoot!.querySelectorAll<T>(selector)];
}

/** Types into a text control as a person would: sets the value and fires `input`. */
export function type(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Leaves the focused control (so the field counts as visited). */
export function blur(input: HTMLElement): void {
  input.blur();
}

export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Presses the primary button ("continue" or "send") and waits. */
export async function primary(form: CfForm): Promise<void> {
  $<HTMLButtonElement>(form, 'button.primary').click();
  // A "continue" to the review waits for the sending code when nothing focused the form before (a click that moves
  // no focus, as here): wait for that module too, as the form does, then for what it draws.
  await import('../form/form-sending.js');
  await settle(form);
  await new Promise((r) => setTimeout(r, 0));
  await settle(form);
}

/** The computed font family of a `<cf-form>` with no host CSS: the theme's default every element should share. */
export function formDefaultFont(): string {
  const form = document.createElement('cf-form');
  document.body.append(form);
  try {
    return getComputedStyle(form).fontFamily;
  } finally {
    form.remove();
  }
}

/** A host page's box with theme custom properties (`--cf-*`) set on it, in the body; remove it when done. */
export function themedHost(properties: Readonly<Record<string, string>>): HTMLElement {
  const host = document.createElement('div');
  for (const [name, value] of Object.entries(properties)) host.style.setProperty(name, value);
  document.body.append(host);
  return host;
}
