import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { ProgramDocument } from '../document/program-document.js';
import { DesignerError } from '../errors.js';
import { CfRolesEditEvent } from '../events/roles-edit.js';
import { localesOf } from '../model/form-model.js';
import { addRole, removeRole, renameRole, rolesMatrix, setRoleAllowed, setRoleTitle, type RolesMatrix } from '../model/roles.js';
import { localeName, uiText } from '../strings.js';
import { visuallyHidden } from '../designer/program-designer.styles.js';

/**
 * `<cf-roles-table>`: who may do what, as a table of the workflow's events (rows) and roles (columns), each cell a
 * checkbox, with the roles' titles, a new role and removing one below it. Folded away behind the button "Who may do
 * what" until opened. Every edit is one step of the document's history.
 *
 * @summary The roles × events table of the designer's workflow view.
 * @event cf-roles-edit - After an edit of `doc`, with the words that say what changed.
 */
export class CfRolesTable extends LitElement {
  static override properties = {
    doc: { attribute: false },
    text: { attribute: false },
    locale: {},
    textLocale: { attribute: 'text-locale' },
  };

  /** The working copy; the table edits it in place and fires `cf-roles-edit`. */
  declare doc: ProgramDocument | undefined;
  /** The working copy's text: a new one draws the table again (after an undo, say). */
  declare text: string | undefined;
  /** The designer's language, `de` or `en`. */
  declare locale: string;
  /** The language of the program's texts in the table. */
  declare textLocale: string | undefined;

  #open = false;
  #error = '';
  #newTitle = '';

  constructor() {
    super();
    this.locale = 'en';
  }

