import { parsePointer, pointerToFieldPath, textKeys } from '@civicflow/core/runtime';
import type { FormLayout, FormSession } from '@civicflow/core/runtime';
import { createFieldSpecs, type FieldSpec } from './field-specs.js';
import { createTextLookup, type TextLookup } from './program-texts.js';
import { fillString, type UiStrings } from './ui-strings.js';

/** The program's words for one form in one language: what fields, pages and the form are called. */
export interface FormTexts {
  readonly text: TextLookup;
  readonly specs: ReadonlyMap<string, FieldSpec>;
  formTitle(): string;
  /** The title of a page (by its index in the layout); the form's title when the page has none. */
  pageTitle(index: number): string;
}

const built = new WeakMap<FormSession, { layout: FormLayout; locale: string; texts: FormTexts }>();

/**
 * The words of a session's form in its current language. Built once per layout and language, so a session
 * that switched language or program version gets new ones and every other call gets the same object.
 */
export function formTexts(session: FormSession): FormTexts {
  const { layout, locale } = session;
  const cached = built.get(session);
  if (cached && cached.layout === layout && cached.locale === locale) return cached.texts;
  const formId = session.formId;
  const text = createTextLookup(session.compiled.program, locale);
  const formTitle = () => text(textKeys.formTitle(formId)) ?? formId;
  const texts: FormTexts = {
    text,
    specs: createFieldSpecs(layout, formId, text),
    formTitle,
    pageTitle: (index) => text(textKeys.pageTitle(formId, session.page(index).id)) ?? formTitle(),
  };
  built.set(session, { layout, locale, texts });
  return texts;
}

/** What the summary and the browser's validation message call a field: its label, with the entry numbers of the lists it is in. */
export function fieldLabel(texts: FormTexts, strings: UiStrings, pointer: string): string {
  const label = texts.specs.get(pointerToFieldPath(pointer))?.label ?? texts.formTitle();
  const entries = parsePointer(pointer).filter((t) => /^\d+$/.test(t));
  if (entries.length === 0) return label;
  return `${label} (${entries.map((n) => fillString(strings.entry, { n: Number(n) + 1 })).join(', ')})`;
}
