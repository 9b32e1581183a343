import { forLocale, matchLocale, type Program } from '@civicflow/core/runtime';

/** Looks up a program text: the locale (core's `matchLocale`), then the program's default locale. */
export type TextLookup = (key: string) => string | undefined;

export function createTextLookup(program: Program, locale: string): TextLookup {
  const texts = program.definition.texts ?? {};
  const own = forLocale(texts, locale) ?? {};
  const fallback = texts[program.locales[0] ?? ''] ?? {};
  return (key) => own[key] ?? fallback[key];
}

/** The locale a program's texts will actually be shown in: the requested one if the program has it, else its default. */
export function textLocaleOf(program: Program, locale: string): string {
  const texts = program.definition.texts ?? {};
  return matchLocale(locale, Object.keys(texts)) ?? program.locales[0] ?? locale;
}
