import { de } from './de.js';
import { en } from './en.js';
import { forLocale } from '../runtime/locale.js';

const builtIn: Readonly<Record<string, Readonly<Record<string, string>>>> = { de, en };

/** The locales whose messages ship with civicflow. */
export const builtInLocales: readonly string[] = Object.keys(builtIn);

/** The built-in catalogue for a locale (see `matchLocale`), else English. */
export function builtInMessages(locale: string): Readonly<Record<string, string>> {
  return forLocale(builtIn, locale) ?? en;
}

/** Fills `{name}` placeholders from params; unknown names stay as they are. */
export function fillMessage(template: string, params: Readonly<Record<string, unknown>>): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) => {
    // Only the params' own values: `{constructor}` must not print what every object inherits.
    const v = Object.prototype.hasOwnProperty.call(params, name) ? params[name] : undefined;
    if (v === undefined) return whole;
    return Array.isArray(v) ? v.join(', ') : String(v);
  });
}
