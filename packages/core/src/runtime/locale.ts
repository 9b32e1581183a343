/** The language of a BCP 47 tag, in lower case: `de` for `de-CH` and for `DE-ch`; '' for ''. */
export function languageOf(tag: string): string {
  const dash = tag.indexOf('-');
  return (dash === -1 ? tag : tag.slice(0, dash)).toLowerCase();
}

/**
 * The best of `available` for a tag: the tag itself, else the longest tag it falls back to (`de-x-ls` for
 * `de-x-ls-CH`, see `localeFallbacks`), else its language (`de` for `de-CH`), else the first one of
 * the same language (`de-CH` for `de-AT`). Tags compare without regard to case, as BCP 47 wants. Undefined when
 * nothing fits, so that each caller picks its own default.
 */
export function matchLocale(tag: string, available: Iterable<string>): string | undefined {
  const wanted = tag.toLowerCase();
  const language = languageOf(tag);
  let ofLanguage: string | undefined;
  let sameLanguage: string | undefined;
  // A tag of three or more subtags may have a closer match than its language (`de-x-ls` for `de-x-ls-CH`).
  const closer = wanted.indexOf('-') !== wanted.lastIndexOf('-') ? localeFallbacks(wanted).slice(1, -1) : [];
  let closest: string | undefined;
  let closestAt = closer.length;
  for (const l of available) {
    const lower = l.toLowerCase();
    if (lower === wanted) return l;
    const at = closer.length === 0 ? -1 : closer.indexOf(lower);
    if (at !== -1 && at < closestAt) [closest, closestAt] = [l, at];
    if (ofLanguage === undefined && lower === language) ofLanguage = l;
    else if (sameLanguage === undefined && languageOf(l) === language) sameLanguage = l;
  }
  return wanted === '' ? undefined : (closest ?? ofLanguage ?? sameLanguage);
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

/**
 * The tags a text in `tag` falls back to, most specific first, as the lookup of RFC 4647 (3.4) truncates:
 * `de-CH-x-ls` → `de-CH-x-ls`, `de-CH`, `de`. A singleton left at the end (`x`, `u`) goes with the subtag after it.
 */
export function localeFallbacks(tag: string): string[] {
  const out: string[] = [];
  let rest = tag;
  while (rest !== '') {
    out.push(rest);
    const dash = rest.lastIndexOf('-');
    rest = dash === -1 ? '' : rest.slice(0, dash);
    const single = rest.lastIndexOf('-');
    if (single !== -1 && rest.length - single === 2) rest = rest.slice(0, single);
  }
  return out;
}

/**
 * Which of a program's locales give the texts shown in `tag`, in the order they are asked: the best match
 * (`matchLocale`), the locales it falls back to (`de` for `de-x-ls`: what a designer did not write in Leichte
 * Sprache is shown in German), then the program's default locale (the first).
 */
export function localeChain(tag: string, locales: readonly string[]): string[] {
  const chain: string[] = [];
  const add = (l: string | undefined) => {
    if (l !== undefined && !chain.includes(l)) chain.push(l);
  };
  const best = matchLocale(tag, locales);
  if (best !== undefined) {
    for (const f of localeFallbacks(best)) add(locales.find((l) => l.toLowerCase() === f.toLowerCase()));
  }
  add(locales[0]);
  return chain;
}

/** A program text by key in `tag`, looked up along `localeChain`: a locale's own text first, else the next one's. */
export function textLookupFor(
  texts: Readonly<Record<string, Readonly<Record<string, string>>>> | undefined,
  locales: readonly string[],
  tag: string,
): (key: string) => string | undefined {
  const tables = localeChain(tag, locales)
    .map((l) => texts?.[l])
    .filter((t): t is Readonly<Record<string, string>> => t !== undefined);
  if (tables.length === 1) {
    const only = tables[0]!;
    return (key) => (Object.prototype.hasOwnProperty.call(only, key) ? only[key] : undefined);
  }
  return (key) => {
    for (const t of tables) if (Object.prototype.hasOwnProperty.call(t, key)) return t[key];
    return undefined;
  };
}
