import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { Issue } from '@civicflow/core';
import type { ProgramDocument } from '../document/program-document.js';
import { DesignerError } from '../errors.js';
import { CfWorkflowEditEvent } from '../events/workflow-edit.js';
import { CfWorkflowSelectEvent, type WorkflowSelection } from '../events/workflow-select.js';
import { describeCondition, operatorsFor, type Condition, type Operator, type Rule, type Scalar } from '../model/conditions.js';
import type { FieldKind } from '../model/field-kinds.js';
import { localesOf, optionsOf, outline } from '../model/form-model.js';
import { setRoleAllowed } from '../model/roles.js';
import {
  DEFAULT_ZONE,
  actionWords,
  addPeriod,
  addPlaces,
  limitsOf,
  periodsOf,
  placesOf,
  removePeriod,
  removePlaces,
  setPeriodText,
  setPeriodTimes,
  setPlaces,
  setPlacesTitle,
  setSubmissionPeriods,
  setSumReleasedIn,
  setTransitionLimit,
  setWaitingList,
  submissionPeriods,
  sumsOf,
  type PeriodInfo,
  type PlacesInfo,
  type SumInfo,
} from '../model/workflow-limits.js';
import {
  ANY_STATE_KEY,
  APPLICANT_PARTS,
  addEvent,
  addOutcome,
  addState,
  addTimer,
  addTransition,
  dueEvents,
  durationParts,
  guardSchema,
  isoDuration,
  momentIn,
  momentParts,
  parseGuard,
  removeEvent,
  removeOutcome,
  removeState,
  removeTimer,
  removeSum,
  removeTransition,
  renameEvent,
  renameState,
  setApplicantDue,
  setApplicantText,
  setEventForm,
  setEventTitle,
  setFinal,
  setGuard,
  setInitial,
  setStateTitle,
  setSum,
  setTarget,
  setTimerLate,
  setTimerSend,
  setTimerWhen,
  setTransitionOutcome,
  workflowOutline,
  type ApplicantPart,
  type DurationUnit,
  type GuardParts,
  type StateInfo,
  type TimerInfo,
  type TimerWhen,
  type TransitionInfo,
  type WorkflowOutline,
} from '../model/workflow-edit.js';
import { outlineKey, placeOutlineProblems } from '../model/workflow-model.js';
import { conditionWords, localeName, uiText } from '../strings.js';
import { visuallyHidden } from '../designer/program-designer.styles.js';

const UNITS: readonly DurationUnit[] = ['days', 'weeks', 'months', 'years', 'hours'];
const ZONES = ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'UTC'];

/** A field a guard's rule can look at: its path, its label, its kind and its options. */
interface GuardField {
  readonly path: string;
  readonly label: string;
  readonly kind: FieldKind;
  readonly options: readonly { value: string; label: string }[];
}

/**
 * `<cf-workflow-outline>`: the workflow as an outline to edit by keyboard and screen reader: every state as a heading
 * with its title, what the applicant is told, its transitions (event, target, guard, outcome) and timers; the events
 * (title, form, roles); what every open state takes; the outcomes. A state's or an event's button selects it, and the
 * host selects it in the diagram too. The problems `loadProgram` reports are shown where they point. Every edit is
 * one step of the document's history.
 *
 * @summary The workflow editor of the designer's workflow view.
 * @event cf-workflow-edit - After an edit of `doc`, with the words that say what changed.
 * @event cf-workflow-select - When a state or an event is selected.
 */
export class CfWorkflowOutline extends LitElement {
  static override properties = {
    doc: { attribute: false },
    text: { attribute: false },
    problems: { attribute: false },
    selected: { attribute: false },
    locale: {},
    textLocale: { attribute: 'text-locale' },
  };

  /** The working copy; the outline edits it in place and fires `cf-workflow-edit`. */
  declare doc: ProgramDocument | undefined;
  /** The working copy's text: a new one draws the outline again (after an undo, say). */
  declare text: string | undefined;
  /** The problems `loadProgram` reports for the working copy, in the designer's language. */
  declare problems: readonly Issue[];
  /** The selected state (and event), shared with the diagram. */
  declare selected: WorkflowSelection | undefined;
  /** The designer's language, `de` or `en`. */
  declare locale: string;
  /** The language of the program's texts in the outline. */
  declare textLocale: string | undefined;

  #error: { at: string; text: string } | undefined;
  /** The event whose details are open, kept across a rename (its key, and so its element, changes). */
  #openEvent: string | undefined;
  #model: { text: string; outline: WorkflowOutline } | undefined;

  constructor() {
    super();
    this.problems = [];
    this.locale = 'en';
  }

