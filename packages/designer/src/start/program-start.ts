import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { designerStyles, visuallyHidden } from '../designer/program-designer.styles.js';
import { DesignerError } from '../errors.js';
import { CfProgramStartEvent } from '../events/program-start.js';
import { programFromFim, type ChosenFile, type FimImport } from '../model/fim-form.js';
import { newProgramText, templateIds, type TemplateId } from '../model/templates.js';
import { localeName, type DesignerLocale } from '../strings.js';
import { countText, startText } from './start-words.js';

type Start = TemplateId | 'fim';
/** Where a refusal is shown: under the input it is about. */
type Place = 'id' | 'title' | 'locales' | 'file';
const starts: readonly Start[] = [...templateIds, 'fim'];

/** The languages offered as checkboxes; any other is typed. */
const offered = ['de', 'en'] as const;

/** What a FIM import brought, in words: the summary and notes (untranslated languages, files left out), then the warnings. */
export interface FimReportWords {
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
}

export function fimReport(imported: FimImport, locale: DesignerLocale): FimReportWords {
  const notes = [startText(locale, 'imported', { title: imported.title, fields: countText(locale, 'fields', imported.fields), groups: countText(locale, 'groups', imported.groups) })];
  if (imported.unresolvedCodeLists > 0) notes.push(startText(locale, 'codeListsMissing'));
  if (imported.untranslated.length > 0) notes.push(startText(locale, 'untranslated', { languages: imported.untranslated.map((l) => localeName(l, locale)).join(', ') }));
  return { notes: [...notes, ...imported.skipped], warnings: imported.warnings };
}

/** Reads the files a file input holds, as text. */
export async function readChosen(input: HTMLInputElement): Promise<ChosenFile[]> {
  return Promise.all([...(input.files ?? [])].map(async (f) => ({ name: f.name, content: await f.text() })));
}

/**
 * @summary The form that starts a new program: from a template (an application with person, address, contact and
 * consent, or an empty program) or from a FIM schema, with the program's id, title and languages.
 *
 * @event cf-program-start - The program was made. `detail: { text, said, report? }`; the host opens `text`.
 * @event cf-program-start-cancel - The designer chose *Cancel* (only offered when `cancellable`).
 */
export class CfProgramStart extends LitElement {
  static override styles = [
    visuallyHidden,
    designerStyles,
    css`
      fieldset {
        border: 1px solid #5c5c5c;
        border-radius: 0.25rem;
        margin: 0 0 0.75rem;
        padding: 0.5rem 0.75rem;
      }
      legend {
        font-weight: 700;
        padding: 0 0.25rem;
      }
      .choice {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0 0.5rem;
        align-items: start;
        margin: 0.25rem 0;
      }
      .choice .hint {
        grid-column: 2;
        margin: 0;
      }
      .field {
        display: grid;
        gap: 0.25rem;
        margin: 0 0 0.75rem;
        max-width: 40rem;
      }
      .field input[type='text'] {
        width: 100%;
        box-sizing: border-box;
      }
    `,
  ];

  static override properties = {
    locale: {},
    file: {},
    cancellable: { type: Boolean },
  };

  /** The designer's language. */
  declare locale: DesignerLocale;
  /** The file the program will be saved to, when it does not exist yet (said above the form). */
  declare file: string | undefined;
  /** Whether a program is open: then the form offers *Cancel*. */
  declare cancellable: boolean;

  #start: Start = 'intake';
  #errors: Partial<Record<Place, string>> = {};

  constructor() {
    super();
    this.locale = 'en';
    this.cancellable = false;
  }

