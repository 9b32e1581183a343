import { css } from '../internal/lit.js';

/**
 * What only a form that was sent, or refused when sent, shows: the confirmation with its reference, and the support
 * code under a refusal. They come with the sending code, which is there before either can show.
 */
export const sentStyles = css`
  .support-code {
    font-size: 0.875rem;
    color: var(--_muted);
  }
  .confirmation {
    border: 4px solid var(--_success);
    padding: var(--_space);
  }
  .reference {
    font-size: 1.5rem;
    font-weight: 700;
    letter-spacing: 0.05em;
    font-variant-numeric: tabular-nums;
  }
  @media (forced-colors: active) {
    .confirmation {
      border: 2px solid CanvasText;
    }
  }
`;
