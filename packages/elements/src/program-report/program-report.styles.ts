import { css } from 'lit';

/** The report's layout on top of `themeStyles`, plus the series colours `--cf-chart-1` … `--cf-chart-6`. */
export const programReportStyles = css`
  .cf {
    max-width: var(--cf-max-width, 48rem);
    overflow-wrap: anywhere;
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
  svg {
    display: block;
    width: 100%;
    height: auto;
    font-size: 13px;
    fill: var(--_text);
  }
  .label,
  .value,
  .axis {
    fill: var(--_text);
  }
  .axis-line {
    stroke: var(--_border);
  }
  .s0 { fill: var(--cf-chart-1, #0b4f8a); background: var(--cf-chart-1, #0b4f8a); }
  .s1 { fill: var(--cf-chart-2, #b35900); background: var(--cf-chart-2, #b35900); }
  .s2 { fill: var(--cf-chart-3, #1e6b35); background: var(--cf-chart-3, #1e6b35); }
  .s3 { fill: var(--cf-chart-4, #7b2d8e); background: var(--cf-chart-4, #7b2d8e); }
  .s4 { fill: var(--cf-chart-5, #4a4a4a); background: var(--cf-chart-5, #4a4a4a); }
  .s5 { fill: var(--cf-chart-6, #a8173a); background: var(--cf-chart-6, #a8173a); }
  rect.bar {
    stroke: var(--_bg);
    stroke-width: 1;
  }
  rect.track {
    fill: var(--_bg);
    stroke: var(--_text);
    stroke-width: 1;
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
    width: 0.9em;
    height: 0.9em;
    margin-inline-end: 0.35em;
    vertical-align: -0.1em;
    border-radius: 2px;
  }
  details {
    margin-top: calc(var(--_space) / 2);
  }
  summary {
    cursor: pointer;
  }
  summary:focus-visible,
  .scroll:focus-visible {
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
  }
  td {
    text-align: end;
    font-variant-numeric: tabular-nums;
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
  @media (forced-colors: active) {
    rect.track {
      fill: Canvas;
      stroke: CanvasText;
    }
    svg,
    .label,
    .value,
    .axis,
    rect.bar,
    .swatch {
      fill: CanvasText;
      background: CanvasText;
      forced-color-adjust: none;
    }
    rect.bar {
      stroke: Canvas;
    }
  }
`;
