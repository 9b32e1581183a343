import { localeChain, localeFallbacks, matchLocale } from './locale.js';

/**
 * The texts a program has for `tag` itself, as one table: the best match's and those of the locales it falls back to
 * (`de-x-ls`, then `de`), the more specific winning; not the default locale's, unless it is one of them.
 */
export function textsInLocale(
  texts: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined,
  locales: readonly string[],
  tag: string,
): Readonly<Record<string, string>> {
  const best = matchLocale(tag, locales);
  if (best === undefined || !texts) return {};
  const own = localeChain(best, locales).filter((l) => localeFallbacks(best).some((f) => f.toLowerCase() === l.toLowerCase()));
  if (own.length === 1) return texts[best] ?? {};
  return Object.assign({}, ...own.reverse().map((l) => texts[l] ?? {})) as Record<string, string>;
}
