import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { DEFAULT_TIME_ZONE, type Program } from '@civicflow/core';
import type { FormValidators } from '@civicflow/core/runtime';
import { momentWords, workflowTexts } from '@civicflow/workflow';
import { visuallyHidden } from '../designer/program-designer.styles.js';
import { CfWalkSaveEvent, CfSimulationStateEvent } from '../events/simulation.js';
import { sampleData } from '../model/sample-data.js';
import {
  caseOf,
  checkWalks,
  moveClock,
  nextTimer,
  offeredEvents,
  openCase,
  openingForm,
  openingRoles,
  replay,
  sendEvent,
  stepWords,
  toWalk,
  undoStep,
  walkText,
  WALK_NAME,
  type SavedWalk,
  type Simulation,
  type SimulationStep,
  type WalkCheck,
} from '../model/simulation.js';
import { simText, type SimulationWord } from '../model/simulation-words.js';

/** The durations the clock can be moved on by. */
const DURATIONS: readonly [string, SimulationWord][] = [
  ['P1D', 'durationDay'],
  ['P1W', 'durationWeek'],
  ['P4W', 'durationFourWeeks'],
  ['P1M', 'durationMonth'],
  ['P3M', 'durationThreeMonths'],
  ['P1Y', 'durationYear'],
];

