// A derived value (worked out from other answers), shown read-only: drawn by `cf-form.derived.js`, which <cf-form>
// imports only for a form with such a field (see controls.ts).
import { css, html, type TemplateResult } from '../internal/lit.js';
import type { CfField } from './field.js';
import type { ControlPart } from './controls.js';

/**
 * Labelled, read-only, reachable from the error summary (focusable by script only), and a live region of its own (an
 * `output` is a polite status), so a screen reader hears the new total as answers change. Its words come with the
 * sending code (`CfField.format`); until then the output is empty.
 */
function render(field: CfField, id: string): TemplateResult {
  const { strings, spec } = field;
  const words = { yes: strings.yes, no: strings.no, notAnswered: strings.notAnswered, entry: strings.entry, file: strings.fileKept };
  const shown = field.format?.({ control: spec.control, schema: spec.info.schema, optionLabel: String }, field.value, field.locale, words).text ?? '';
  const output = html`<label for=${id} part="label">${spec.label}</label>${field.__helpAndError(id)}<output id=${id} part="output"
    class="derived" tabindex="-1" aria-live="polite" aria-describedby=${field.__describedBy(id)}>${shown}</output>`;
  return field.__box(output, false, id);
}

const styles = css`
  output.derived {
    display: block;
    font-size: 1.125rem;
    font-variant-numeric: tabular-nums;
  }
  output.derived:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
`;

export const control: ControlPart = { render, styles };
