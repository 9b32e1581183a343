import { css } from '../internal/lit.js';

/** The form's layout on top of `themeStyles`; every visible piece is also a `::part`. */
export const formStyles = css`
  :host {
    --_max: var(--cf-max-width, 42rem);
    container-type: inline-size;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .cf {
    max-width: var(--_max);
    overflow-wrap: anywhere;
  }
  cf-field,
  cf-steps,
  cf-error-summary,
  cf-review {
    display: block;
  }
  .vh {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: 0;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    border: 0;
    white-space: nowrap;
  }
  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin: 0 0 calc(var(--_space) * 0.75);
    line-height: 1.25;
    font-family: var(--cf-heading-font-family, inherit);
  }
  .title {
    font-size: var(--cf-title-size, 1.75rem);
  }
  .page-title {
    font-size: var(--cf-page-title-size, 1.375rem);
  }
  [tabindex='-1']:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_text);
  }
  [tabindex='-1']:focus:not(:focus-visible) {
    outline: none;
  }
  p {
    margin: 0 0 var(--_space);
  }
  .description {
    color: var(--_muted);
  }
  form.disabled {
    opacity: 0.6;
  }
  fieldset {
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    font-weight: 700;
    font-size: 1.125rem;
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .group > legend,
  .list > legend {
    font-size: 1.25rem;
  }
  .group.invalid,
  .list.invalid {
    border-inline-start: 4px solid var(--_error);
    padding-inline-start: calc(var(--_space) * 0.75);
  }
  .entry {
    border: 2px solid var(--_surface);
    border-inline-start: 4px solid var(--_border);
    padding: calc(var(--_space) * 0.75);
    margin-bottom: var(--_space);
  }
  .entry > legend {
    font-size: 1rem;
    padding-inline: 0.25rem;
  }
  .empty {
    color: var(--_muted);
  }
  .help {
    color: var(--_muted);
    margin-bottom: calc(var(--_space) * 0.5);
  }
  .error {
    color: var(--_error);
    font-weight: 700;
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    align-items: center;
    margin: calc(var(--_space) * 1.5) 0 var(--_space);
  }
  .actions .primary {
    margin-inline-start: auto;
  }
  .button {
    font: inherit;
    font-weight: 700;
    min-height: 2.75rem;
    padding: 0.5rem 1.25rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    cursor: pointer;
    max-width: 100%;
  }
  .button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .button.secondary {
    background: var(--_bg);
    color: var(--_accent);
  }
  .button:hover {
    text-decoration: underline;
  }
  .button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .link-button {
    font: inherit;
    background: none;
    border: 0;
    padding: 0.25rem 0;
    color: var(--_accent);
    text-decoration: underline;
    cursor: pointer;
    min-height: 2.75rem;
  }
  button:focus-visible,
  a:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_text);
  }
  .notice {
    border-inline-start: 6px solid var(--_accent);
    background: var(--_surface);
    padding: var(--_space);
    margin: var(--_space) 0;
  }
  .notice > p:last-child {
    margin-bottom: 0;
  }
  .notice .button {
    margin-top: calc(var(--_space) * 0.5);
  }
  .notice-error {
    border-color: var(--_error);
  }
  .notice-warning {
    border-color: var(--_warning);
  }
  .notice-title {
    font-weight: 700;
    margin-top: 0;
  }
  .notice:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_text);
  }
  @container (max-width: 30rem) {
    .actions {
      flex-direction: column;
      align-items: stretch;
    }
    .actions .primary {
      order: -1;
      margin-inline-start: 0;
    }
    .title {
      font-size: 1.5rem;
    }
  }
  @media (forced-colors: active) {
    .button,
    .notice,
    .entry {
      border: 2px solid CanvasText;
    }
    .group.invalid,
    .list.invalid {
      border-inline-start-color: CanvasText;
    }
    button:focus-visible,
    a:focus-visible,
    [tabindex='-1']:focus,
    .notice:focus {
      outline: 3px solid Highlight;
    }
  }
`;