/** A time as `<input type="datetime-local">` shows it, in the program's default time zone. */
function localInput(iso: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(iso);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}`;
}

/** The instant a `datetime-local` value names in the program's default time zone. */
function fromLocalInput(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const guess = new Date(`${value}:00Z`);
  // The zone's offset at that moment: the difference between the guess shown there and the guess itself.
  const shown = new Date(`${localInput(guess)}:00Z`);
  return new Date(guess.getTime() - (shown.getTime() - guess.getTime()));
}

/**
 * `<cf-simulation-panel>`: walks a case through the program's workflow with the engine the server uses. Open a case
 * (with the opening form filled in or sample answers), pick a role and one of the steps it can take, fill the step's
 * form, move the clock on to fire timers, undo. Each step is said in words: the guard's result or why it was refused,
 * the next state, the timers started, the history entry. The walk can be saved as a test case (`cf-walk-save`); the
 * saved ones (`walks`) are played again on every change of the program, after the paint.
 *
 * @event cf-simulation-state - The case's state changed (or the case went): `detail: { state }`.
 * @event cf-walk-save - Save the walk: `detail: { name, text }`; the host writes `cases/workflow-<name>.json`.
 */
export class CfSimulationPanel extends LitElement {
  static override properties = {
    program: { attribute: false },
    compiled: { attribute: false },
    walks: { attribute: false },
    locale: {},
    textLocale: { attribute: 'text-locale' },
  };

  /** The checked program (undefined while it has problems). */
  declare program: Program | undefined;
  /** The program with its validators, as `<cf-form>` takes it, for the forms of the steps. */
  declare compiled: { program: Program; validators: FormValidators } | undefined;
  /** The walks saved beside the program. */
  declare walks: readonly SavedWalk[];
  /** The designer's language, `de` or `en`. */
  declare locale: string;
  /** The language of the program's texts. */
  declare textLocale: string | undefined;

  #sim: Simulation | undefined;
  #role = '';
  #openRole = '';
  #openAt = localInput(new Date(Math.floor(Date.now() / 60_000) * 60_000));
  /** The event whose form is being filled. */
  #pending: string | undefined;
  #duration = 'P1W';
  #name = '';
  #about = '';
  #saveError = '';
  #saving: string | undefined;
  /** A name taken by a saved walk, waiting for the designer to confirm replacing it. */
  #confirmReplace: string | undefined;
  #announcement = '';
  #checks: WalkCheck[] | undefined;
  #checkRun = 0;
  #lastState: string | undefined;

  constructor() {
    super();
    this.walks = [];
    this.locale = 'en';
  }

  #w(key: SimulationWord, params: Record<string, string | number> = {}): string {
    return simText(this.locale, key, params);
  }

  get #lang(): string {
    return this.locale.toLowerCase().startsWith('de') ? 'de' : 'en';
  }

  get #textLocale(): string {
    const locales = this.program?.locales ?? [];
    return this.textLocale && locales.includes(this.textLocale) ? this.textLocale : (locales.find((l) => l.startsWith(this.#lang)) ?? locales[0] ?? this.#lang);
  }

  /** The simulation now (for tests and the host). */
  get simulation(): Simulation | undefined {
    return this.#sim;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('program') && this.program && this.#sim && changed.get('program') !== undefined) this.#sim = replay(this.program, this.#sim, this.#lang);
    if (changed.has('program') || changed.has('walks') || changed.has('locale') || changed.has('textLocale')) this.#checkLater();
    if (changed.has('walks') && this.#saving !== undefined && this.walks.some((w) => w.name === this.#saving)) {
      this.#announce(this.#w('saved', { name: this.#saving }));
      this.#saving = undefined;
    }
  }

  protected override updated(): void {
    const state = this.#sim ? caseOf(this.#sim)?.state : undefined;
    if (state !== this.#lastState) {
      this.#lastState = state;
      this.dispatchEvent(new CfSimulationStateEvent({ state }));
    }
  }

  /** Plays the saved walks once the page has painted, so that an edit shows first; an older run that ends late is dropped. */
  #checkLater(): void {
    const run = ++this.#checkRun;
    this.#checks = undefined;
    setTimeout(() => {
      if (run !== this.#checkRun) return;
      const program = this.program;
      this.#checks = program ? checkWalks(program, this.walks, this.#lang, this.#textLocale) : [];
      this.requestUpdate();
    }, 0);
  }

  /** Done when the saved walks have been played on the program shown. */
  async walksChecked(): Promise<readonly WalkCheck[]> {
    while (this.#checks === undefined) await new Promise((r) => setTimeout(r, 10));
    return this.#checks;
  }

  #announce(text: string): void {
    this.#announcement = '';
    this.requestUpdate();
    void this.updateComplete.then(() => {
      this.#announcement = text;
      this.requestUpdate();
    });
  }

  /** After a step: say what happened, and move the focus to it. */
  #took(sim: Simulation): void {
    this.#sim = sim;
    this.#pending = undefined;
    const words = stepWords(this.program!, sim.steps.at(-1)!, this.#lang, this.#textLocale);
    this.#announce([words.title, words.refused ?? words.next].filter(Boolean).join('. '));
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#sim-last')?.focus());
  }

  #sample(form: string): Record<string, unknown> {
    return sampleData(this.program!.definition.forms[form]?.schema, 0, this.#textLocale);
  }

  #open(data: unknown): void {
    const program = this.program!;
    const at = fromLocalInput(this.#openAt);
    if (!at) return;
    const roles = openingRoles(program);
    const role = roles.includes(this.#openRole) ? this.#openRole : roles[0]!;
    this.#role = role;
    this.#took(openCase(program, role, at, data, this.#lang));
  }

  #send(event: string, data: unknown): void {
    this.#took(sendEvent(this.program!, this.#sim!, this.#role, event, data, this.#lang));
  }

  #undo(): void {
    const sim = this.#sim && undoStep(this.#sim);
    this.#sim = sim;
    this.#pending = undefined;
    this.#announce(sim ? this.#w('undo') : this.#w('restart'));
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(sim ? '#sim-last' : '#sim-open-role')?.focus());
  }

  #restart(): void {
    this.#sim = undefined;
    this.#pending = undefined;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('#sim-open-role')?.focus());
  }

  #save(replace = false): void {
    const name = this.#name.trim();
    this.#confirmReplace = undefined;
    if (!this.#sim) {
      this.#saveError = this.#w('nothingToSave');
    } else if (!WALK_NAME.test(name)) {
      this.#saveError = this.#w('nameInvalid', { name });
    } else if (!replace && this.walks.some((w) => w.name === name)) {
      this.#saveError = '';
      this.#confirmReplace = name;
      this.#announce(this.#w('walkExists', { name }));
    } else {
      this.#saveError = '';
      this.#saving = name;
      const walk = toWalk(this.#sim, this.#about.trim() || name, this.#lang);
      this.dispatchEvent(new CfWalkSaveEvent({ name, text: walkText(walk), replace }));
      this.#announce(this.#w('saving', { name }));
    }
    if (this.#saveError) this.#announce(this.#saveError);
    this.requestUpdate();
  }

  #form(form: string, id: string, onData: (data: unknown) => void): TemplateResult {
    const compiled = this.compiled;
    if (!compiled || compiled.program !== this.program) return html``;
    return html`<div class="form-frame" lang=${this.#textLocale}>
      <cf-form
        id=${id}
        .program=${compiled}
        form-id=${form}
        locale=${this.#textLocale}
        heading-level="4"
        @cf-submit=${(e: CustomEvent<{ data: unknown }>) => {
          e.preventDefault();
          e.stopPropagation();
          onData(e.detail.data);
        }}
      ></cf-form>
    </div>`;
  }

  protected override render(): TemplateResult {
    const program = this.program;
    const live = html`<div class="visually-hidden" role="status" aria-live="polite">${this.#announcement}</div>`;
    if (!program?.definition.workflow) return html`${live}`;
    return html`${live}
      <section aria-labelledby="sim-title">
        <h3 id="sim-title">${this.#w('title')}</h3>
        <p class="hint">${this.#w('intro')}</p>
        ${this.#sim ? this.#renderWalk(program, this.#sim) : this.#renderStart(program)}
      </section>
      ${this.#renderSaved()}`;
  }

  #renderStart(program: Program): TemplateResult {
    const roles = openingRoles(program);
    const texts = workflowTexts(program, this.#textLocale);
    const form = openingForm(program);
    const formTitle = form ? (program.definition.texts?.[this.#textLocale]?.[`forms.${form}.title`] ?? form) : '';
    return html`<div class="row">
        <span>
          <label for="sim-open-role">${this.#w('openAs')}</label>
          <select id="sim-open-role" @change=${(e: Event) => (this.#openRole = (e.target as HTMLSelectElement).value)}>
            ${roles.map((r) => html`<option value=${r} ?selected=${r === this.#openRole}>${texts.role(r)}</option>`)}
          </select>
        </span>
        <span>
          <label for="sim-open-at">${this.#w('startAt')}</label>
          <input id="sim-open-at" type="datetime-local" .value=${this.#openAt} @change=${(e: Event) => (this.#openAt = (e.target as HTMLInputElement).value)} />
        </span>
      </div>
      ${form
        ? html`<p>${this.#w('openWithForm', { form: formTitle })}</p>
            <div class="row"><button type="button" id="sim-open-sample" @click=${() => this.#open(this.#sample(form))}>${this.#w('openSample')}</button></div>
            <p class="hint">${this.#w('fillBelow')}</p>
            ${this.#form(form, 'sim-open-form', (data) => this.#open(data))}`
        : html`<div class="row"><button type="button" id="sim-open" @click=${() => this.#open(undefined)}>${this.#w('openEmpty')}</button></div>`}`;
  }

  #renderWalk(program: Program, sim: Simulation): TemplateResult {
    const texts = workflowTexts(program, this.#textLocale);
    const c = caseOf(sim);
    const roles = program.definition.workflow!.roles;
    const role = roles.includes(this.#role) ? this.#role : roles[0]!;
    const offers = c ? offeredEvents(program, sim, role, this.#lang) : [];
    const timer = nextTimer(sim);
    const final = c ? program.definition.workflow!.states[c.state]?.final === true : false;
    const pending = this.#pending && offers.find((o) => o.event === this.#pending);
    const last = sim.steps.at(-1)!;
    return html`
      <p id="sim-now">${this.#w('now', { time: momentWords(new Date(sim.now), this.#lang, DEFAULT_TIME_ZONE) })}</p>
      ${c ? html`<p id="sim-state" class="state">${this.#w(final ? 'stateFinal' : 'state', { state: texts.state(c.state) })}</p>` : nothing}
      <div id="sim-last" class="last" tabindex="-1" role="group" aria-labelledby="sim-last-title">
        ${this.#renderStep(program, last, 'sim-last-title')}
      </div>
      ${c && !final
        ? html`<fieldset class="act">
            <legend>${this.#w('offered', { role: texts.role(role) })}</legend>
            <label for="sim-role">${this.#w('actAs')}</label>
            <select id="sim-role" @change=${(e: Event) => ((this.#role = (e.target as HTMLSelectElement).value), (this.#pending = undefined), this.requestUpdate())}>
              ${roles.map((r) => html`<option value=${r} ?selected=${r === role}>${texts.role(r)}</option>`)}
            </select>
            ${offers.length === 0
              ? html`<p>${this.#w('noneOffered', { role: texts.role(role) })}</p>`
              : html`<ul class="offers">
                  ${offers.map(
                    (o) => html`<li>
                      <button type="button" data-event=${o.event} aria-expanded=${o.form ? (this.#pending === o.event ? 'true' : 'false') : nothing}
                        @click=${() => (o.form ? ((this.#pending = this.#pending === o.event ? undefined : o.event), this.requestUpdate()) : this.#send(o.event, undefined))}>
                        ${texts.event(o.event)}</button>
                      ${o.unavailable ? html`<span class="hint">${this.#w('unavailable', { reason: o.unavailable.message })}</span>` : nothing}
                    </li>`,
                  )}
                </ul>`}
            ${pending && pending.form
              ? html`<div class="pending" role="group" aria-labelledby="sim-pending-title">
                  <h4 id="sim-pending-title">${this.#w('fillEvent', { event: texts.event(pending.event) })}</h4>
                  <div class="row">
                    <button type="button" id="sim-send-sample" @click=${() => this.#send(pending.event, this.#sample(pending.form!))}>${this.#w('sendSample', { event: texts.event(pending.event) })}</button>
                    <button type="button" id="sim-cancel" @click=${() => ((this.#pending = undefined), this.requestUpdate())}>${this.#w('cancelEvent')}</button>
                  </div>
                  <p class="hint">${this.#w('fillBelow')}</p>
                  ${this.#form(pending.form, 'sim-event-form', (data) => this.#send(pending.event, data))}
                </div>`
              : nothing}
          </fieldset>`
        : nothing}
      ${c
        ? html`<fieldset class="clock">
            <legend>${this.#w('clock')}</legend>
            ${timer && !final
              ? html`<button type="button" id="sim-jump" @click=${() => this.#took(moveClock(program, sim, this.#lang))}>
                  ${this.#w('jumpNext', { timer: texts.event(timer.event), when: momentWords(new Date(timer.due), this.#lang, DEFAULT_TIME_ZONE) })}
                </button>`
              : html`<p>${this.#w('noTimers')}</p>`}
            <div class="row">
              <label for="sim-duration">${this.#w('jumpBy')}</label>
              <select id="sim-duration" @change=${(e: Event) => (this.#duration = (e.target as HTMLSelectElement).value)}>
                ${DURATIONS.map(([d, w]) => html`<option value=${d} ?selected=${d === this.#duration}>${this.#w(w)}</option>`)}
              </select>
              <button type="button" id="sim-move" @click=${() => this.#took(moveClock(program, sim, this.#lang, this.#duration))}>${this.#w('jump')}</button>
            </div>
          </fieldset>`
        : nothing}
      <div class="row">
        <button type="button" id="sim-undo" @click=${() => this.#undo()}>${this.#w('undo')}</button>
        <button type="button" id="sim-restart" @click=${() => this.#restart()}>${this.#w('restart')}</button>
      </div>
      <details class="history">
        <summary>${this.#w('steps')} (${sim.steps.length})</summary>
        <ol>
          ${sim.steps.map((s, i) => html`<li>${this.#renderStep(program, s, `sim-step-${i}`)}</li>`)}
        </ol>
      </details>
      ${this.#renderSave()}`;
  }

  #renderStep(program: Program, step: SimulationStep, titleId: string): TemplateResult {
    const w = stepWords(program, step, this.#lang, this.#textLocale);
    return html`<h4 id=${titleId}>${w.title}</h4>
      ${w.refused ? html`<p class="refused">${w.refused}</p>` : nothing}
      ${w.errors?.length ? html`<p>${this.#w('invalidData')}</p><ul>${w.errors.map((e) => html`<li>${e}</li>`)}</ul>` : nothing}
      ${w.fired ? html`<p>${w.fired}</p>` : nothing}
      ${w.guard ? html`<p>${w.guard}</p>` : nothing}
      ${w.next ? html`<p>${w.next}</p>` : nothing}
      ${w.timersStarted.length ? html`<p>${this.#w('timersStarted')}</p><ul>${w.timersStarted.map((t) => html`<li>${t}</li>`)}</ul>` : nothing}
      ${w.timersStopped ? html`<p>${w.timersStopped}</p>` : nothing}
      ${w.outcomes ? html`<p>${w.outcomes}</p>` : nothing}
      ${w.audit.map((a) => html`<p class="audit">${a}</p>`)}`;
  }

  #renderSave(): TemplateResult {
    return html`<fieldset class="save">
      <legend>${this.#w('saveTitle')}</legend>
      <div class="row">
        <span>
          <label for="sim-name">${this.#w('saveName')}</label>
          <input id="sim-name" type="text" .value=${this.#name} aria-describedby="sim-name-hint" aria-invalid=${this.#saveError ? 'true' : 'false'}
            @input=${(e: Event) => (this.#name = (e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => e.key === 'Enter' && (e.preventDefault(), this.#save())} />
        </span>
        <span>
          <label for="sim-about">${this.#w('saveAbout')}</label>
          <input id="sim-about" type="text" .value=${this.#about} @input=${(e: Event) => (this.#about = (e.target as HTMLInputElement).value)} />
        </span>
      </div>
      <p class="hint" id="sim-name-hint">${this.#w('saveNameHint')}</p>
      <button type="button" id="sim-save" @click=${() => this.#save()}>${this.#w('save')}</button>
      ${this.#saveError ? html`<p class="error" role="alert">${this.#saveError}</p>` : nothing}
      ${this.#confirmReplace
        ? html`<p role="alert">${this.#w('walkExists', { name: this.#confirmReplace })}
            <button type="button" id="sim-replace" @click=${() => this.#save(true)}>${this.#w('replace', { name: this.#confirmReplace })}</button></p>`
        : nothing}
    </fieldset>`;
  }

  #renderSaved(): TemplateResult {
    const checks = this.#checks;
    return html`<section aria-labelledby="sim-saved-title" class="saved">
      <h3 id="sim-saved-title">${this.#w('savedWalks')}</h3>
      ${this.walks.length === 0
        ? html`<p>${this.#w('noSavedWalks')}</p>`
        : !checks
          ? html`<p>${this.#w('checking')}</p>`
          : html`<p id="sim-walks-summary">${this.#w('walksSummary', { passed: checks.filter((c) => c.passes).length, count: checks.length })}</p>
              <ul id="sim-walks">
                ${checks.map(
                  (c) => html`<li class=${c.passes ? 'passes' : 'fails'}>
                    <strong>${c.name}</strong> <span class="verdict">${c.passes ? `✓ ${this.#w('walkPasses')}` : `✗ ${this.#w('walkFails')}`}</span>
                    ${c.about ? html`<br /><span>${c.about}</span>` : nothing}
                    ${c.reason ? html`<br /><span class="reason">${c.reason}</span>` : nothing}
                  </li>`,
                )}
              </ul>`}
    </section>`;
  }

  static override styles = [
    visuallyHidden,
    css`
      :host {
        display: block;
        margin-top: 1rem;
      }
      section {
        border: 1px solid #5c5c5c;
        border-radius: 0.25rem;
        padding: 0.75rem;
        margin-bottom: 1rem;
      }
      h3 {
        margin-top: 0;
      }
      h4 {
        margin: 0.25rem 0;
        font-size: 1rem;
      }
      .hint {
        color: #4a4a4a;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 1rem;
        align-items: end;
        margin: 0.5rem 0;
      }
      .row > span {
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      input,
      select,
      button {
        font: inherit;
        max-width: 100%;
      }
      button {
        min-height: 2.75rem;
        padding: 0.25rem 0.75rem;
        text-align: start;
      }
      fieldset {
        border: 1px solid #8a8a8a;
        border-radius: 0.25rem;
        margin: 0.75rem 0;
        min-width: 0;
      }
      .state {
        font-weight: 700;
      }
      .last {
        border-inline-start: 0.25rem solid #1d4f91;
        padding-inline-start: 0.75rem;
        margin: 0.5rem 0;
      }
      .last:focus-visible {
        outline: 3px solid #1d4f91;
        outline-offset: 2px;
      }
      .refused,
      .error,
      .fails .verdict {
        color: #a4161a;
        font-weight: 600;
      }
      .passes .verdict {
        color: #1e6b35;
        font-weight: 600;
      }
      .offers {
        list-style: none;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      .form-frame {
        border: 1px dashed #5c5c5c;
        padding: 0.5rem;
        max-width: 40rem;
      }
      .audit {
        font-size: 0.95em;
        color: #333;
      }
      .saved ul {
        padding-inline-start: 1.25rem;
      }
      .saved li {
        margin: 0.25rem 0;
        overflow-wrap: anywhere;
      }
      @media (forced-colors: active) {
        .last {
          border-inline-start-color: CanvasText;
        }
        .refused,
        .error,
        .fails .verdict,
        .passes .verdict {
          color: CanvasText;
        }
      }
    `,
  ];
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-simulation-panel': CfSimulationPanel;
  }
}
