import { css } from './lit.js';

/** What the applicant is told (the confirmation of `<cf-form>`, the status of `<cf-case-status>`), on the theme's tokens. */
export const applicantNotesStyles = css`
  .due {
    font-weight: 700;
  }
  .notes-part ul {
    margin-block: 0 var(--_space);
    padding-inline-start: 1.25rem;
  }
  .notes-part li + li {
    margin-block-start: calc(var(--_space) * 0.25);
  }
  /* The theme's accent, which the buttons already carry on the background, marks the e-mail links too. */
  .told a,
  .notes-part a {
    color: var(--_accent);
  }
  .contact-lines,
  .notes-part li {
    overflow-wrap: anywhere;
  }
`;
