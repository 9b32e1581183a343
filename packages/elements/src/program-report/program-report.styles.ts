import { css } from 'lit';

/**
 * The report's layout on top of `themeStyles`, and the series' colours and patterns. The charts are HTML and CSS,
 * so every word and number in them is text at the page's size: it grows with the reader's zoom, wraps on a phone,
 * and takes the system's colours in forced-colours mode.
 *
 * The default colours are the palette of Masataka Okabe and Kei Ito, "Color Universal Design" (2002/2008), chosen
 * so that people with the common colour vision deficiencies tell them apart; yellow, too light on white, is left
 * out. Each series also has a pattern of its own and a dark outline, so none depends on colour alone.
 */
export const programReportStyles = css`
  .cf {
    max-width: var(--cf-max-width, 48rem);
    overflow-wrap: break-word;
  }
  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    line-height: 1.25;
    margin: 0 0 calc(var(--_space) / 2);
    hyphens: auto;
  }
  /* The report's heading: smaller in a narrow report, so a long compound ("Integrationsstrategien") keeps whole. */
  [part~='title'] {
    font-size: clamp(1.25rem, 6.5cqi, 1.5rem);
  }
  figure {
    margin: 0 0 calc(var(--_space) * 1.5);
  }
  figcaption,
  .caption {
    font-weight: 700;
    font-size: 1.125rem;
    margin: 0 0 calc(var(--_space) / 2);
  }

  /* The series: colour (--c) and pattern (drawn in the colour on the paper, --paper). */
  .c0 { --c: var(--cf-chart-1, #0072b2); }
  .c1 { --c: var(--cf-chart-2, #e69f00); }
  .c2 { --c: var(--cf-chart-3, #009e73); }
  .c3 { --c: var(--cf-chart-4, #cc79a7); }
  .c4 { --c: var(--cf-chart-5, #56b4e9); }
  .c5 { --c: var(--cf-chart-6, #d55e00); }
  .bar,
  .seg,
  .swatch {
    --paper: var(--_bg);
    --ink: var(--_text);
    background-color: var(--c);
    outline: 1px solid var(--ink);
    outline-offset: -1px;
  }
  .p1 { background-image: repeating-linear-gradient(45deg, transparent 0 4px, var(--paper) 4px 6px); }
  .p2 { background-image: radial-gradient(circle, var(--paper) 1.5px, transparent 2px); background-size: 6px 6px; }
  .p3 { background-image: repeating-linear-gradient(0deg, transparent 0 4px, var(--paper) 4px 6px); }
  .p4 {
    background-image: repeating-linear-gradient(45deg, transparent 0 5px, var(--paper) 5px 7px),
      repeating-linear-gradient(-45deg, transparent 0 5px, var(--paper) 5px 7px);
  }
  .p5 { background-image: repeating-linear-gradient(90deg, transparent 0 4px, var(--paper) 4px 6px); }

  /* Horizontal bars (cases per state, sums, places): all start at the track's start, the common baseline. */
  .hbars {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .hrow {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 0.125rem calc(var(--_space) / 2);
    align-items: center;
  }
  .htrack,
  .meter {
    position: relative;
    display: flex;
    align-items: center;
    gap: 0.375rem;
    min-height: 1.5rem;
    border-inline-start: 2px solid var(--_text);
  }
  .hbars .bar {
    display: block;
    flex: none;
    height: 1.25rem;
    /* The number beside the longest bar keeps 5em of the track. */
    width: calc((100% - 5em) * var(--share));
    min-width: 2px;
  }
  .value {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .meter {
    gap: 0;
    height: 1.75rem;
    border: 1px solid var(--_text);
    background: var(--_bg);
  }
  .meter .bar {
    display: block;
    height: 100%;
    width: calc(100% * var(--share));
  }
  .budget-mark {
    position: absolute;
    inset-block: -0.375rem;
    /* Its 3px stay inside the track, also when the budget is the whole of it. */
    inset-inline-start: calc((100% - 3px) * var(--share));
    border-inline-start: 3px solid var(--_text);
  }
  .meter-labels {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--_space);
    margin-bottom: 0.25rem;
    font-weight: 600;
  }

  /* Columns per month (cases opened, outcomes): stacked from the one baseline at the bottom of the plot. */
  .vchart {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    grid-template-rows: 12rem auto;
    column-gap: 0.375rem;
  }
  .yaxis {
    display: flex;
    flex-direction: column;
    justify-content: space-between;
    text-align: end;
    font-size: 0.875rem;
    line-height: 1;
    font-variant-numeric: tabular-nums;
  }
  .plot {
    display: grid;
    align-items: end;
    border-block-end: 2px solid var(--_text);
    border-block-start: 1px dashed var(--_border);
  }
  .col {
    display: flex;
    flex-direction: column-reverse;
    height: 100%;
    min-width: 0;
  }
  .seg {
    display: block;
    flex: none;
    height: calc(100% * var(--share));
    /* The gap between two months: a share of each month's own width, however many months there are. */
    margin-inline: 12%;
  }
  .ticks {
    grid-column: 2;
    display: grid;
    font-size: 0.875rem;
    line-height: 1.2;
    padding-top: 0.25rem;
  }
  .tick {
    min-width: 0;
    border-inline-start: 1px solid var(--_text);
    padding-inline-start: 0.25rem;
  }
  .tick > span {
    display: block;
  }

  .legend {
    list-style: none;
    padding: 0;
    margin: calc(var(--_space) / 2) 0;
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 4) var(--_space);
  }
  .swatch {
    display: inline-block;
    width: 1.5em;
    height: 1em;
    margin-inline-end: 0.35em;
    vertical-align: -0.15em;
  }
  .period fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) / 2) var(--_space) var(--_space);
  }
  .period legend {
    font-weight: 700;
    padding: 0 0.25rem;
  }
  .period .hint {
    color: var(--_muted);
    margin: 0 0 0.5rem;
  }
  .period .problem {
    color: var(--_error);
    font-weight: 600;
    margin: 0 0 0.5rem;
  }
  .period-fields {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: calc(var(--_space) / 2) var(--_space);
  }
  .period label {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    font-weight: 600;
  }
  .period input,
  .period button {
    font: inherit;
    min-height: 44px;
    max-width: 100%;
    box-sizing: border-box;
    border-radius: var(--_radius);
  }
  .period input {
    border: 1px solid var(--_border);
    padding: 0.25rem 0.5rem;
    background: var(--_bg);
    color: var(--_text);
  }
  .period input[aria-invalid='true'] {
    border: 2px solid var(--_error);
  }
  .period button {
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    padding: 0.25rem 1rem;
    cursor: pointer;
  }
  /* who is signed in at the server, and the sign-out; or the link to sign in */
  .signed-in {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
    justify-content: flex-end;
  }
  .signed-in button,
  .sign-in a.button {
    font: inherit;
    min-height: 44px;
    box-sizing: border-box;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    padding: 0.25rem 1rem;
    cursor: pointer;
  }
  .signed-in button {
    background: var(--_bg);
    color: var(--_accent);
  }
  .sign-in a.button {
    display: inline-flex;
    align-items: center;
    background: var(--_accent);
    color: var(--_accent-text);
    text-decoration: none;
    font-weight: 600;
  }
  .signed-in button:focus-visible,
  .sign-in a.button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  details {
    margin-top: calc(var(--_space) / 2);
  }
  summary {
    cursor: pointer;
  }
  summary:focus-visible,
  .scroll:focus-visible,
  .period input:focus-visible,
  .period button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .scroll {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    margin-top: calc(var(--_space) / 2);
  }
  th,
  td {
    border: 1px solid var(--_border);
    padding: 0.25em 0.5em;
    text-align: start;
    overflow-wrap: normal;
    hyphens: manual;
  }
  td {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  thead th {
    background: var(--_surface);
  }
  [part~='meta'],
  [part~='notice'] {
    color: var(--_muted);
  }
  .vh {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* Wide enough: a state's name beside its bar rather than above it. */
  @container report (min-width: 34rem) {
    .hrow {
      grid-template-columns: minmax(8rem, 14rem) minmax(0, 1fr);
    }
  }
  .cf {
    container: report / inline-size;
  }
  /*
   * Forced colours: the text is text and follows the system's colours by itself; the bars keep their patterns, drawn
   * in the system's text colour on its background, so series still differ when every colour is the same.
   */
  @media (forced-colors: active) {
    .bar,
    .seg,
    .swatch {
      forced-color-adjust: none;
      --c: CanvasText;
      --paper: Canvas;
      --ink: CanvasText;
    }
    .meter {
      forced-color-adjust: none;
      background: Canvas;
      border-color: CanvasText;
    }
    .budget-mark {
      forced-color-adjust: none;
      border-color: Highlight;
    }
  }
`;
