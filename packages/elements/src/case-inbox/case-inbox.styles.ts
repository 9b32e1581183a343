import { css } from 'lit';

/**
 * The inbox's layout on top of `themeStyles`: every colour, radius and space is one of the theme's `--_*` tokens,
 * so a host's `--cf-*` custom properties style it as they style `<cf-form>` (also the event forms inside it).
 * Controls keep their own padding and a 44px height, as the form's do, so a larger `--cf-space` does not bloat them.
 */
export const caseInboxStyles = css`
  .vh {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  form.inline {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    align-items: flex-end;
    margin-block: calc(var(--_space) * 0.5) var(--_space);
  }
  label {
    display: flex;
    flex-direction: column;
    font-weight: 600;
    gap: calc(var(--_space) * 0.25);
  }
  .help {
    font-weight: normal;
    color: var(--_muted);
  }
  input,
  select {
    /* max-width counts padding and border, so a long demo account name cannot overflow the page */
    box-sizing: border-box;
    font: inherit;
    min-height: 44px;
    padding: 0.25rem 0.5rem;
    color: var(--_text);
    background: var(--_bg);
    border: 2px solid var(--_border);
    border-radius: var(--_radius);
    max-width: 100%;
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  /* the link to the server's sign-in, looking like the sign-in button it replaces */
  a.button {
    display: inline-flex;
    align-items: center;
    box-sizing: border-box;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    border-radius: var(--_radius);
    text-decoration: none;
    font-weight: 600;
  }
  .signed-in form.inline {
    margin: 0;
  }
  button.secondary,
  button.link {
    background: var(--_bg);
    color: var(--_accent);
  }
  button.link {
    border: none;
    text-decoration: underline;
    padding: 0.25rem;
  }
  /* The focus colour with a ring of the text colour around it, as in <cf-form>: visible on any background. */
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: 0 0 0 5px var(--_text);
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  caption {
    text-align: start;
    font-weight: 600;
    padding-block: calc(var(--_space) * 0.5);
  }
  th,
  td {
    text-align: start;
    padding: calc(var(--_space) * 0.4) calc(var(--_space) * 0.6);
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  .paging {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    margin-block: var(--_space);
  }
  /* The export sits at the end of the paging row, away from the page buttons. */
  .paging .export {
    margin-inline-start: auto;
  }
  /* On a narrow screen every filter takes the whole width, so nothing runs off the side. */
  .filters label {
    min-width: 0;
    max-width: 100%;
  }
  @media (max-width: 40rem) {
    .filters label,
    .filters input,
    .filters select {
      width: 100%;
    }
  }
  /* On a narrow screen the history's steps stack: each a block of lines, its column's name beside each value. */
  @media (max-width: 40rem) {
    table.history thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    table.history tr {
      display: block;
      border-bottom: 1px solid var(--_border);
      padding-block: calc(var(--_space) * 0.4);
    }
    table.history td {
      display: grid;
      grid-template-columns: minmax(5.5rem, 35%) 1fr;
      gap: calc(var(--_space) * 0.5);
      border-bottom: none;
      padding-block: calc(var(--_space) * 0.15);
      overflow-wrap: anywhere;
    }
    table.history td::before {
      content: attr(data-label);
      font-weight: 600;
    }
  }
  /* Urgency is in the words; the colour and weight only repeat it. */
  .due {
    font-weight: 700;
  }
  .due-overdue {
    color: var(--_error);
  }
  .due-soon {
    color: var(--_warning);
  }
  .assignment form.inline {
    margin-block: calc(var(--_space) * 0.25) var(--_space);
  }
  .events {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    list-style: none;
    padding: 0;
  }
  .notice {
    padding: calc(var(--_space) * 0.75) var(--_space);
    border-inline-start: 4px solid var(--_accent);
    background: var(--_surface);
    margin-block: var(--_space);
  }
  .notice-error {
    border-color: var(--_error);
  }
  .event-form {
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block: var(--_space);
  }
  pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .signed-in {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.75);
    align-items: center;
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    .notice {
      border-color: CanvasText;
    }
  }
  .case-actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: calc(var(--_space) * 0.5);
  }
  /* Below the case's own section headings: the form, then its pages, then groups, each a step smaller. */
  .answers-form-heading {
    font-size: 1.0625rem;
    margin-block: calc(var(--_space) * 1.5) calc(var(--_space) * 0.5);
  }
  .case-answers .answers-heading {
    font-size: 1rem;
  }
  .case-answers .answers-subheading {
    font-size: 0.9375rem;
  }
  /* On paper the case is a record: its title, state, history and answers; nothing to press, sign in or choose. */
  @media print {
    .signed-in,
    .case-actions,
    .case-steps,
    .assignment form,
    [role='status'] {
      display: none;
    }
    .table-wrap {
      overflow: visible;
    }
    tr {
      break-inside: avoid;
    }
  }
`;
