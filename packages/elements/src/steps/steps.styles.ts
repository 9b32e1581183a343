import { css } from 'lit';

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
  .step {
    counter-increment: step;
    font-size: 0.875rem;
    padding: 0.125rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: 1rem;
    color: var(--_muted);
  }
  .step::before {
    content: counter(step) '. ';
  }
  .step.done {
    color: var(--_text);
    border-color: var(--_success);
  }
  .step.current {
    color: var(--_accent-text);
    background: var(--_accent);
    border-color: var(--_accent);
    font-weight: 700;
  }
  @container (max-width: 30rem) {
    .steps-list {
      display: none;
    }
  }
  @media (forced-colors: active) {
    .step.current {
      border: 3px solid Highlight;
    }
  }
`;
