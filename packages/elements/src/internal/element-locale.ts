import { directionOf } from './ui-strings.js';

/** An element with a `locale` property, which the page may leave unset. */
interface LocalisedElement extends HTMLElement {
  readonly locale?: string | undefined;
}

/** The locale an element shows: its own `locale`, else the nearest `lang` around it (its own included), else `fallback`. */
export function localeOf(element: LocalisedElement, fallback: string): string {
  return element.locale || element.closest('[lang]')?.getAttribute('lang') || fallback;
}

/**
 * The locale in effect of an element whose wording is a built-in catalogue that the page may override (`strings`),
 * with that wording and the writing direction. Each is read afresh, because the nearest `lang` may change without
 * the element noticing; what the element does when its locale changes (reload, switch a form's language) stays its own.
 */
export class ElementLocale<S> {
  readonly #host: LocalisedElement & { readonly strings?: Partial<S> | undefined };
  readonly #wording: (locale: string, overrides?: Partial<S>) => S;
  readonly #fallback: string;

  constructor(
    host: LocalisedElement & { readonly strings?: Partial<S> | undefined },
    wording: (locale: string, overrides?: Partial<S>) => S,
    fallback: string,
  ) {
    this.#host = host;
    this.#wording = wording;
    this.#fallback = fallback;
  }

  get locale(): string {
    return localeOf(this.#host, this.#fallback);
  }

  get strings(): S {
    return this.#wording(this.locale, this.#host.strings);
  }

  get direction(): 'rtl' | 'ltr' {
    return directionOf(this.locale);
  }
}
