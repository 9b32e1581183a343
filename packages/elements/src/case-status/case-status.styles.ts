import { css } from 'lit';

export const caseStatusStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
    /* The theme's custom properties, as <cf-form> reads them, so one host theme covers every element. */
    --cf-accent: var(--cf-color-accent, #0b4f8a);
    --cf-muted: var(--cf-color-muted, #4a4a4a);
  }
  .cf {
    max-width: 44rem;
  }
  dl.facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.25rem 1rem;
    margin: 0 0 1rem;
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
    margin: 0 0 1.5rem;
    padding: 0;
    border-inline-start: 3px solid var(--cf-accent);
  }
  ol.timeline li {
    position: relative;
    margin: 0 0 1rem;
    padding-inline-start: 1.25rem;
  }
  ol.timeline li::before {
    content: '';
    position: absolute;
    inset-inline-start: -0.6rem;
    top: 0.3rem;
    width: 0.9rem;
    height: 0.9rem;
    border-radius: 50%;
    background: Canvas;
    border: 3px solid var(--cf-accent);
  }
  ol.timeline li[aria-current='step']::before {
    background: var(--cf-accent);
  }
  .step-title {
    font-weight: 600;
    display: block;
  }
  .current-mark {
    font-weight: normal;
    color: var(--cf-muted);
  }
  .meta {
    color: var(--cf-muted);
    display: block;
  }
  .notice {
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--cf-accent);
    background: #eef4fb;
  }
  .notice-error {
    border-color: #b00020;
    background: #fdecee;
  }
  button {
    font: inherit;
    padding: 0.5rem 1rem;
    min-height: 44px;
    border: 2px solid var(--cf-accent);
    background: Canvas;
    color: var(--cf-accent);
    border-radius: 4px;
    cursor: pointer;
  }
  button:focus-visible,
  [tabindex='-1']:focus-visible {
    outline: 3px solid #ffbf47;
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    ol.timeline,
    ol.timeline li::before,
    .notice {
      border-color: CanvasText;
      forced-color-adjust: auto;
    }
    ol.timeline li[aria-current='step']::before {
      background: Highlight;
    }
  }
`;
