import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { keyed } from 'lit/directives/keyed.js';
import { loadProgram, ProgramError, validate, type Issue, type Program } from '@civicflow/core';
import { problemsWithTitles } from '../model/problem-titles.js';
import type { FormValidators } from '@civicflow/core/runtime';
import { showWords, type WordsTaker } from '@civicflow/elements/form-words';
import { ProgramDocument } from '../document/program-document.js';
import { DesignerError } from '../errors.js';
import { addableKinds, type AddableKind } from '../model/field-kinds.js';
import {
  addChildField,
  addField,
  addForm,
  addOption,
  addPage,
  duplicateField,
  findField,
  localesOf,
  moveField,
  moveFieldToPage,
  moveOption,
  movePage,
  optionsOf,
  outline,
  removeChildField,
  removeField,
  removeOption,
  removePage,
  renameField,
  setConstraint,
  setHelp,
  setLabel,
  setOptionLabel,
  setPageTitle,
  setRequired,
  textsOf,
  textOperations,
  type Constraint,
  type FieldInfo,
  type FormInfo,
} from '../model/form-model.js';
import { placeOf } from '../model/problem-place.js';
import { moveFieldTo, type MoveTarget } from '../model/group-move.js';
import { describeFormRule, formRules } from '../model/form-rules.js';
import { addDerivedValue, derivedExpression as derivedExpressionOf, derivedKinds, derivedOf, expressionError, setDerived, sourceFields, sourcesFor, type DerivedKind, type DerivedSpec, type SourceField } from '../model/derived-values.js';
import {
  addFieldRule,
  changeFieldRule,
  compareOpsFor,
  comparableFields,
  fieldRules,
  keywordOf,
  removeFieldRule,
  ruleErrorTexts,
  setJsonRule,
  setRuleErrorText,
  type CompareOp,
  type FieldRule,
  type RuleTexts,
} from '../model/field-rules.js';
import {
  conditionFromJson,
  conditionSchema,
  describeCondition,
  operatorsFor,
  pageWhen,
  parseCondition,
  requiredWhen,
  setPageWhen,
  setRequiredWhen,
  setShowWhen,
  showWhen,
  type Condition,
  type Namer,
  type Operator,
  type Rule,
  type Scalar,
} from '../model/conditions.js';
import type { FieldKind } from '../model/field-kinds.js';
import { removedPaths, sampleData } from '../model/sample-data.js';
import { applyTextChanges, exportCsv, exportXliff, importCsv, importXliff, setText, textTable, type TextImport } from '../model/texts.js';
import { conditionWords, designerWords, formRuleWords, localeName, ruleErrorWords, uiText, type DesignerLocale } from '../strings.js';
import { CfDesignerChangeEvent, CfDesignerSaveEvent } from '../events/designer-save.js';
import { designerStyles, visuallyHidden } from './program-designer.styles.js';
import { workflowSource } from '../model/workflow-model.js';
import { PreviewValidators, withTextsOf } from './preview-program.js';
import type { CfRolesEditEvent } from '../events/roles-edit.js';
import type { CfWorkflowEditEvent } from '../events/workflow-edit.js';
import type { CfWorkflowView } from '../workflow/workflow-view.js';
import type { CfWorkflowSelectEvent, WorkflowSelection } from '../events/workflow-select.js';
import type { GraphSource } from '@civicflow/workflow';
import type { SavedWalk } from '../model/simulation.js';
import type { CfProgramStartEvent } from '../events/program-start.js';
import { addFimForm } from '../model/fim-form.js';
import { fimReport, readChosen, type FimReportWords } from '../start/program-start.js';
import { startText } from '../start/start-words.js';

/** `<cf-form>`'s `cf-submit`, as far as the preview's receiver reads it (the designer imports nothing of the elements' classes). */
type PreviewSubmit = Event & { readonly detail: { readonly data: unknown } };

/** A field a condition can test, with its label and, for a choice, its options. */
interface ConditionField {
  readonly path: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly options: { value: string; label: string }[];
}

/** A derived value being made: the form, where it goes, its name and labels, and what it is worked out from. */
interface DerivedDraft {
  readonly form: string;
  /** Opened at the form's list, or at a field (it then goes after that field, on its page). */
  readonly at: 'form' | 'field';
  /** The field it was opened at. */
  readonly near?: string;
  readonly page?: string;
  readonly index?: number;
  key: string;
  labels: Record<string, string>;
  spec: DerivedSpec;
}

/** The name a new derived value of a kind starts with. */
const derivedKey: Readonly<Record<DerivedKind, string>> = { sum: 'total', count: 'count', ageAt: 'age', daysBetween: 'days', formula: 'result' };

/** One row of the outline: a form, a page or a field, with the ids of its parent and children. */
interface Item {
  readonly id: string;
  readonly level: number;
  readonly form: string;
  readonly page?: string;
  readonly field?: FieldInfo;
  readonly parent?: string;
  readonly children: string[];
}

/** What the autosave keeps: the working copy and when it was written. */
interface SavedCopy {
  readonly text: string;
  /** The text it was made from: a restored copy is offered only for the same file. */
  readonly base: string;
  readonly at: string;
}

/** How long after the last change to texts alone the program is checked (the preview shows the change at once). */
const CHECK_PAUSE_MS = 300;

// A checkbox holds no text of its own to undo: Ctrl+Z there undoes the designer's last step.
const isTextInput = (t: EventTarget | null) => (t instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(t.type)) || t instanceof HTMLTextAreaElement;

/**
 * @summary The program designer: an outline of forms, pages and fields to edit by keyboard or pointer, a property
 * panel with every locale side by side, the problems `civicflow check` would report, and a live preview.
 *
 * @event cf-designer-change - The working copy changed. `detail: { text }`.
 * @event cf-designer-save - The designer saves. `detail: { text, problems, confirmed }`; the host writes the text.
 * @event cf-walk-save - The workflow view's simulation saves a walk. `detail: { name, text }`; the host writes
 *   `cases/workflow-<name>.json` and sets `walks` again.
 *
 * @csspart outline - The tree of forms, pages and fields.
 * @csspart properties - The panel of the selected item.
 * @csspart problems - The list of problems.
 * @csspart preview - The preview of the selected form.
 * @csspart json - The JSON view: the working copy's text, to read or to edit as a whole.
 *
 * Keyboard: in the outline the arrow keys, Home and End move; Alt+Arrow Up/Down moves a field (across pages at the
 * ends); Insert adds a field of the chosen kind; Delete deletes one; Ctrl+D duplicates; Ctrl+Z and Ctrl+Shift+Z (or
 * Ctrl+Y) undo and redo outside text boxes. Every move is announced.
 */
export class CfProgramDesigner extends LitElement {
  static override styles = [visuallyHidden, designerStyles];

  static override properties = {
    text: { attribute: false },
    locale: {},
    storageKey: { attribute: 'storage-key' },
    walks: { attribute: false },
    newFile: { attribute: 'new-file' },
  };

  /** The program's JSON text as it is on disk. Setting it opens it (a restored working copy may take its place). */
  declare text: string;
  /** The designer's language: `de` or `en` (default: the nearest `lang`). */
  declare locale: string | undefined;
  /** The localStorage key of the autosaved working copy; without it nothing is kept. */
  declare storageKey: string | undefined;
  /** The walks saved beside the program (`cases/workflow-*.json`), played again on every change in the workflow view. */
  declare walks: readonly SavedWalk[];
  /** The file to be written, when it does not exist yet: without a program open, the designer offers to start one. */
  declare newFile: string | undefined;

  #doc: ProgramDocument | undefined;
  #openError: DesignerError | undefined;
  #program: Program | undefined;
  #problems: readonly Issue[] = [];
  #active = '';
  #focusTree = false;
  #announcement = '';
  #notice = '';
  #errors: Record<string, string> = {};
  #confirming = false;
  #newKind: AddableKind = 'text';
  #previewLocale = '';
  #items = new Map<string, Item>();
  /** The outline the rows were built from (worked out once per render, not once per row). */
  #forms: FormInfo[] = [];
  #order: string[] = [];
  /** The outline worked out last, and the text it was worked out from. */
  #outlineOf: { text: string; forms: FormInfo[] } | undefined;
  /** The fields conditions could test, worked out last (see `#conditionFields`). */
  #conditionFieldsOf: { text: string; key: string; fields: ConditionField[] } | undefined;
  /** Whether focus was in the outline when this update began. */
  #treeFocused = false;
  /** Each outline row's key for this render (see `#rowKey`). */
  #rowKeys = new Map<string, string>();
  #restoredFrom: string | undefined;
  /** The JSON view's text while the designer edits it; undefined when it shows the working copy. */
  #jsonDraft: string | undefined;
  /** The text the JSON view's box holds (see `#renderJson`). */
  #jsonShown: string | undefined;
  #compiled: { program: Program; validators: FormValidators } | undefined;
  /** Compiled validators kept across edits: a form whose definition did not change is not compiled again. */
  #previewValidators = new PreviewValidators();
  /** A change shown before `loadProgram` checked it: the check runs after the paint (or when its result is asked for). */
  #checkDue = false;
  #checkTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the text table is open (it is built only then), and whether it shows only rows with a text missing. */
  #textsOpen = false;
  #onlyMissing = false;
  /** An import read but not yet applied: what it would change. */
  #pendingImport: (TextImport & { file: string }) | undefined;
  /** The preview at a phone's width (390 px). */
  #phone = false;
  /** The sample answers tried in the preview: which variant, and what validation and the conditions made of them. */
  #trial: { form: string; variant: number; errors: string[]; hidden: string[] } | undefined;
  /** Which view the designer shows: the forms (outline and properties) or the workflow diagram. */
  #view: 'forms' | 'workflow' = 'forms';
  /** The workflow drawn, for the text it was read from: the same object while the text is the same, so it is laid out once. */
  #workflow: { text: string; source: GraphSource | undefined } | undefined;
  /** What is selected in the workflow view, shared by its outline and its diagram. */
  #wfSelection: WorkflowSelection | undefined;
  /** The field being dragged in the outline, by its path. */
  #dragged: { form: string; path: string } | undefined;
  /** Whether the preview's answers were taken (its confirmation shows), and how many times it was started afresh. */
  #previewSent = false;
  #previewRun = 0;
  /** Whether the new-program form shows (instead of the program). */
  #starting = false;
  /** What the last FIM import brought and warned about, in words, until closed. */
  #fimReport: FimReportWords | undefined;
  /** A derived value being made (*Add a derived value*), before it is added: where, its name, labels and what it is. */
  #derivedDraft: DerivedDraft | undefined;
  /** A formula as typed, per editor, while it does not read (or is not yet taken): nothing typed is lost. */
  #formulaTyped: Record<string, string> = {};
  /** Derived values shown as their formula although the editor could say them otherwise (a sum chosen to be written as a formula). */
  #asFormula = new Set<string>();

  constructor() {
    super();
    this.text = '';
    this.walks = [];
  }

