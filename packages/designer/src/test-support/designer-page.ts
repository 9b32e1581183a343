// What the designer's browser tests share: the designer as `civicflow dev` serves it (the built bundle, so run
// `npm run build` first), an example's file as the designer reads it, and the element that has the focus.
import type { CfProgramDesigner } from '../designer/program-designer.js';

export async function loadBundle(): Promise<void> {
  await import(/* @vite-ignore */ new URL('/packages/designer/dist/cf-program-designer.bundle.js', location.href).href);
}

export async function exampleText(name: string): Promise<string> {
  return (await fetch(`/examples/${name}/program.json`)).text();
}

/** A designer on the page with `text` open, in `locale`, with other attributes set before it starts. */
export async function mountDesigner(text: string, locale: string, attributes: Record<string, string> = {}): Promise<CfProgramDesigner> {
  const el = document.createElement('cf-program-designer');
  el.setAttribute('locale', locale);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  el.text = text;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** The focused element, through every shadow root on the way. */
export function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