  #t(key: string, params: Record<string, string | number> = {}): string {
    return uiText(this.locale, key, params);
  }

  get #textLocale(): string {
    const locales = this.doc ? localesOf(this.doc) : [];
    return this.textLocale && locales.includes(this.textLocale) ? this.textLocale : (locales.find((l) => l.startsWith(this.locale)) ?? locales[0] ?? this.locale);
  }

  #word(title: Readonly<Record<string, string>>, fallback: string): string {
    return title[this.#textLocale] ?? Object.values(title)[0] ?? fallback;
  }

  get #outline(): WorkflowOutline {
    const doc = this.doc!;
    if (this.#model?.text !== doc.text) this.#model = { text: doc.text, outline: workflowOutline(doc) };
    return this.#model.outline;
  }

  #stateName(o: WorkflowOutline, key: string): string {
    if (key === ANY_STATE_KEY) return this.#t('wfeAnyState');
    const s = o.states.find((x) => x.key === key);
    return s ? this.#word(s.title, key) : key;
  }

  #eventName(o: WorkflowOutline, key: string): string {
    const e = o.events.find((x) => x.key === key);
    return e ? this.#word(e.title, key) : key;
  }

  #formName(form: string): string {
    const doc = this.doc!;
    const t = doc.get(['texts', this.#textLocale, `forms.${form}.title`]);
    return typeof t === 'string' ? t : form;
  }

  /**
   * Runs an edit at the place `at`; says what it did through `cf-workflow-edit`, or shows why it was refused there.
   * Returns whether it was done.
   */
  #edit(at: string, run: (doc: ProgramDocument) => string): boolean {
    const doc = this.doc;
    if (!doc) return false;
    try {
      const said = run(doc);
      this.#error = undefined;
      this.dispatchEvent(new CfWorkflowEditEvent({ said }));
      this.requestUpdate();
      return true;
    } catch (e) {
      if (!(e instanceof DesignerError)) throw e;
      this.#error = { at, text: e.text };
      this.requestUpdate();
      return false;
    }
  }

  #errorAt(at: string): TemplateResult | typeof nothing {
    return this.#error?.at === at ? html`<p class="error" role="alert">${this.#error.text}</p>` : nothing;
  }

  #select(selection: WorkflowSelection): void {
    this.selected = selection;
    this.dispatchEvent(new CfWorkflowSelectEvent(selection));
  }

  /** Enter in a box adds what it names; the key goes no further, so it does not also press the button the focus moves to. */
  #onEnter(e: KeyboardEvent, run: () => void): void {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    run();
  }

  #focusLater(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #problemList(issues: readonly Issue[] | undefined): TemplateResult | typeof nothing {
    if (!issues?.length) return nothing;
    return html`<ul class="problems" aria-label=${this.#t('wfeProblemsHere')}>${issues.map((p) => html`<li>${p.message}</li>`)}</ul>`;
  }

  #value(id: string): string {
    return this.renderRoot.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)?.value ?? '';
  }

  // ---- states

  #addState(): void {
    const title = this.#value('wfo-new-state');
    let key = '';
    const done = this.#edit('new-state', (doc) => {
      key = addState(doc, title, {}, `${this.#t('wfeAddState')}: ${title.trim()}`);
      return this.#t('wfeStateAdded', { state: title.trim() });
    });
    if (done) {
      (this.renderRoot.querySelector('#wfo-new-state') as HTMLInputElement).value = '';
      this.#select({ state: key });
      this.#focusLater(`#wfo-s-${key}`);
    }
  }

  #renderState(o: WorkflowOutline, s: StateInfo, placed: Map<string, Issue[]>): TemplateResult {
    const name = this.#word(s.title, s.key);
    const open = this.selected?.state === s.key;
    const issues = placed.get(outlineKey({ kind: 'state', state: s.key }));
    const count = [s.transitions, s.timers].flat().reduce((n, x) => n + (placed.get(outlineKey('send' in x ? { kind: 'timer', state: s.key, index: x.index } : { kind: 'transition', state: s.key, event: x.event, index: x.index }))?.length ?? 0), issues?.length ?? 0);
    const kind = [s.initial ? this.#t('wfInitial') : '', s.final ? this.#t('wfFinal') : '', count ? this.#t(count === 1 ? 'wfOneProblem' : 'wfProblems', { count }) : ''].filter(Boolean).join(', ');
    return html`<li class=${count ? 'state problem' : 'state'} data-state=${s.key}>
      <h4>
        <button type="button" id="wfo-s-${s.key}" class="select" aria-expanded=${open ? 'true' : 'false'} aria-controls="wfo-sb-${s.key}"
          @click=${() => this.#select(open ? { state: '' } : { state: s.key })}>${name}${kind ? html`<span class="kind"> (${kind})</span>` : nothing}</button>
      </h4>
      ${open ? html`<div class="body" id="wfo-sb-${s.key}">${this.#renderStateBody(o, s, placed, issues)}</div>` : nothing}
    </li>`;
  }

  #renderStateBody(o: WorkflowOutline, s: StateInfo, placed: Map<string, Issue[]>, issues: Issue[] | undefined): TemplateResult {
    const doc = this.doc!;
    const name = this.#word(s.title, s.key);
    const at = `s-${s.key}`;
    return html`${this.#problemList(issues)}
      <fieldset class="titles">
        <legend>${this.#t('wfeStateTitle')}</legend>
        ${localesOf(doc).map(
          (l) => html`<label for="wfo-${at}-title-${l}">${localeName(l, this.locale)}</label>
            <input id="wfo-${at}-title-${l}" .value=${s.title[l] ?? ''} @change=${(e: Event) => {
              const v = (e.target as HTMLInputElement).value;
              this.#edit(at, (d) => (setStateTitle(d, s.key, l, v, `${this.#t('wfeStateTitle')} (${l}): ${v.trim()}`), this.#t('wfeRenamed', { name: v.trim() })));
            }} />`,
        )}
      </fieldset>
      ${this.#renderKey(at, s.key, name, (d, to, label) => renameState(d, s.key, to, label), (to) => {
        this.#select({ state: to });
        this.#focusLater(`#wfo-s-${to}-key`);
      })}
      <div class="checks">
        <span class="check"><input type="checkbox" id="wfo-${at}-initial" .checked=${s.initial} ?disabled=${s.initial}
          @change=${() => this.#edit(at, (d) => (setInitial(d, s.key, `${this.#t('wfeInitial')}: ${name}`), this.#t('wfeInitialSet', { state: name })))} />
          <label for="wfo-${at}-initial">${this.#t('wfeInitial')}</label></span>
        <span class="check"><input type="checkbox" id="wfo-${at}-final" .checked=${s.final}
          @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            if (!this.#edit(at, (d) => (setFinal(d, s.key, on, `${this.#t('wfeFinal')}: ${name}`), this.#t(on ? 'wfeFinalSet' : 'wfeFinalCleared', { state: name })))) (e.target as HTMLInputElement).checked = !on;
          }} />
          <label for="wfo-${at}-final">${this.#t('wfeFinal')}</label></span>
      </div>
      ${this.#errorAt(at)}
      <h5>${this.#t('wfeTransitions')}</h5>
      ${s.transitions.length === 0 ? html`<p class="hint">${this.#t('wfNoTransitions')}</p>` : html`<ul class="transitions">${s.transitions.map((t) => this.#renderTransition(o, t, placed))}</ul>`}
      ${s.final ? nothing : this.#renderAddTransition(o, s.key)}
      ${s.final ? nothing : this.#renderTimers(o, s, placed)}
      ${this.#renderApplicant(o, s)}
      <div class="bar">
        <button type="button" id="wfo-${at}-remove" @click=${() => {
          const done = this.#edit(`${at}-remove`, (d) => {
            const r = removeState(d, s.key, this.#t('wfeRemoveState', { state: name }));
            return this.#t('wfeStateRemoved', { state: name, count: r.transitions.length });
          });
          if (done) this.#focusLater('#wfo-new-state');
        }}>${this.#t('wfeRemoveState', { state: name })}</button>
      </div>
      ${this.#errorAt(`${at}-remove`)}`;
  }

  #renderApplicant(o: WorkflowOutline, s: StateInfo): TemplateResult {
    const doc = this.doc!;
    const at = `s-${s.key}-applicant`;
    const dues = dueEvents(doc, s.key);
    const name = this.#word(s.title, s.key);
    return html`<details class="applicant" ?open=${APPLICANT_PARTS.some((p) => Object.keys(s.applicant[p]).length > 0)}>
      <summary>${this.#t('wfeApplicant')}</summary>
      <p class="hint">${this.#t('wfeApplicantHint')}</p>
      ${APPLICANT_PARTS.map(
        (part: ApplicantPart) => html`<fieldset class="part">
          <legend>${this.#t(`wfeApplicant_${part}`, { date: '{date}' })}</legend>
          ${localesOf(doc).map(
            (l) => html`<label for="wfo-${at}-${part}-${l}">${localeName(l, this.locale)}</label>
              <textarea id="wfo-${at}-${part}-${l}" rows="2" .value=${s.applicant[part][l] ?? ''} @change=${(e: Event) => {
                const v = (e.target as HTMLTextAreaElement).value;
                this.#edit(at, (d) => (setApplicantText(d, s.key, part, l, v, `${name}: ${this.#t(`wfeApplicant_${part}`, { date: '{date}' })} (${l})`), this.#t('wfeApplicantSet', { state: name })));
              }}></textarea>`,
          )}
        </fieldset>`,
      )}
      <label for="wfo-${at}-due">${this.#t('wfeDue')}</label>
      <select id="wfo-${at}-due" @change=${(e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        this.#edit(at, (d) => (setApplicantDue(d, s.key, v === '' ? undefined : v, `${name}: ${this.#t('wfeDue')}`), this.#t('wfeApplicantSet', { state: name })));
      }}>
        <option value="" ?selected=${s.due === undefined}>${this.#t('wfeDueNone')}</option>
        ${dues.map((e) => html`<option value=${e} ?selected=${s.due === e}>${this.#eventName(o, e)}</option>`)}
      </select>
      ${this.#errorAt(at)}
    </details>`;
  }

  // ---- transitions

  #renderAddTransition(o: WorkflowOutline, state: string): TemplateResult {
    const at = `add-t-${state === ANY_STATE_KEY ? 'any' : state}`;
    const add = () => {
      const event = this.#value(`wfo-${at}-event`);
      const target = this.#value(`wfo-${at}-target`);
      if (!event) return;
      const done = this.#edit(at, (d) => {
        addTransition(d, state, event, target === '' ? undefined : target, `${this.#stateName(o, state)}: + ${this.#eventName(o, event)}`);
        return this.#t('wfeTransitionAdded', { event: this.#eventName(o, event), state: this.#stateName(o, state) });
      });
      if (done) this.#select({ state, event });
    };
    return html`<fieldset class="add-transition">
      <legend>${this.#t('wfeAddTransition')}</legend>
      <label for="wfo-${at}-event">${this.#t('rolesEvent')}</label>
      <select id="wfo-${at}-event">${o.events.map((e) => html`<option value=${e.key}>${this.#word(e.title, e.key)}</option>`)}</select>
      <label for="wfo-${at}-target">${this.#t('wfeTarget')}</label>
      <select id="wfo-${at}-target">
        <option value="">${this.#t('wfeStays')}</option>
        ${o.states.map((s) => html`<option value=${s.key}>${this.#word(s.title, s.key)}</option>`)}
      </select>
      <button type="button" id="wfo-${at}" ?disabled=${o.events.length === 0} @click=${add}>${this.#t('wfeAddTransition')}</button>
      ${this.#errorAt(at)}
    </fieldset>`;
  }

  #renderTransition(o: WorkflowOutline, t: TransitionInfo, placed: Map<string, Issue[]>): TemplateResult {
    const ref = { state: t.state, event: t.event, index: t.index };
    const sid = t.state === ANY_STATE_KEY ? 'any' : t.state;
    const at = `t-${sid}-${t.event}-${t.index}`;
    const eventName = this.#eventName(o, t.event);
    const selected = this.selected?.state === t.state && this.selected.event === t.event;
    const issues = placed.get(outlineKey({ kind: 'transition', state: t.state, event: t.event, index: t.index }));
    const others = [...(t.index > 0 ? [this.#t('wfeAlternative', { n: t.index + 1 })] : [])];
    return html`<li class=${issues ? 'transition problem' : 'transition'} data-event=${t.event}>
      <fieldset>
        <legend>
          <button type="button" class="select" id="wfo-${at}" aria-pressed=${selected ? 'true' : 'false'} @click=${() => this.#select({ state: t.state, event: t.event })}>${eventName}${others.length ? ` (${others.join(', ')})` : ''}</button>
        </legend>
        ${this.#problemList(issues)}
        <label for="wfo-${at}-target">${this.#t('wfeTarget')}</label>
        <select id="wfo-${at}-target" @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          this.#edit(at, (d) => (setTarget(d, ref, v === '' ? undefined : v, `${eventName}: ${this.#t('wfeTarget')}`), this.#t('wfeTargetSet', { event: eventName, state: v === '' ? this.#t('wfeStays') : this.#stateName(o, v) })));
        }}>
          <option value="" ?selected=${t.target === undefined}>${this.#t('wfeStays')}</option>
          ${o.states.map((s) => html`<option value=${s.key} ?selected=${t.target === s.key}>${this.#word(s.title, s.key)}</option>`)}
        </select>
        ${o.outcomes.length
          ? html`<label for="wfo-${at}-outcome">${this.#t('wfeOutcome')}</label>
              <select id="wfo-${at}-outcome" @change=${(e: Event) => {
                const v = (e.target as HTMLSelectElement).value;
                this.#edit(at, (d) => (setTransitionOutcome(d, ref, v === '' ? undefined : v, `${eventName}: ${this.#t('wfeOutcome')}`), this.#t('wfeOutcomeSet', { event: eventName })));
              }}>
                <option value="" ?selected=${t.outcomes.length === 0}>${this.#t('wfeNoOutcome')}</option>
                ${o.outcomes.map((x) => html`<option value=${x} ?selected=${t.outcomes[0] === x}>${this.#outcomeName(x)}</option>`)}
              </select>`
          : nothing}
        ${this.#renderGuard(o, t, at)} ${this.#renderLimit(t, at)} ${this.#renderActions(t)}
        <button type="button" id="wfo-${at}-remove" @click=${() => {
          const done = this.#edit(at, (d) => (removeTransition(d, ref, `${this.#stateName(o, t.state)}: - ${eventName}`), this.#t('wfeTransitionRemoved', { event: eventName })));
          if (done) this.#focusLater(t.state === ANY_STATE_KEY ? '#wfo-add-t-any-event' : `#wfo-s-${t.state}`);
        }}>${this.#t('wfeRemoveTransition', { event: eventName })}</button>
        ${this.#errorAt(at)}
      </fieldset>
    </li>`;
  }

  #outcomeName(outcome: string): string {
    const t = this.doc!.get(['texts', this.#textLocale, `workflow.outcomes.${outcome}`]);
    return typeof t === 'string' ? t : outcome;
  }

  /** The fields a guard's rules can look at: the event's form's for `event`, every form's for the case `data`. */
  #guardFields(form: string | undefined, all: boolean): GuardField[] {
    const doc = this.doc!;
    const out: GuardField[] = [];
    const seen = new Set<string>();
    for (const f of outline(doc)) {
      if (!all && f.id !== form) continue;
      for (const field of f.pages.flatMap((p) => p.fields)) {
        if (seen.has(field.key)) continue;
        seen.add(field.key);
        const options = field.kind === 'choice' || field.kind === 'choices' ? optionsOf(doc, f.id, field).map((x) => ({ value: x.value, label: this.#word(x.label, x.value) })) : [];
        out.push({ path: field.key, label: this.#word(field.label, field.key), kind: field.kind, options });
      }
    }
    return out;
  }

  /**
   * The guard: rules over the event's data and over the case data, all of which must hold. A guard the rules cannot
   * say is shown in JSON, read-only; it can be removed, never rewritten.
   */
  #renderGuard(o: WorkflowOutline, t: TransitionInfo, at: string): TemplateResult {
    const ref = { state: t.state, event: t.event, index: t.index };
    const eventName = this.#eventName(o, t.event);
    const form = o.events.find((e) => e.key === t.event)?.form;
    const parts = t.guard === undefined ? {} : parseGuard(t.guard);
    const write = (next: GuardParts, said: string) =>
      this.#edit(at, (d) => (setGuard(d, ref, guardSchema(next), `${eventName}: ${this.#t('wfeGuard')}`), said));
    if (parts === undefined) {
      return html`<div class="guard">
        <p>${this.#t('wfeGuard')}: ${this.#guardWords(t.guard, form)}</p>
        <p class="hint">${this.#t('wfeGuardJson')}</p>
        <details>
          <summary>${this.#t('wfeGuardAsJson')}</summary>
          <pre class="json" tabindex="0" aria-label=${this.#t('wfeGuardAsJson')}>${JSON.stringify(t.guard, null, 2)}</pre>
        </details>
        <button type="button" id="wfo-${at}-guard-remove" @click=${() => write({}, this.#t('wfeGuardRemoved', { event: eventName }))}>${this.#t('wfeGuardRemove')}</button>
      </div>`;
    }
    const side = (which: 'event' | 'data') => {
      const fields = this.#guardFields(form, which === 'data');
      const c: Condition = parts[which] ?? { join: 'all', rules: [] };
      const setRules = (rules: Rule[]) => write({ ...parts, [which]: rules.length ? { join: c.join, rules } : undefined }, this.#t('wfeGuardSet', { event: eventName }));
      const defaultRule = (path: string): Rule => {
        const f = fields.find((x) => x.path === path)!;
        const op = operatorsFor(f.kind)[0]!;
        return { field: path, op, ...this.#defaultValue(f, op) };
      };
      const gid = `wfo-${at}-g${which}`;
      return html`<fieldset class="guard-side">
        <legend>${this.#t(which === 'event' ? 'wfeGuardEvent' : 'wfeGuardData')}</legend>
        ${c.rules.length > 1
          ? html`<label for="${gid}-join">${this.#t('conditionJoin')}</label>
              <select id="${gid}-join" @change=${(e: Event) => write({ ...parts, [which]: { join: (e.target as HTMLSelectElement).value as 'all' | 'any', rules: c.rules } }, this.#t('wfeGuardSet', { event: eventName }))}>
                <option value="all" ?selected=${c.join === 'all'}>${this.#t('joinAll')}</option>
                <option value="any" ?selected=${c.join === 'any'}>${this.#t('joinAny')}</option>
              </select>`
          : nothing}
        <ol class="rules">
          ${c.rules.map((r, i) => this.#renderRule(r, i, `${gid}-r${i}`, fields, (rule) => setRules(c.rules.map((x, j) => (j === i ? rule : x))), () => setRules(c.rules.filter((_, j) => j !== i)), defaultRule))}
        </ol>
        <button type="button" id="${gid}-add" ?disabled=${fields.length === 0} @click=${() => setRules([...c.rules, defaultRule(fields[0]!.path)])}>${this.#t(which === 'event' ? 'wfeGuardAddEvent' : 'wfeGuardAddData')}</button>
      </fieldset>`;
    };
    return html`<fieldset class="guard">
      <legend>${this.#t('wfeGuard')}</legend>
      <p class="hint">${t.guard === undefined ? this.#t('wfeNoGuard') : this.#t('wfeGuardHint')}</p>
      ${form ? side('event') : nothing} ${side('data')}
    </fieldset>`;
  }

  /** A guard the rules cannot say, in words as far as they go: the event's part and the case's part described apart. */
  #guardWords(guard: unknown, form: string | undefined): string {
    const cw = conditionWords(this.locale);
    const props = guard !== null && typeof guard === 'object' && Object.keys(guard).length === 1 ? (guard as { properties?: unknown }).properties : undefined;
    if (props === null || typeof props !== 'object') return cw.json;
    const namer = (fields: GuardField[]) => ({
      field: (key: string) => fields.find((f) => f.path === key)?.label ?? key,
      option: (key: string, value: Scalar) => fields.find((f) => f.path === key)?.options.find((o) => o.value === value)?.label ?? String(value),
    });
    return Object.entries(props as Record<string, unknown>)
      .map(([k, v]) => `${this.#t(k === 'event' ? 'wfeGuardEvent' : 'wfeGuardData')}: ${describeCondition(v, cw, namer(this.#guardFields(form, k !== 'event')))}`)
      .join('; ');
  }

  #defaultValue(f: GuardField, op: Operator): { value?: Scalar | Scalar[] } {
    if (op === 'isSet' || op === 'isNotSet') return {};
    if (f.options.length) return { value: op === 'oneOf' ? [f.options[0]!.value] : f.options[0]!.value };
    if (f.kind === 'boolean' || f.kind === 'consent') return { value: true };
    if (f.kind === 'integer' || f.kind === 'number' || f.kind === 'amount') return { value: 0 };
    return { value: '' };
  }

  #renderRule(r: Rule, i: number, rid: string, fields: GuardField[], set: (r: Rule) => void, remove: () => void, defaultRule: (path: string) => Rule): TemplateResult {
    const f = fields.find((x) => x.path === r.field);
    const ops = f ? operatorsFor(f.kind) : [r.op];
    const cw = conditionWords(this.locale);
    let value: TemplateResult | typeof nothing = nothing;
    if (r.op !== 'isSet' && r.op !== 'isNotSet' && f && r.op !== 'oneOf') {
      if (f.options.length) {
        value = html`<label for="${rid}-value">${this.#t('conditionValue')}</label>
          <select id="${rid}-value" @change=${(e: Event) => set({ ...r, value: (e.target as HTMLSelectElement).value })}>
            ${f.options.map((x) => html`<option value=${x.value} ?selected=${x.value === r.value}>${x.label}</option>`)}
          </select>`;
      } else if (f.kind === 'boolean' || f.kind === 'consent') {
        value = html`<label for="${rid}-value">${this.#t('conditionValue')}</label>
          <select id="${rid}-value" @change=${(e: Event) => set({ ...r, value: (e.target as HTMLSelectElement).value === 'true' })}>
            <option value="true" ?selected=${r.value === true}>${cw.yes}</option>
            <option value="false" ?selected=${r.value === false}>${cw.no}</option>
          </select>`;
      } else {
        const numeric = f.kind === 'integer' || f.kind === 'number' || f.kind === 'amount';
        value = html`<label for="${rid}-value">${this.#t('conditionValue')}</label>
          <input id="${rid}-value" type=${numeric ? 'number' : f.kind === 'date' ? 'date' : 'text'} .value=${String(r.value ?? '')} @change=${(e: Event) => {
            const raw = (e.target as HTMLInputElement).value;
            if (numeric && (raw.trim() === '' || !Number.isFinite(Number(raw)))) return;
            set({ ...r, value: numeric ? Number(raw) : raw });
          }} />`;
      }
    } else if (r.op === 'oneOf') {
      value = html`<span class="hint">${(Array.isArray(r.value) ? r.value : [r.value]).map((v) => f?.options.find((x) => x.value === v)?.label ?? String(v)).join(', ')}</span>`;
    }
    return html`<li>
      <fieldset class="rule">
        <legend>${this.#t('rule', { n: i + 1 })}</legend>
        <label for="${rid}-field">${this.#t('conditionField')}</label>
        <select id="${rid}-field" @change=${(e: Event) => set(defaultRule((e.target as HTMLSelectElement).value))}>
          ${f ? nothing : html`<option selected value="">${r.field}</option>`}
          ${fields.map((x) => html`<option value=${x.path} ?selected=${x.path === r.field}>${x.label}</option>`)}
        </select>
        <label for="${rid}-op">${this.#t('conditionOperator')}</label>
        <select id="${rid}-op" @change=${(e: Event) => {
          const op = (e.target as HTMLSelectElement).value as Operator;
          const keep = f && (op === 'oneOf') === (r.op === 'oneOf') && r.value !== undefined;
          set({ field: r.field, op, ...(keep ? { value: r.value! } : f ? this.#defaultValue(f, op) : {}) });
        }}>
          ${ops.map((x) => html`<option value=${x} ?selected=${x === r.op}>${this.#t(`op_${x}`)}</option>`)}
        </select>
        ${value}
        <button type="button" id="${rid}-remove" aria-label=${this.#t('removeRule', { n: i + 1 })} @click=${remove}>${this.#t('remove')}</button>
      </fieldset>
    </li>`;
  }

  // ---- timers

  #renderTimers(o: WorkflowOutline, s: StateInfo, placed: Map<string, Issue[]>): TemplateResult {
    const at = `s-${s.key}-timers`;
    const accepted = [...new Set([...s.transitions.map((t) => t.event), ...o.anyState.map((t) => t.event)])];
    const name = this.#word(s.title, s.key);
    const add = () => {
      const send = accepted[0];
      if (!send) return;
      let index = 0;
      const done = this.#edit(at, (d) => {
        index = addTimer(d, s.key, { kind: 'duration', duration: 'P2W' }, send, `${name}: ${this.#t('wfeAddTimer')}`);
        return this.#t('wfeTimerAdded', { state: name });
      });
      if (done) this.#focusLater(`#wfo-${at}-${index}-amount`);
    };
    return html`<h5>${this.#t('wfeTimers')}</h5>
      ${s.timers.length === 0 ? html`<p class="hint">${this.#t('wfeNoTimers')}</p>` : html`<ul class="timers">${s.timers.map((t) => this.#renderTimer(o, s, t, accepted, `${at}-${t.index}`, placed))}</ul>`}
      <button type="button" id="wfo-${at}-add" ?disabled=${accepted.length === 0} @click=${add}>${this.#t('wfeAddTimer')}</button>
      ${accepted.length === 0 ? html`<p class="hint">${this.#t('wfeTimerNeedsEvent')}</p>` : nothing}
      ${this.#errorAt(at)}`;
  }

  #renderTimer(o: WorkflowOutline, s: StateInfo, t: TimerInfo, accepted: string[], id: string, placed: Map<string, Issue[]>): TemplateResult {
    const doc = this.doc!;
    const name = this.#word(s.title, s.key);
    const label = `${name}: ${this.#t('wfeTimer', { n: t.index + 1 })}`;
    const issues = placed.get(outlineKey({ kind: 'timer', state: s.key, index: t.index }));
    const setWhen = (when: TimerWhen | undefined) => when && this.#edit(id, (d) => (setTimerWhen(d, s.key, t.index, when, label), this.#t('wfeTimerSet', { state: name })));
    const kind = t.when?.kind ?? 'duration';
    let fields: TemplateResult;
    if (t.when?.kind === 'at') {
      const m = momentParts(t.when.at);
      const read = (): TimerWhen | undefined => {
        const at = momentIn(this.#value(`wfo-${id}-date`), this.#value(`wfo-${id}-time`), this.#value(`wfo-${id}-zone`));
        return at ? { kind: 'at', at } : undefined;
      };
      fields = html`<label for="wfo-${id}-date">${this.#t('wfeDate')}</label>
        <input id="wfo-${id}-date" type="date" .value=${m?.date ?? ''} @change=${() => setWhen(read())} />
        <label for="wfo-${id}-time">${this.#t('wfeTime')}</label>
        <input id="wfo-${id}-time" type="time" .value=${m?.time ?? ''} @change=${() => setWhen(read())} />
        <label for="wfo-${id}-zone">${this.#t('wfeZone')}</label>
        <select id="wfo-${id}-zone" @change=${() => setWhen(read())}>${ZONES.map((z) => html`<option value=${z}>${z}</option>`)}</select>
        <span class="hint">${this.#t('wfeOffset', { offset: m?.offset ?? '' })}</span>`;
    } else if (t.when?.kind === 'periodEnd') {
      const periods = Object.keys((doc.get(['periods']) as object | undefined) ?? {});
      const period = t.when.period;
      fields = html`<label for="wfo-${id}-period">${this.#t('wfePeriod')}</label>
        <select id="wfo-${id}-period" @change=${(e: Event) => setWhen({ kind: 'periodEnd', period: (e.target as HTMLSelectElement).value })}>
          ${periods.map((p) => html`<option value=${p} ?selected=${p === period}>${this.#periodName(p)}</option>`)}
        </select>`;
    } else {
      const parts = t.when?.kind === 'duration' ? durationParts(t.when.duration) : undefined;
      const read = (): TimerWhen | undefined => {
        const amount = Number(this.#value(`wfo-${id}-amount`));
        return Number.isInteger(amount) && amount > 0 ? { kind: 'duration', duration: isoDuration(amount, this.#value(`wfo-${id}-unit`) as DurationUnit) } : undefined;
      };
      fields = parts || t.when === undefined
        ? html`<label for="wfo-${id}-amount">${this.#t('wfeAmount')}</label>
            <input id="wfo-${id}-amount" type="number" min="1" step="1" .value=${String(parts?.amount ?? '')} @change=${() => setWhen(read())} />
            <label for="wfo-${id}-unit">${this.#t('wfeUnit')}</label>
            <select id="wfo-${id}-unit" @change=${() => setWhen(read())}>${UNITS.map((u) => html`<option value=${u} ?selected=${parts?.unit === u}>${this.#t(`wfeUnit_${u}`)}</option>`)}</select>`
        : html`<p>${this.#t('wfeDurationAsIs', { duration: t.when.kind === 'duration' ? t.when.duration : '' })}</p>`;
    }
    const changeKind = (k: string) => {
      const today = new Date().toISOString().slice(0, 10);
      const periods = Object.keys((doc.get(['periods']) as object | undefined) ?? {});
      if (k === 'duration') setWhen({ kind: 'duration', duration: 'P2W' });
      else if (k === 'at') setWhen({ kind: 'at', at: momentIn(today, '00:00', ZONES[0]!)! });
      else if (periods[0]) setWhen({ kind: 'periodEnd', period: periods[0] });
    };
    return html`<li class=${issues ? 'timer problem' : 'timer'}>
      <fieldset>
        <legend>${this.#t('wfeTimer', { n: t.index + 1 })}</legend>
        ${this.#problemList(issues)}
        <label for="wfo-${id}-kind">${this.#t('wfeWhen')}</label>
        <select id="wfo-${id}-kind" @change=${(e: Event) => changeKind((e.target as HTMLSelectElement).value)}>
          <option value="duration" ?selected=${kind === 'duration'}>${this.#t('wfeKind_duration')}</option>
          <option value="at" ?selected=${kind === 'at'}>${this.#t('wfeKind_at')}</option>
          <option value="periodEnd" ?selected=${kind === 'periodEnd'} ?disabled=${!doc.get(['periods'])}>${this.#t('wfeKind_periodEnd')}</option>
        </select>
        ${fields}
        <label for="wfo-${id}-send">${this.#t('wfeSends')}</label>
        <select id="wfo-${id}-send" @change=${(e: Event) => this.#edit(id, (d) => (setTimerSend(d, s.key, t.index, (e.target as HTMLSelectElement).value, label), this.#t('wfeTimerSet', { state: name })))}>
          ${(accepted.includes(t.send) ? accepted : [t.send, ...accepted]).map((e) => html`<option value=${e} ?selected=${e === t.send}>${this.#eventName(o, e)}</option>`)}
        </select>
        ${kind === 'duration'
          ? nothing
          : html`<label for="wfo-${id}-late">${this.#t('wfeLate')}</label>
              <select id="wfo-${id}-late" @change=${(e: Event) => this.#edit(id, (d) => (setTimerLate(d, s.key, t.index, (e.target as HTMLSelectElement).value as 'refuse' | 'send', label), this.#t('wfeTimerSet', { state: name })))}>
                <option value="refuse" ?selected=${t.late !== 'send'}>${this.#t('wfeLate_refuse')}</option>
                <option value="send" ?selected=${t.late === 'send'}>${this.#t('wfeLate_send')}</option>
              </select>`}
        <button type="button" id="wfo-${id}-remove" @click=${() => {
          if (this.#edit(id, (d) => (removeTimer(d, s.key, t.index, `${label}: ${this.#t('remove')}`), this.#t('wfeTimerRemoved', { state: name })))) this.#focusLater(`#wfo-s-${s.key}-timers-add`);
        }}>${this.#t('wfeRemoveTimer', { n: t.index + 1 })}</button>
        ${this.#errorAt(id)}
      </fieldset>
    </li>`;
  }

  #periodName(p: string): string {
    const t = this.doc!.get(['texts', this.#textLocale, `periods.${p}.title`]);
    return typeof t === 'string' ? t : p;
  }

  // ---- events

  #addEvent(o: WorkflowOutline): void {
    const title = this.#value('wfo-new-event');
    const form = this.#value('wfo-new-event-form');
    const roles = o.roles.filter((r) => this.renderRoot.querySelector<HTMLInputElement>(`#wfo-new-event-role-${r}`)?.checked);
    let key = '';
    const done = this.#edit('new-event', (doc) => {
      key = addEvent(doc, title, { roles, ...(form ? { form } : {}) }, `${this.#t('wfeAddEvent')}: ${title.trim()}`);
      return this.#t('wfeEventAdded', { event: title.trim() });
    });
    if (done) {
      (this.renderRoot.querySelector('#wfo-new-event') as HTMLInputElement).value = '';
      for (const r of o.roles) {
        const box = this.renderRoot.querySelector<HTMLInputElement>(`#wfo-new-event-role-${r}`);
        if (box) box.checked = false;
      }
      this.#focusLater(`#wfo-e-${key}`);
    }
  }

  #renderEvents(o: WorkflowOutline, placed: Map<string, Issue[]>): TemplateResult {
    const doc = this.doc!;
    return html`<section class="events" aria-labelledby="wfo-events-title">
      <h4 id="wfo-events-title">${this.#t('wfeEvents')}</h4>
      <ul>
        ${o.events.map((e) => {
          const name = this.#word(e.title, e.key);
          const at = `e-${e.key}`;
          const issues = placed.get(outlineKey({ kind: 'event', event: e.key }));
          return html`<li class=${issues ? 'event problem' : 'event'}>
            <details ?open=${this.#openEvent === e.key} @toggle=${(ev: Event) => {
              if ((ev.target as HTMLDetailsElement).open) this.#openEvent = e.key;
              else if (this.#openEvent === e.key) this.#openEvent = undefined;
            }}>
              <summary id="wfo-e-${e.key}">${name}${issues ? html`<span class="kind"> (${this.#t(issues.length === 1 ? 'wfOneProblem' : 'wfProblems', { count: issues.length })})</span>` : nothing}</summary>
              ${this.#problemList(issues)}
              <fieldset class="titles">
                <legend>${this.#t('wfeEventTitle')}</legend>
                ${localesOf(doc).map(
                  (l) => html`<label for="wfo-${at}-title-${l}">${localeName(l, this.locale)}</label>
                    <input id="wfo-${at}-title-${l}" .value=${e.title[l] ?? ''} @change=${(ev: Event) => {
                      const v = (ev.target as HTMLInputElement).value;
                      this.#edit(at, (d) => (setEventTitle(d, e.key, l, v, `${this.#t('wfeEventTitle')} (${l}): ${v.trim()}`), this.#t('wfeRenamed', { name: v.trim() })));
                    }} />`,
                )}
              </fieldset>
              ${this.#renderKey(at, e.key, name, (d, to, label) => renameEvent(d, e.key, to, label), (to) => {
                this.#openEvent = to;
                this.#focusLater(`#wfo-e-${to}-key`);
              })}
              <label for="wfo-${at}-form">${this.#t('wfeForm')}</label>
              <select id="wfo-${at}-form" @change=${(ev: Event) => {
                const v = (ev.target as HTMLSelectElement).value;
                if (!this.#edit(at, (d) => (setEventForm(d, e.key, v === '' ? undefined : v, `${name}: ${this.#t('wfeForm')}`), this.#t('wfeFormSet', { event: name })))) (ev.target as HTMLSelectElement).value = e.form ?? '';
              }}>
                <option value="" ?selected=${e.form === undefined}>${this.#t('wfeNoForm')}</option>
                ${o.forms.map((f) => html`<option value=${f} ?selected=${e.form === f}>${this.#formName(f)}</option>`)}
              </select>
              <fieldset class="roles">
                <legend>${this.#t('wfeRoles')}</legend>
                ${o.roles.map(
                  (r) => html`<span class="check"><input type="checkbox" id="wfo-${at}-role-${r}" .checked=${e.roles.includes(r)} @change=${(ev: Event) => {
                    const on = (ev.target as HTMLInputElement).checked;
                    const role = this.#roleName(r);
                    if (!this.#edit(at, (d) => (setRoleAllowed(d, e.key, r, on, this.#t(on ? 'rolesAllowed' : 'rolesForbidden', { role, event: name })), this.#t(on ? 'rolesAllowed' : 'rolesForbidden', { role, event: name })))) (ev.target as HTMLInputElement).checked = !on;
                  }} /><label for="wfo-${at}-role-${r}">${this.#roleName(r)}</label></span>`,
                )}
              </fieldset>
              <button type="button" id="wfo-${at}-remove" @click=${() => {
                if (this.#edit(at, (d) => (removeEvent(d, e.key, this.#t('wfeRemoveEvent', { event: name })), this.#t('wfeEventRemoved', { event: name })))) this.#focusLater('#wfo-new-event');
              }}>${this.#t('wfeRemoveEvent', { event: name })}</button>
              ${this.#errorAt(at)}
            </details>
          </li>`;
        })}
      </ul>
      <fieldset class="add">
        <legend>${this.#t('wfeAddEvent')}</legend>
        <label for="wfo-new-event">${this.#t('wfeNewEventTitle')}</label>
        <input id="wfo-new-event" @keydown=${(ev: KeyboardEvent) => this.#onEnter(ev, () => this.#addEvent(o))} />
        <label for="wfo-new-event-form">${this.#t('wfeForm')}</label>
        <select id="wfo-new-event-form">
          <option value="">${this.#t('wfeNoForm')}</option>
          ${o.forms.map((f) => html`<option value=${f}>${this.#formName(f)}</option>`)}
        </select>
        <fieldset class="roles">
          <legend>${this.#t('wfeRoles')}</legend>
          ${o.roles.map((r) => html`<span class="check"><input type="checkbox" id="wfo-new-event-role-${r}" /><label for="wfo-new-event-role-${r}">${this.#roleName(r)}</label></span>`)}
        </fieldset>
        <button type="button" id="wfo-add-event" @click=${() => this.#addEvent(o)}>${this.#t('wfeAddEvent')}</button>
        ${this.#errorAt('new-event')}
      </fieldset>
    </section>`;
  }

  #roleName(r: string): string {
    const t = this.doc!.get(['texts', this.#textLocale, `workflow.roles.${r}`]);
    return typeof t === 'string' ? t : r;
  }

  #renderOutcomes(o: WorkflowOutline): TemplateResult {
    const add = () => {
      const title = this.#value('wfo-new-outcome');
      if (this.#edit('outcomes', (d) => (addOutcome(d, title, `${this.#t('wfeAddOutcome')}: ${title.trim()}`), this.#t('wfeOutcomeAdded', { outcome: title.trim() })))) {
        (this.renderRoot.querySelector('#wfo-new-outcome') as HTMLInputElement).value = '';
      }
    };
    return html`<section class="outcomes" aria-labelledby="wfo-outcomes-title">
      <h4 id="wfo-outcomes-title">${this.#t('wfeOutcomes')}</h4>
      <p class="hint">${this.#t('wfeOutcomesHint')}</p>
      <ul>
        ${o.outcomes.map((x) => {
          const name = this.#outcomeName(x);
          return html`<li>${name}
            <button type="button" id="wfo-outcome-${x}-remove" @click=${() => this.#edit('outcomes', (d) => (removeOutcome(d, x, this.#t('wfeRemoveOutcome', { outcome: name })), this.#t('wfeOutcomeRemoved', { outcome: name })))}>${this.#t('wfeRemoveOutcome', { outcome: name })}</button>
          </li>`;
        })}
      </ul>
      <label for="wfo-new-outcome">${this.#t('wfeNewOutcome')}</label>
      <input id="wfo-new-outcome" @keydown=${(e: KeyboardEvent) => this.#onEnter(e, add)} />
      <button type="button" id="wfo-add-outcome" @click=${add}>${this.#t('wfeAddOutcome')}</button>
      ${this.#errorAt('outcomes')}
    </section>`;
  }

  // ---- keys

  /**
   * The key a state or event has in the file, to rename: every place that names it follows in one step. Saved walks
   * are files of their own and keep the old key, which the words after a rename say.
   */
  #renderKey(at: string, key: string, name: string, rename: (doc: ProgramDocument, to: string, label: string) => void, after: (to: string) => void): TemplateResult {
    return html`<div class="key">
      <label for="wfo-${at}-key">${this.#t('wflKey')}</label>
      <input id="wfo-${at}-key" .value=${key} autocomplete="off" spellcheck="false" aria-describedby="wfo-${at}-key-hint" @keydown=${(e: KeyboardEvent) => this.#onEnter(e, () => (e.target as HTMLInputElement).blur())}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          const to = input.value.trim();
          if (to === key) return;
          const done = this.#edit(`${at}-key`, (d) => (rename(d, to, `${this.#t('wflKey')}: ${name} (${to})`), this.#t('wflKeyRenamed', { name, key: to, old: key })));
          if (done) after(to);
          else void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>(`#wfo-${at}-key`)?.focus());
        }} />
      <p class="hint" id="wfo-${at}-key-hint">${this.#t('wflKeyHint')}</p>
      ${this.#errorAt(`${at}-key`)}
    </div>`;
  }

  // ---- limits and actions of a transition

  #placesName(key: string): string {
    const t = this.doc!.get(['texts', this.#textLocale, `workflow.places.${key}`]);
    return typeof t === 'string' ? t : key;
  }

  #sumName(sum: SumInfo): string {
    return this.#outcomeName(sum.outcome);
  }

  /**
   * What a transition keeps within: places (taken only while one is free) or a budget (only while it holds), as radio
   * buttons whose words wrap on a phone. Only the places its target holds are offered (and what it has now), so that
   * arrowing through the choices tries none that would be refused.
   */
  #renderLimit(t: TransitionInfo, at: string): TemplateResult | typeof nothing {
    const doc = this.doc!;
    const ref = { state: t.state, event: t.event, index: t.index };
    const now = limitsOf(doc, ref)[0];
    const current = now ? (now.kind === 'places' ? `places:${now.places}` : `budget:${now.sum}`) : '';
    const places = placesOf(doc).filter((p) => (t.target !== undefined && p.heldIn.includes(t.target)) || current === `places:${p.key}`);
    const sums = sumsOf(doc).filter((x) => x.budget !== undefined || current === `budget:${x.key}`);
    if (places.length === 0 && sums.length === 0) return nothing;
    const eventName = this.#eventName(this.#outline, t.event);
    const choices = [
      { value: '', id: 'none', label: this.#t('wflNoLimit') },
      ...places.map((p) => ({ value: `places:${p.key}`, id: `places-${p.key}`, label: this.#t('wflWhilePlaces', { places: this.#placesName(p.key), count: p.count }) })),
      ...sums.map((x) => ({ value: `budget:${x.key}`, id: `budget-${x.key}`, label: this.#t('wflWhileBudget', { sum: this.#sumName(x), budget: this.#amount(x.budget, x.currency) }) })),
    ];
    const choose = (e: Event, v: string) => {
      const limit = v.startsWith('places:') ? { kind: 'places' as const, places: v.slice(7) } : v.startsWith('budget:') ? { kind: 'budget' as const, sum: v.slice(7) } : undefined;
      if (!this.#edit(`${at}-limit`, (d) => (setTransitionLimit(d, ref, limit, `${eventName}: ${this.#t('wflLimit')}`), this.#t('wflLimitSet', { event: eventName })))) {
        (e.target as HTMLInputElement).checked = false;
        const back = this.renderRoot.querySelector<HTMLInputElement>(`input[name="wfo-${at}-limit"][value="${current}"]`);
        if (back) back.checked = true;
      }
    };
    return html`<fieldset class="limit" aria-describedby="wfo-${at}-limit-hint">
      <legend>${this.#t('wflLimit')}</legend>
      ${choices.map(
        (c) => html`<span class="radio"><input type="radio" name="wfo-${at}-limit" id="wfo-${at}-limit-${c.id}" value=${c.value} .checked=${current === c.value} @change=${(e: Event) => choose(e, c.value)} /><label for="wfo-${at}-limit-${c.id}">${c.label}</label></span>`,
      )}
      <p class="hint" id="wfo-${at}-limit-hint">${this.#t('wflLimitHint')}</p>
      ${this.#errorAt(`${at}-limit`)}
    </fieldset>`;
  }

  #amount(value: number | undefined, currency: string | undefined): string {
    if (value === undefined) return '—';
    const l = this.locale === 'de' ? 'de-DE' : 'en-GB';
    return currency ? new Intl.NumberFormat(l, { style: 'currency', currency, maximumFractionDigits: 0 }).format(value) : new Intl.NumberFormat(l).format(value);
  }

  /** What a transition's actions do, in words; the file keeps them as they are (the outcome has its own control). */
  #renderActions(t: TransitionInfo): TemplateResult | typeof nothing {
    const base = t.state === ANY_STATE_KEY ? ['workflow', 'on', t.event] : ['workflow', 'states', t.state, 'on', t.event];
    const raw = this.doc!.get(base);
    const transition = Array.isArray(raw) ? raw[t.index] : raw;
    const actions = transition !== null && typeof transition === 'object' ? (transition as { actions?: unknown }).actions : undefined;
    const words = actionWords(this.doc!, actions, this.#textLocale);
    if (words.length === 0) return nothing;
    return html`<div class="actions"><p>${this.#t('wflActions')}</p><ul class="said">${words.map((w) => html`<li>${w}</li>`)}</ul></div>`;
  }

  // ---- periods

  #dateTime(local: string): string {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local);
    if (!m) return local;
    const d = new Date(`${m[1]}T${m[2]}:00Z`);
    return new Intl.DateTimeFormat(this.locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d);
  }

  #renderPeriods(o: WorkflowOutline): TemplateResult {
    const doc = this.doc!;
    const periods = periodsOf(doc);
    const add = () => {
      const title = this.#value('wfo-new-period');
      const times = {
        start: `${this.#value('wfo-new-period-start-date')}T${this.#value('wfo-new-period-start-time') || '00:00'}`,
        end: `${this.#value('wfo-new-period-end-date')}T${this.#value('wfo-new-period-end-time') || '00:00'}`,
        ...(this.#value('wfo-new-period-zone') !== DEFAULT_ZONE ? { timeZone: this.#value('wfo-new-period-zone') } : {}),
      };
      let key = '';
      const done = this.#edit('new-period', (d) => {
        key = addPeriod(d, title, times, this.#value('wfo-new-period-instead'), `${this.#t('wflAddPeriod')}: ${title.trim()}`);
        return this.#t('wflPeriodAdded', { period: title.trim() });
      });
      if (done) {
        for (const id of ['wfo-new-period', 'wfo-new-period-instead']) (this.renderRoot.querySelector(`#${id}`) as HTMLInputElement).value = '';
        this.#focusLater(`#wfo-p-${key}`);
      }
    };
    return html`<section class="periods" aria-labelledby="wfo-periods-title">
      <h4 id="wfo-periods-title">${this.#t('wflPeriods')}</h4>
      <p class="hint">${this.#t('wflPeriodsHint')}</p>
      <ul>${periods.map((p) => this.#renderPeriod(p))}</ul>
      ${periods.length ? this.#renderSubmissionPeriods(o, periods) : nothing}
      <fieldset class="add">
        <legend>${this.#t('wflAddPeriod')}</legend>
        <label for="wfo-new-period">${this.#t('wflPeriodTitle')}</label>
        <input id="wfo-new-period" />
        ${this.#renderTimes('wfo-new-period', { key: '', start: '', end: '', timeZone: DEFAULT_ZONE, title: {}, instead: {} }, undefined)}
        <label for="wfo-new-period-instead">${this.#t('wflPeriodInstead')}</label>
        <textarea id="wfo-new-period-instead" rows="2"></textarea>
        <button type="button" id="wfo-add-period" @click=${add}>${this.#t('wflAddPeriod')}</button>
        ${this.#errorAt('new-period')}
      </fieldset>
    </section>`;
  }

  /** Start, end (a date and a time each) and the zone; with `change`, each edit is written at once. */
  #renderTimes(id: string, p: PeriodInfo, change: ((times: { start: string; end: string; timeZone: string }) => void) | undefined): TemplateResult {
    const part = (s: string) => /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(s) ?? ['', '', ''];
    const [, sd, st] = part(p.start);
    const [, ed, et] = part(p.end);
    const write = () => {
      if (!change) return;
      const keepSeconds = (old: string, date: string, time: string) => (old.startsWith(`${date}T${time}`) ? old : `${date}T${time}`);
      change({
        start: keepSeconds(p.start, this.#value(`${id}-start-date`), this.#value(`${id}-start-time`)),
        end: keepSeconds(p.end, this.#value(`${id}-end-date`), this.#value(`${id}-end-time`)),
        timeZone: this.#value(`${id}-zone`),
      });
    };
    const zones = ZONES.includes(p.timeZone) ? ZONES : [p.timeZone, ...ZONES];
    return html`<div class="times">
      <fieldset class="moment">
        <legend>${this.#t('wflStart')}</legend>
        <label for="${id}-start-date">${this.#t('wflDate')}</label>
        <input type="date" id="${id}-start-date" .value=${sd ?? ''} @change=${write} />
        <label for="${id}-start-time">${this.#t('wflTime')}</label>
        <input type="time" id="${id}-start-time" .value=${st || '00:00'} @change=${write} />
      </fieldset>
      <fieldset class="moment">
        <legend>${this.#t('wflEnd')}</legend>
        <label for="${id}-end-date">${this.#t('wflDate')}</label>
        <input type="date" id="${id}-end-date" .value=${ed ?? ''} @change=${write} />
        <label for="${id}-end-time">${this.#t('wflTime')}</label>
        <input type="time" id="${id}-end-time" .value=${et || '00:00'} @change=${write} />
      </fieldset>
      <div class="zone">
        <label for="${id}-zone">${this.#t('wfeZone')}</label>
        <select id="${id}-zone" @change=${write}>${zones.map((z) => html`<option value=${z} ?selected=${z === p.timeZone}>${z}</option>`)}</select>
      </div>
    </div>`;
  }

  #renderPeriod(p: PeriodInfo): TemplateResult {
    const doc = this.doc!;
    const name = this.#word(p.title, p.key);
    const at = `p-${p.key}`;
    return html`<li class="period">
      <details>
        <summary id="wfo-${at}">${name}<span class="kind"> (${this.#t('wflFromTo', { start: this.#dateTime(p.start), end: this.#dateTime(p.end) })})</span></summary>
        <fieldset class="titles">
          <legend>${this.#t('wflPeriodTitle')}</legend>
          ${localesOf(doc).map(
            (l) => html`<label for="wfo-${at}-title-${l}">${localeName(l, this.locale)}</label>
              <input id="wfo-${at}-title-${l}" .value=${p.title[l] ?? ''} @change=${(e: Event) => {
                const v = (e.target as HTMLInputElement).value;
                this.#edit(at, (d) => (setPeriodText(d, p.key, 'title', l, v, `${this.#t('wflPeriodTitle')} (${l}): ${v.trim()}`), this.#t('wfeRenamed', { name: v.trim() })));
              }} />`,
          )}
        </fieldset>
        ${this.#renderTimes(`wfo-${at}`, p, (times) =>
          this.#edit(at, (d) => (setPeriodTimes(d, p.key, { start: times.start, end: times.end, ...(times.timeZone !== DEFAULT_ZONE || doc.get(['periods', p.key, 'timeZone']) !== undefined ? { timeZone: times.timeZone } : {}) }, `${name}: ${this.#t('wflWhen')}`), this.#t('wflPeriodSet', { period: name }))),
        )}
        <fieldset class="titles">
          <legend>${this.#t('wflPeriodInstead')}</legend>
          ${localesOf(doc).map(
            (l) => html`<label for="wfo-${at}-instead-${l}">${localeName(l, this.locale)}</label>
              <textarea id="wfo-${at}-instead-${l}" rows="2" .value=${p.instead[l] ?? ''} @change=${(e: Event) => {
                const v = (e.target as HTMLTextAreaElement).value;
                this.#edit(at, (d) => (setPeriodText(d, p.key, 'instead', l, v, `${name}: ${this.#t('wflPeriodInstead')} (${l})`), this.#t('wflPeriodSet', { period: name })));
              }}></textarea>`,
          )}
        </fieldset>
        <button type="button" id="wfo-${at}-remove" @click=${() => {
          if (this.#edit(at, (d) => (removePeriod(d, p.key, this.#t('wflRemovePeriod', { period: name })), this.#t('wflPeriodRemoved', { period: name })))) this.#focusLater('#wfo-new-period');
        }}>${this.#t('wflRemovePeriod', { period: name })}</button>
        ${this.#errorAt(at)}
      </details>
    </li>`;
  }

  /** In which periods the program's forms, and each form on its own, accept submissions. */
  #renderSubmissionPeriods(o: WorkflowOutline, periods: readonly PeriodInfo[]): TemplateResult {
    const doc = this.doc!;
    const row = (form: string | undefined) => {
      const fid = form ?? 'program';
      const chosen = submissionPeriods(doc, form);
      const label = form === undefined ? this.#t('wflAllForms') : this.#formName(form);
      return html`<fieldset class="roles">
        <legend>${label}</legend>
        ${periods.map(
          (p) => html`<span class="check"><input type="checkbox" id="wfo-sub-${fid}-${p.key}" .checked=${chosen.includes(p.key)} @change=${(e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            const next = on ? [...chosen, p.key] : chosen.filter((x) => x !== p.key);
            if (!this.#edit('submissions', (d) => (setSubmissionPeriods(d, form, next, `${label}: ${this.#t('wflSubmissions')}`), this.#t('wflSubmissionsSet', { form: label })))) (e.target as HTMLInputElement).checked = !on;
          }} /><label for="wfo-sub-${fid}-${p.key}">${this.#word(p.title, p.key)}</label></span>`,
        )}
      </fieldset>`;
    };
    return html`<details class="submissions">
      <summary>${this.#t('wflSubmissions')}</summary>
      <p class="hint">${this.#t('wflSubmissionsHint')}</p>
      ${row(undefined)} ${o.forms.map((f) => row(f))}
      ${this.#errorAt('submissions')}
    </details>`;
  }

  // ---- places

  #renderPlaces(o: WorkflowOutline): TemplateResult {
    const add = () => {
      const title = this.#value('wfo-new-places');
      const count = Number(this.#value('wfo-new-places-count'));
      const heldIn = o.states.filter((s) => this.renderRoot.querySelector<HTMLInputElement>(`#wfo-new-places-held-${s.key}`)?.checked).map((s) => s.key);
      let key = '';
      const done = this.#edit('new-places', (d) => {
        key = addPlaces(d, title, { count, heldIn }, `${this.#t('wflAddPlaces')}: ${title.trim()}`);
        return this.#t('wflPlacesAdded', { places: title.trim() });
      });
      if (done) {
        (this.renderRoot.querySelector('#wfo-new-places') as HTMLInputElement).value = '';
        this.#focusLater(`#wfo-l-${key}`);
      }
    };
    return html`<section class="places" aria-labelledby="wfo-places-title">
      <h4 id="wfo-places-title">${this.#t('wflPlaces')}</h4>
      <p class="hint">${this.#t('wflPlacesHint')}</p>
      <ul>${placesOf(this.doc!).map((p) => this.#renderPlace(o, p))}</ul>
      <fieldset class="add">
        <legend>${this.#t('wflAddPlaces')}</legend>
        <label for="wfo-new-places">${this.#t('wflPlacesTitle')}</label>
        <input id="wfo-new-places" />
        <label for="wfo-new-places-count">${this.#t('wflCount')}</label>
        <input id="wfo-new-places-count" type="number" min="1" step="1" inputmode="numeric" value="10" />
        <fieldset class="roles">
          <legend>${this.#t('wflHeldIn')}</legend>
          ${o.states.map((s) => html`<span class="check"><input type="checkbox" id="wfo-new-places-held-${s.key}" /><label for="wfo-new-places-held-${s.key}">${this.#word(s.title, s.key)}</label></span>`)}
        </fieldset>
        <button type="button" id="wfo-add-places" @click=${add}>${this.#t('wflAddPlaces')}</button>
        ${this.#errorAt('new-places')}
      </fieldset>
    </section>`;
  }

  #renderPlace(o: WorkflowOutline, p: PlacesInfo): TemplateResult {
    const doc = this.doc!;
    const name = this.#word(p.title, p.key);
    const at = `l-${p.key}`;
    const set = (count: number, heldIn: readonly string[]) => this.#edit(at, (d) => (setPlaces(d, p.key, { count, heldIn }, `${name}: ${this.#t('wflPlaces')}`), this.#t('wflPlacesSet', { places: name })));
    const taken = p.takenBy.map((r) => `${this.#stateName(o, r.state)}: ${this.#eventName(o, r.event)}`);
    return html`<li class="place">
      <details>
        <summary id="wfo-${at}">${name}<span class="kind"> (${this.#t('wflPlacesCount', { count: p.count })})</span></summary>
        <p class="hint">${taken.length ? this.#t('wflTakenBy', { list: taken.join('; ') }) : this.#t('wflTakenByNone')}</p>
        <fieldset class="titles">
          <legend>${this.#t('wflPlacesTitle')}</legend>
          ${localesOf(doc).map(
            (l) => html`<label for="wfo-${at}-title-${l}">${localeName(l, this.locale)}</label>
              <input id="wfo-${at}-title-${l}" .value=${p.title[l] ?? ''} @change=${(e: Event) => {
                const v = (e.target as HTMLInputElement).value;
                this.#edit(at, (d) => (setPlacesTitle(d, p.key, l, v, `${this.#t('wflPlacesTitle')} (${l}): ${v.trim()}`), this.#t('wfeRenamed', { name: v.trim() })));
              }} />`,
          )}
        </fieldset>
        <label for="wfo-${at}-count">${this.#t('wflCount')}</label>
        <input id="wfo-${at}-count" type="number" min="1" step="1" inputmode="numeric" .value=${String(p.count)} @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          if (!set(Number(input.value), p.heldIn)) input.value = String(p.count);
        }} />
        <fieldset class="roles">
          <legend>${this.#t('wflHeldIn')}</legend>
          ${o.states.map(
            (s) => html`<span class="check"><input type="checkbox" id="wfo-${at}-held-${s.key}" .checked=${p.heldIn.includes(s.key)} @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              if (!set(p.count, on ? [...p.heldIn, s.key] : p.heldIn.filter((x) => x !== s.key))) (e.target as HTMLInputElement).checked = !on;
            }} /><label for="wfo-${at}-held-${s.key}">${this.#word(s.title, s.key)}</label></span>`,
          )}
        </fieldset>
        <fieldset class="waiting">
          <legend>${this.#t('wflWaitingList')}</legend>
          <label for="wfo-${at}-wait-state">${this.#t('wflWaitIn')}</label>
          <select id="wfo-${at}-wait-state" @change=${() => this.#setWaiting(p, at, name)}>
            <option value="" ?selected=${!p.waitingList}>${this.#t('wflNoWaitingList')}</option>
            ${o.states.filter((s) => !s.final && !p.heldIn.includes(s.key)).map((s) => html`<option value=${s.key} ?selected=${p.waitingList?.state === s.key}>${this.#word(s.title, s.key)}</option>`)}
          </select>
          <label for="wfo-${at}-wait-offer">${this.#t('wflOffer')}</label>
          <select id="wfo-${at}-wait-offer" @change=${() => this.#setWaiting(p, at, name)}>
            ${o.events.map((e) => html`<option value=${e.key} ?selected=${p.waitingList?.offer === e.key}>${this.#word(e.title, e.key)}</option>`)}
          </select>
        </fieldset>
        <button type="button" id="wfo-${at}-remove" @click=${() => {
          if (this.#edit(at, (d) => (removePlaces(d, p.key, this.#t('wflRemovePlaces', { places: name })), this.#t('wflPlacesRemoved', { places: name })))) this.#focusLater('#wfo-new-places');
        }}>${this.#t('wflRemovePlaces', { places: name })}</button>
        ${this.#errorAt(at)}
      </details>
    </li>`;
  }

  #setWaiting(p: PlacesInfo, at: string, name: string): void {
    const state = this.#value(`wfo-${at}-wait-state`);
    const offer = this.#value(`wfo-${at}-wait-offer`);
    this.#edit(at, (d) => (setWaitingList(d, p.key, state === '' ? undefined : { state, offer }, `${name}: ${this.#t('wflWaitingList')}`), this.#t('wflPlacesSet', { places: name })));
  }

  // ---- sums

  #renderSums(o: WorkflowOutline): TemplateResult | typeof nothing {
    const doc = this.doc!;
    const sums = sumsOf(doc);
    if (o.outcomes.length === 0 && sums.length === 0) return nothing;
    const add = () => {
      const outcome = this.#value('wfo-new-sum-outcome');
      const field = this.#value('wfo-new-sum-field').trim();
      const budgetText = this.#value('wfo-new-sum-budget').trim();
      const budget = budgetText === '' ? undefined : Number(budgetText);
      const currency = this.#value('wfo-new-sum-currency').trim().toUpperCase();
      const taken = sums.map((x) => x.key);
      let key = outcome;
      for (let n = 2; taken.includes(key); n++) key = `${outcome}${n}`;
      this.#edit('new-sum', (d) => (setSum(d, key, { outcome, field, ...(budget !== undefined ? { budget } : {}), ...(currency ? { currency } : {}) }, `${this.#t('wflAddSum')}: ${this.#outcomeName(outcome)}`), this.#t('wflSumAdded', { sum: this.#outcomeName(outcome) })));
    };
    return html`<section class="sums" aria-labelledby="wfo-sums-title">
      <h4 id="wfo-sums-title">${this.#t('wflSums')}</h4>
      <p class="hint">${this.#t('wflSumsHint')}</p>
      <ul>${sums.map((x) => this.#renderSum(o, x))}</ul>
      ${o.outcomes.length
        ? html`<fieldset class="add">
            <legend>${this.#t('wflAddSum')}</legend>
            <label for="wfo-new-sum-outcome">${this.#t('wflSumOutcome')}</label>
            <select id="wfo-new-sum-outcome">${o.outcomes.map((x) => html`<option value=${x}>${this.#outcomeName(x)}</option>`)}</select>
            <label for="wfo-new-sum-field">${this.#t('wflSumField')}</label>
            <select id="wfo-new-sum-field">${this.#numberFields().map((f) => html`<option value=${f.path}>${f.label}</option>`)}</select>
            <label for="wfo-new-sum-budget">${this.#t('wflBudget')}</label>
            <input id="wfo-new-sum-budget" type="number" min="0" inputmode="decimal" />
            <label for="wfo-new-sum-currency">${this.#t('wflCurrency')}</label>
            <input id="wfo-new-sum-currency" maxlength="3" value="EUR" autocomplete="off" />
            <button type="button" id="wfo-add-sum" ?disabled=${this.#numberFields().length === 0} @click=${add}>${this.#t('wflAddSum')}</button>
            ${this.#errorAt('new-sum')}
          </fieldset>`
        : nothing}
    </section>`;
  }

  /** The number fields a sum can add up: outside lists, of every form. */
  #numberFields(): { path: string; label: string }[] {
    return this.#guardFields(undefined, true).filter((f) => f.kind === 'integer' || f.kind === 'number' || f.kind === 'amount');
  }

  #renderSum(o: WorkflowOutline, x: SumInfo): TemplateResult {
    const name = this.#sumName(x);
    const at = `m-${x.key}`;
    const fields = this.#numberFields();
    const write = (next: Partial<SumInfo>) => {
      const s = { ...x, ...next };
      return this.#edit(at, (d) => (setSum(d, x.key, { outcome: s.outcome, field: s.field, ...(s.budget !== undefined ? { budget: s.budget } : {}), ...(s.currency ? { currency: s.currency } : {}) }, `${name}: ${this.#t('wflSums')}`), this.#t('wflSumSet', { sum: name })));
    };
    return html`<li class="sum">
      <details>
        <summary id="wfo-${at}">${name}<span class="kind"> (${x.budget !== undefined ? this.#t('wflBudgetOf', { budget: this.#amount(x.budget, x.currency) }) : this.#t('wflNoBudget')})</span></summary>
        <label for="wfo-${at}-field">${this.#t('wflSumField')}</label>
        <select id="wfo-${at}-field" @change=${(e: Event) => write({ field: (e.target as HTMLSelectElement).value })}>
          ${(fields.some((f) => f.path === x.field) ? fields : [{ path: x.field, label: x.field }, ...fields]).map((f) => html`<option value=${f.path} ?selected=${f.path === x.field}>${f.label}</option>`)}
        </select>
        <label for="wfo-${at}-budget">${this.#t('wflBudget')}</label>
        <input id="wfo-${at}-budget" type="number" min="0" inputmode="decimal" .value=${x.budget === undefined ? '' : String(x.budget)} @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value.trim();
          if (!write({ budget: v === '' ? undefined : Number(v) })) (e.target as HTMLInputElement).value = x.budget === undefined ? '' : String(x.budget);
        }} />
        <label for="wfo-${at}-currency">${this.#t('wflCurrency')}</label>
        <input id="wfo-${at}-currency" maxlength="3" autocomplete="off" .value=${x.currency ?? ''} @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value.trim().toUpperCase();
          write({ currency: v === '' ? undefined : v });
        }} />
        <fieldset class="roles">
          <legend>${this.#t('wflReleasedIn')}</legend>
          ${o.states.map(
            (s) => html`<span class="check"><input type="checkbox" id="wfo-${at}-rel-${s.key}" .checked=${x.releasedIn.includes(s.key)} @change=${(e: Event) => {
              const on = (e.target as HTMLInputElement).checked;
              const next = on ? [...x.releasedIn, s.key] : x.releasedIn.filter((k) => k !== s.key);
              if (!this.#edit(at, (d) => (setSumReleasedIn(d, x.key, next, `${name}: ${this.#t('wflReleasedIn')}`), this.#t('wflSumSet', { sum: name })))) (e.target as HTMLInputElement).checked = !on;
            }} /><label for="wfo-${at}-rel-${s.key}">${this.#word(s.title, s.key)}</label></span>`,
          )}
        </fieldset>
        <button type="button" id="wfo-${at}-remove" @click=${() => {
          if (this.#edit(at, (d) => (removeSum(d, x.key, this.#t('wflRemoveSum', { sum: name })), this.#t('wflSumRemoved', { sum: name })))) this.#focusLater('#wfo-new-sum-outcome');
        }}>${this.#t('wflRemoveSum', { sum: name })}</button>
        ${this.#errorAt(at)}
      </details>
    </li>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text')) this.#model = undefined;
  }

  /** An event selected from outside (the diagram) opens its state and brings its transition into view. */
  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('selected') || !this.selected?.state) return;
    const s = this.selected;
    const sid = s.state === ANY_STATE_KEY ? 'any' : s.state;
    const target = this.renderRoot.querySelector(s.event ? `#wfo-t-${sid}-${s.event}-0` : `#wfo-s-${s.state}`);
    target?.scrollIntoView?.({ block: 'nearest' });
  }

  protected override render(): TemplateResult {
    const doc = this.doc;
    if (!doc || !(doc.get(['workflow', 'states']) && typeof doc.get(['workflow', 'states']) === 'object')) return html`<p>${this.#t('wfNone')}</p>`;
    const o = this.#outline;
    const placed = placeOutlineProblems(this.problems);
    const workflowProblems = placed.get('w');
    return html`<h3 id="wfo-title">${this.#t('wfeTitle')}</h3>
      <p class="hint" id="wfo-hint">${this.#t('wfeHint')}</p>
      ${workflowProblems ? html`<div class="wf-problems" role="region" aria-label=${this.#t('wfWorkflowProblems')}>${this.#problemList(workflowProblems)}</div>` : nothing}
      <section class="states" aria-labelledby="wfo-states-title">
        <h4 id="wfo-states-title">${this.#t('wfeStates')}</h4>
        <ul class="states">${o.states.map((s) => this.#renderState(o, s, placed))}</ul>
        <fieldset class="add">
          <legend>${this.#t('wfeAddState')}</legend>
          <label for="wfo-new-state">${this.#t('wfeNewStateTitle')}</label>
          <input id="wfo-new-state" @keydown=${(e: KeyboardEvent) => this.#onEnter(e, () => this.#addState())} />
          <button type="button" id="wfo-add-state" @click=${() => this.#addState()}>${this.#t('wfeAddState')}</button>
          ${this.#errorAt('new-state')}
        </fieldset>
      </section>
      <section class="any" aria-labelledby="wfo-any-title">
        <h4 id="wfo-any-title">${this.#t('wfeAnyState')}</h4>
        <p class="hint">${this.#t('wfeAnyStateHint')}</p>
        ${o.anyState.length ? html`<ul class="transitions">${o.anyState.map((t) => this.#renderTransition(o, t, placed))}</ul>` : nothing}
        ${this.#renderAddTransition(o, ANY_STATE_KEY)}
      </section>
      ${this.#renderEvents(o, placed)} ${this.#renderOutcomes(o)} ${this.#renderPeriods(o)} ${this.#renderPlaces(o)} ${this.#renderSums(o)}`;
  }

  static override styles = [
    visuallyHidden,
    css`
      :host {
        display: block;
        margin-bottom: 1rem;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .hint {
        color: #4a4a4a;
        margin: 0.25rem 0 0.5rem;
      }
      select {
        width: auto;
        max-width: 100%;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 0 0 0.5rem;
      }
      ol.rules {
        padding-inline-start: 1.25rem;
      }
      h4 {
        margin: 1rem 0 0.25rem;
      }
      li.state > h4 {
        margin: 0.25rem 0;
      }
      h5 {
        margin: 0.75rem 0 0.25rem;
        font-size: 1rem;
      }
      button.select {
        font: inherit;
        font-weight: 600;
        text-align: start;
        background: none;
        border: 1px solid #8a8a8a;
        border-radius: 0.25rem;
        padding: 0.375rem 0.5rem;
        min-height: 2.75rem;
        width: 100%;
        cursor: pointer;
      }
      button.select[aria-expanded='true'],
      button.select[aria-pressed='true'] {
        background: #e8f0fe;
        border-color: #1a56c4;
        border-width: 2px;
      }
      .kind {
        font-weight: normal;
      }
      .problem > h4 button.select,
      .problem > fieldset,
      .problem > details > summary {
        border-inline-start: 0.375rem solid #b00020;
      }
      .problems {
        color: #8a0016;
        margin: 0.25rem 0;
        list-style: disc;
        padding-inline-start: 1.25rem;
      }
      .body {
        padding: 0.25rem 0 0.75rem 0.75rem;
        border-inline-start: 2px solid #8a8a8a;
        margin-inline-start: 0.25rem;
      }
      fieldset {
        border: 1px solid #8a8a8a;
        border-radius: 0.25rem;
        margin: 0.5rem 0;
        padding: 0.5rem;
        min-width: 0;
      }
      label {
        display: block;
        margin-top: 0.375rem;
      }
      .check {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
        margin-inline-end: 1rem;
      }
      .check label {
        display: inline;
        margin: 0;
      }
      .radio {
        display: flex;
        align-items: flex-start;
        gap: 0.375rem;
        margin: 0.25rem 0;
      }
      .radio input {
        margin-top: 0.2rem;
        width: 1.25rem;
        height: 1.25rem;
        min-height: 0;
        flex: none;
      }
      .radio label {
        margin: 0;
      }
      .titles input,
      .key input {
        width: 100%;
      }
      .times {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1rem;
        align-items: flex-end;
      }
      .times fieldset.moment {
        flex: 1 1 11rem;
      }
      .times .zone {
        flex: 1 1 100%;
      }
      ul.said {
        list-style: disc;
        padding-inline-start: 1.25rem;
      }
      input,
      select,
      textarea,
      button {
        font: inherit;
        max-width: 100%;
        box-sizing: border-box;
        min-height: 2.25rem;
      }
      input[type='checkbox'] {
        min-height: 0;
        width: 1.25rem;
        height: 1.25rem;
      }
      textarea {
        width: 100%;
      }
      button {
        margin-top: 0.5rem;
        margin-inline-end: 0.5rem;
      }
      pre.json {
        overflow: auto;
        background: #f4f4f4;
        padding: 0.5rem;
        max-height: 12rem;
      }
      summary {
        cursor: pointer;
        padding: 0.375rem 0;
        min-height: 1.75rem;
      }
      .error {
        color: #8a0016;
        font-weight: 600;
      }
      @media (forced-colors: active) {
        button.select[aria-expanded='true'],
        button.select[aria-pressed='true'] {
          border-color: Highlight;
          outline: 2px solid Highlight;
        }
        .problem > h4 button.select,
        .problem > fieldset,
        .problem > details > summary {
          border-inline-start-color: Mark;
        }
        .problems,
        .error {
          color: CanvasText;
          text-decoration: underline;
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-workflow-outline': CfWorkflowOutline;
  }
}
