import { css } from 'lit';

/** Styles of `<cf-review>`, applied in the form's shadow root. */
export const reviewStyles = css`
  .review-section {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .review-heading {
    font-size: 1.125rem;
    border-bottom: 2px solid var(--_border);
    padding-bottom: 0.25rem;
  }
  .review-subheading {
    font-size: 1rem;
    margin-top: var(--_space);
  }
  .review-list {
    margin: 0;
  }
  .review-row {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto;
    gap: 0.25rem var(--_space);
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_surface);
  }
  .review-row dt {
    font-weight: 700;
  }
  .review-row dd {
    margin: 0;
    white-space: pre-wrap;
  }
  .review-row dd.empty {
    color: var(--_muted);
  }
  @container (max-width: 30rem) {
    .review-row {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
