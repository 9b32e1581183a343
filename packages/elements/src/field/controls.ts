// The controls few forms have: a date in three boxes and a file. Each is drawn by a file of its own, which <cf-form>
// imports, with its styles, before it shows a form that has such a field (the embed build names them
// `cf-form.date.js` and `cf-form.file.js`): a form without them never fetches them. (A derived value's output stays in
// the embed: in a file of its own it would cost a form with one more than it saves the others.)
// `define.ts` hands them all over at once.
import type { ControlKind } from '@civicflow/core/runtime';
import type { CSSResult, TemplateResult } from '../internal/lit.js';
import { once } from '../internal/once.js';
import type { CfField } from './field.js';

/** How a control in a file of its own draws a field (its box, label, help, error and control) and what styles it needs. */
export interface ControlPart {
  readonly render: (field: CfField, id: string) => TemplateResult;
  /** Styles for the form's shadow root, where its fields render. */
  readonly styles: CSSResult;
}

/** The controls that came in files of their own, by kind: `<cf-field>` draws with these. */
export const controlParts: Partial<Record<ControlKind, ControlPart>> = {};

const files: Partial<Record<ControlKind, () => Promise<{ control: ControlPart }>>> = {
  'memorable-date': () => import('./control-date.js'),
  file: () => import('./control-file.js'),
};

const coming = new Map<ControlKind, Promise<ControlPart>>();

/**
 * Imports the controls among `kinds` that come in files of their own, each once, and gives them (for their styles).
 * Rejects when one of the files cannot be fetched; a later call tries it again.
 */
export function loadControls(kinds: Iterable<ControlKind>): Promise<ControlPart[]> {
  const wanted = [...new Set(kinds)].filter((kind) => files[kind]);
  return Promise.all(
    wanted.map((kind) => {
      const part = controlParts[kind];
      return part ? Promise.resolve(part) : once(coming, kind, () => files[kind]!().then((m) => (controlParts[kind] = m.control)));
    }),
  );
}

/** Hands over controls at once (`define.ts`, which registers every element with everything it needs). */
export function useControls(parts: Partial<Record<ControlKind, ControlPart>>): void {
  Object.assign(controlParts, parts);
}
