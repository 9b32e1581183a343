/**
 * Whether this browser lets a shadow root adopt constructed style sheets (every current one does); where not, an
 * element writes its styles into its shadow root as `<style>` elements (see `addStyles`).
 */
export const canAdoptSheets = typeof ShadowRoot === 'function' && 'adoptedStyleSheets' in ShadowRoot.prototype && 'replaceSync' in CSSStyleSheet.prototype;

/**
 * The styles of the form's elements: their text, made into one constructed sheet the first time a shadow root adopts
 * them, which every element of that kind then shares. The report, the inbox and the case status, elements of Lit's
 * own, take the ones they share with the form as Lit's kind of style sheet (see `litStyles`).
 */
export class CSSResult {
  #sheet: CSSStyleSheet | undefined;
  constructor(readonly cssText: string) {}

  /** The constructed sheet (undefined where a browser cannot adopt sheets). */
  get styleSheet(): CSSStyleSheet | undefined {
    if (canAdoptSheets && !this.#sheet) (this.#sheet = new CSSStyleSheet()).replaceSync(this.cssText);
    return this.#sheet;
  }

  toString(): string {
    return this.cssText;
  }
}

/** One element's styles, or several, in the order they apply. */
export type CSSResultGroup = CSSResult | readonly CSSResultGroup[];

/** A style sheet written in the source, as `css\`…\``: plain text, with no values put in. */
export const css = (text: TemplateStringsArray): CSSResult => new CSSResult(text[0]!);
