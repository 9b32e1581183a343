import { parsePointer, pointerToFieldPath, textKeys } from '@civicflow/core/runtime';
import type { FormLayout, FormSessionBase, Program } from '@civicflow/core/runtime';
import { createFieldSpecs, rewordFieldSpecs, type FieldSpec } from './field-specs.js';
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

const built = new WeakMap<FormSessionBase, { layout: FormLayout; locale: string; program: Program; texts: FormTexts }>();

/**
 * The words of a session's form in its current language. Built once per layout, language and program, so a session
 * that switched language, program version or words (`showWords`) gets new ones and every other call gets the same object.
 */
export function formTexts(session: FormSessionBase): FormTexts {
  const { layout, locale } = session;
  const program = session.compiled.program;
  const cached = built.get(session);
  if (cached && cached.layout === layout && cached.locale === locale && cached.program === program) return cached.texts;
  const text = createTextLookup(program, locale);
  return keep(session, text, createFieldSpecs(layout, session.formId, text));
}

function keep(session: FormSessionBase, text: TextLookup, specs: ReadonlyMap<string, FieldSpec>): FormTexts {
  const formId = session.formId;
  const formTitle = () => text(textKeys.formTitle(formId)) ?? formId;
  const texts: FormTexts = {
    text,
    specs,
    formTitle,
    pageTitle: (index) => text(textKeys.pageTitle(formId, session.page(index).id)) ?? formTitle(),
  };
  built.set(session, { layout: session.layout, locale: session.locale, program: session.compiled.program, texts });
  return texts;
}

/**
 * After a session took new words for the same layout and language (`showWords`): its words, built from `before` (its
 * words until then), where each field whose words stayed keeps its spec. Without such words before, built afresh.
 */
export function rewordFormTexts(session: FormSessionBase, before: FormTexts): FormTexts {
  const cached = built.get(session);
  if (cached?.texts !== before || cached.layout !== session.layout || cached.locale !== session.locale) return formTexts(session);
  const text = createTextLookup(session.compiled.program, session.locale);
  return keep(session, text, rewordFieldSpecs(before.specs, session.formId, text));
}

/** What the summary and the browser's validation message call a field: its label, with the entry numbers of the lists it is in. */
export function fieldLabel(texts: FormTexts, strings: UiStrings, pointer: string): string {
  const label = texts.specs.get(pointerToFieldPath(pointer))?.label ?? texts.formTitle();
  const entries = parsePointer(pointer).filter((t) => /^\d+$/.test(t));
  if (entries.length === 0) return label;
  return `${label} (${entries.map((n) => fillString(strings.entry, { n: Number(n) + 1 })).join(', ')})`;
}
