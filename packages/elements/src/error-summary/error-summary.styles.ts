import { css } from '../internal/lit.js';

/** Styles of `<cf-error-summary>`, applied in the form's shadow root. */
export const errorSummaryStyles = css`
  .error-summary {
    border: 4px solid var(--_error);
    padding: var(--_space);
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  .error-summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_text);
  }
  .error-summary-title {
    font-size: 1.25rem;
  }
  .error-summary ul {
    margin: 0;
    padding-inline-start: 1.25rem;
  }
  .error-summary li {
    margin-bottom: 0.25rem;
  }
  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }
  @media (forced-colors: active) {
    .error-summary:focus {
      outline: 3px solid Highlight;
    }
  }
`;
