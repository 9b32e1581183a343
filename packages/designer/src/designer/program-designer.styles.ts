import { css } from 'lit';

/** Text for screen readers only, in every part of the designer. */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

export const designerStyles = css`
  :host {
    display: block;
    font-family: system-ui, sans-serif;
    color: #1b1b1b;
    background: #fff;
    line-height: 1.5;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-bottom: 0.75rem;
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
    gap: 1rem;
    align-items: start;
  }
  section {
    border: 1px solid #5c5c5c;
    border-radius: 0.25rem;
    padding: 0.75rem;
    min-width: 0;
  }
  h2,
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1.125rem;
  }
  [role='tree'],
  [role='group'] {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [role='group'] {
    padding-inline-start: 1.25rem;
  }
  [role='treeitem'] > .row {
    display: block;
    padding: 0.125rem 0.375rem;
    border-radius: 0.25rem;
    cursor: pointer;
  }
  [role='treeitem'][aria-selected='true'] > .row {
    background: #dbe8f6;
    font-weight: 600;
  }
  [role='treeitem']:focus {
    outline: none;
  }
  [role='treeitem']:focus > .row {
    outline: 3px solid #005ea5;
    outline-offset: 1px;
  }
  .kind {
    color: #4a4a4a;
    font-size: 0.875em;
  }
  .marker {
    color: #a4262c;
  }
  label {
    display: block;
    font-weight: 600;
  }
  input[type='text'],
  input[type='number'],
  select,
  textarea {
    font: inherit;
    padding: 0.25rem 0.375rem;
    border: 1px solid #5c5c5c;
    border-radius: 0.25rem;
    max-width: 100%;
    box-sizing: border-box;
  }
  .locales {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 12rem), 1fr));
    gap: 0.5rem;
  }
  .locales input,
  .locales textarea {
    width: 100%;
  }
  .prop {
    margin: 0 0 0.75rem;
  }
  .check label {
    display: inline;
    font-weight: 400;
  }
  button {
    font: inherit;
    padding: 0.25rem 0.625rem;
    border: 1px solid #1b1b1b;
    border-radius: 0.25rem;
    background: #f3f3f3;
    color: #1b1b1b;
    cursor: pointer;
  }
  button:disabled {
    color: #5c5c5c;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: 3px solid #005ea5;
    outline-offset: 1px;
  }
  .error {
    color: #a4262c;
    margin: 0.25rem 0 0;
  }
  .notice {
    border-inline-start: 4px solid #005ea5;
    padding: 0.5rem 0.75rem;
    background: #eef4fb;
    margin-bottom: 0.75rem;
  }
  .problems li {
    margin: 0.25rem 0;
  }
  .ok {
    color: #1e6b35;
  }
  .hint {
    color: #4a4a4a;
    font-size: 0.875em;
  }
  fieldset {
    border: 1px solid #8a8a8a;
    border-radius: 0.25rem;
    min-width: 0;
  }
  .options ol,
  .rules {
    margin: 0 0 0.5rem;
    padding-inline-start: 1.25rem;
  }
  .rule {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.5rem;
    align-items: end;
    margin-bottom: 0.5rem;
  }
  .rule > label {
    flex-basis: 100%;
    margin-bottom: -0.25rem;
  }
  .rule > select,
  .rule > input {
    flex: 1 1 10rem;
  }
  .one-of {
    flex-basis: 100%;
  }
  .one-of .check {
    display: inline-block;
    margin-inline-end: 0.75rem;
  }
  .condition-words {
    font-style: italic;
  }
  /* Each rule is a group of its own, with its number in its legend. */
  .field-rule-list {
    list-style: none;
    padding-inline-start: 0;
  }
  .rule > textarea.formula {
    flex: 1 1 100%;
    font-family: monospace;
  }
  .formula-where {
    flex-basis: 100%;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .formula-where mark {
    background: #fde2e2;
    color: #1b1b1b;
    text-decoration: underline wavy #a4262c;
  }
  .rule > p {
    flex-basis: 100%;
  }
  .condition-json textarea {
    width: 100%;
    font-family: monospace;
  }
  .preview-frame {
    margin-inline: auto;
    max-width: 100%;
  }
  [part='preview'] {
    overflow-x: auto;
  }
  /* A phone's width exactly, even where the column is narrower (the column scrolls then). */
  .preview-frame.phone {
    width: 390px;
    max-width: none;
    border: 1px solid #5c5c5c;
    border-radius: 0.75rem;
    padding: 0.5rem;
    box-sizing: border-box;
  }
  .texts-table {
    overflow-x: auto;
  }
  .texts-table table {
    border-collapse: collapse;
    width: 100%;
  }
  .texts-table th,
  .texts-table td {
    border: 1px solid #8a8a8a;
    padding: 0.25rem;
    vertical-align: top;
    text-align: start;
  }
  .texts-table td.missing {
    background: #fdf0e8;
  }
  .texts-table textarea {
    width: 100%;
    min-width: 10rem;
  }
  .diff del {
    color: #a4262c;
  }
  .diff ins {
    color: #1e6b35;
  }
  /* The workflow's outline and its diagram: side by side where there is room, the diagram staying in view while the
     outline scrolls, so that an edit shows at once; one above the other on smaller screens. */
  .wf-edit {
    display: grid;
    /* Columns no wider than the screen, whatever the longest option of a list in the outline. */
    grid-template-columns: minmax(0, 1fr);
    gap: 1rem;
  }
  @media (min-width: 1100px) {
    .wf-edit {
      grid-template-columns: minmax(22rem, 2fr) minmax(0, 3fr);
      align-items: start;
    }
    .wf-edit cf-workflow-view {
      position: sticky;
      top: 0;
    }
  }
  /* Forced colours (Windows high contrast): backgrounds are dropped, so the selected row uses the system's own
     selection colours, and focus stays a system-coloured outline. */
  @media (forced-colors: active) {
    [role='treeitem'][aria-selected='true'] > .row {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
    }
    [role='treeitem'][aria-selected='true'] > .row .kind,
    [role='treeitem'][aria-selected='true'] > .row .marker {
      color: HighlightText;
    }
    [role='treeitem']:focus > .row,
    button:focus-visible,
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible {
      outline-color: CanvasText;
    }
    .texts-table td.missing {
      border: 2px dashed CanvasText;
    }
    .formula-where mark {
      forced-color-adjust: none;
      background: Mark;
      color: MarkText;
    }
    button:disabled {
      color: GrayText;
      border-color: GrayText;
    }
  }
`;
