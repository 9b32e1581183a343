import { css } from 'lit';

/**
 * The timeline's layout on top of `themeStyles`: every colour, radius and space is one of the theme's `--_*`
 * tokens, so a host's `--cf-*` custom properties style it as they style `<cf-form>`.
 */
export const caseStatusStyles = css`
  .cf {
    max-width: 44rem;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: calc(var(--_space) * 0.25) var(--_space);
    margin: 0 0 var(--_space);
  }
  dl.facts dt {
    font-weight: 600;
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  ol.timeline {
    list-style: none;
    margin: 0 0 calc(var(--_space) * 1.5);
    padding: 0;
    border-inline-start: 3px solid var(--_accent);
  }
  ol.timeline li {
    position: relative;
    margin: 0 0 var(--_space);
    padding-inline-start: calc(var(--_space) * 1.25);
  }
  /* The dot on the line: its size and place follow the line, not the theme's space. */
  ol.timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: -0.6rem;
    top: 0.3rem;
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 50%;
    background: var(--_bg);
    border: 3px solid var(--_accent);
  }
  ol.timeline li[aria-current='step']::before {
    background: var(--_accent);
  }
  .step-title {
    font-weight: 600;
    display: block;
  }
  .current-mark {
    font-weight: normal;
    color: var(--_muted);
  }
  .meta {
    color: var(--_muted);
    display: block;
  }
  .notice {
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-inline-start: 4px solid var(--_accent);
    background: var(--_surface);
  }
  .notice-error {
    border-color: var(--_error);
  }
  button {
    font: inherit;
    padding: 0.5rem 1rem;
    min-height: 44px;
    border: 2px solid var(--_accent);
    background: var(--_bg);
    color: var(--_accent);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  /* The chosen step and the send button: filled with the accent, as <cf-form>'s primary button. */
  button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  ul.steps {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    list-style: none;
    margin: 0 0 var(--_space);
    padding: 0;
  }
  .step-form {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block: var(--_space);
  }
  .step-form .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
  }
  .next .notice {
    margin-block: var(--_space);
  }
  /* The focus colour with a ring of the text colour around it, as in <cf-form>: visible on any background. */
  button:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_text);
  }
  @media (forced-colors: active) {
    ol.timeline,
    ol.timeline li::before,
    .notice,
    .step-form {
      border-color: CanvasText;
      forced-color-adjust: auto;
    }
    button {
      border-color: ButtonText;
    }
    ol.timeline li[aria-current='step']::before {
      background: Highlight;
    }
  }
`;
