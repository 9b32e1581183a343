import { canAdoptSheets, type CSSResult } from './sheet.js';

/**
 * Adds styles to a shadow root after its own, each sheet once: `<cf-form>` adds what comes with a file it imports
 * later (the error summary's with the validation code; the review's, the answers' and the applicant's notes' with the
 * sending code), so the first page does not carry them. Where a browser cannot adopt sheets, a `<style>` with the
 * page's `litNonce` is appended, as Lit writes its own.
 */
export function addStyles(root: ShadowRoot, styles: readonly CSSResult[]): void {
  if (canAdoptSheets) {
    const have = root.adoptedStyleSheets;
    const add = [...new Set(styles.map((s) => s.styleSheet!))].filter((sheet) => !have.includes(sheet));
    if (add.length > 0) root.adoptedStyleSheets = [...have, ...add];
    return;
  }
  const written = new Set([...root.querySelectorAll('style')].map((el) => el.textContent));
  for (const { cssText } of styles) {
    if (written.has(cssText)) continue;
    written.add(cssText);
    const style = document.createElement('style');
    const nonce = (globalThis as { litNonce?: string }).litNonce;
    if (nonce !== undefined) style.setAttribute('nonce', nonce);
    style.textContent = cssText;
    root.appendChild(style);
  }
}
