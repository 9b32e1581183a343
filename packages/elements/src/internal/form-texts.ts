import { textKeys } from '@civicflow/core/runtime';
import type { FormLayout, FormSession } from '@civicflow/core/runtime';
import { createFieldSpecs, type FieldSpec } from './field-specs.js';
import { createTextLookup, type TextLookup } from './program-texts.js';

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
