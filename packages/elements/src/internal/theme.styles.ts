import { css } from './lit.js';

/**
 * The theme every civicflow element shares: each colour, font and space is a `--cf-*` custom property that a
 * host may set on the element or any ancestor, read here into private `--_*` names with plain public-sector
 * defaults. An element lists this first in its styles and adds its own rules after it.
 */
export const themeStyles = css`
  :host {
    --_text: var(--cf-color-text, #1b1b1b);
    --_muted: var(--cf-color-muted, #4a4a4a);
    --_bg: var(--cf-color-background, #ffffff);
    --_surface: var(--cf-color-surface, #f3f3f3);
    --_border: var(--cf-color-border, #5c5c5c);
    --_accent: var(--cf-color-accent, #0b4f8a);
    --_accent-text: var(--cf-color-accent-text, #ffffff);
    --_error: var(--cf-color-error, #b00020);
    --_success: var(--cf-color-success, #1e6b35);
    --_warning: var(--cf-color-warning, #7a4d00);
    --_focus: var(--cf-color-focus, #ffbf47);
    --_radius: var(--cf-radius, 0.25rem);
    --_space: var(--cf-space, 1rem);
    display: block;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--cf-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif);
    font-size: var(--cf-font-size, 1rem);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
`;
