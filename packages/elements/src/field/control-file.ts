// A file to send along: drawn by `cf-form.file.js`, which <cf-form> imports only for a form with such a field (see
// controls.ts). Checking and taking a chosen file comes with the code that checks answers (take-file.ts).
import { css, html, nothing, type TemplateResult } from '../internal/lit.js';
import { fillString } from '../internal/ui-strings.js';
import { formatBytes } from '../internal/check-file.js';
import { CfFieldProblemEvent } from '../events/field-problem.js';
import type { CfField } from './field.js';
import type { ControlPart } from './controls.js';
import type { FileField } from './take-file.js';

/** What the field takes: the accepted types and the largest size, when it has a limit. */
function limits(field: CfField): string | undefined {
  const { accept, maxBytes } = field.spec;
  if (maxBytes === undefined) return undefined;
  const limit = formatBytes(maxBytes, field.locale);
  return accept ? fillString(field.strings.fileLimits, { accept, limit }) : fillString(field.strings.fileLimitSize, { limit });
}

/** The file input, with what it takes, the chosen file's name and a button that removes it. */
function render(field: CfField, id: string): TemplateResult {
  const { strings, spec } = field;
  const onChange = (e: Event) => {
    const input = e.target as HTMLInputElement;
    if (!input.files?.[0]) return;
    // Taking a file comes with the code that checks answers (a click on the input fetched it already).
    const taking: FileField = {
      spec,
      pointer: field.pointer,
      strings,
      locale: field.locale,
      upload: field.upload,
      showUploading: (text) => (field.uploading = text),
      took: (value, file) => field.__emit(value, true, file),
      refused: (message) => field.dispatchEvent(new CfFieldProblemEvent({ pointer: field.pointer, message })),
    };
    import('../form/form-validation.js').then(
      (m) => m.takeFile(taking, input),
      () => {
        input.value = '';
        taking.refused(strings.fileFailed);
      },
    );
  };
  const extra = limits(field);
  const chosen = field.value !== undefined ? (field.fileLabel ?? strings.fileKept) : undefined;
  const control = html`<label for=${id} part="label">${field.__label()}</label>${field.__helpAndError(id, extra)}
    <input type="file" id=${id} part="input" accept=${spec.accept ?? nothing} aria-describedby=${field.__describedBy(id, extra)}
      aria-invalid=${field.error ? 'true' : 'false'} aria-required=${spec.required ? 'true' : nothing} @change=${onChange} />
    ${field.uploading ? html`<p class="file" part="file" role="status">${field.uploading}</p>` : nothing}
    ${chosen
      ? html`<p class="file" part="file">${chosen}</p>
          <button type="button" class="button secondary" part="button" @click=${() => field.__emit(undefined, true)}>${strings.fileRemove}</button>`
      : nothing}`;
  return field.__box(control, false, id, extra);
}

const styles = css`
  input[type='file'] {
    font: inherit;
    max-width: 100%;
  }
  .file {
    margin: 0.5rem 0;
  }
`;

export const control: ControlPart = { render, styles };
