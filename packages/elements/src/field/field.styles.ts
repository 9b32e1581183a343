import { css } from '../internal/lit.js';

/** Styles of `<cf-field>`; they live in the form's shadow root, where the fields render. */
export const fieldStyles = css`
  .field {
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  .field.invalid {
    border-inline-start: 4px solid var(--_error);
    padding-inline-start: calc(var(--_space) * 0.75);
  }
  .field > label,
  .field > legend {
    display: block;
    font-weight: 700;
    margin-bottom: 0.25rem;
  }
  .required {
    font-weight: 400;
    color: var(--_muted);
  }
  input:not([type='radio'], [type='checkbox'], [type='file']),
  select,
  textarea {
    display: block;
    width: 100%;
    max-width: var(--cf-input-max-width, 30rem);
    min-height: 2.75rem;
    padding: 0.375rem 0.5rem;
    font: inherit;
    color: var(--_text);
    background: var(--_bg);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
  }
  input.short {
    max-width: 12rem;
  }
  .date-parts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .date-part label {
    display: block;
    margin-bottom: 0.25rem;
  }
  .date-part input.w2 {
    width: 3.75rem;
  }
  .date-part input.w4 {
    width: 5.5rem;
  }
  output.derived {
    display: block;
    font-size: 1.125rem;
    font-variant-numeric: tabular-nums;
  }
  output.derived:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  textarea {
    min-height: 7rem;
    resize: vertical;
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--_error);
    border-width: 3px;
  }
  /* Two colours, so that one of them stands out from whatever is around (WCAG technique C40): the focus colour
     outside, the text colour inside. A date input keeps the ring while its calendar button has the focus (the input
     then matches neither :focus nor :focus-visible). */
  input:focus-visible,
  input[type='date']:focus-within,
  select:focus-visible,
  textarea:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }
  input[type='file'] {
    font: inherit;
    max-width: 100%;
  }
  .choices {
    display: grid;
    gap: 0.5rem;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.625rem;
  }
  .choice input {
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0.125rem 0 0;
    accent-color: var(--_accent);
  }
  .choice input:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_text);
  }
  .choice label {
    font-weight: 400;
    padding-block: 0.125rem;
    cursor: pointer;
  }
  .single label {
    font-weight: 700;
  }
  .help.after {
    margin-top: 0.5rem;
    margin-inline-start: 2.125rem;
  }
  .file {
    margin: 0.5rem 0;
  }
  @media (forced-colors: active) {
    .field.invalid {
      border-inline-start-color: CanvasText;
    }
    input:focus-visible,
    input[type='date']:focus-within,
    select:focus-visible,
    textarea:focus-visible {
      outline: 3px solid Highlight;
    }
  }
`;
