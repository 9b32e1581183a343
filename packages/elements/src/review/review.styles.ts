import { css } from '../internal/lit.js';

/** Styles of `<cf-review>`, applied in the form's shadow root (the answers themselves: `answers.styles.ts`). */
export const reviewStyles = css`
  .review .answers-action {
    justify-self: end;
  }
`;
