import { css } from './lit.js';

/** Styles of answers drawn by `renderAnswers`, for the shadow root of each element that shows them. */
export const answersStyles = css`
  .answers-section {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .answers-heading {
    font-size: 1.125rem;
    border-bottom: 2px solid var(--_border);
    padding-bottom: 0.25rem;
  }
  .answers-subheading {
    font-size: 1rem;
    margin: var(--_space) 0 0;
  }
  .answers-group {
    padding-inline-start: var(--_space);
    border-inline-start: 2px solid var(--_surface);
  }
  .answers-list {
    margin: 0;
  }
  .answers-row {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto;
    gap: 0.25rem var(--_space);
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_surface);
  }
  .answers-row dt {
    font-weight: 700;
  }
  .answers-row dd {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .answers-row dd.empty {
    color: var(--_muted);
  }
  @container (max-width: 30rem) {
    .answers-row {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  @media (max-width: 30rem) {
    .answers-row {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  @media print {
    .answers-action {
      display: none;
    }
    .answers-row {
      grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
      break-inside: avoid;
    }
    .answers-heading,
    .answers-subheading {
      break-after: avoid;
    }
  }
`;
