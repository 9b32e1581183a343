import { matchLocale, textLookupFor, type Program } from '@civicflow/core/runtime';

/** Looks up a program text along core's `localeChain`: the locale, the one it falls back to (`de` for `de-x-ls`), the default. */
export type TextLookup = (key: string) => string | undefined;

export function createTextLookup(program: Program, locale: string): TextLookup {
  return textLookupFor(program.definition.texts, program.locales, locale);
}

/** The locale a program's texts will actually be shown in: the requested one if the program has it, else its default. */
export function textLocaleOf(program: Program, locale: string): string {
  const texts = program.definition.texts ?? {};
  return matchLocale(locale, Object.keys(texts)) ?? program.locales[0] ?? locale;
}
