import { css } from '../internal/lit.js';

/** Styles of `<cf-steps>`, applied in the form's shadow root. */
export const stepsStyles = css`
  .steps {
    margin: 0 0 var(--_space);
  }
  .steps-text {
    color: var(--_muted);
    margin: 0 0 0.5rem;
  }
  .steps-list {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
    counter-reset: step;
  }
  /* Plain text with a mark under the current step: nothing here can be pressed, so nothing looks like a button. */
  .step {
    counter-increment: step;
    font-size: 0.875rem;
    /* Room for the current step's line, so the row does not jump; no transparent border, which forced colours would show. */
    padding: 0.125rem 0 calc(0.125rem + 3px);
    color: var(--_muted);
  }
  .step + .step::before {
    content: '›';
    margin-inline-end: 0.5rem;
    color: var(--_muted);
  }
  .step > .n::before {
    content: counter(step) '. ';
  }
  .step.done {
    color: var(--_text);
  }
  .step.current {
    color: var(--_text);
    padding-block-end: 0.125rem;
    border-block-end: 3px solid var(--_accent);
    font-weight: 700;
  }
  @container (max-width: 30rem) {
    .steps-list {
      display: none;
    }
  }
  @media (forced-colors: active) {
    .step.current {
      border-block-end-color: Highlight;
    }
  }
`;
