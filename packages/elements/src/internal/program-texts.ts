import type { Program } from '@civicflow/core/runtime';

/** Looks up a program text: the locale (or its language), then the program's default locale. */
export type TextLookup = (key: string) => string | undefined;

export function createTextLookup(program: Program, locale: string): TextLookup {
  const texts = program.definition.texts ?? {};
  const own = texts[locale] ?? texts[locale.split('-')[0] ?? ''] ?? {};
  const fallback = texts[program.locales[0] ?? ''] ?? {};
  return (key) => own[key] ?? fallback[key];
}

/** The locale a program's texts will actually be shown in: the requested one if the program has it, else its default. */
export function textLocaleOf(program: Program, locale: string): string {
  const texts = program.definition.texts ?? {};
  if (texts[locale]) return locale;
  const language = locale.split('-')[0] ?? '';
  if (texts[language]) return language;
  return program.locales[0] ?? locale;
}