  get #locale(): DesignerLocale {
    const l = this.locale ?? this.closest('[lang]')?.getAttribute('lang') ?? 'en';
    return l.toLowerCase().startsWith('de') ? 'de' : 'en';
  }

  #t(key: string, params: Record<string, string | number> = {}): string {
    return uiText(this.#locale, key, params);
  }

  /** The working copy's text (what Save writes). */
  get workingText(): string | undefined {
    return this.#doc?.text;
  }

  /** The problems `loadProgram` reports for the working copy now. */
  get problems(): readonly Issue[] {
    this.#checkNow();
    return this.#problems;
  }

  /** The host says the text was written: the autosaved copy goes, and the designer says so. */
  markSaved(text: string): void {
    this.#restoredFrom = undefined;
    if (this.storageKey) localStorage.removeItem(this.storageKey);
    this.text = text;
    this.#announce(this.#t('saved'));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) this.#open();
    // Rows are keyed: a row moved (by an edit, undo or redo) is moved in the page too, and loses focus on the way.
    const focused = this.shadowRoot?.activeElement;
    this.#treeFocused = !!focused && !!this.renderRoot.querySelector('[role="tree"]')?.contains(focused);
  }

  #open(): void {
    this.#openError = undefined;
    this.#jsonDraft = undefined;
    this.#jsonShown = undefined;
    let text = this.text;
    this.#notice = '';
    if (this.storageKey && text && this.#restoredFrom === undefined) {
      const saved = readSaved(this.storageKey);
      if (saved && saved.base === text && saved.text !== text) {
        text = saved.text;
        this.#restoredFrom = this.text;
        this.#notice = this.#t('restored', { time: new Date(saved.at).toLocaleString(this.#locale) });
      }
    }
    if (!text) {
      this.#doc = undefined;
      return;
    }
    try {
      this.#doc = ProgramDocument.parse(text, this.#locale);
    } catch (e) {
      if (!(e instanceof DesignerError)) throw e;
      this.#doc = undefined;
      this.#openError = e;
      return;
    }
    if (this.#restoredFrom !== undefined) {
      // The restored copy is one step away from the file: undo brings the file back.
      const restored = this.#doc.text;
      this.#doc = ProgramDocument.parse(this.text, this.#locale);
      this.#doc.replaceText(restored, this.#t('restored', { time: '' }));
    }
    this.#check();
  }

  #discardRestored(): void {
    if (this.storageKey) localStorage.removeItem(this.storageKey);
    const file = this.#restoredFrom ?? this.text;
    this.#restoredFrom = '';
    this.#doc = ProgramDocument.parse(file, this.#locale);
    this.#notice = '';
    this.#check();
    this.requestUpdate();
  }

  #check(): void {
    this.#checkDue = false;
    const doc = this.#doc!;
    try {
      this.#program = loadProgram(doc.text, { locale: this.#locale });
      this.#problems = [];
    } catch (e) {
      if (!(e instanceof ProgramError)) throw e;
      this.#program = undefined;
      this.#problems = e.issues;
    }
    const locales = localesOf(doc);
    if (!locales.includes(this.#previewLocale)) this.#previewLocale = locales.includes(this.#locale) ? this.#locale : (locales[0] ?? '');
  }

  /**
   * After every change: check again, keep the working copy, tell the host. A change to texts alone is shown first
   * and checked after the paint (the preview needs nothing compiled for it); any other change is checked first.
   */
  #changed(): void {
    const doc = this.#doc!;
    const shown = this.#program && withTextsOf(this.#program, doc.value);
    if (shown) {
      this.#program = shown;
      this.#checkLater();
    } else this.#check();
    this.#confirming = false;
    if (this.storageKey) {
      try {
        const copy: SavedCopy = { text: doc.text, base: this.#restoredFrom || this.text, at: new Date().toISOString() };
        localStorage.setItem(this.storageKey, JSON.stringify(copy));
      } catch {
        // A full or blocked storage loses the autosave only; the working copy stays in the page.
      }
    }
    this.dispatchEvent(new CfDesignerChangeEvent({ text: doc.text }));
    this.requestUpdate();
  }

  /** Checks once the changes pause (as typing does): each change shown waits the pause afresh. */
  #checkLater(): void {
    this.#checkDue = true;
    clearTimeout(this.#checkTimer);
    this.#checkTimer = setTimeout(() => this.#checkNow(), CHECK_PAUSE_MS);
  }

  /** The check a text change left for later, now; the program shown stays while the check finds it the same. */
  #checkNow(): void {
    if (!this.#checkDue || !this.#doc) return;
    const shown = this.#program;
    this.#check();
    if (shown && this.#program?.hash === shown.hash) this.#program = shown;
    this.requestUpdate();
  }

  /** Runs an edit; a refusal shows beside the input named `where` and changes nothing. */
  #edit(where: string, run: () => string | void): boolean {
    delete this.#errors[where];
    try {
      const said = run();
      if (said) this.#announce(said);
      this.#changed();
      return true;
    } catch (e) {
      if (!(e instanceof DesignerError)) throw e;
      this.#errors = { ...this.#errors, [where]: e.text };
      this.#announce(e.text);
      this.requestUpdate();
      return false;
    }
  }

  #announce(text: string): void {
    // The same words twice are still read out: the region is emptied first.
    this.#announcement = '';
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.#announcement = text;
      this.requestUpdate();
    });
  }

  #label(field: FieldInfo): string {
    return field.label[this.#locale] ?? Object.values(field.label)[0] ?? field.key;
  }

  #titleOf(t: Readonly<Record<string, string>>, fallback: string): string {
    return t[this.#locale] ?? Object.values(t)[0] ?? fallback;
  }

  // ---- the outline

  #buildItems(forms: FormInfo[]): void {
    const items = new Map<string, Item>();
    const order: string[] = [];
    const add = (item: Item) => {
      items.set(item.id, item);
      order.push(item.id);
      if (item.parent) items.get(item.parent)!.children.push(item.id);
    };
    const addField = (form: string, page: string | undefined, f: FieldInfo, parent: string, level: number) => {
      const id = `field:${form}:${f.path}`;
      add({ id, level, form, ...(page === undefined ? {} : { page }), field: f, parent, children: [] });
      for (const c of f.children) addField(form, page, c, id, level + 1);
    };
    for (const form of forms) {
      const formId = `form:${form.id}`;
      add({ id: formId, level: 1, form: form.id, children: [] });
      for (const page of form.pages) {
        const pageId = `page:${form.id}:${page.id}`;
        add({ id: pageId, level: 2, form: form.id, page: page.id, parent: formId, children: [] });
        for (const f of page.fields) addField(form.id, page.id, f, pageId, 3);
      }
    }
    this.#items = items;
    this.#order = order;
    this.#forms = forms;
    if (!items.has(this.#active)) this.#active = order[0] ?? '';
  }

  /**
   * One row of the outline with its children. A row is rendered again only when it, or a row below it, shows
   * something else than last time (its words, whether it is selected, its children): a label typed re-renders its own
   * row and the rows above it, not the other 500. Its handlers therefore look the item up when they run.
   */
  #renderItem(id: string): ReturnType<typeof guard> {
    return guard([this.#rowKey(id)], () => this.#renderRow(id));
  }

  /** What a row shows, as one string, including the rows below it (see `#renderItem`); worked out once per render. */
  #rowKey(id: string): string {
    let key = this.#rowKeys.get(id);
    if (key === undefined) {
      const item = this.#items.get(id)!;
      const f = item.field;
      const own = f
        ? [this.#label(f), f.required, designerWords(this.#locale).kinds[f.kind], !f.path.includes('.')]
        : [this.#itemTitle(item)];
      key = JSON.stringify([this.#locale, id === this.#active, ...own, item.children.map((c) => this.#rowKey(c))]);
      this.#rowKeys.set(id, key);
    }
    return key;
  }

  #itemTitle(item: Item): string {
    const form = this.#forms.find((x) => x.id === item.form)!;
    if (item.page === undefined) return `${this.#t('form')}: ${this.#titleOf(form.title, form.id)}`;
    const page = form.pages.find((p) => p.id === item.page)!;
    return `${this.#t('page')}: ${this.#titleOf(page.title, page.id)}`;
  }

  /** The field a row is, which can be dragged (at the top of a page or inside a group). */
  #draggable(item: Item | undefined): FieldInfo | undefined {
    return item?.field;
  }

  #renderRow(id: string): TemplateResult {
    const item = this.#items.get(id)!;
    const selected = id === this.#active;
    let text: TemplateResult;
    if (item.field) {
      const f = item.field;
      const required = f.required ? html` <span class="marker" aria-hidden="true">*</span><span class="visually-hidden">, ${this.#t('required')}</span>` : nothing;
      text = html`${this.#label(f)}${required} <span class="kind">(${designerWords(this.#locale).kinds[f.kind]})</span>`;
    } else text = html`${this.#itemTitle(item)}`;
    const now = () => this.#items.get(id);
    return html`<li
      role="treeitem"
      id=${id}
      draggable=${this.#draggable(item) ? 'true' : 'false'}
      @dragstart=${(e: DragEvent) => {
        e.stopPropagation();
        const current = now();
        const top = this.#draggable(current);
        if (!current || !top) return e.preventDefault();
        this.#dragged = { form: current.form, path: top.path };
        e.dataTransfer?.setData('text/plain', top.path);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
      }}
      @dragover=${(e: DragEvent) => {
        const current = now();
        if (current && this.#dragged && this.#dragged.form === current.form && current.page !== undefined && (!current.field || this.#draggable(current))) {
          e.preventDefault();
          e.stopPropagation();
        }
      }}
      @drop=${(e: DragEvent) => {
        e.preventDefault();
        e.stopPropagation();
        const current = now();
        if (current) this.#drop(current);
      }}
      @dragend=${() => (this.#dragged = undefined)}
      aria-level=${item.level}
      aria-selected=${selected ? 'true' : 'false'}
      aria-expanded=${item.children.length ? 'true' : nothing}
      tabindex=${selected ? 0 : -1}
      @click=${(e: Event) => {
        e.stopPropagation();
        this.#select(id, true);
      }}
    >
      <span class="row">${text}</span>
      ${item.children.length ? html`<ul role="group">${repeat(item.children, (c) => c, (c) => this.#renderItem(c))}</ul>` : nothing}
    </li>`;
  }

  #select(id: string, focus: boolean): void {
    this.#active = id;
    this.#focusTree = focus;
    this.requestUpdate();
  }

  #onTreeKey(e: KeyboardEvent): void {
    const i = this.#order.indexOf(this.#active);
    const item = this.#items.get(this.#active);
    if (!item) return;
    const ctrl = e.ctrlKey || e.metaKey;
    let handled = true;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) this.#move(e.key === 'ArrowUp' ? -1 : 1);
    else if (e.altKey && (e.key === 'ArrowRight' || e.key === 'ArrowLeft')) this.#moveAcross(e.key === 'ArrowRight' ? 'in' : 'out');
    else if (e.key === 'ArrowDown') this.#select(this.#order[Math.min(i + 1, this.#order.length - 1)]!, true);
    else if (e.key === 'ArrowUp') this.#select(this.#order[Math.max(i - 1, 0)]!, true);
    else if (e.key === 'Home') this.#select(this.#order[0]!, true);
    else if (e.key === 'End') this.#select(this.#order.at(-1)!, true);
    else if (e.key === 'ArrowRight' && item.children.length) this.#select(item.children[0]!, true);
    else if (e.key === 'ArrowLeft' && item.parent) this.#select(item.parent, true);
    else if (e.key === 'Insert') this.#addField();
    else if (e.key === 'Delete') this.#remove();
    else if (ctrl && e.key.toLowerCase() === 'd') this.#duplicate();
    else handled = false;
    if (handled) e.preventDefault();
  }

  #onKey = (e: KeyboardEvent): void => {
    const ctrl = e.ctrlKey || e.metaKey;
    if (!ctrl || isTextInput(e.composedPath()[0] ?? null)) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) this.#undo();
    else if ((key === 'z' && e.shiftKey) || key === 'y') this.#redo();
    else return;
    e.preventDefault();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKey);
  }

  override disconnectedCallback(): void {
    this.removeEventListener('keydown', this.#onKey);
    super.disconnectedCallback();
  }

  // ---- actions

  /** The top-level field of the active item, if it is one. */
  #activeField(): { form: string; key: string; field: FieldInfo } | undefined {
    const item = this.#items.get(this.#active);
    if (!item?.field || item.field.path.includes('.')) return undefined;
    return { form: item.form, key: item.field.key, field: item.field };
  }

  #move(direction: -1 | 1): void {
    const child = this.#items.get(this.#active);
    if (child?.field?.path.includes('.') && child.parent) {
      const group = this.#items.get(child.parent)!;
      const index = group.children.indexOf(this.#active) + direction;
      if (index < 0 || index >= group.children.length) return;
      return this.#moveTo(child, { group: group.field!.path, index });
    }
    const f = this.#activeField();
    if (!f) return;
    const label = this.#label(f.field);
    this.#edit('outline', () => {
      const at = moveField(this.#doc!, f.form, f.key, direction, label);
      if (!at) return undefined;
      const form = outline(this.#doc!).find((x) => x.id === f.form)!;
      const page = form.pages.find((p) => p.id === at.page)!;
      this.#active = `field:${f.form}:${f.key}`;
      this.#focusTree = true;
      return this.#t('moved', { label, position: at.position, count: at.count, page: this.#titleOf(page.title, page.id) });
    });
  }

  /** Where Alt+Arrow Right would put the active field: at the end of the group or repeated group just above it. */
  #groupAbove(): { item: Item; group: FieldInfo } | undefined {
    const item = this.#items.get(this.#active);
    if (!item?.field || !item.parent) return undefined;
    const siblings = this.#items.get(item.parent)!.children;
    const above = this.#items.get(siblings[siblings.indexOf(item.id) - 1] ?? '');
    const f = above?.field;
    return above && f && (f.kind === 'group' || f.kind === 'list') ? { item: above, group: f } : undefined;
  }

  /** Into the group just above (`in`), or out of the group the field is in, to the place after it (`out`). */
  #moveAcross(way: 'in' | 'out'): void {
    const item = this.#items.get(this.#active);
    if (!item?.field) return;
    if (way === 'in') {
      const above = this.#groupAbove();
      if (!above) return this.#announce(this.#t('noGroupAbove', { label: this.#label(item.field) }));
      return this.#moveTo(item, { group: above.group.path, index: above.group.children.length });
    }
    const parent = item.parent ? this.#items.get(item.parent) : undefined;
    if (!parent?.field) return this.#announce(this.#t('notInGroup', { label: this.#label(item.field) }));
    const outer = this.#items.get(parent.parent!)!;
    const index = outer.children.indexOf(parent.id) + 1;
    this.#moveTo(item, outer.field ? { group: outer.field.path, index } : { page: outer.page!, index });
  }

  /** Moves a field to a page or a group (see `moveFieldTo`), selects it there and says where it is now. */
  #moveTo(item: Item, to: MoveTarget): void {
    const f = item.field!;
    const label = this.#label(f);
    const doc = this.#doc!;
    this.#edit('outline', () => {
      const at = moveFieldTo(doc, item.form, f.path, to, `${this.#t('moveField')}: ${label}`);
      this.#active = `field:${item.form}:${at.path}`;
      this.#focusTree = true;
      if ('group' in to) {
        const group = this.#inOwnLocale(textsOf(doc, `forms.${item.form}.fields.${to.group}.label`)) ?? to.group;
        return this.#t('movedInGroup', { label, position: at.position, count: at.count, group });
      }
      const page = this.#inOwnLocale(textsOf(doc, `forms.${item.form}.pages.${to.page}.title`)) ?? to.page;
      return this.#t('moved', { label, position: at.position, count: at.count, page });
    });
  }

  /**
   * A field dropped on a page (to its end), on a group (to its end), or on a field (to its place, in that field's
   * group when it is in one), as the move buttons would.
   */
  #drop(target: Item): void {
    const dragged = this.#dragged;
    this.#dragged = undefined;
    if (!dragged || dragged.form !== target.form || target.page === undefined || target.field?.path === dragged.path) return;
    const item = this.#items.get(`field:${dragged.form}:${dragged.path}`);
    if (!item) return;
    const f = target.field;
    if (f && (f.kind === 'group' || f.kind === 'list')) return this.#moveTo(item, { group: f.path, index: f.children.length });
    const parent = target.parent ? this.#items.get(target.parent) : undefined;
    if (f && parent?.field) return this.#moveTo(item, { group: parent.field.path, index: parent.children.indexOf(target.id) });
    if (dragged.path.includes('.')) {
      const page = this.#items.get(`page:${target.form}:${target.page}`);
      return this.#moveTo(item, { page: target.page, index: f && page ? page.children.indexOf(target.id) : (page?.children.length ?? 0) });
    }
    this.#dropOnPage(target, { form: dragged.form, key: dragged.path });
  }

  /** A top-level field dropped on a page (to its end) or on a top-level field (to its place). */
  #dropOnPage(target: Item, dragged: { form: string; key: string }): void {
    const doc = this.#doc!;
    const pages = outline(doc).find((x) => x.id === target.form)?.pages ?? [];
    const page = pages.find((p) => p.id === target.page);
    const from = findField(doc, dragged.form, dragged.key);
    if (!page || !from) return;
    const label = this.#label(from.field);
    // On a field: its place (the fields between move along); on a page: its end.
    const position = target.field ? page.fields.findIndex((x) => x.key === target.field!.key) : page.fields.length;
    this.#edit('outline', () => {
      const at = page.path
        ? moveFieldToPage(doc, dragged.form, dragged.key, page.id, position, label)
        : moveInSchema(doc, dragged.form, from.index, position, label);
      this.#active = `field:${dragged.form}:${dragged.key}`;
      this.#focusTree = true;
      return this.#t('moved', { label, position: at.position, count: at.count, page: this.#titleOf(page.title, page.id) });
    });
  }

  /** The group or repeated group the active item is, or else the one it is inside (at any depth). */
  #activeGroup(): { item: Item; group: FieldInfo } | undefined {
    let item = this.#items.get(this.#active);
    const isGroup = (f: FieldInfo | undefined) => f?.kind === 'group' || f?.kind === 'list';
    if (item?.field && !isGroup(item.field)) item = item.field.path.includes('.') && item.parent ? this.#items.get(item.parent) : undefined;
    const group = item?.field;
    return item && group && isGroup(group) ? { item, group } : undefined;
  }

  /** Adds a field of the chosen kind at the end of the group the active item is, or is inside. */
  #addChild(): void {
    const found = this.#activeGroup();
    if (!found) return;
    const doc = this.#doc!;
    const { item, group } = found;
    const kind = this.#newKind;
    const keys = new Set(group.children.map((c) => c.key));
    let n = 1;
    while (keys.has(`field${n}`)) n++;
    const key = `field${n}`;
    const labels = Object.fromEntries(localesOf(doc).map((l) => [l, `${designerWords(l).kinds[kind]} ${n}`]));
    this.#edit('outline', () => {
      addChildField(doc, item.form, group, kind, key, labels, `${this.#t('addChild')}: ${this.#label(group)}`);
      this.#active = `field:${item.form}:${group.path}.${key}`;
      this.#focusTree = true;
      return this.#t('addedTo', { label: labels[this.#locale] ?? key, group: this.#label(group) });
    });
  }

  #addForm(): void {
    const doc = this.#doc!;
    const taken = new Set(outline(doc).map((f) => f.id));
    let n = taken.size + 1;
    while (taken.has(`form${n}`)) n++;
    const id = `form${n}`;
    const titles = Object.fromEntries(localesOf(doc).map((l) => [l, `${uiText(l, 'form')} ${n}`]));
    this.#edit('outline', () => {
      addForm(doc, id, titles, `${this.#t('addForm')}: ${id}`);
      this.#active = `form:${id}`;
      this.#focusTree = true;
      return this.#t('added', { label: titles[this.#locale] ?? id });
    });
  }

  #movePage(direction: -1 | 1): void {
    const item = this.#items.get(this.#active);
    if (!item || item.field || item.page === undefined || item.page === '') return;
    const page = item.page;
    const title = this.#titleOf(textsOf(this.#doc!, `forms.${item.form}.pages.${page}.title`), page);
    this.#edit('page-actions', () => {
      const at = movePage(this.#doc!, item.form, page, direction, `${this.#t('page')}: ${title}`);
      if (!at) return undefined;
      this.#focusTree = true;
      return this.#t('pageMoved', { label: title, position: at.position, count: at.count });
    });
  }

  #removePage(): void {
    const item = this.#items.get(this.#active);
    if (!item || item.field || item.page === undefined || item.page === '') return;
    const page = item.page;
    const title = this.#titleOf(textsOf(this.#doc!, `forms.${item.form}.pages.${page}.title`), page);
    const i = this.#order.indexOf(this.#active);
    this.#edit('page-actions', () => {
      removePage(this.#doc!, item.form, page, `${this.#t('removePage')}: ${title}`);
      this.#active = this.#order[i - 1] ?? '';
      this.#focusTree = true;
      return this.#t('removed', { label: title });
    });
  }

  #addField(): void {
    const item = this.#items.get(this.#active);
    if (!item) return;
    if (item.field?.path.includes('.')) return this.#addChild();
    const doc = this.#doc!;
    const form = item.form;
    const forms = outline(doc);
    const page = item.page ?? forms.find((x) => x.id === form)?.pages.at(-1)?.id;
    const current = this.#activeField();
    const pageInfo = forms.find((x) => x.id === form)?.pages.find((p) => p.id === page);
    const index = current && pageInfo ? pageInfo.fields.findIndex((x) => x.key === current.key) + 1 : undefined;
    let n = 1;
    while (findField(doc, form, `field${n}`) || doc.get(['forms', form, 'schema', 'properties', `field${n}`]) !== undefined) n++;
    const key = `field${n}`;
    const kind = designerWords(this.#locale).kinds[this.#newKind]!;
    const labels = Object.fromEntries(localesOf(doc).map((l) => [l, `${designerWords(l).kinds[this.#newKind]} ${n}`]));
    this.#edit('outline', () => {
      addField(doc, { form, ...(page === undefined ? {} : { page }), kind: this.#newKind, key, labels, ...(index ? { index } : {}) }, `${this.#t('addField')}: ${kind} ${n}`);
      this.#active = `field:${form}:${key}`;
      this.#focusTree = true;
      return this.#t('added', { label: labels[this.#locale] ?? key });
    });
  }

  #addPage(): void {
    const item = this.#items.get(this.#active);
    if (!item) return;
    const doc = this.#doc!;
    const pages = outline(doc).find((x) => x.id === item.form)?.pages ?? [];
    let n = pages.length + 1;
    while (pages.some((p) => p.id === `page${n}`)) n++;
    const id = `page${n}`;
    const titles = Object.fromEntries(localesOf(doc).map((l) => [l, `${uiText(l, 'page')} ${n}`]));
    this.#edit('outline', () => {
      addPage(doc, item.form, id, titles, `${this.#t('addPage')}: ${id}`);
      this.#active = `page:${item.form}:${id}`;
      this.#focusTree = true;
      return this.#t('added', { label: titles[this.#locale] ?? id });
    });
  }

  #remove(): void {
    const item = this.#items.get(this.#active);
    if (item?.field?.path.includes('.') && item.parent) {
      const parent = this.#items.get(item.parent)!;
      const child = item.field;
      const label = this.#label(child);
      const i = this.#order.indexOf(this.#active);
      if (!parent.field) return;
      this.#edit('outline', () => {
        removeChildField(this.#doc!, item.form, parent.field!, child.key, `${this.#t('remove')}: ${label}`);
        this.#active = this.#order[i - 1] ?? '';
        this.#focusTree = true;
        return this.#t('removed', { label });
      });
      return;
    }
    const f = this.#activeField();
    if (!f) return;
    const label = this.#label(f.field);
    const i = this.#order.indexOf(this.#active);
    this.#edit('outline', () => {
      removeField(this.#doc!, f.form, f.key, `${this.#t('remove')}: ${label}`);
      this.#active = this.#order[i - 1] ?? '';
      this.#focusTree = true;
      return this.#t('removed', { label });
    });
  }

  #duplicate(): void {
    const f = this.#activeField();
    if (!f) return;
    const label = this.#label(f.field);
    this.#edit('outline', () => {
      const copy = duplicateField(this.#doc!, f.form, f.key, `${this.#t('duplicate')}: ${label}`);
      this.#active = `field:${f.form}:${copy}`;
      this.#focusTree = true;
      return this.#t('duplicated', { label });
    });
  }

  #undo(): void {
    const doc = this.#doc;
    if (!doc) return;
    if (!doc.canUndo) return this.#announce(this.#t('nothingToUndo'));
    const what = doc.undo()!;
    this.#changed();
    this.#announce(this.#t('undone', { what }));
  }

  #redo(): void {
    const doc = this.#doc;
    if (!doc) return;
    if (!doc.canRedo) return this.#announce(this.#t('nothingToRedo'));
    const what = doc.redo()!;
    this.#changed();
    this.#announce(this.#t('redone', { what }));
  }

  #save(confirmed: boolean): void {
    const doc = this.#doc;
    if (!doc) return;
    this.#checkNow();
    if (this.#problems.length > 0 && !confirmed) {
      this.#confirming = true;
      this.requestUpdate();
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>('#save-anyway')?.focus());
      return;
    }
    this.#confirming = false;
    this.dispatchEvent(new CfDesignerSaveEvent({ text: doc.text, problems: this.#problems, confirmed }));
    this.requestUpdate();
  }

  #applyJson(): void {
    const draft = this.#jsonDraft;
    if (draft === undefined) return;
    const done = this.#edit('json', () => {
      this.#doc!.replaceText(draft, this.#t('json'));
      return this.#t('jsonApplied');
    });
    if (done) this.#jsonDraft = undefined;
  }

  #renderJson(): TemplateResult {
    const error = this.#errors.json;
    // A closed JSON view keeps the text it was given: setting a long program's whole text on every change took a good
    // part of the time a typed label needed to reach the preview. Opening it brings it up to date.
    const open = this.renderRoot.querySelector<HTMLDetailsElement>('details[part="json"]')?.open === true;
    if (open || this.#jsonShown === undefined) this.#jsonShown = this.#jsonDraft ?? this.#doc!.text;
    return html`<details part="json" @toggle=${() => this.requestUpdate()}>
      <summary>${this.#t('json')}</summary>
      <p class="hint" id="json-hint">${this.#t('jsonHint')}</p>
      <label for="json" class="visually-hidden">${this.#t('json')}</label>
      <textarea
        id="json"
        rows="16"
        spellcheck="false"
        style="width:100%;font-family:monospace"
        aria-describedby=${error ? 'json-hint json-error' : 'json-hint'}
        aria-invalid=${error ? 'true' : 'false'}
        .value=${this.#jsonShown}
        @input=${(e: Event) => (this.#jsonDraft = (e.target as HTMLTextAreaElement).value)}
      ></textarea>
      ${error ? html`<p class="error" id="json-error" role="alert">${error}</p>` : nothing}
      <div class="bar">
        <button type="button" id="apply-json" @click=${() => this.#applyJson()}>${this.#t('applyJson')}</button>
        <button type="button" id="revert-json" @click=${() => {
          this.#jsonDraft = undefined;
          delete this.#errors.json;
          this.requestUpdate();
        }}>${this.#t('revertJson')}</button>
      </div>
    </details>`;
  }

  /** Where a text is used, in words: "Intake › Name: label"; the key itself for texts outside forms. */
  #textPlace(key: string): string {
    const doc = this.#doc!;
    const m = /^forms\.([^.]+)\.(?:(title)|pages\.([^.]+)\.title|fields\.(.+?)\.(label|help|options\.(.+)|errors\.(.+)))$/.exec(key);
    if (!m) return key;
    const [, form, formTitle, page, field, what, option, error] = m;
    const formName = this.#inOwnLocale(textsOf(doc, `forms.${form}.title`)) ?? form!;
    if (formTitle) return `${formName}: ${this.#t('textTitle')}`;
    if (page) return `${formName} › ${this.#t('page')} ${this.#inOwnLocale(textsOf(doc, `forms.${form}.pages.${page}.title`)) ?? page}: ${this.#t('textTitle')}`;
    const fieldName = this.#inOwnLocale(textsOf(doc, `forms.${form}.fields.${field}.label`)) ?? field!;
    const kind = what === 'label' ? this.#t('label') : what === 'help' ? this.#t('help') : option !== undefined ? `${this.#t('option')} ${option}` : `${this.#t('textError')} (${error})`;
    return `${formName} › ${fieldName}: ${kind}`;
  }

  #download(name: string, type: string, text: string): void {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async #readImport(file: File): Promise<void> {
    const doc = this.#doc!;
    delete this.#errors.texts;
    this.#pendingImport = undefined;
    try {
      const text = await file.text();
      const found = /\.(xlf|xliff)$/i.test(file.name) || /^\s*<\?xml|^\s*<xliff/.test(text) ? importXliff(doc, text) : importCsv(doc, text);
      this.#pendingImport = { ...found, file: file.name };
      this.#announce(this.#t('importRead', { count: found.changes.length }));
    } catch (e) {
      if (!(e instanceof DesignerError)) throw e;
      this.#errors = { ...this.#errors, texts: e.text };
      this.#announce(e.text);
    }
    this.requestUpdate();
  }

  #renderTexts(): TemplateResult {
    const doc = this.#doc!;
    const table = this.#textsOpen ? textTable(doc) : undefined;
    const pending = this.#pendingImport;
    const idBase = doc.get(['id']);
    const base = typeof idBase === 'string' ? idBase : 'program';
    return html`<details part="texts" @toggle=${(e: Event) => ((this.#textsOpen = (e.target as HTMLDetailsElement).open), this.requestUpdate())}>
      <summary>${this.#t('texts')}</summary>
      ${table
        ? html`<p id="texts-missing">${table.locales.map((l) => this.#t('missingIn', { locale: localeName(l, this.#locale), count: table.missing[l] ?? 0 })).join(' · ')}</p>
            <div class="bar">
              <button type="button" id="export-csv" @click=${() => this.#download(`${base}.texts.csv`, 'text/csv;charset=utf-8', '\uFEFF' + exportCsv(doc))}>${this.#t('exportCsv')}</button>
              ${table.locales.slice(1).map(
                (l) => html`<button type="button" id="export-xliff-${l}" @click=${() => this.#download(`${base}.${l}.xlf`, 'application/xliff+xml', exportXliff(doc, l))}>${this.#t('exportXliff', { locale: localeName(l, this.#locale) })}</button>`,
              )}
              <span>
                <label for="import-texts">${this.#t('importTexts')}</label>
                <input type="file" id="import-texts" accept=".csv,.xlf,.xliff,text/csv,application/xliff+xml" @change=${(e: Event) => {
                  const file = (e.target as HTMLInputElement).files?.[0];
                  if (file) void this.#readImport(file);
                }} />
              </span>
            </div>
            ${this.#errors.texts ? html`<p class="error" role="alert">${this.#errors.texts}</p>` : nothing}
            ${pending
              ? html`<div class="notice diff" id="import-preview" role="region" aria-labelledby="import-title">
                  <h3 id="import-title">${this.#t('importPreview', { file: pending.file, count: pending.changes.length })}</h3>
                  ${pending.changes.length
                    ? html`<ul>
                        ${pending.changes.map(
                          (c) => html`<li>${this.#textPlace(c.key)} (${localeName(c.locale, this.#locale)}): ${c.before === undefined ? html`<em>${this.#t('wasMissing')}</em>` : html`<del>${c.before}</del>`} → <ins>${c.after}</ins></li>`,
                        )}
                      </ul>`
                    : nothing}
                  ${pending.unknownKeys.length ? html`<p>${this.#t('importUnknown', { count: pending.unknownKeys.length })}</p>` : nothing}
                  <div class="bar">
                    <button type="button" id="apply-import" ?disabled=${pending.changes.length === 0} @click=${() => {
                      const changes = pending.changes;
                      this.#pendingImport = undefined;
                      this.#edit('texts', () => {
                        applyTextChanges(doc, changes, `${this.#t('importTexts')}: ${pending.file}`);
                        return this.#t('importApplied', { count: changes.length });
                      });
                    }}>${this.#t('applyImport', { count: pending.changes.length })}</button>
                    <button type="button" id="cancel-import" @click=${() => ((this.#pendingImport = undefined), this.requestUpdate())}>${this.#t('cancelImport')}</button>
                  </div>
                </div>`
              : nothing}
            <div class="prop check">
              <input type="checkbox" id="only-missing" .checked=${this.#onlyMissing} @change=${(e: Event) => ((this.#onlyMissing = (e.target as HTMLInputElement).checked), this.requestUpdate())} />
              <label for="only-missing">${this.#t('onlyMissing')}</label>
            </div>
            <div class="texts-table">
              <table>
                <caption class="visually-hidden">${this.#t('texts')}</caption>
                <thead>
                  <tr>
                    <th scope="col">${this.#t('textWhere')}</th>
                    ${table.locales.map((l) => html`<th scope="col">${localeName(l, this.#locale)}</th>`)}
                  </tr>
                </thead>
                <tbody>
                  ${table.rows
                    .filter((r) => !this.#onlyMissing || table.locales.some((l) => r.values[l] === undefined))
                    .map((r, i) => {
                      const place = this.#textPlace(r.key);
                      return html`<tr>
                        <th scope="row" id="text-${i}">${place}</th>
                        ${table.locales.map((l) => {
                          const missing = r.values[l] === undefined;
                          return html`<td class=${missing ? 'missing' : ''} lang=${l}>
                            <textarea
                              rows="1"
                              dir="auto"
                              aria-label=${`${place} (${localeName(l, this.#locale)})${missing ? `, ${this.#t('missing')}` : ''}`}
                              placeholder=${missing ? this.#t('missing') : ''}
                              .value=${r.values[l] ?? ''}
                              @change=${(e: Event) => {
                                const v = (e.target as HTMLTextAreaElement).value;
                                this.#edit('texts', () => setText(doc, l, r.key, v, `${place} (${l})`));
                              }}
                            ></textarea>
                          </td>`;
                        })}
                      </tr>`;
                    })}
                </tbody>
              </table>
            </div>`
        : nothing}
    </details>`;
  }

  #goTo(pointer: string): void {
    const place = placeOf(this.#doc!, pointer);
    const id = place.field ? `field:${place.form}:${place.field}` : place.page ? `page:${place.form}:${place.page}` : place.form ? `form:${place.form}` : this.#order[0];
    if (id && this.#items.has(id)) this.#select(id, true);
  }

  // ---- rendering

  protected override render(): TemplateResult {
    const doc = this.#doc;
    if (this.#openError) return html`<p role="alert" class="error">${this.#t('notJsonHere')} ${this.#openError.text}</p>`;
    if (!doc) return this.newFile === undefined ? html`<p>${this.#t('empty')}</p>` : this.#renderStart();
    if (this.#starting) return this.#renderStart();
    const forms = this.#outline(doc);
    if (forms !== this.#forms) this.#buildItems(forms);
    this.#rowKeys = new Map();
    const active = this.#activeField();
    return html`
      <div class="bar" role="toolbar" aria-label=${this.#t('title')}>
        <button type="button" ?disabled=${!doc.canUndo} @click=${() => this.#undo()} aria-keyshortcuts="Control+Z">${this.#t('undo')}</button>
        <button type="button" ?disabled=${!doc.canRedo} @click=${() => this.#redo()} aria-keyshortcuts="Control+Shift+Z">${this.#t('redo')}</button>
        <button type="button" id="save" @click=${() => this.#save(false)}>${this.#t('save')}</button>
        <button type="button" id="new-program" @click=${() => ((this.#starting = true), this.requestUpdate())}>${startText(this.#locale, 'newProgram')}</button>
      </div>
      ${this.#notice
        ? html`<div class="notice" role="status">${this.#notice} <button type="button" @click=${() => this.#discardRestored()}>${this.#t('discardRestored')}</button></div>`
        : nothing}
      ${this.#confirming
        ? html`<div class="notice" role="alert">
            ${this.#t('saveRefused', { count: this.#problems.length })}
            <button type="button" id="save-anyway" @click=${() => this.#save(true)}>${this.#t('saveAnyway')}</button>
          </div>`
        : nothing}
      <div class="visually-hidden" role="status" aria-live="polite" id="announcer">${this.#announcement}</div>
      <div class="bar views" role="group" aria-label=${this.#t('views')}>
        <button type="button" id="view-forms" aria-pressed=${this.#view === 'forms' ? 'true' : 'false'} @click=${() => this.#showView('forms')}>${this.#t('viewForms')}</button>
        <button type="button" id="view-workflow" aria-pressed=${this.#view === 'workflow' ? 'true' : 'false'} @click=${() => this.#showView('workflow')}>${this.#t('viewWorkflow')}</button>
      </div>
      ${this.#renderFimReport()}
      ${this.#view === 'workflow' ? this.#renderWorkflow(doc) : this.#renderForms(active)}
      <div class="columns">
        <section part="problems" aria-labelledby="problems-title">
          <h2 id="problems-title">${this.#t('problems')}</h2>
          ${this.#renderProblems()}
        </section>
        <section part="preview" aria-labelledby="preview-title">
          <h2 id="preview-title">${this.#t('preview')}</h2>
          ${this.#renderPreview()}
        </section>
      </div>
      ${this.#renderTexts()}
      ${this.#renderJson()}
    `;
  }

  // ---- starting a program, importing a FIM schema

  #renderStart(): TemplateResult {
    return html`<cf-program-start locale=${this.#locale} .file=${this.#doc ? undefined : this.newFile} ?cancellable=${this.#doc !== undefined}
      @cf-program-start=${(e: CfProgramStartEvent) => this.#startProgram(e)}
      @cf-program-start-cancel=${() => this.#cancelStart()}></cf-program-start>`;
  }

  /** Back to the open program, the focus on the button that opened the form. */
  async #cancelStart(): Promise<void> {
    this.#starting = false;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#new-program')?.focus();
  }

  /** Opens the program made from a template or a FIM schema: one step that Undo takes back to the program before. */
  #startProgram(e: CfProgramStartEvent): void {
    const { text, said, report } = e.detail;
    if (this.#doc) this.#doc.replaceText(text, startText(this.#locale, 'heading'));
    else this.#doc = ProgramDocument.parse(text, this.#locale);
    this.#starting = false;
    this.#view = 'forms';
    this.#active = '';
    this.#fimReport = report;
    this.#focusTree = true;
    this.#changed();
    this.#announce(said);
  }

  /** Imports the chosen FIM schema (and code lists) as a new form: one step, its report shown in words. */
  async #importFim(input: HTMLInputElement): Promise<void> {
    const files = await readChosen(input);
    input.value = '';
    if (files.length === 0) return;
    const locale = this.#locale;
    this.#edit('fim', () => {
      const imported = addFimForm(this.#doc!, files, `${startText(locale, 'reportTitle')}: ${files[0]!.name}`);
      this.#fimReport = fimReport(imported, locale);
      this.#active = `form:${imported.formId}`;
      this.#focusTree = true;
      return this.#fimReport.notes[0];
    });
  }

  #renderFimReport(): TemplateResult | typeof nothing {
    const report = this.#fimReport;
    if (!report) return nothing;
    const { notes, warnings } = report;
    return html`<section class="notice" aria-labelledby="fim-report-title" id="fim-report">
      <h2 id="fim-report-title">${startText(this.#locale, 'reportTitle')}</h2>
      ${notes.map((l) => html`<p>${l}</p>`)}
      ${warnings.length
        ? html`<p>${startText(this.#locale, 'importWarnings', { count: warnings.length })}</p>
            <ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul>`
        : nothing}
      <button type="button" id="close-fim-report" @click=${() => ((this.#fimReport = undefined), this.requestUpdate())}>${startText(this.#locale, 'closeReport')}</button>
    </section>`;
  }

  #showView(view: 'forms' | 'workflow'): void {
    this.#view = view;
    this.requestUpdate();
  }

  /** The workflow view: the diagram with the selected state's events and timers, and the workflow's problems on it. */
  #renderWorkflow(doc: ProgramDocument): TemplateResult {
    if (this.#workflow?.text !== doc.text) this.#workflow = { text: doc.text, source: workflowSource(doc) };
    return html`<section part="workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">${this.#t('viewWorkflow')}</h2>
      <cf-roles-table .doc=${doc} .text=${doc.text} locale=${this.#locale} text-locale=${this.#previewLocale}
        @cf-roles-edit=${(e: CfRolesEditEvent) => (this.#changed(), this.#announce(e.detail.said))}></cf-roles-table>
      <div class="wf-edit">
      <cf-workflow-outline .doc=${doc} .text=${doc.text} .problems=${this.#titledProblems} .selected=${this.#wfSelection} locale=${this.#locale} text-locale=${this.#previewLocale}
        @cf-workflow-edit=${(e: CfWorkflowEditEvent) => (this.#changed(), this.#announce(e.detail.said))}
        @cf-workflow-select=${(e: CfWorkflowSelectEvent) => this.#selectInWorkflow(e)}></cf-workflow-outline>
      <cf-workflow-view .source=${this.#workflow.source} .problems=${this.#titledProblems} locale=${this.#locale} text-locale=${this.#previewLocale}
        @cf-workflow-select=${(e: CfWorkflowSelectEvent) => this.#selectInWorkflow(e)}></cf-workflow-view>
      </div>
      <cf-simulation-panel .program=${this.#program} .compiled=${this.#compiledFor()} .walks=${this.walks} locale=${this.#locale} text-locale=${this.#previewLocale}
        @cf-simulation-state=${(e: CustomEvent<{ state: string | undefined }>) => this.renderRoot.querySelector<CfWorkflowView>('cf-workflow-view')?.select(e.detail.state)}></cf-simulation-panel>
    </section>`;
  }

  /** A state or event selected in the workflow outline or the diagram is selected in the other too. */
  #selectInWorkflow(e: CfWorkflowSelectEvent): void {
    this.#wfSelection = e.detail.state ? e.detail : undefined;
    if ((e.target as Element).localName === 'cf-workflow-outline') this.renderRoot.querySelector<CfWorkflowView>('cf-workflow-view')?.select(e.detail.state || undefined);
    this.requestUpdate();
  }

  /** The forms view: the outline and the selected item's properties. */
  #renderForms(active: { form: string; key: string; field: FieldInfo } | undefined): TemplateResult {
    return html`      <div class="columns">
        <section part="outline" aria-labelledby="outline-title">
          <h2 id="outline-title">${this.#t('outline')}</h2>
          <p class="hint" id="outline-hint">${this.#t('shortcuts')}</p>
          <ul role="tree" aria-labelledby="outline-title" aria-describedby="outline-hint" @keydown=${(e: KeyboardEvent) => this.#onTreeKey(e)}>
            ${repeat(
              this.#order.filter((id) => this.#items.get(id)!.level === 1),
              (id) => id,
              (id) => this.#renderItem(id),
            )}
          </ul>
          ${this.#errors.outline ? html`<p class="error" role="alert">${this.#errors.outline}</p>` : nothing}
          <div class="bar">
            <label for="new-kind" class="visually-hidden">${this.#t('newFieldKind')}</label>
            <select id="new-kind" @change=${(e: Event) => (this.#newKind = (e.target as HTMLSelectElement).value as AddableKind)}>
              ${addableKinds.map((k) => html`<option value=${k} ?selected=${k === this.#newKind}>${designerWords(this.#locale).kinds[k]}</option>`)}
            </select>
            <button type="button" id="add-field" aria-keyshortcuts="Insert" @click=${() => this.#addField()}>${this.#t('addField')}</button>
            ${this.#activeGroup() ? html`<button type="button" id="add-child" @click=${() => this.#addChild()}>${this.#t('addChild')}</button>` : nothing}
            <button type="button" id="add-page" @click=${() => this.#addPage()}>${this.#t('addPage')}</button>
            <button type="button" id="add-form" @click=${() => this.#addForm()}>${this.#t('addForm')}</button>
          </div>
          <div class="bar">
            <label for="import-fim">${startText(this.#locale, 'importFim')}</label>
            <input type="file" id="import-fim" multiple accept=".xml,.xdf,application/xml,text/xml" aria-invalid=${this.#errors.fim ? 'true' : 'false'}
              aria-describedby=${this.#errors.fim ? 'import-fim-error' : nothing} @change=${(e: Event) => void this.#importFim(e.target as HTMLInputElement)} />
            ${this.#errors.fim ? html`<p class="error" id="import-fim-error">${this.#errors.fim}</p>` : nothing}
          </div>
          <div class="bar">
            <button type="button" ?disabled=${!this.#items.get(this.#active)?.field} aria-keyshortcuts="Alt+ArrowUp" @click=${() => this.#move(-1)}>${this.#t('moveUp')}</button>
            <button type="button" ?disabled=${!this.#items.get(this.#active)?.field} aria-keyshortcuts="Alt+ArrowDown" @click=${() => this.#move(1)}>${this.#t('moveDown')}</button>
            <button type="button" id="move-in" ?disabled=${!this.#groupAbove()} aria-keyshortcuts="Alt+ArrowRight" @click=${() => this.#moveAcross('in')}>${this.#t('moveIntoGroup')}</button>
            <button type="button" id="move-out" ?disabled=${!this.#items.get(this.#active)?.field?.path.includes('.')} aria-keyshortcuts="Alt+ArrowLeft" @click=${() => this.#moveAcross('out')}>${this.#t('moveOutOfGroup')}</button>
            <button type="button" ?disabled=${!active} aria-keyshortcuts="Control+D" @click=${() => this.#duplicate()}>${this.#t('duplicate')}</button>
            <button type="button" ?disabled=${!active && !this.#items.get(this.#active)?.field} aria-keyshortcuts="Delete" @click=${() => this.#remove()}>${this.#t('remove')}</button>
          </div>
        </section>
        <section part="properties" aria-labelledby="properties-title">
          <h2 id="properties-title">${this.#t('properties')}</h2>
          ${this.#renderProperties()}
        </section>
      </div>`;
  }

  protected override updated(): void {
    if (this.#treeFocused && !this.shadowRoot?.activeElement) this.#focusTree = true;
    if (this.#focusTree) {
      this.#focusTree = false;
      this.renderRoot.querySelector<HTMLElement>(`[role="treeitem"][tabindex="0"]`)?.focus();
    }
  }

  #titled: { from: readonly Issue[]; locale: string; issues: readonly Issue[] } | undefined;

  /** The problems as a person reads them: states, events, roles, places and periods by their titles, not their keys. */
  get #titledProblems(): readonly Issue[] {
    const doc = this.#doc;
    if (!doc || this.#problems.length === 0) return this.#problems;
    if (this.#titled?.from !== this.#problems || this.#titled.locale !== this.#locale) {
      this.#titled = { from: this.#problems, locale: this.#locale, issues: problemsWithTitles(doc, this.#problems, this.#locale) };
    }
    return this.#titled.issues;
  }

  #renderProblems(): TemplateResult {
    if (this.#problems.length === 0) return html`<p class="ok">${this.#t('noProblems')}</p>`;
    return html`<ol class="problems">
      ${this.#titledProblems.map((p) => {
        const place = placeOf(this.#doc!, p.pointer);
        const where = [place.form, place.page, place.field].filter(Boolean).join(' › ');
        return html`<li>${where ? html`<strong>${where}</strong>: ` : nothing}${p.message} <button type="button" @click=${() => this.#goTo(p.pointer)}>${this.#t('goTo')}</button></li>`;
      })}
    </ol>`;
  }

  /** Fills the preview with sample answers (the next variant each time) and works out what validation and the conditions make of them. */
  #tryData(): void {
    this.#checkNow();
    const program = this.#program;
    const item = this.#items.get(this.#active);
    if (!program || !item) return;
    const variant = this.#trial?.form === item.form ? this.#trial.variant + 1 : 0;
    const data = sampleData(program.definition.forms[item.form]?.schema, variant, this.#previewLocale);
    const result = validate(program, item.form, data, { locale: this.#previewLocale });
    const names = this.#namer(item.form);
    const hidden = removedPaths(data, result.data).map((p) => names.field(p));
    const errors = result.errors.map((e) => {
      const path = e.pointer.split('/').slice(1).filter((x) => !/^\d+$/.test(x)).join('.');
      return path ? `${names.field(path)}: ${e.message}` : e.message;
    });
    this.#trial = { form: item.form, variant, errors, hidden };
    void this.updateComplete.then(() => {
      const form = this.renderRoot.querySelector('cf-form') as (HTMLElement & { value: Record<string, unknown> | undefined }) | null;
      if (form) form.value = data;
    });
    this.#announce(errors.length ? this.#t('trialInvalid', { count: errors.length }) : this.#t('trialValid'));
  }

  /** The checked program with its validators, for `<cf-form>`: the same object while the program is the same (a new one would make a form load afresh and lose its answers). */
  #compiledFor(): { program: Program; validators: FormValidators } | undefined {
    const program = this.#program;
    if (!program) return undefined;
    // The same object while the program is the same: a new one would make the preview load afresh and lose its answers.
    if (this.#compiled?.program !== program) {
      this.#compiled = { program, validators: this.#previewValidators.for(program) };
      // New words for the same forms: the preview takes them in place (its answers, page and focus stay), and the
      // binding then hands it the program it already shows. Any other change loads the preview afresh.
      const preview = this.renderRoot.querySelector('cf-form') as (Element & WordsTaker) | null;
      if (preview) showWords(preview, this.#compiled);
    }
    return this.#compiled;
  }

  #renderPreview(): TemplateResult {
    const program = this.#program;
    const item = this.#items.get(this.#active);
    if (!program || !item) return html`<p>${this.#t('previewUnavailable')}</p>`;
    const compiled = this.#compiledFor()!;
    const trial = this.#trial?.form === item.form ? this.#trial : undefined;
    return html`
      <div class="bar">
        <span>
          <label for="preview-locale">${this.#t('previewLocale')}</label>
          <select id="preview-locale" @change=${(e: Event) => ((this.#previewLocale = (e.target as HTMLSelectElement).value), this.requestUpdate())}>
            ${program.locales.map((l) => html`<option value=${l} ?selected=${l === this.#previewLocale}>${localeName(l, this.#locale)}</option>`)}
          </select>
        </span>
        <button type="button" id="preview-phone" aria-pressed=${this.#phone ? 'true' : 'false'} @click=${() => ((this.#phone = !this.#phone), this.requestUpdate())}>${this.#t('phoneWidth')}</button>
        <button type="button" id="try-data" @click=${() => this.#tryData()}>${trial ? this.#t('tryOtherData') : this.#t('tryData')}</button>
      </div>
      ${trial
        ? html`<div class="trial" id="trial" aria-labelledby="trial-title">
            <h3 id="trial-title">${this.#t('trialTitle', { n: trial.variant + 1 })}</h3>
            <p>${trial.errors.length ? this.#t('trialInvalid', { count: trial.errors.length }) : this.#t('trialValid')}</p>
            ${trial.errors.length ? html`<ul>${trial.errors.map((e) => html`<li>${e}</li>`)}</ul>` : nothing}
            <p>${trial.hidden.length ? this.#t('trialHidden', { fields: trial.hidden.join(', ') }) : this.#t('trialNoneHidden')}</p>
          </div>`
        : nothing}
      <div class="preview-frame ${this.#phone ? 'phone' : ''}" lang=${this.#previewLocale}>
        ${keyed(this.#previewRun, html`<cf-form .program=${compiled} form-id=${item.form} locale=${this.#previewLocale} heading-level="3"
          @cf-submit=${(e: PreviewSubmit) => void this.#receivePreview(e, item.form)}></cf-form>`)}
      </div>
      ${this.#previewSent
        ? html`<p class="hint" id="preview-sent">${this.#t('previewSent')}
            <button type="button" id="preview-again" @click=${() => this.#previewAgain()}>${this.#t('previewAgain')}</button></p>`
        : nothing}
    `;
  }

  /**
   * The preview's receiver: the answers sent are checked here with the same definition and validators as the
   * server's, never sent anywhere. Valid answers get the form's own confirmation; invalid ones its error summary.
   */
  async #receivePreview(e: PreviewSubmit, formId: string): Promise<void> {
    e.preventDefault();
    this.#checkNow();
    const program = this.#program;
    const form = e.target as HTMLElement & { showConfirmation(): Promise<void>; showServerErrors(errors: ReturnType<typeof validate>['errors']): Promise<void> };
    if (!program) return;
    const result = validate(program, formId, e.detail.data, { locale: this.#previewLocale });
    if (result.valid) {
      this.#previewSent = true;
      this.requestUpdate();
      await form.showConfirmation();
      this.#announce(this.#t('previewSent'));
    } else await form.showServerErrors(result.errors);
  }

  /** A fresh preview after a confirmation: the form is made again, empty. */
  async #previewAgain(): Promise<void> {
    this.#previewSent = false;
    this.#previewRun++;
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#preview-title')?.scrollIntoView({ block: 'nearest' });
    this.renderRoot.querySelector<HTMLElement>('#try-data')?.focus();
  }

  #localeInputs(id: string, values: Readonly<Record<string, string>>, label: string, onChange: (locale: string, value: string) => void, multiline = false): TemplateResult {
    const locales = localesOf(this.#doc!);
    return html`<fieldset class="prop">
      <legend>${label}</legend>
      <div class="locales">
        ${locales.map((l) => {
          const inputId = `${id}-${l}`;
          const change = (e: Event) => onChange(l, (e.target as HTMLInputElement).value);
          return html`<div lang=${l}>
            <label for=${inputId}>${localeName(l, this.#locale)}</label>
            ${multiline
              ? html`<textarea id=${inputId} dir="auto" rows="2" .value=${values[l] ?? ''} @change=${change}></textarea>`
              : html`<input type="text" id=${inputId} dir="auto" .value=${values[l] ?? ''} @change=${change} />`}
          </div>`;
        })}
      </div>
      ${this.#errors[id] ? html`<p class="error" role="alert">${this.#errors[id]}</p>` : nothing}
    </fieldset>`;
  }

  #renderFieldConditions(form: string, f: FieldInfo, derived: boolean): TemplateResult {
    const doc = this.#doc!;
    const label = this.#label(f);
    const show = f.entryPath
      ? this.#renderCondition('show-when', this.#t('showWhen'), form, showWhen(doc, form, f.key), (w, what) => setShowWhen(doc, form, f.key, w, `${what}: ${label}`), f.path)
      : html`<p class="hint">${this.#t('showWhenNeedsPages')}</p>`;
    if (f.required || derived) return show;
    const found = requiredWhen(doc, form, f.key);
    const editable = found.find((r) => r.editable);
    const others = found.filter((r) => r !== editable);
    return html`${show}
      ${this.#renderCondition('required-when', this.#t('requiredWhen'), form, editable?.condition, (w, what) => setRequiredWhen(doc, form, f.key, editable?.at, w, `${what}: ${label}`), f.path)}
      ${others.map((r) => html`<p class="condition-words">${this.#t('requiredWhenOther', { condition: this.#conditionText(form, r.condition) })}</p>`)}`;
  }

  /** The outline of the working copy, worked out once per text (renders without an edit between them share it). */
  #outline(doc: ProgramDocument): FormInfo[] {
    if (this.#outlineOf?.text !== doc.text) this.#outlineOf = { text: doc.text, forms: outline(doc) };
    return this.#outlineOf.forms;
  }

  /** The fields a condition of a form can test: its top-level fields and the fields of its groups (not of lists). */
  #conditionFields(form: string, except?: string): ConditionField[] {
    const doc = this.#doc!;
    const key = JSON.stringify([this.#locale, form, except]);
    const known = this.#conditionFieldsOf;
    if (known?.text === doc.text && known.key === key) return known.fields;
    const fields = this.#listConditionFields(doc, form, except);
    this.#conditionFieldsOf = { text: doc.text, key, fields };
    return fields;
  }

  #listConditionFields(doc: ProgramDocument, form: string, except: string | undefined): ConditionField[] {
    const out: ConditionField[] = [];
    const add = (f: FieldInfo, prefix: string) => {
      if (f.path === except) return;
      const options = f.kind === 'choice' || f.kind === 'choices' ? optionsOf(doc, form, f).map((o) => ({ value: o.value, label: this.#inOwnLocale(o.label) ?? o.value })) : [];
      out.push({ path: f.path, label: prefix + this.#label(f), kind: f.kind, options });
      if (f.kind === 'group') for (const c of f.children) add(c, `${prefix}${this.#label(f)} › `);
    };
    for (const page of this.#outline(doc).find((x) => x.id === form)?.pages ?? []) for (const f of page.fields) add(f, '');
    return out;
  }

  #namer(form: string): Namer {
    const doc = this.#doc!;
    return {
      field: (key) => this.#inOwnLocale(textsOf(doc, `forms.${form}.fields.${key}.label`)) ?? key,
      option: (key, value) => this.#inOwnLocale(textsOf(doc, `forms.${form}.fields.${key}.options.${String(value)}`)) ?? String(value),
    };
  }

  /** A condition in words, in the designer's language. */
  #conditionText(form: string, schema: unknown): string {
    return describeCondition(schema, conditionWords(this.#locale), this.#namer(form));
  }

  /**
   * The condition editor: rules built from a field, a comparison and a value that fit the field's kind, joined by
   * "all" or "any". A condition the rules cannot say is shown in words, read-only, with its JSON to edit instead.
   */
  #renderCondition(id: string, legend: string, form: string, current: unknown, write: (schema: Record<string, unknown> | undefined, what: string) => void, except?: string): TemplateResult {
    const fields = this.#conditionFields(form, except);
    const parsed = current === undefined ? undefined : parseCondition(current);
    const error = this.#errors[id];
    const cw = conditionWords(this.#locale);
    const apply = (c: Condition | undefined, what: string) => this.#edit(id, () => write(c && c.rules.length ? conditionSchema(c) : undefined, what));
    const defaultRule = (path: string): Rule => {
      const f = fields.find((x) => x.path === path)!;
      const op = operatorsFor(f.kind)[0]!;
      return { field: path, op, ...defaultValue(f, op) };
    };
    const defaultValue = (f: (typeof fields)[number], op: Operator): { value?: Scalar | Scalar[] } => {
      if (op === 'isSet' || op === 'isNotSet') return {};
      if (f.options.length) return { value: op === 'oneOf' ? [f.options[0]!.value] : f.options[0]!.value };
      if (f.kind === 'boolean' || f.kind === 'consent') return { value: true };
      if (f.kind === 'integer' || f.kind === 'number' || f.kind === 'amount') return { value: 0 };
      return { value: '' };
    };
    const jsonBox = html`<details class="condition-json">
      <summary>${this.#t('conditionAsJson')}</summary>
      <label for="${id}-json" class="visually-hidden">${this.#t('conditionAsJson')}: ${legend}</label>
      <textarea id="${id}-json" rows="5" spellcheck="false" .value=${current === undefined ? '' : JSON.stringify(current, null, 2)}></textarea>
      <button type="button" id="${id}-json-apply" @click=${() => {
        const text = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${id}-json`)!.value;
        this.#edit(id, () => write(text.trim() === '' ? undefined : conditionFromJson(this.#doc!, text), this.#t('conditionAsJson')));
      }}>${this.#t('applyCondition')}</button>
    </details>`;
    let body: TemplateResult;
    if (current === undefined) {
      body = html`<p>${this.#t('noCondition')}</p>
        <button type="button" id="${id}-add" ?disabled=${fields.length === 0} @click=${() => apply({ join: 'all', rules: [defaultRule(fields[0]!.path)] }, this.#t('addCondition'))}>${this.#t('addCondition')}</button>`;
    } else if (!parsed) {
      body = html`<p class="condition-words">${this.#conditionText(form, current)}</p><p class="hint">${this.#t('conditionReadOnly')}</p>`;
    } else {
      const c = parsed;
      const set = (i: number, rule: Rule) => apply({ join: c.join, rules: c.rules.map((r, j) => (j === i ? rule : r)) }, legend);
      body = html`<p class="condition-words" id="${id}-words">${this.#conditionText(form, current)}</p>
        ${c.rules.length > 1
          ? html`<label for="${id}-join">${this.#t('conditionJoin')}</label>
              <select id="${id}-join" @change=${(e: Event) => apply({ join: (e.target as HTMLSelectElement).value as 'all' | 'any', rules: c.rules }, legend)}>
                <option value="all" ?selected=${c.join === 'all'}>${this.#t('joinAll')}</option>
                <option value="any" ?selected=${c.join === 'any'}>${this.#t('joinAny')}</option>
              </select>`
          : nothing}
        <ol class="rules">
          ${c.rules.map((r, i) => {
            const f = fields.find((x) => x.path === r.field);
            const ops = f ? operatorsFor(f.kind) : [r.op];
            const rid = `${id}-r${i}`;
            let value: TemplateResult | typeof nothing = nothing;
            if (r.op !== 'isSet' && r.op !== 'isNotSet' && f) {
              if (f.options.length && r.op === 'oneOf') {
                const chosen = Array.isArray(r.value) ? r.value : [r.value];
                value = html`<fieldset class="one-of"><legend>${this.#t('conditionValue')}</legend>
                  ${f.options.map((o, k) => html`<span class="check"><input type="checkbox" id="${rid}-v${k}" .checked=${chosen.includes(o.value)} @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = f.options.map((x) => x.value).filter((v) => (v === o.value ? on : chosen.includes(v)));
                    if (next.length) set(i, { ...r, value: next });
                  }} /><label for="${rid}-v${k}">${o.label}</label></span>`)}
                </fieldset>`;
              } else if (f.options.length) {
                value = html`<label for="${rid}-value">${this.#t('conditionValue')}</label>
                  <select id="${rid}-value" @change=${(e: Event) => set(i, { ...r, value: (e.target as HTMLSelectElement).value })}>
                    ${f.options.map((o) => html`<option value=${o.value} ?selected=${o.value === r.value}>${o.label}</option>`)}
                  </select>`;
              } else if (f.kind === 'boolean' || f.kind === 'consent') {
                value = html`<label for="${rid}-value">${this.#t('conditionValue')}</label>
                  <select id="${rid}-value" @change=${(e: Event) => set(i, { ...r, value: (e.target as HTMLSelectElement).value === 'true' })}>
                    <option value="true" ?selected=${r.value === true}>${cw.yes}</option>
                    <option value="false" ?selected=${r.value === false}>${cw.no}</option>
                  </select>`;
              } else {
                const numeric = f.kind === 'integer' || f.kind === 'number' || f.kind === 'amount';
                value = html`<label for="${rid}-value">${this.#t('conditionValue')}</label>
                  <input id="${rid}-value" type=${numeric ? 'number' : f.kind === 'date' ? 'date' : 'text'} .value=${String(r.value ?? '')} @change=${(e: Event) => {
                    const raw = (e.target as HTMLInputElement).value;
                    const v = numeric ? Number(raw) : raw;
                    if (numeric && (raw.trim() === '' || !Number.isFinite(v))) return;
                    set(i, { ...r, value: v });
                  }} />`;
              }
            }
            return html`<li>
              <fieldset class="rule">
                <legend>${this.#t('rule', { n: i + 1 })}</legend>
                <label for="${rid}-field">${this.#t('conditionField')}</label>
                <select id="${rid}-field" @change=${(e: Event) => set(i, defaultRule((e.target as HTMLSelectElement).value))}>
                  ${f ? nothing : html`<option selected value="">${r.field}</option>`}
                  ${fields.map((x) => html`<option value=${x.path} ?selected=${x.path === r.field}>${x.label}</option>`)}
                </select>
                <label for="${rid}-op">${this.#t('conditionOperator')}</label>
                <select id="${rid}-op" @change=${(e: Event) => {
                  const op = (e.target as HTMLSelectElement).value as Operator;
                  const keep = f && ((op === 'oneOf') === (r.op === 'oneOf')) && r.value !== undefined;
                  set(i, { field: r.field, op, ...(keep ? { value: r.value! } : f ? defaultValue(f, op) : {}) });
                }}>
                  ${ops.map((o) => html`<option value=${o} ?selected=${o === r.op}>${this.#t(`op_${o}`)}</option>`)}
                </select>
                ${value}
                <button type="button" id="${rid}-remove" aria-label=${this.#t('removeRule', { n: i + 1 })} @click=${() => apply({ join: c.join, rules: c.rules.filter((_, j) => j !== i) }, legend)}>${this.#t('remove')}</button>
              </fieldset>
            </li>`;
          })}
        </ol>
        <div class="bar">
          <button type="button" id="${id}-add-rule" @click=${() => apply({ join: c.join, rules: [...c.rules, defaultRule(fields[0]!.path)] }, legend)}>${this.#t('addRule')}</button>
          <button type="button" id="${id}-remove" @click=${() => apply(undefined, legend)}>${this.#t('removeCondition')}</button>
        </div>`;
    }
    return html`<fieldset class="prop condition" id=${id}>
      <legend>${legend}</legend>
      ${body} ${jsonBox}
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    </fieldset>`;
  }

  /** The form's derived values and rules across fields, in words, each with a button that selects its field. */
  #renderFormRules(form: string): TemplateResult {
    const rules = formRules(this.#doc!, form);
    const names = this.#namer(form);
    const label = (path: string) => {
      const parts = path.split('.');
      return parts.map((_, i) => names.field(parts.slice(0, i + 1).join('.'))).join(' › ');
    };
    return html`<section class="prop" id="form-rules" aria-labelledby="form-rules-title">
      <h3 id="form-rules-title">${this.#t('formRules')}</h3>
      ${rules.length
        ? html`<ul>
              ${rules.map((r) => {
                const id = `field:${form}:${r.field}`;
                return html`<li>${describeFormRule(r, formRuleWords(this.#locale), label)}
                  ${this.#items.has(id) ? html`<button type="button" aria-label=${`${this.#t('goTo')}: ${label(r.field)}`} @click=${() => this.#select(id, true)}>${this.#t('goTo')}</button>` : nothing}</li>`;
              })}
            </ul>
            <p class="hint">${this.#t('formRulesHint')}</p>`
        : html`<p>${this.#t('formRulesNone')}</p>`}
      ${this.#renderAddDerived(form, 'form')}
    </section>`;
  }

  // ---- derived values and rules across fields

  /** The fields of a form, from the outline worked out once per text. */
  #sourceFields(form: string): SourceField[] {
    const doc = this.#doc!;
    return sourceFields(doc, form, this.#outline(doc));
  }

  /** A field's name for a person: its label, inside groups "Group › Field". */
  #pathName(form: string, path: string): string {
    const names = this.#namer(form);
    const parts = path.split('.');
    return parts.map((_, i) => names.field(parts.slice(0, i + 1).join('.'))).join(' › ');
  }

  /** A derived value in words, with the fields' labels. */
  #derivedWords(form: string, field: string, expression: string): string {
    return describeFormRule({ kind: 'derived', field, expression }, formRuleWords(this.#locale), (p) => this.#pathName(form, p));
  }

  /** A spec of a kind, from the first fields that fit (a field preferred when it fits); undefined when none does. */
  #defaultSpec(form: string, kind: DerivedKind, except?: string, prefer?: string): DerivedSpec | undefined {
    if (kind === 'formula') return { kind, expression: '' };
    const fits = sourcesFor(this.#sourceFields(form), kind, except).map((f) => f.path);
    const first = prefer && fits.includes(prefer) ? prefer : fits[0];
    if (!first) return undefined;
    if (kind === 'sum' || kind === 'count') return { kind, of: first };
    if (kind === 'ageAt') return { kind, of: first, on: { date: `${new Date().getFullYear()}-12-31` } };
    const to = fits.find((p) => p !== first);
    return to ? { kind, from: first, to } : undefined;
  }

  /** Opens *Add a derived value* at the form or after a field, with what fits that field chosen. */
  #openDerived(form: string, at: 'form' | 'field', field?: FieldInfo, page?: string, index?: number): void {
    const kinds: DerivedKind[] = field?.kind === 'list' ? ['count'] : field?.kind === 'date' ? ['ageAt'] : ['sum', 'count', 'ageAt'];
    let spec: DerivedSpec = { kind: 'formula', expression: '' };
    for (const k of kinds) {
      const found = this.#defaultSpec(form, k, undefined, field?.path);
      if (found) {
        spec = found;
        break;
      }
    }
    const doc = this.#doc!;
    const taken = (k: string) => doc.get(['forms', form, 'schema', 'properties', k]) !== undefined;
    let key = derivedKey[spec.kind];
    for (let n = 2; taken(key); n++) key = `${derivedKey[spec.kind]}${n}`;
    const labels = Object.fromEntries(localesOf(doc).map((l) => [l, uiText(l, `derivedLabel_${spec.kind}`)]));
    this.#derivedDraft = { form, at, ...(field ? { near: field.path } : {}), ...(page === undefined ? {} : { page }), ...(index === undefined ? {} : { index }), key, labels, spec };
    delete this.#formulaTyped['new-derived'];
    delete this.#errors['new-derived'];
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#new-derived-key')?.focus());
  }

  #addDerived(): void {
    const d = this.#derivedDraft;
    if (!d) return;
    const typed = this.#formulaTyped['new-derived'];
    const spec: DerivedSpec = d.spec.kind === 'formula' ? { kind: 'formula', expression: typed ?? d.spec.expression } : d.spec;
    const label = d.labels[this.#locale] || Object.values(d.labels).find((x) => x) || d.key;
    const done = this.#edit('new-derived', () => {
      addDerivedValue(this.#doc!, { form: d.form, key: d.key, labels: d.labels, spec, ...(d.page === undefined ? {} : { page: d.page }), ...(d.index === undefined ? {} : { index: d.index }) }, `${this.#t('addDerived')}: ${label}`);
      this.#active = `field:${d.form}:${d.key}`;
      this.#focusTree = true;
      return this.#t('added', { label });
    });
    if (done) {
      this.#derivedDraft = undefined;
      delete this.#formulaTyped['new-derived'];
    }
  }

  /** The panel that makes a derived value: its name, its label in every locale, what it is worked out from. */
  #renderDerivedDraft(d: DerivedDraft): TemplateResult {
    const error = this.#errors['new-derived'];
    return html`<fieldset class="prop derived" id="new-derived">
      <legend>${this.#t('addDerived')}</legend>
      <div class="prop">
        <label for="new-derived-key">${this.#t('derivedName')}</label>
        <input type="text" id="new-derived-key" aria-describedby="new-derived-key-hint" .value=${d.key} @change=${(e: Event) => (d.key = (e.target as HTMLInputElement).value.trim())} />
        <p class="hint" id="new-derived-key-hint">${this.#t('derivedNameHint')}</p>
      </div>
      ${this.#localeInputs('new-derived-label', d.labels, this.#t('label'), (l, v) => (d.labels = { ...d.labels, [l]: v }))}
      ${this.#renderDerivedInputs('new-derived', d.form, d.spec, undefined, (spec) => this.#draftSpec(d, spec))}
      ${error ? html`<p class="error" role="alert" id="new-derived-error">${error}</p>` : nothing}
      <div class="bar">
        <button type="button" id="new-derived-add" @click=${() => this.#addDerived()}>${this.#t('addDerived')}</button>
        <button type="button" id="new-derived-cancel" @click=${() => {
          this.#derivedDraft = undefined;
          this.requestUpdate();
          void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#add-derived-open')?.focus());
        }}>${this.#t('cancelDerived')}</button>
      </div>
    </fieldset>`;
  }

  /** A new kind for the value being made: a name and labels the designer gave for the old kind follow it. */
  #draftSpec(d: DerivedDraft, spec: DerivedSpec): void {
    delete this.#errors['new-derived'];
    const was = d.spec.kind;
    d.spec = spec;
    if (was !== spec.kind) {
      const locales = localesOf(this.#doc!);
      if (locales.every((l) => d.labels[l] === uiText(l, `derivedLabel_${was}`))) d.labels = Object.fromEntries(locales.map((l) => [l, uiText(l, `derivedLabel_${spec.kind}`)]));
      if (d.key.replace(/\d+$/, '') === derivedKey[was]) {
        const taken = (k: string) => this.#doc!.get(['forms', d.form, 'schema', 'properties', k]) !== undefined;
        let key = derivedKey[spec.kind];
        for (let n = 2; taken(key); n++) key = `${derivedKey[spec.kind]}${n}`;
        d.key = key;
      }
    }
    this.requestUpdate();
  }

  /** *Add a derived value*: the button, or the panel while it is open here. */
  #renderAddDerived(form: string, at: 'form' | 'field', field?: FieldInfo, page?: string, index?: number): TemplateResult {
    const d = this.#derivedDraft;
    if (d && d.form === form && d.at === at && d.near === field?.path) return this.#renderDerivedDraft(d);
    return html`<div class="bar"><button type="button" id="add-derived-open" @click=${() => this.#openDerived(form, at, field, page, index)}>${this.#t('addDerivedOpen')}</button></div>`;
  }

  /**
   * What a derived value is worked out from: its kind and the fields (or a fixed day) it reads, or a formula checked
   * with core's parser as it is typed. `onSpec` takes each change that can be written.
   */
  #renderDerivedInputs(id: string, form: string, spec: DerivedSpec, except: string | undefined, onSpec: (spec: DerivedSpec) => void): TemplateResult {
    const fields = this.#sourceFields(form);
    const choose = (sid: string, label: string, kind: Exclude<DerivedKind, 'formula'>, current: string, set: (path: string) => void) => {
      const fits = sourcesFor(fields, kind, except);
      return html`<label for=${sid}>${label}</label>
        <select id=${sid} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
          ${fits.some((f) => f.path === current) ? nothing : html`<option value="" selected>${current ? this.#pathName(form, current) : '—'}</option>`}
          ${fits.map((f) => html`<option value=${f.path} ?selected=${f.path === current}>${this.#pathName(form, f.path)}</option>`)}
        </select>`;
    };
    let parts: TemplateResult;
    if (spec.kind === 'sum' || spec.kind === 'count') {
      parts = choose(`${id}-of`, this.#t(spec.kind === 'sum' ? 'derivedSumOf' : 'derivedCountOf'), spec.kind, spec.of, (of) => onSpec({ kind: spec.kind, of }));
    } else if (spec.kind === 'ageAt') {
      const fixed = 'date' in spec.on;
      const on = spec.on;
      parts = html`${choose(`${id}-of`, this.#t('derivedAgeOf'), 'ageAt', spec.of, (of) => onSpec({ ...spec, of }))}
        <label for="${id}-on-kind">${this.#t('derivedAgeOn')}</label>
        <select id="${id}-on-kind" @change=${(e: Event) => {
          const toField = (e.target as HTMLSelectElement).value === 'field';
          const other = sourcesFor(fields, 'ageAt', except).find((f) => f.path !== spec.of);
          if (toField && other) onSpec({ ...spec, on: { field: other.path } });
          else if (!toField) onSpec({ ...spec, on: { date: `${new Date().getFullYear()}-12-31` } });
          else {
            this.#errors = { ...this.#errors, [id]: this.#t('derivedNoSource') };
            this.requestUpdate();
          }
        }}>
          <option value="date" ?selected=${fixed}>${this.#t('derivedOnDate')}</option>
          <option value="field" ?selected=${!fixed}>${this.#t('derivedOnField')}</option>
        </select>
        ${'date' in on
          ? html`<label for="${id}-on-date">${this.#t('derivedDate')}</label>
              <input type="text" id="${id}-on-date" inputmode="numeric" autocomplete="off" .value=${on.date} @change=${(e: Event) => onSpec({ ...spec, on: { date: (e.target as HTMLInputElement).value.trim() } })} />`
          : choose(`${id}-on-field`, this.#t('derivedDateField'), 'ageAt', on.field, (field) => onSpec({ ...spec, on: { field } }))}`;
    } else if (spec.kind === 'daysBetween') {
      parts = html`${choose(`${id}-from`, this.#t('derivedFrom'), 'daysBetween', spec.from, (from) => onSpec({ ...spec, from }))}
        ${choose(`${id}-to`, this.#t('derivedTo'), 'daysBetween', spec.to, (to) => onSpec({ ...spec, to }))}`;
    } else parts = this.#renderFormula(id, form, spec.expression, except, onSpec);
    return html`<div class="rule">
      <label for="${id}-kind">${this.#t('derivedKind')}</label>
      <select id="${id}-kind" @change=${(e: Event) => {
        const kind = (e.target as HTMLSelectElement).value as DerivedKind;
        const next = kind === 'formula' ? { kind, expression: spec.kind === 'formula' ? spec.expression : derivedExpressionOf(spec) } : this.#defaultSpec(form, kind, except);
        if (next) onSpec(next as DerivedSpec);
        else {
          this.#errors = { ...this.#errors, [id]: this.#t('derivedNoSource') };
          this.#announce(this.#t('derivedNoSource'));
          this.requestUpdate();
        }
      }}>
        ${derivedKinds.map((k) => html`<option value=${k} ?selected=${k === spec.kind}>${this.#t(`derived_${k}`)}</option>`)}
      </select>
      ${parts}
    </div>`;
  }

  /** The formula box: checked as it is typed (core's parser), fields inserted by their labels; taken only once it reads. */
  #renderFormula(id: string, form: string, expression: string, except: string | undefined, onSpec: (spec: DerivedSpec) => void): TemplateResult {
    const typed = this.#formulaTyped[id] ?? expression;
    const problem = typed.trim() === '' ? undefined : expressionError(this.#doc!, form, typed, except);
    const fields = this.#sourceFields(form).filter((f) => f.path !== except && f.kind !== 'group');
    const take = (text: string) => {
      this.#formulaTyped = { ...this.#formulaTyped, [id]: text };
      if (!expressionError(this.#doc!, form, text, except) && text.trim() !== '') onSpec({ kind: 'formula', expression: text });
      else this.requestUpdate();
    };
    const insert = () => {
      const input = this.renderRoot.querySelector<HTMLTextAreaElement>(`#${id}-formula`)!;
      const path = this.renderRoot.querySelector<HTMLSelectElement>(`#${id}-insert`)!.value;
      const at = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? at;
      const text = input.value.slice(0, at) + path + input.value.slice(end);
      take(text);
      void this.updateComplete.then(() => {
        input.focus();
        input.setSelectionRange(at + path.length, at + path.length);
      });
    };
    return html`<label for="${id}-formula">${this.#t('derivedFormula')}</label>
      <textarea id="${id}-formula" rows="2" spellcheck="false" autocomplete="off" class="formula" .value=${typed}
        aria-invalid=${problem ? 'true' : 'false'} aria-describedby="${id}-formula-check ${id}-formula-hint"
        @input=${(e: Event) => ((this.#formulaTyped = { ...this.#formulaTyped, [id]: (e.target as HTMLTextAreaElement).value }), this.requestUpdate())}
        @change=${(e: Event) => take((e.target as HTMLTextAreaElement).value)}></textarea>
      ${problem?.detail.column ? this.#formulaWhere(typed, problem.detail.column) : nothing}
      <p class=${problem ? 'error' : 'hint'} id="${id}-formula-check" aria-live="polite">${problem ? problem.text : typed.trim() ? this.#t('derivedFormulaOk', { words: this.#derivedWords(form, except ?? '…', typed) }) : ''}</p>
      <p class="hint" id="${id}-formula-hint">${this.#t('derivedFormulaHint')}</p>
      <label for="${id}-insert">${this.#t('insertField')}</label>
      <select id="${id}-insert">${fields.map((f) => html`<option value=${f.path}>${this.#pathName(form, f.path)}</option>`)}</select>
      <button type="button" id="${id}-insert-button" @click=${insert}>${this.#t('insertFieldButton')}</button>`;
  }

  /** The formula with the place it goes wrong marked (the message says the character in words for screen readers). */
  #formulaWhere(text: string, column: number): TemplateResult {
    const at = Math.min(column - 1, text.length);
    const end = text.slice(at).search(/\s|$/);
    const wrong = text.slice(at, at + Math.max(1, end));
    return html`<p class="formula-where" aria-hidden="true"><code>${text.slice(0, at)}<mark>${wrong || '\u00a0'}</mark>${text.slice(at + wrong.length)}</code></p>`;
  }

  /** The derived value of a field: what it is worked out from, to change; and a button to remove it. */
  #renderDerived(form: string, f: FieldInfo): TemplateResult | typeof nothing {
    const found = derivedOf(this.#doc!, f);
    if (!found) return nothing;
    const label = this.#label(f);
    const error = this.#errors.derived;
    const key = `${form}:${f.path}`;
    const spec: DerivedSpec = this.#asFormula.has(key) ? { kind: 'formula', expression: found.expression } : found.spec;
    return html`<fieldset class="prop derived" id="derived">
      <legend>${this.#t('derivedTitle')}</legend>
      <p class="condition-words" id="derived-words">${this.#derivedWords(form, f.path, found.expression)}</p>
      <p class="hint">${this.#t('derivedHint')}</p>
      ${this.#renderDerivedInputs('derived', form, spec, f.path, (spec) =>
        this.#edit('derived', () => {
          if (spec.kind === 'formula') this.#asFormula.add(key);
          else this.#asFormula.delete(key);
          setDerived(this.#doc!, form, f, spec, `${this.#t('derivedTitle')}: ${label}`);
          delete this.#formulaTyped.derived;
          return this.#t('derivedChanged', { label, words: this.#derivedWords(form, f.path, derivedExpressionOf(spec)) });
        }),
      )}
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
      <div class="bar"><button type="button" id="derived-remove" @click=${() => this.#remove()}>${this.#t('removeDerived')}</button></div>
    </fieldset>`;
  }

  /** How new rules' error texts start: the editor's words per program locale, with the other field's label there. */
  #ruleTexts(form: string): RuleTexts {
    const doc = this.#doc!;
    return {
      words: ruleErrorWords,
      label: (path, locale) => {
        const t = textsOf(doc, `forms.${form}.fields.${path}.label`);
        return t[locale] ?? this.#inOwnLocale(t) ?? path;
      },
    };
  }

  #ruleWords(form: string, path: string, rule: Pick<FieldRule, 'op' | 'other'>): string {
    const keyword = keywordOf[rule.op];
    return describeFormRule({ kind: 'compare', field: path, keyword: rule.op === 'differs' ? 'const' : keyword, other: rule.other, negated: rule.op === 'differs' }, formRuleWords(this.#locale), (p) => this.#pathName(form, p));
  }

  /**
   * The rules that compare a field with others: each a comparison and the other field, with its error text in every
   * locale; *Add a rule*; and what the editor cannot present, as JSON to edit.
   */
  #renderFieldRules(form: string, f: FieldInfo): TemplateResult | typeof nothing {
    const ops = compareOpsFor(f.kind);
    if (ops.length === 0) return nothing;
    const doc = this.#doc!;
    const { rules, json } = fieldRules(doc, form, f.path);
    const others = comparableFields(doc, form, f.path, f.kind, this.#sourceFields(form));
    const texts = this.#ruleTexts(form);
    const error = this.#errors['field-rules'];
    const label = this.#label(f);
    // The focus goes to the control the person is at once the change is drawn (the list is drawn anew).
    const focusAfter = (done: boolean, id: string) => done && void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus());
    const change = (i: number, rule: FieldRule, op: CompareOp, other: string) =>
      focusAfter(
        this.#edit('field-rules', () => {
          changeFieldRule(doc, form, f.path, rule, op, other, texts, `${this.#t('fieldRules')}: ${label}`);
          return this.#t('ruleChanged', { words: this.#ruleWords(form, f.path, { op, other }) });
        }),
        `rule-${i}-${op === rule.op ? 'other' : 'op'}`,
      );
    const add = () => {
      const ownIndex = others.length ? this.#sourceFields(form).findIndex((x) => x.path === f.path) : -1;
      const before = this.#sourceFields(form).slice(0, Math.max(0, ownIndex)).map((x) => x.path).filter((p) => others.includes(p));
      const other = before.at(-1) ?? others[0]!;
      const op: CompareOp = ops.includes('after') ? 'after' : ops.includes('atMost') ? 'atMost' : ops[0]!;
      focusAfter(
        this.#edit('field-rules', () => {
          addFieldRule(doc, form, f.path, op, other, texts, `${this.#t('addFieldRule')}: ${label}`);
          return this.#t('ruleAdded', { words: this.#ruleWords(form, f.path, { op, other }) });
        }),
        `rule-${rules.length}-op`,
      );
    };
    return html`<fieldset class="prop field-rules" id="field-rules">
      <legend>${this.#t('fieldRules')}</legend>
      ${rules.length
        ? html`<ol class="rules field-rule-list">
            ${rules.map((r, i) => {
              const candidates = others.includes(r.other) ? others : [r.other, ...others];
              return html`<li>
                <fieldset class="rule">
                  <legend>${this.#t('fieldRule', { n: i + 1 })}</legend>
                  <p class="condition-words" id="rule-${i}-words">${this.#ruleWords(form, f.path, r)}</p>
                  <label for="rule-${i}-op">${this.#t('ruleCompare')}</label>
                  <select id="rule-${i}-op" @change=${(e: Event) => change(i, r, (e.target as HTMLSelectElement).value as CompareOp, r.other)}>
                    ${ops.map((o) => html`<option value=${o} ?selected=${o === r.op}>${this.#t(`cmp_${o}`)}</option>`)}
                  </select>
                  <label for="rule-${i}-other">${this.#t('ruleOther')}</label>
                  <select id="rule-${i}-other" @change=${(e: Event) => change(i, r, r.op, (e.target as HTMLSelectElement).value)}>
                    ${candidates.map((p) => html`<option value=${p} ?selected=${p === r.other}>${this.#pathName(form, p)}</option>`)}
                  </select>
                  <div class="one-of">
                    ${this.#localeInputs(
                      `rule-${i}-error`,
                      ruleErrorTexts(doc, form, f.path, r.op),
                      `${this.#t('ruleErrorText')} (${this.#t('fieldRule', { n: i + 1 })})`,
                      (l, v) => this.#edit(`rule-${i}-error`, () => setRuleErrorText(doc, form, f.path, r.op, l, v, `${this.#t('ruleErrorText')}: ${label} (${l})`)),
                      true,
                    )}
                  </div>
                  <button type="button" id="rule-${i}-remove" @click=${() =>
                    focusAfter(
                      this.#edit('field-rules', () => {
                        const words = this.#ruleWords(form, f.path, r);
                        removeFieldRule(doc, form, f.path, r, `${this.#t('removeFieldRule', { n: i + 1 })}: ${label}`);
                        return this.#t('ruleRemoved', { words });
                      }),
                      'add-field-rule',
                    )}>${this.#t('removeFieldRule', { n: i + 1 })}</button>
                </fieldset>
              </li>`;
            })}
          </ol>`
        : html`<p>${others.length ? this.#t('fieldRulesNone') : this.#t('fieldRulesNoOther')}</p>`}
      ${json.map(
        (j, k) => html`<details class="condition-json" open>
          <summary>${this.#t('rulesJson')}</summary>
          <label for="rule-json-${k}" class="visually-hidden">${this.#t('rulesJson')}</label>
          <textarea id="rule-json-${k}" rows="5" spellcheck="false" .value=${JSON.stringify(j.value, null, 2)}></textarea>
          <button type="button" id="rule-json-${k}-apply" @click=${() => {
            const text = this.renderRoot.querySelector<HTMLTextAreaElement>(`#rule-json-${k}`)!.value;
            this.#edit('field-rules', () => {
              setJsonRule(doc, j, text, `${this.#t('rulesJson')}: ${label}`);
              return this.#t('ruleJsonApplied');
            });
          }}>${this.#t('applyRuleJson')}</button>
        </details>`,
      )}
      <div class="bar"><button type="button" id="add-field-rule" ?disabled=${others.length === 0} @click=${add}>${this.#t('addFieldRule')}</button></div>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    </fieldset>`;
  }

  /** The options of a choice: each with its labels side by side and buttons to move or delete it; a box to add one. */
  #renderOptions(form: string, f: FieldInfo): TemplateResult {
    const doc = this.#doc!;
    const list = optionsOf(doc, form, f);
    const error = this.#errors.options;
    const name = (o: { value: string; label: Readonly<Record<string, string>> }) => this.#inOwnLocale(o.label) ?? o.value;
    const move = (value: string, direction: -1 | 1, label: string) =>
      this.#edit('options', () => {
        const at = moveOption(doc, f, value, direction, `${this.#t('option')}: ${label}`);
        if (at === undefined) return undefined;
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`#option-${at - 1}-${direction === -1 ? 'up' : 'down'}`)?.focus());
        return this.#t('optionMoved', { label, position: at, count: list.length });
      });
    const add = () => {
      const input = this.renderRoot.querySelector<HTMLInputElement>('#new-option')!;
      const value = input.value.trim();
      const n = list.length + 1;
      const labels = Object.fromEntries(localesOf(doc).map((l) => [l, value]));
      const done = this.#edit('options', () => {
        addOption(doc, form, f, value, labels, `${this.#t('addOption')}: ${value}`);
        return this.#t('added', { label: value || String(n) });
      });
      if (done) input.value = '';
    };
    return html`<fieldset class="prop options">
      <legend>${this.#t('options')}</legend>
      <ol>
        ${list.map((o, i) => {
          const label = name(o);
          return html`<li>
            ${this.#localeInputs(`option-${i}`, o.label, `${this.#t('option')} ${i + 1} (${o.value})`, (l, v) =>
              this.#edit(`option-${i}`, () => setOptionLabel(doc, form, f, o.value, l, v, `${this.#t('option')}: ${label} (${l})`)),
            )}
            <div class="bar">
              <button type="button" id="option-${i}-up" ?disabled=${i === 0} aria-label=${this.#t('optionUp', { label })} @click=${() => move(o.value, -1, label)}>${this.#t('moveUp')}</button>
              <button type="button" id="option-${i}-down" ?disabled=${i === list.length - 1} aria-label=${this.#t('optionDown', { label })} @click=${() => move(o.value, 1, label)}>${this.#t('moveDown')}</button>
              <button type="button" id="option-${i}-remove" aria-label=${this.#t('optionRemove', { label })} @click=${() =>
                this.#edit('options', () => {
                  removeOption(doc, form, f, o.value, `${this.#t('remove')}: ${label}`);
                  return this.#t('removed', { label });
                })}>${this.#t('remove')}</button>
            </div>
          </li>`;
        })}
      </ol>
      <div class="bar">
        <label for="new-option">${this.#t('newOptionValue')}</label>
        <input type="text" id="new-option" aria-describedby="new-option-hint" @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), add())} />
        <button type="button" id="add-option" @click=${add}>${this.#t('addOption')}</button>
      </div>
      <p class="hint" id="new-option-hint">${this.#t('newOptionHint')}</p>
      ${error ? html`<p class="error" role="alert">${error}</p>` : nothing}
    </fieldset>`;
  }

  /** A text in the designer's language, else in the first locale that has it; undefined when none has. */
  #inOwnLocale(texts: Readonly<Record<string, string>>): string | undefined {
    const own = Object.keys(texts).find((l) => l.toLowerCase() === this.#locale.toLowerCase());
    return (own !== undefined ? texts[own] : undefined) || Object.values(texts).find((t) => t !== '') || undefined;
  }

  #renderProperties(): TemplateResult {
    const doc = this.#doc!;
    const item = this.#items.get(this.#active);
    if (!item) return html`<p>${this.#t('noSelection')}</p>`;
    if (!item.field && item.page !== undefined) {
      const page = item.page;
      if (page === '') return html`<p>${this.#t('noSelection')}</p>`;
      const pageTitles = textsOf(doc, `forms.${item.form}.pages.${page}.title`);
      const title = this.#inOwnLocale(pageTitles) ?? page;
      const titles = this.#localeInputs('page-title', pageTitles, `${this.#t('page')}: ${title}`, (l, v) =>
        this.#edit('page-title', () => setPageTitle(doc, item.form, page, l, v, `${this.#t('page')} ${page} (${l})`)),
      );
      const pages = outline(doc).find((x) => x.id === item.form)?.pages ?? [];
      const at = pages.findIndex((p) => p.id === page);
      return html`${titles}
        <div class="bar" role="group" aria-label=${this.#t('pageActions', { label: title })}>
          <button type="button" id="page-up" ?disabled=${at <= 0} @click=${() => this.#movePage(-1)}>${this.#t('movePageUp')}</button>
          <button type="button" id="page-down" ?disabled=${at === pages.length - 1} @click=${() => this.#movePage(1)}>${this.#t('movePageDown')}</button>
          <button type="button" id="remove-page" ?disabled=${pages.length <= 1} @click=${() => this.#removePage()}>${this.#t('removePage')}</button>
        </div>
        <p class="hint">${this.#t('removePageHint', { count: pages[at]?.fields.length ?? 0 })}</p>
        ${this.#errors['page-actions'] ? html`<p class="error" role="alert">${this.#errors['page-actions']}</p>` : nothing}
        ${this.#renderCondition('page-when', this.#t('showPageWhen'), item.form, pageWhen(doc, item.form, page), (w, what) => setPageWhen(doc, item.form, page, w, `${what}: ${title}`))}`;
    }
    if (!item.field) {
      const key = `forms.${item.form}.title`;
      const formTitles = textsOf(doc, key);
      return html`${this.#localeInputs('form-title', formTitles, `${this.#t('form')}: ${this.#inOwnLocale(formTitles) ?? item.form}`, (l, v) =>
        this.#edit('form-title', () => doc.apply(textOperations(doc, l, key, v), `${this.#t('form')} ${item.form} (${l})`)),
      )}${this.#renderFormRules(item.form)}`;
    }
    const f = item.field;
    const form = item.form;
    const top = !f.path.includes('.');
    const schema = (doc.get(f.schemaPath) ?? {}) as Record<string, unknown>;
    const labelText = (l: string) => `${this.#label(f)} (${l})`;
    const labels = this.#localeInputs('label', f.label, this.#t('label'), (l, v) => this.#edit('label', () => setLabel(doc, form, f.path, l, v, `${this.#t('label')}: ${labelText(l)}`)));
    const help = this.#localeInputs('help', textsOf(doc, `forms.${form}.fields.${f.path}.help`), this.#t('help'), (l, v) => this.#edit('help', () => setHelp(doc, form, f.path, l, v, `${this.#t('help')}: ${labelText(l)}`)), true);
    const options = f.kind === 'choice' || f.kind === 'choices' ? this.#renderOptions(form, f) : nothing;
    const page = item.page === '' ? undefined : item.page;
    const pageFields = outline(doc).find((x) => x.id === form)?.pages.find((p) => p.id === item.page)?.fields ?? [];
    const after = top ? pageFields.findIndex((x) => x.key === f.key) + 1 : undefined;
    const computed = html`${this.#renderDerived(form, f)}${this.#renderFieldRules(form, f)}${this.#renderAddDerived(form, 'field', f, page, after)}`;
    // A derived value is worked out, never typed: "required" means nothing for it (a box a program's JSON ticked
    // stays, so it can be unticked).
    const derived = derivedOf(doc, f) !== undefined;
    if (!top) return html`<p>${this.#t('kind')}: ${designerWords(this.#locale).kinds[f.kind]}</p>${labels}${options}${help}${computed}`;
    const constraints: Constraint[] = ['text', 'textarea', 'email', 'phone'].includes(f.kind)
      ? ['minLength', 'maxLength', 'pattern']
      : ['integer', 'number', 'amount'].includes(f.kind)
        ? ['minimum', 'maximum']
        : [];
    const setConstraintFrom = (name: Constraint, raw: string) =>
      this.#edit(name, () => {
        const value = raw.trim() === '' ? undefined : name === 'pattern' ? raw : Number(raw);
        setConstraint(doc, form, f.key, name, value, `${this.#t(name)}: ${this.#label(f)}`);
      });
    return html`
      <div class="prop">
        <label for="key">${this.#t('key')}</label>
        <input type="text" id="key" .value=${f.key} @change=${(e: Event) => {
          const to = (e.target as HTMLInputElement).value.trim();
          this.#edit('key', () => {
            renameField(doc, form, f.key, to, `${this.#t('rename')}: ${f.key} → ${to}`);
            this.#active = `field:${form}:${to}`;
          });
        }} />
        ${this.#errors.key ? html`<p class="error" role="alert">${this.#errors.key}</p>` : nothing}
      </div>
      <p>${this.#t('kind')}: ${designerWords(this.#locale).kinds[f.kind]}</p>
      ${labels}
      ${derived && !f.required
        ? nothing
        : html`<div class="prop check">
            <input type="checkbox" id="required" .checked=${f.required} @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              this.#edit('required', () => setRequired(doc, form, f.key, on, `${this.#t('required')}: ${this.#label(f)}`));
            }} />
            <label for="required">${this.#t('required')}</label>
          </div>`}
      ${constraints.map(
        (name) => html`<div class="prop">
          <label for=${name}>${this.#t(name)}</label>
          <input
            type=${name === 'pattern' ? 'text' : 'number'}
            id=${name}
            .value=${schema[name] === undefined ? '' : String(schema[name])}
            aria-invalid=${this.#errors[name] ? 'true' : 'false'}
            aria-describedby=${this.#errors[name] ? `${name}-error` : nothing}
            @change=${(e: Event) => setConstraintFrom(name, (e.target as HTMLInputElement).value)}
          />
          ${this.#errors[name] ? html`<p class="error" id="${name}-error" role="alert">${this.#errors[name]}</p>` : nothing}
        </div>`,
      )}
      ${options} ${help} ${this.#renderFieldConditions(form, f, derived)} ${computed}
      <div class="prop check">
        <input type="checkbox" id="personal" .checked=${schema['x-personal-data'] === true} @change=${(e: Event) => {
          const on = (e.target as HTMLInputElement).checked;
          this.#edit('personal', () => setConstraint(doc, form, f.key, 'x-personal-data', on ? true : undefined, `${this.#t('personalData')}: ${this.#label(f)}`));
        }} />
        <label for="personal">${this.#t('personalData')}</label>
      </div>
      <div class="prop">
        <label for="retention">${this.#t('retention')}</label>
        <input type="text" id="retention" .value=${typeof schema['x-retention'] === 'string' ? schema['x-retention'] : ''} @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value.trim();
          this.#edit('retention', () => setConstraint(doc, form, f.key, 'x-retention', v === '' ? undefined : v, `${this.#t('retention')}: ${this.#label(f)}`));
        }} />
      </div>
    `;
  }
}

/** A move within a form without pages: the schema's order is the form's. */
function moveInSchema(doc: ProgramDocument, form: string, from: number, to: number, label: string): { position: number; count: number } {
  const count = Object.keys(doc.get(['forms', form, 'schema', 'properties']) as object).length;
  const target = Math.max(0, Math.min(to, count - 1));
  doc.apply([{ op: 'move', path: ['forms', form, 'schema', 'properties'], from, to: target }], label);
  return { position: target + 1, count };
}

function readSaved(key: string): SavedCopy | undefined {
  try {
    const raw = localStorage.getItem(key);
    const v = raw ? (JSON.parse(raw) as Partial<SavedCopy>) : undefined;
    return v && typeof v.text === 'string' && typeof v.base === 'string' && typeof v.at === 'string' ? (v as SavedCopy) : undefined;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-program-designer': CfProgramDesigner;
  }
}
