// A date a person knows by heart, in three boxes: drawn by `cf-form.date.js`, which <cf-form> imports only for a form
// with such a field (see controls.ts).
import { css, html, type TemplateResult } from '../internal/lit.js';
import { live } from 'lit/directives/live.js';
import { dateOfParts, partsOfDate, wrongDateParts, type DatePart } from '../internal/memorable-date.js';
import type { CfField } from './field.js';
import type { ControlPart } from './controls.js';

/**
 * Day, month and year in three boxes (the order of German and British dates). The first box carries the field's id,
 * so that the summary's link and a focus request land on it. Only the boxes that make the error get `aria-invalid`;
 * the fieldset names the help and the error.
 */
function render(field: CfField, id: string): TemplateResult {
  const { strings, spec } = field;
  // What was typed stands while it still makes the value (a value set from outside replaces it).
  if (field.__typedParts !== undefined && dateOfParts(field.__typedParts) !== field.value) field.__typedParts = undefined;
  const parts = field.__typedParts ?? partsOfDate(field.value);
  const wrong: readonly DatePart[] = field.error ? wrongDateParts(parts, strings) : [];
  const birthday = spec.autocomplete?.split(' ').includes('bday') === true;
  const box = (part: DatePart, boxId: string, label: string, size: string) => {
    const onInput = (e: Event) => {
      // Two boxes may change before the next render: build on what was typed last, not on this render's copy.
      field.__typedParts = { ...(field.__typedParts ?? parts), [part]: (e.target as HTMLInputElement).value };
      field.__emit(dateOfParts(field.__typedParts), false);
    };
    return html`<div class="date-part">
      <label for=${boxId}>${label}</label>
      <input id=${boxId} part="input" class=${size} type="text" inputmode="numeric" spellcheck="false"
        autocomplete=${birthday ? `bday-${part}` : 'off'} aria-invalid=${wrong.includes(part) ? 'true' : 'false'}
        .value=${live(parts[part])} @input=${onInput} />
    </div>`;
  };
  const boxes = html`<div class="date-parts" part="date-parts">
    ${box('day', id, strings.dateDay, 'w2')}${box('month', `${id}-month`, strings.dateMonth, 'w2')}${box('year', `${id}-year`, strings.dateYear, 'w4')}
  </div>`;
  return field.__box(boxes, true, id, strings.dateHint);
}

const styles = css`
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
`;

export const control: ControlPart = { render, styles };
