import { html, nothing, type TemplateResult } from '../internal/lit.js';
import { guard } from 'lit/directives/guard.js';
import { textKeys } from '@civicflow/core/runtime';
import type { FormSessionBase, LaidOutField } from '@civicflow/core/runtime';
import type { FieldSpec } from '../internal/field-specs.js';
import type { FormTexts } from '../internal/form-texts.js';
import { fillString, type UiStrings } from '../internal/ui-strings.js';
import { idFor } from '../internal/pointer-data.js';
import { heading } from '../internal/heading.js';
import { fieldMessage } from '../internal/memorable-date.js';
import type { CfForm } from './form.js';
import type { FieldFormat } from '../field/field.js';
import type { FormEditing } from './form-editing.js';

/** What a page of `<cf-form>` is rendered from: the element (its heading level and upload hook) and its parts (`__…`: see FormContext). */
export interface FieldsView {
  readonly __host: CfForm;
  readonly __session: FormSessionBase;
  readonly __texts: FormTexts;
  readonly __strings: UiStrings;
  /** What a chosen file is called in the person's language, by field pointer. */
  readonly __fileLabels: ReadonlyMap<string, string>;
  readonly __editing: FormEditing;
  /** What words a derived value, once the sending code is there (see `LazyFormSending.__format`). */
  readonly __format: FieldFormat | undefined;
}

/** One page of the form: its title, then its fields, groups and lists. */
export function renderPage(view: FieldsView, index: number): TemplateResult {
  const s = view.__session;
  const page = s.page(index);
  const title = view.__texts.text(textKeys.pageTitle(s.formId, page.id));
  // A page that is one group named like the form (a step's form such as "Förderplan" holding the group "Förderplan")
  // would repeat that name right below it: its legend stays for screen readers only.
  const sole = page.fields.length === 1 && !title ? view.__texts.specs.get(page.fields[0]!.path) : undefined;
  const quiet = sole?.control === 'group' && sole.label === view.__texts.formTitle();
  return html`<section class="page" part="page" aria-labelledby=${title ? 'cf-page-title' : view.__host.hideTitle ? nothing : 'cf-title'}>
    ${title ? heading(view.__host.headingLevel + 1, title, { id: 'cf-page-title', part: 'page-title', className: 'page-title', focusable: true }) : nothing}
    ${page.fields.map((e) => renderEntry(view, e, '', '', quiet))}
  </section>`;
}

function renderEntry(view: FieldsView, entry: LaidOutField, base: string, parentPath: string, quietLegend = false): unknown {
  const s = view.__session;
  const spec = view.__texts.specs.get(entry.path);
  const rel = parentPath ? entry.path.slice(parentPath.length + 1) : entry.path;
  const pointer = `${base}/${rel.split('.').join('/')}`;
  if (!spec || spec.control === 'hidden' || s.isHidden(pointer)) return nothing;
  if (spec.control === 'group') return renderGroup(view, spec, pointer, quietLegend);
  if (spec.control === 'list') return renderList(view, spec, pointer);
  const value = s.valueAt(pointer);
  const error = s.errorAt(pointer);
  const message = error && fieldMessage(spec, value, error, view.__strings);
  const { __strings: strings } = view;
  const upload = view.__host.upload;
  const fileLabel = view.__fileLabels.get(pointer);
  // Only a derived value's output uses the words: other fields do not render again when they arrive.
  const format = spec.control === 'derived' ? view.__format : undefined;
  // A field whose inputs are all the same is passed over: a change to one field (or to one label) of a long form sets
  // nothing on the others.
  return guard(
    [spec, pointer, value, message, strings, s.locale, upload, fileLabel, format],
    () =>
      html`<cf-field .spec=${spec} .pointer=${pointer} .value=${value} .error=${message} .strings=${strings} .locale=${s.locale} .upload=${upload} .fileLabel=${fileLabel} .format=${format}></cf-field>`,
  );
}

function groupHead(view: FieldsView, spec: FieldSpec, pointer: string, part: string, quiet = false): TemplateResult {
  const id = idFor(pointer);
  const error = view.__session.errorAt(pointer);
  return html`<legend part=${part} class=${quiet ? 'vh' : nothing}>${spec.label}</legend>
    ${spec.help ? html`<div class="help" part="help" id="${id}-help">${spec.help}</div>` : nothing}
    ${error ? html`<p class="error" part="error" id="${id}-error"><span class="vh">${view.__strings.errorPrefix} </span>${error}</p>` : nothing}`;
}

function describedBy(view: FieldsView, spec: FieldSpec, pointer: string): string | typeof nothing {
  const id = idFor(pointer);
  const ids = [spec.help ? `${id}-help` : '', view.__session.errorAt(pointer) ? `${id}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : nothing;
}

function renderGroup(view: FieldsView, spec: FieldSpec, pointer: string, quietLegend: boolean): TemplateResult {
  return html`<fieldset class="group ${quietLegend ? 'quiet' : ''} ${view.__session.errorAt(pointer) ? 'invalid' : ''}" part="group" id=${idFor(pointer)} aria-describedby=${describedBy(view, spec, pointer)}>
    ${groupHead(view, spec, pointer, 'legend', quietLegend)}
    ${spec.children.map((c) => renderEntry(view, c, pointer, spec.path))}
  </fieldset>`;
}

/** A repeatable group: its entries, each with "remove" while more than the minimum remain, then "add" below the maximum. */
function renderList(view: FieldsView, spec: FieldSpec, pointer: string): TemplateResult {
  const { __session: s, __strings: strings } = view;
  const value = s.valueAt(pointer);
  const items = Array.isArray(value) ? value : [];
  const min = typeof spec.info.schema['minItems'] === 'number' ? spec.info.schema['minItems'] : 0;
  const max = typeof spec.info.schema['maxItems'] === 'number' ? spec.info.schema['maxItems'] : Infinity;
  const id = idFor(pointer);
  return html`<fieldset class="list ${s.errorAt(pointer) ? 'invalid' : ''}" part="list" id=${id} aria-describedby=${describedBy(view, spec, pointer)}>
    ${groupHead(view, spec, pointer, 'legend')}
    ${items.length === 0 ? html`<p class="empty">${strings.noEntries}</p>` : nothing}
    ${items.map(
      (_, i) => html`<fieldset class="entry" part="entry" id=${idFor(`${pointer}/${i}`)}>
        <legend part="entry-legend">${fillString(strings.entry, { n: i + 1 })}</legend>
        ${spec.children.map((c) => renderEntry(view, c, `${pointer}/${i}`, spec.path))}
        ${items.length > min
          ? html`<button type="button" class="button secondary remove-button" part="button button-secondary remove-button" @click=${() => view.__editing.__removeEntry(pointer, i)}>
              ${fillString(strings.removeEntry, { n: i + 1 })}
            </button>`
          : nothing}
      </fieldset>`,
    )}
    ${items.length < max
      ? html`<button type="button" id="${id}-add" class="button secondary add-button" part="button button-secondary add-button" @click=${() => view.__editing.__addEntry(pointer)}>
          ${strings.addEntry}
        </button>`
      : nothing}
  </fieldset>`;
}
