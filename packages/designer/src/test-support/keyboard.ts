// How the designer's browser tests work it: by keyboard alone, as a person would, waiting after each key until the
// designer and the elements inside it have drawn what the key changed.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { CfProgramDesigner } from '../designer/program-designer.js';
import { deepActive } from './designer-page.js';

type Updating = Element & { updateComplete: Promise<unknown> };
const updating = (e: Element): e is Updating => 'updateComplete' in e;

/** Waits until the designer and every element in its shadow root have rendered, over three frames. */
export async function settle(el: CfProgramDesigner): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await el.updateComplete;
    for (const inner of el.shadowRoot?.querySelectorAll('*') ?? []) if (updating(inner)) await inner.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/** A key pressed while a modifier is held. */
export async function chord(modifier: string, key: string): Promise<void> {
  await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  await sendKeys({ up: modifier });
}

/** A key (with a modifier held, if given), then the designer settles. */
export async function press(el: CfProgramDesigner, key: string, modifier?: string): Promise<void> {
  if (modifier) await chord(modifier, key);
  else await sendKeys({ press: key });
  await settle(el);
}

/** Every element of the designer, through the shadow roots inside it, in document order. */
function allIn(root: ShadowRoot | Element): Element[] {
  const out: Element[] = [];
  for (const e of root.querySelectorAll('*')) {
    out.push(e);
    if (e.shadowRoot) out.push(...allIn(e.shadowRoot));
  }
  return out;
}

export type Target = string | ((e: Element) => boolean);
export const byId = (id: string) => (e: Element) => e.id === id;
export const treeItem = (e: Element) => e.getAttribute('role') === 'treeitem';

/**
 * Presses Tab until the focused element is the target (an id, or a test), and returns it. It goes backwards with
 * Shift+Tab when `back` says so or, left open, when the first target Tab can reach comes before the focus. The focus
 * must not stay outside the page: once Tab had left it past the last control, Chromium gave the next test file's
 * page no focus at all. So where Tab leaves the page (after the focus was taken away, Chromium goes on from where it
 * was), the search turns round once, which brings the focus back in.
 */
export async function tabTo(el: CfProgramDesigner, target: Target, { back, limit = 600 }: { back?: boolean; limit?: number } = {}): Promise<HTMLElement> {
  const matches = typeof target === 'string' ? byId(target) : target;
  const what = typeof target === 'string' ? `#${target}` : 'the element';
  if (back === undefined) {
    const all = allIn(el.shadowRoot!);
    // The first match Tab can reach: a list item or a row may carry the same mark as the button inside it.
    const there = all.findIndex((e) => matches(e) && (e as HTMLElement).tabIndex >= 0);
    const here = deepActive();
    back = there !== -1 && here !== null && all.indexOf(here) > there;
  }
  let turned = false;
  for (let i = 0; i < limit; i++) {
    const a = deepActive();
    if (a && matches(a)) return a as HTMLElement;
    if (i > 0 && (!a || a === document.body)) {
      // Past the page's last (or first) control: the other way round brings the focus back into the page.
      if (turned) throw new Error(`focus left the page on both ends before it reached ${what}`);
      turned = true;
      back = !back;
    }
    await press(el, 'Tab', back ? 'Shift' : undefined);
  }
  throw new Error(`focus never reached ${what}`);
}

/** Tabs to the box `id`, replaces what it holds with `text` and, unless `stay`, tabs on (so a change is made). */
export async function typeInto(el: CfProgramDesigner, id: string, text: string, { stay = false } = {}): Promise<void> {
  await tabTo(el, id);
  await chord('Control', 'KeyA');
  await sendKeys({ type: text });
  if (!stay) await sendKeys({ press: 'Tab' });
  await settle(el);
}

/** The outline's row `id`, reached with the arrow keys from its first row. */
export async function selectRow(el: CfProgramDesigner, id: string): Promise<void> {
  await tabTo(el, treeItem);
  await press(el, 'Home');
  for (let i = 0; i < 40 && deepActive()!.id !== id; i++) await press(el, 'ArrowDown');
  expect(deepActive()!.id).to.equal(id);
}

/** What the designer last said to a screen reader. */
export const announced = (el: CfProgramDesigner) => el.shadowRoot!.querySelector('#announcer')!.textContent!.trim();

/** Takes the designers a test put on the page away again, and what they kept. */
export function removeDesigners(): void {
  for (const el of document.querySelectorAll('cf-program-designer')) el.remove();
  localStorage.clear();
}
