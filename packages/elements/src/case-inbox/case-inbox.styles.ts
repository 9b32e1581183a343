import { css } from 'lit';

export const caseInboxStyles = css`
  :host {
    display: block;
    font: inherit;
    color: inherit;
    /* The theme's custom properties, as <cf-form> reads them, so one host theme covers every element. */
    --cf-accent: var(--cf-color-accent, #0b4f8a);
    --cf-muted: var(--cf-color-muted, #4a4a4a);
  }
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
    gap: 0.75rem;
    align-items: flex-end;
    margin-block: 0.5rem 1rem;
  }
  label {
    display: flex;
    flex-direction: column;
    font-weight: 600;
    gap: 0.25rem;
  }
  .help {
    font-weight: normal;
    color: var(--cf-muted);
  }
  input,
  select {
    /* max-width counts padding and border, so a long demo account name cannot overflow the page */
    box-sizing: border-box;
    font: inherit;
    min-height: 44px;
    padding: 0.25rem 0.5rem;
    border: 2px solid #595959;
    border-radius: 4px;
    max-width: 100%;
  }
  button {
    font: inherit;
    min-height: 44px;
    padding: 0.5rem 1rem;
    border: 2px solid var(--cf-accent);
    background: var(--cf-accent);
    color: #fff;
    border-radius: 4px;
    cursor: pointer;
  }
  button.secondary,
  button.link {
    background: Canvas;
    color: var(--cf-accent);
  }
  button.link {
    border: none;
    text-decoration: underline;
    padding: 0.25rem;
  }
  :focus-visible {
    outline: 3px solid #ffbf47;
    outline-offset: 2px;
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
    padding-block: 0.5rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.4rem 0.6rem;
    border-bottom: 1px solid #bbb;
    vertical-align: top;
  }
  .paging {
    display: flex;
    gap: 0.75rem;
    margin-block: 1rem;
  }
  .events {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    list-style: none;
    padding: 0;
  }
  .notice {
    padding: 0.75rem 1rem;
    border-inline-start: 4px solid var(--cf-accent);
    background: #eef4fb;
    margin-block: 1rem;
  }
  .notice-error {
    border-color: #b00020;
    background: #fdecee;
  }
  .event-form {
    border: 2px solid var(--cf-accent);
    border-radius: 4px;
    padding: 1rem;
    margin-block: 1rem;
  }
  pre {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .signed-in {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
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
`;
