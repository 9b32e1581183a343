import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

/**
 * Sets CSS properties on an element through the CSSOM (`element.style.setProperty`), on the first render too. Lit's
 * `styleMap` writes a `style` attribute on the first render, which a page's Content-Security-Policy without
 * `style-src 'unsafe-inline'` refuses (the demo's pages send such a policy); the CSSOM is not subject to it.
 * Only as an element binding: `<span ${cssProps({ '--share': '0.4' })}>`.
 */
class CssProps extends Directive {
  #set = new Set<string>();

  render(_props: Readonly<Record<string, string>>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#set) if (!(name in props)) style.removeProperty(name);
    this.#set = new Set(Object.keys(props));
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    return noChange;
  }
}

export const cssProps = directive(CssProps);