  #t(key: string, params: Record<string, string | number> = {}): string {
    return uiText(this.locale, key, params);
  }

  /** Whether the table is shown. */
  get open(): boolean {
    return this.#open;
  }

  set open(value: boolean) {
    this.#open = value;
    this.requestUpdate();
  }

  get #textLocale(): string {
    const locales = this.doc ? localesOf(this.doc) : [];
    return this.textLocale && locales.includes(this.textLocale) ? this.textLocale : (locales.find((l) => l.startsWith(this.locale)) ?? locales[0] ?? this.locale);
  }

  #word(title: Readonly<Record<string, string>>, fallback: string): string {
    return title[this.#textLocale] ?? Object.values(title)[0] ?? fallback;
  }

  /** Runs an edit; says what it did through `cf-roles-edit`, or shows why it was refused. Returns whether it was done. */
  #edit(run: (doc: ProgramDocument) => string): boolean {
    const doc = this.doc;
    if (!doc) return false;
    try {
      const said = run(doc);
      this.#error = '';
      this.dispatchEvent(new CfRolesEditEvent({ said }));
      this.requestUpdate();
      return true;
    } catch (e) {
      if (!(e instanceof DesignerError)) throw e;
      this.#error = e.text;
      this.requestUpdate();
      return false;
    }
  }

  #toggle(e: Event, event: string, eventWord: string, role: string, roleWord: string): void {
    const box = e.target as HTMLInputElement;
    const allowed = box.checked;
    const said = this.#t(allowed ? 'rolesAllowed' : 'rolesForbidden', { role: roleWord, event: eventWord });
    const done = this.#edit((doc) => {
      setRoleAllowed(doc, event, role, allowed, said);
      return said;
    });
    if (!done) box.checked = !allowed;
  }

  #add(): void {
    const title = this.#newTitle;
    const done = this.#edit((doc) => {
      const key = addRole(doc, title, {}, `${this.#t('rolesAdd')}: ${title.trim()}`);
      return this.#t('rolesAdded', { role: this.#word(rolesMatrix(doc).roles.find((r) => r.key === key)!.title, key) });
    });
    if (done) {
      this.#newTitle = '';
      const input = this.renderRoot.querySelector<HTMLInputElement>('#role-new');
      if (input) input.value = '';
    }
  }

  #retitle(e: Event, role: string, locale: string): void {
    const input = e.target as HTMLInputElement;
    const doc = this.doc;
    if (!doc || doc.get(['texts', locale, `workflow.roles.${role}`]) === input.value.trim()) return;
    const done = this.#edit((d) => {
      setRoleTitle(d, role, locale, input.value, `${this.#t('rolesTitleIn', { locale: localeName(locale, this.locale) })}: ${input.value.trim()}`);
      return this.#t('rolesRenamed', { role: input.value.trim(), locale: localeName(locale, this.locale) });
    });
    if (!done) input.value = String(doc.get(['texts', locale, `workflow.roles.${role}`]) ?? '');
  }

  /** Renames a role's internal name; on a refusal the box shows the old one again and keeps the focus. */
  #rekey(e: Event, role: string, word: string): void {
    const input = e.target as HTMLInputElement;
    const to = input.value.trim();
    if (to === role) return;
    const done = this.#edit((d) => (renameRole(d, role, to, `${this.#t('wflKey')}: ${word} (${to})`), this.#t('wflKeyRenamed', { name: word, key: to, old: role })));
    if (done) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`fieldset[data-role="${to}"] input.key`)?.focus());
    else input.value = role;
  }

  #remove(role: string, word: string): void {
    const done = this.#edit((doc) => {
      const removed = removeRole(doc, role, this.#t('rolesRemove', { role: word }));
      return this.#t('rolesRemoved', { role: word, count: removed.events.length });
    });
    // The role's fields are gone: the focus goes on to where roles are added.
    if (done) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#role-new')?.focus());
  }

  #renderTable(m: RolesMatrix): TemplateResult {
    const roleWords = m.roles.map((r) => this.#word(r.title, r.key));
    // The title is a heading above the region rather than only the caption inside it, which a narrow screen would cut.
    return html`<h3 id="roles-title">${this.#t('rolesTitle')}</h3>
      <div class="scroll" role="region" aria-labelledby="roles-title" tabindex="0">
      <table aria-describedby="roles-hint">
        <caption class="visually-hidden">${this.#t('rolesTitle')}</caption>
        <thead>
          <tr>
            <th scope="col" class="corner">${this.#t('rolesEvent')}</th>
            ${m.roles.map((r, i) => html`<th scope="col" data-role=${r.key}>${roleWords[i]}</th>`)}
            <th scope="col" class="system">${this.#t('rolesSystem')}</th>
          </tr>
        </thead>
        <tbody>
          ${m.events.map((ev) => {
            const eventWord = this.#word(ev.title, ev.event);
            return html`<tr data-event=${ev.event}>
              <th scope="row">${eventWord}${ev.anyState ? html`<span class="note">${this.#t('rolesAnyState')}</span>` : nothing}</th>
              ${m.roles.map(
                (r, i) => html`<td>
                  <input
                    type="checkbox"
                    data-role=${r.key}
                    aria-label=${this.#t('rolesCell', { role: roleWords[i]!, event: eventWord })}
                    .checked=${ev.roles.includes(r.key)}
                    @change=${(e: Event) => this.#toggle(e, ev.event, eventWord, r.key, roleWords[i]!)}
                  />
                </td>`,
              )}
              <td class="system">${ev.system ? html`<span aria-hidden="true">✓ </span>${this.#t('rolesSystemYes')}` : html`<span aria-hidden="true">–</span><span class="visually-hidden">${this.#t('rolesSystemNo')}</span>`}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  }

  #renderRoles(m: RolesMatrix, locales: readonly string[]): TemplateResult {
    return html`<section class="roles" aria-labelledby="roles-edit-title">
      <h3 id="roles-edit-title">${this.#t('rolesEdit')}</h3>
      <div class="add">
        <label for="role-new">${this.#t('rolesNewTitle')}</label>
        <p class="hint" id="role-new-hint">${this.#t('rolesNewHint')}</p>
        <div class="row">
          <input
            type="text"
            id="role-new"
            aria-describedby="role-new-hint"
            @input=${(e: Event) => (this.#newTitle = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), this.#add())}
          />
          <button type="button" id="role-add" @click=${() => this.#add()}>${this.#t('rolesAdd')}</button>
        </div>
      </div>
      ${m.roles.map((r) => {
        const word = this.#word(r.title, r.key);
        return html`<fieldset data-role=${r.key}>
          <legend>${word}</legend>
          ${locales.map(
            (l) => html`<label>
              <span>${this.#t('rolesTitleIn', { locale: localeName(l, this.locale) })}</span>
              <input
                type="text"
                lang=${l}
                dir=${l === 'ar' ? 'rtl' : 'auto'}
                data-locale=${l}
                .value=${r.title[l] ?? ''}
                @change=${(e: Event) => this.#retitle(e, r.key, l)}
                @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && this.#retitle(e, r.key, l)}
              />
            </label>`,
          )}
          <label>
            <span>${this.#t('wflKey')}</span>
            <input type="text" class="key" autocomplete="off" spellcheck="false" .value=${r.key} aria-describedby="roles-key-hint"
              @change=${(e: Event) => this.#rekey(e, r.key, word)}
              @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), this.#rekey(e, r.key, word))} />
          </label>
          <button type="button" class="remove" aria-describedby="roles-remove-hint" @click=${() => this.#remove(r.key, word)}>${this.#t('rolesRemove', { role: word })}</button>
        </fieldset>`;
      })}
      <p class="hint" id="roles-key-hint">${this.#t('wflKeyHint')}</p>
      <p class="hint" id="roles-remove-hint">${this.#t('rolesRemoveHint')}</p>
    </section>`;
  }

  protected override render(): TemplateResult {
    const doc = this.doc;
    const m = doc ? rolesMatrix(doc) : { roles: [], events: [] };
    return html`<button type="button" id="roles-toggle" aria-expanded=${this.#open ? 'true' : 'false'} aria-controls="roles-body" @click=${() => (this.open = !this.#open)}>
        ${this.#t('rolesOpen')}
      </button>
      <div id="roles-body" ?hidden=${!this.#open}>
        ${this.#open
          ? m.roles.length === 0 || m.events.length === 0
            ? html`<p>${this.#t('rolesNone')}</p>`
            : html`<p class="hint" id="roles-hint">${this.#t('rolesHint')}</p>
                ${this.#renderTable(m)}
                ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : nothing}
                ${this.#renderRoles(m, localesOf(doc!))}`
          : nothing}
      </div>`;
  }

  static override styles = [
    visuallyHidden,
    css`
    :host {
      display: block;
      margin-bottom: 1rem;
    }
    [hidden] {
      display: none;
    }
    .hint {
      color: #4a4a4a;
      margin: 0.5rem 0;
    }
    .scroll {
      overflow: auto;
      /* A checkbox that gets the focus is scrolled clear of the events' titles, which stay at the left edge. */
      scroll-padding-inline-start: 10rem;
      max-width: 100%;
      border: 1px solid #5c5c5c;
      border-radius: 0.25rem;
    }
    table {
      border-collapse: collapse;
      min-width: 100%;
    }
    th,
    td {
      border: 1px solid #8a8a8a;
      padding: 0.375rem 0.5rem;
      vertical-align: middle;
    }
    thead th {
      background: #f0f0f0;
      text-align: center;
      min-width: 5.5rem;
      max-width: 10rem;
      font-weight: 600;
    }
    thead th.corner,
    tbody th {
      text-align: start;
      font-weight: 600;
    }
    tbody th {
      position: sticky;
      left: 0;
      background: #fff;
      min-width: 8rem;
      max-width: 14rem;
      z-index: 1;
    }
    thead th.corner {
      position: sticky;
      left: 0;
      z-index: 2;
    }
    td {
      text-align: center;
    }
    td.system {
      color: #333;
      font-size: 0.875rem;
    }
    .note {
      display: block;
      font-weight: normal;
      font-size: 0.8125rem;
      color: #4a4a4a;
    }
    input[type='checkbox'] {
      width: 1.5rem;
      height: 1.5rem;
      margin: 0;
      cursor: pointer;
    }
    tbody tr:hover th,
    tbody tr:hover td {
      background: #f5f8ff;
    }
    .error {
      color: #b00020;
      font-weight: 600;
    }
    .roles {
      margin-top: 1rem;
    }
    h3 {
      font-size: 1.0625rem;
      margin: 0 0 0.5rem;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .add input {
      flex: 1 1 12rem;
      min-width: 0;
    }
    fieldset {
      border: 1px solid #8a8a8a;
      border-radius: 0.25rem;
      margin: 0.75rem 0 0;
      padding: 0.5rem 0.75rem 0.75rem;
      min-width: 0;
    }
    legend {
      font-weight: 600;
      padding: 0 0.25rem;
    }
    fieldset label {
      display: block;
      margin-bottom: 0.5rem;
    }
    fieldset label span {
      display: block;
    }
    fieldset input {
      width: 100%;
      max-width: 28rem;
      box-sizing: border-box;
    }
    input[type='text'] {
      font: inherit;
      padding: 0.25rem 0.375rem;
      border: 1px solid #5c5c5c;
      border-radius: 0.25rem;
    }
    button {
      font: inherit;
      padding: 0.25rem 0.75rem;
    }
    #roles-toggle {
      font-weight: 600;
    }
    .scroll:focus-visible,
    button:focus-visible,
    input:focus-visible {
      outline: 3px solid #1b1b1b;
      outline-offset: 2px;
    }
    @media (forced-colors: active) {
      thead th,
      tbody th,
      tbody tr:hover th,
      tbody tr:hover td {
        background: Canvas;
        color: CanvasText;
      }
      th,
      td,
      .scroll,
      fieldset {
        border-color: CanvasText;
      }
      .error {
        color: CanvasText;
        text-decoration: underline;
      }
      .scroll:focus-visible,
      button:focus-visible,
      input:focus-visible {
        outline-color: Highlight;
      }
    }
  `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-roles-table': CfRolesTable;
  }
}
