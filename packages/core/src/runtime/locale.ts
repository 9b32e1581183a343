/** The language of a BCP 47 tag, in lower case: `de` for `de-CH` and for `DE-ch`; '' for ''. */
export function languageOf(tag: string): string {
  const dash = tag.indexOf('-');
  return (dash === -1 ? tag : tag.slice(0, dash)).toLowerCase();
}

/**
 * The best of `available` for a tag: the tag itself, else its language (`de` for `de-CH`), else the first one of
 * the same language (`de-CH` for `de-AT`). Tags compare without regard to case, as BCP 47 wants. Undefined when
 * nothing fits, so that each caller picks its own default.
 */
export function matchLocale(tag: string, available: Iterable<string>): string | undefined {
  const wanted = tag.toLowerCase();
  const language = languageOf(tag);
  let ofLanguage: string | undefined;
  let sameLanguage: string | undefined;
  for (const l of available) {
    const lower = l.toLowerCase();
    if (lower === wanted) return l;
    if (ofLanguage === undefined && lower === language) ofLanguage = l;
    else if (sameLanguage === undefined && languageOf(l) === language) sameLanguage = l;
  }
  return wanted === '' ? undefined : (ofLanguage ?? sameLanguage);
}

/**
 * The entry of a table by locale (a catalogue, a program's texts, a title) for a tag, matched as `matchLocale`
 * does; undefined when the table has none that fits.
 */
export function forLocale<T>(byLocale: Readonly<Record<string, T>> | undefined, tag: string): T | undefined {
  if (!byLocale) return undefined;
  // Most tags ask for a locale the table has as it is; only the others pay for the search.
  if (Object.prototype.hasOwnProperty.call(byLocale, tag)) return byLocale[tag];
  const key = matchLocale(tag, Object.keys(byLocale));
  return key === undefined ? undefined : byLocale[key];
}