  #t(key: string, params: Record<string, string | number> = {}): string {
    return startText(this.locale, key, params);
  }

  override firstUpdated(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[name="start"]:checked')?.focus();
  }

  async #submit(e: Event): Promise<void> {
    e.preventDefault();
    const root = this.renderRoot;
    const value = (id: string) => root.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '';
    const locales = [
      ...offered.filter((l) => root.querySelector<HTMLInputElement>(`#locale-${l}`)?.checked),
      ...value('more-locales')
        .split(/[,;\s]+/)
        .filter((l) => l !== ''),
    ];
    const options = { id: value('program-id'), title: value('program-title'), locales };
    this.#errors = {};
    try {
      if (this.#start === 'fim') {
        const input = root.querySelector<HTMLInputElement>('#fim-file')!;
        if (!input.files?.length) {
          this.#errors = { file: this.#t('fimFileMissing') };
          return;
        }
        const { text, imported } = programFromFim(await readChosen(input), options, this.locale);
        const report = fimReport(imported, this.locale);
        this.dispatchEvent(new CfProgramStartEvent({ text, said: this.#said(options.title), report }));
      } else {
        const text = newProgramText(this.#start, options, this.locale);
        this.dispatchEvent(new CfProgramStartEvent({ text, said: this.#said(options.title) }));
      }
    } catch (err) {
      if (!(err instanceof DesignerError)) throw err;
      const where = err.code === 'DESIGNER_PROGRAM_ID_INVALID' ? 'id' : err.code === 'DESIGNER_PROGRAM_TITLE_EMPTY' ? 'title' : err.code === 'DESIGNER_LOCALES_INVALID' ? 'locales' : 'file';
      this.#errors = { [where]: err.text };
    } finally {
      this.requestUpdate();
      await this.updateComplete;
      root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    }
  }

  #said(title: string): string {
    return this.#t(this.cancellable ? 'created' : 'createdNew', { title: title.trim(), template: this.#t(`template.${this.#start}`) });
  }

  #error(where: Place): TemplateResult | typeof nothing {
    const text = this.#errors[where];
    return text ? html`<p class="error" id="error-${where}">${text}</p>` : nothing;
  }

  #described(where: Place, hint?: string): string {
    return [hint, this.#errors[where] ? `error-${where}` : undefined].filter(Boolean).join(' ');
  }

  protected override render(): TemplateResult {
    return html`<section aria-labelledby="start-title">
      <h2 id="start-title">${this.#t('heading')}</h2>
      ${this.file ? html`<p>${this.#t('fileMissing', { file: this.file })}</p>` : nothing}
      <p class="hint">${this.#t('intro')}</p>
      <form @submit=${(e: Event) => void this.#submit(e)} novalidate>
        <fieldset>
          <legend>${this.#t('startFrom')}</legend>
          ${starts.map(
            (s) => html`<div class="choice">
              <input type="radio" name="start" id="start-${s}" value=${s} .checked=${this.#start === s} aria-describedby="start-${s}-hint"
                @change=${() => ((this.#start = s), this.requestUpdate())} />
              <label for="start-${s}">${this.#t(`template.${s}`)}</label>
              <p class="hint" id="start-${s}-hint">${this.#t(`template.${s}.hint`)}</p>
            </div>`,
          )}
          ${this.#start === 'fim'
            ? html`<div class="field">
                <label for="fim-file">${this.#t('fimFile')}</label>
                <input type="file" id="fim-file" multiple accept=".xml,.xdf,application/xml,text/xml" aria-invalid=${this.#errors.file ? 'true' : 'false'}
                  aria-describedby=${this.#described('file')} />
                ${this.#error('file')}
              </div>`
            : nothing}
        </fieldset>
        <div class="field">
          <label for="program-id">${this.#t('id')}</label>
          <input type="text" id="program-id" autocomplete="off" spellcheck="false" aria-invalid=${this.#errors.id ? 'true' : 'false'} aria-describedby=${this.#described('id', 'program-id-hint')} />
          <p class="hint" id="program-id-hint">${this.#t('id.hint')}</p>
          ${this.#error('id')}
        </div>
        <div class="field">
          <label for="program-title">${this.#t('programTitle')}</label>
          <input type="text" id="program-title" aria-invalid=${this.#errors.title ? 'true' : 'false'} aria-describedby=${this.#described('title')} />
          ${this.#error('title')}
        </div>
        <fieldset aria-describedby=${this.#described('locales', 'languages-hint')}>
          <legend>${this.#t('languages')}</legend>
          <p class="hint" id="languages-hint">${this.#t('languages.hint')}</p>
          ${offered.map(
            (l) => html`<div class="choice">
              <input type="checkbox" id="locale-${l}" .checked=${l === 'de' || l === this.locale} />
              <label for="locale-${l}">${localeName(l, this.locale)} (${l})</label>
            </div>`,
          )}
          <div class="field">
            <label for="more-locales">${this.#t('otherLanguages')}</label>
            <input type="text" id="more-locales" autocomplete="off" spellcheck="false" aria-invalid=${this.#errors.locales ? 'true' : 'false'}
              aria-describedby=${this.#described('locales', 'more-locales-hint')} />
            <p class="hint" id="more-locales-hint">${this.#t('otherLanguages.hint')}</p>
          </div>
          ${this.#error('locales')}
        </fieldset>
        <div class="bar">
          <button type="submit" id="create-program">${this.#t('create')}</button>
          ${this.cancellable
            ? html`<button type="button" id="cancel-start" @click=${() => this.dispatchEvent(new Event('cf-program-start-cancel', { bubbles: true, composed: true }))}>${this.#t('cancel')}</button>`
            : nothing}
        </div>
      </form>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-program-start': CfProgramStart;
  }
}
