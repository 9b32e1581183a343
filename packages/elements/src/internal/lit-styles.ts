import { unsafeCSS, type CSSResult as LitCSSResult } from 'lit';
import type { CSSResult } from './sheet.js';

/**
 * The form's styles (its theme, the answers, the applicant's notes) for an element of Lit's own (the inbox, the case
 * status, the report): the same text, as Lit's own kind of style sheet.
 */
export const litStyles = (...styles: CSSResult[]): LitCSSResult[] => styles.map((s) => unsafeCSS(s.cssText));
