import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { CfForm } from '../form/form.js';
import type { CfSubmitEvent } from '../events/submit.js';
import { CaseApiError, apiUrl, requestJson, versionOf, type ApiContext } from '../internal/case-api.js';
import { caseStrings, type CaseStrings } from '../internal/case-strings.js';
import { eventRefusal, type EventRefusal } from '../internal/event-refusal.js';
import { workflowTitles, type DefinitionTexts, type WorkflowTitles } from '../internal/workflow-titles.js';
import { directionOf, fillString } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import { CfCaseLoadedEvent } from '../events/case-loaded.js';
import { CfEventSentEvent } from '../events/event-sent.js';
import { themeStyles } from '../internal/theme.styles.js';
import { caseInboxStyles } from './case-inbox.styles.js';

/** A sign-in choice offered in a select (for demos: the tokens of examples/demo-tokens.json). */
export interface InboxAccount {
  readonly label: string;
  readonly token: string;
}

interface ProgramSummary {
  readonly id: string;
  readonly version: string;
  readonly ref: string;
  readonly title: Readonly<Record<string, string>>;
}

interface CaseRow {
  readonly id: string;
  readonly reference: string;
  readonly program: string;
  readonly state: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly nextDue: string | null;
}

interface OfferedEvent {
  readonly event: string;
  readonly title: string;
  readonly form?: string;
}

/** A case as a caseworker sees it (`GET /v1/cases/{id}`, the server's `caseworkerView`). */
interface WorkedCase extends CaseRow {
  readonly version: number;
  readonly stateTitle: string;
  readonly data: Record<string, unknown>;
  readonly history: readonly { readonly seq: number; readonly at: string; readonly actor: string; readonly event: string | null; readonly from: string | null; readonly to: string }[];
  readonly availableEvents: readonly OfferedEvent[];
}

type Notice = { readonly kind: 'done'; readonly text: string } | { readonly kind: 'error'; readonly text: string; readonly refusal?: EventRefusal };

/**
 * @summary The caseworker's inbox: sign in with a bearer token, list a program's cases by state page by page,
 * open one with its history, and send the workflow events the signed-in roles may send, each with its form.
 *
 * @event cf-case-loaded - A case was opened or reloaded. `detail: { caseId, state, version }`.
 * @event cf-event-sent - The server applied an event. `detail: { caseId, event, state, version }`.
 *
 * @csspart base - The outer box (carries `lang` and `dir`).
 * @csspart sign-in - The sign-in form.
 * @csspart filter - The choice of program and state.
 * @csspart cases - The table of cases.
 * @csspart paging - The previous and next page buttons.
 * @csspart case - An opened case.
 * @csspart history - The case's history table.
 * @csspart events - The list of events that may be sent.
 * @csspart event-form - The form of the chosen event (a `<cf-form>`).
 * @csspart notice - Messages: sent, refused, conflicts, loading.
 * @csspart button - Every button.
 */
export class CfCaseInbox extends LitElement {
  static override styles = [themeStyles, caseInboxStyles];

  static override properties = {
    api: {},
    locale: {},
    program: {},
    pageSize: { type: Number, attribute: 'page-size' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    accounts: { attribute: false },
    token: { attribute: false },
    strings: { attribute: false },
  };

  /** Base URL of the civicflow API (the part before `/v1`); empty for the page's own origin. */
  declare api: string;
  /** Language of the texts; defaults to the nearest `lang`, then German. */
  declare locale: string | undefined;
  /** The program to list first; defaults to the first one the signed-in roles may see. */
  declare program: string | undefined;
  /** Cases per page (1–500). */
  declare pageSize: number;
  /** Level of the element's heading (2 by default). */
  declare headingLevel: number;
  /** Accounts to choose from when signing in; without them the sign-in asks for a token. */
  declare accounts: readonly InboxAccount[] | undefined;
  /** The signed-in caseworker's bearer token; set it to sign in from outside. Never an attribute, so it stays out of the DOM. */
  declare token: string | undefined;
  /** Own wording, overriding the built-in German and English for any key. */
  declare strings: Partial<CaseStrings> | undefined;

  #programs: ProgramSummary[] = [];
  #titles = new Map<string, Promise<DefinitionTexts>>();
  #titleCache = new Map<string, DefinitionTexts>();
  #state = '';
  #cursors: (string | undefined)[] = [undefined];
  #rows: CaseRow[] | undefined;
  #next: string | undefined;
  #case: WorkedCase | undefined;
  #chosen: OfferedEvent | undefined;
  #notice: Notice | undefined;
  #busy = false;
  #signInError = '';
  #listError = '';

  constructor() {
    super();
    this.api = '';
    this.pageSize = 20;
    this.headingLevel = 2;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token') && this.token) void this.#signedIn();
  }

  #locale(): string {
    return this.locale || this.closest('[lang]')?.getAttribute('lang') || 'de';
  }

  #strings(): CaseStrings {
    return caseStrings(this.#locale(), this.strings);
  }

  #ctx(): ApiContext {
    return { api: this.api, token: this.token, locale: this.#locale() };
  }

  #date(iso: string | null): string {
    return iso ? new Intl.DateTimeFormat(this.#locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '–';
  }

  /** The program definition of a ref (`id@version`), fetched once, for its state titles. */
  #definition(ref: string): Promise<DefinitionTexts> {
    let p = this.#titles.get(ref);
    if (!p) {
      const [id, version] = ref.split('@');
      p = requestJson<DefinitionTexts>(this.#ctx(), `/v1/programs/${encodeURIComponent(id!)}/versions/${encodeURIComponent(version!)}`).then((r) => {
        this.#titleCache.set(ref, r.body);
        return r.body;
      });
      this.#titles.set(ref, p);
    }
    return p;
  }

  #workflowTitles(ref: string | undefined): WorkflowTitles | undefined {
    const d = ref ? this.#titleCache.get(ref) : undefined;
    return d ? workflowTitles(d, this.#locale()) : undefined;
  }

  #selected(): ProgramSummary | undefined {
    return this.#programs.find((p) => p.id === this.program) ?? this.#programs[0];
  }

  async #run(work: () => Promise<void>): Promise<void> {
    this.#busy = true;
    this.requestUpdate();
    try {
      await work();
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  // ——— sign-in and the list ———

  #onSignIn = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const value = (form.elements.namedItem('token') as HTMLInputElement | HTMLSelectElement).value.trim();
    this.#signInError = '';
    if (value) this.token = value;
    else this.requestUpdate();
  };

  #signOut = () => {
    this.token = undefined;
    this.#programs = [];
    this.#rows = undefined;
    this.#case = undefined;
    this.#notice = undefined;
    this.requestUpdate();
  };

  /** After sign-in: the programs the token may see (a probe of each program's case list), then the first page. */
  async #signedIn(): Promise<void> {
    await this.#run(async () => {
      try {
        const all = (await requestJson<{ items: ProgramSummary[] }>(this.#ctx(), '/v1/programs')).body.items;
        const probes = await Promise.allSettled(all.map((p) => requestJson(this.#ctx(), `/v1/programs/${encodeURIComponent(p.id)}/cases?limit=1`)));
        if (probes.every((r) => r.status === 'rejected' && r.reason instanceof CaseApiError && r.reason.status === 401)) {
          this.#signInError = this.#strings().signInFailed;
          this.token = undefined;
          return;
        }
        this.#programs = all.filter((_, i) => probes[i]!.status === 'fulfilled');
        if (!this.#programs.some((p) => p.id === this.program)) this.program = this.#programs[0]?.id;
        await Promise.all(this.#programs.map((p) => this.#definition(p.ref).catch(() => undefined)));
        await this.#loadPage(true);
      } catch (e) {
        this.#listError = this.#failure(e);
      }
    });
  }

  #failure(e: unknown): string {
    const s = this.#strings();
    return e instanceof CaseApiError ? (e.status === 403 ? s.noRole : fillString(s.failed, { status: e.status })) : s.failedNetwork;
  }

  async #loadPage(reset: boolean): Promise<void> {
    const p = this.#selected();
    this.#listError = '';
    if (reset) this.#cursors = [undefined];
    if (!p) {
      this.#rows = [];
      this.#listError = this.#strings().noRole;
      return;
    }
    const cursor = this.#cursors[this.#cursors.length - 1];
    const query = new URLSearchParams({ limit: String(this.pageSize) });
    if (this.#state) query.set('state', this.#state);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = (await requestJson<{ items: CaseRow[]; next?: string | null }>(this.#ctx(), `/v1/programs/${encodeURIComponent(p.id)}/cases?${query}`)).body;
      this.#rows = page.items;
      this.#next = page.next ?? undefined;
    } catch (e) {
      this.#rows = [];
      this.#next = undefined;
      this.#listError = this.#failure(e);
    }
  }

  #onFilter = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.program = (form.elements.namedItem('program') as HTMLSelectElement).value;
    this.#state = (form.elements.namedItem('state') as HTMLSelectElement).value;
    void this.#run(() => this.#loadPage(true));
  };

  #page = async (forward: boolean) => {
    if (forward && this.#next) this.#cursors.push(this.#next);
    else if (!forward && this.#cursors.length > 1) this.#cursors.pop();
    await this.#run(() => this.#loadPage(false));
    this.renderRoot.querySelector<HTMLElement>('caption')?.focus();
  };

  // ——— one case ———

  async #openCase(id: string): Promise<void> {
    this.#notice = undefined;
    this.#chosen = undefined;
    await this.#run(async () => {
      try {
        const r = await requestJson<WorkedCase>(this.#ctx(), `/v1/cases/${encodeURIComponent(id)}`);
        await this.#definition(r.body.program).catch(() => undefined);
        this.#case = { ...r.body, version: versionOf(r.etag) ?? r.body.version };
        this.dispatchEvent(new CfCaseLoadedEvent({ caseId: id, state: r.body.state, version: this.#case.version }));
      } catch (e) {
        this.#notice = { kind: 'error', text: this.#failure(e) };
      }
    });
    this.renderRoot.querySelector<HTMLElement>('#cf-case-title')?.focus();
  }

  #backToList = async () => {
    this.#case = undefined;
    this.#chosen = undefined;
    this.#notice = undefined;
    await this.#run(() => this.#loadPage(false));
    this.renderRoot.querySelector<HTMLElement>('caption')?.focus();
  };

  #choose = async (e: OfferedEvent | undefined) => {
    this.#chosen = e;
    this.#notice = undefined;
    this.requestUpdate();
    await this.updateComplete;
    if (e) this.renderRoot.querySelector<HTMLElement>('#cf-event-title')?.focus();
  };

  #onEventFormSubmit = (e: CfSubmitEvent) => {
    // The inbox sends the data itself, as an event with If-Match; the form only renders and validates.
    e.preventDefault();
    void this.#send(this.#chosen!, e.detail.data as Record<string, unknown>, e.target as CfForm);
  };

  async #send(event: OfferedEvent, data: Record<string, unknown> | undefined, form?: CfForm): Promise<void> {
    const c = this.#case!;
    const s = this.#strings();
    await this.#run(async () => {
      try {
        const r = await requestJson<{ case: WorkedCase }>(this.#ctx(), `/v1/cases/${encodeURIComponent(c.id)}/events`, {
          method: 'POST',
          body: data === undefined ? { type: event.event } : { type: event.event, data },
          headers: { 'If-Match': `"${c.version}"` },
        });
        this.#case = r.body.case;
        this.#chosen = undefined;
        this.#notice = { kind: 'done', text: fillString(s.applied, { title: event.title, state: r.body.case.stateTitle }) };
        this.dispatchEvent(new CfEventSentEvent({ caseId: c.id, event: event.event, state: r.body.case.state, version: r.body.case.version }));
      } catch (e) {
        const refusal = eventRefusal(e);
        if (refusal.kind === 'invalid' && form) void form.showServerErrors(refusal.errors);
        const text =
          refusal.kind === 'conflict'
            ? fillString(s.conflict, { expected: refusal.expected ?? c.version, actual: refusal.actual ?? '?' })
            : refusal.kind === 'invalid'
              ? s.invalid
              : e instanceof CaseApiError
                ? fillString(s.refused, { message: refusal.message })
                : s.failedNetwork;
        this.#notice = { kind: 'error', text, refusal };
      }
    });
    if (this.#notice?.kind === 'done' || this.#notice?.refusal?.kind !== 'invalid') this.renderRoot.querySelector<HTMLElement>('#cf-notice')?.focus();
  }

  // ——— rendering ———

  protected override render(): TemplateResult {
    const locale = this.#locale();
    const s = this.#strings();
    return html`<section part="base" lang=${locale} dir=${directionOf(locale)} aria-labelledby="cf-inbox-title" aria-busy=${this.#busy ? 'true' : 'false'}>
      ${heading(this.headingLevel, s.inboxTitle, { id: 'cf-inbox-title', part: 'title' })}
      ${!this.token ? this.#renderSignIn(s) : this.#renderSignedIn(s)}
      <div class="vh" role="status" aria-live="polite">${this.#busy ? s.loading : ''}</div>
    </section>`;
  }

  #renderSignIn(s: CaseStrings): TemplateResult {
    const accounts = this.accounts ?? [];
    return html`<form part="sign-in" class="inline" @submit=${this.#onSignIn} aria-labelledby="cf-sign-in-title">
      ${heading(this.headingLevel + 1, s.signInTitle, { id: 'cf-sign-in-title', part: 'subtitle' })}
      ${this.#signInError ? html`<p class="notice notice-error" part="notice" role="alert">${this.#signInError}</p>` : nothing}
      ${accounts.length
        ? html`<label>${s.signInAccount}
            <select name="token" required>
              <option value="">${s.chooseAccount}</option>
              ${accounts.map((a) => html`<option value=${a.token}>${a.label}</option>`)}
            </select></label>`
        : html`<label>${s.signInToken} <span class="help" id="cf-token-help">${s.signInTokenHelp}</span>
            <input name="token" type="password" autocomplete="off" required aria-describedby="cf-token-help" /></label>`}
      <button type="submit" part="button">${s.signIn}</button>
    </form>`;
  }

  #renderSignedIn(s: CaseStrings): TemplateResult {
    return html`<div class="signed-in">
        <span>${s.signedInAs}${this.accounts?.find((a) => a.token === this.token) ? `: ${this.accounts.find((a) => a.token === this.token)!.label}` : ''}</span>
        <button type="button" class="secondary" part="button" @click=${this.#signOut}>${s.signOut}</button>
      </div>
      ${this.#case ? this.#renderCase(this.#case, s) : this.#renderList(s)}`;
  }

  #renderList(s: CaseStrings): TemplateResult {
    const p = this.#selected();
    const titles = this.#workflowTitles(p?.ref);
    const locale = this.#locale();
    const programTitle = (x: ProgramSummary) => x.title[locale] ?? x.title[locale.split('-')[0]!] ?? Object.values(x.title)[0] ?? x.id;
    return html`<form part="filter" class="inline" @submit=${this.#onFilter} aria-label=${s.filterTitle}>
        <label>${s.programLabel}
          <select name="program">${this.#programs.map((x) => html`<option value=${x.id} ?selected=${x.id === p?.id}>${programTitle(x)}</option>`)}</select></label>
        <label>${s.stateLabel}
          <select name="state">
            <option value="" ?selected=${!this.#state}>${s.allStates}</option>
            ${(titles?.states ?? []).map((st) => html`<option value=${st} ?selected=${st === this.#state}>${titles!.state(st)}</option>`)}
          </select></label>
        <button type="submit" part="button">${s.show}</button>
      </form>
      ${this.#notice ? this.#renderNotice(this.#notice) : nothing}
      ${this.#listError ? html`<p class="notice notice-error" part="notice" role="alert">${this.#listError}</p>` : nothing}
      ${this.#rows && !this.#listError ? this.#renderRows(this.#rows, p, titles, s, programTitle) : nothing}`;
  }

  #renderRows(rows: CaseRow[], p: ProgramSummary | undefined, titles: WorkflowTitles | undefined, s: CaseStrings, programTitle: (x: ProgramSummary) => string): TemplateResult {
    if (rows.length === 0) return html`<p class="notice" part="notice">${s.noCases}</p>`;
    return html`<div class="table-wrap"><table part="cases">
        <caption tabindex="-1">${fillString(s.casesCaption, { program: p ? programTitle(p) : '', page: this.#cursors.length })}</caption>
        <thead><tr><th scope="col">${s.colReference}</th><th scope="col">${s.colState}</th><th scope="col">${s.colCreated}</th><th scope="col">${s.colUpdated}</th><th scope="col">${s.colDue}</th></tr></thead>
        <tbody>${rows.map(
          (r) => html`<tr data-case=${r.id}>
            <th scope="row"><button type="button" class="link" part="button open" aria-label=${fillString(s.open, { reference: r.reference })} @click=${() => this.#openCase(r.id)}>${r.reference}</button></th>
            <td>${titles?.state(r.state) ?? r.state}</td><td>${this.#date(r.createdAt)}</td><td>${this.#date(r.updatedAt)}</td><td>${this.#date(r.nextDue)}</td>
          </tr>`,
        )}</tbody>
      </table></div>
      <div class="paging" part="paging">
        ${this.#cursors.length > 1 ? html`<button type="button" class="secondary previous" part="button" @click=${() => this.#page(false)}>${s.previousPage}</button>` : nothing}
        ${this.#next ? html`<button type="button" class="secondary next" part="button" @click=${() => this.#page(true)}>${s.nextPage}</button>` : nothing}
      </div>`;
  }

  #renderNotice(n: Notice): TemplateResult {
    const s = this.#strings();
    return html`<div id="cf-notice" tabindex="-1" class="notice ${n.kind === 'error' ? 'notice-error' : ''}" part="notice" role=${n.kind === 'error' ? 'alert' : 'status'}>
      <p>${n.text}</p>
      ${n.kind === 'error' && n.refusal?.kind === 'conflict' && this.#case
        ? html`<button type="button" class="reload" part="button" @click=${() => this.#openCase(this.#case!.id)}>${s.reload}</button>`
        : nothing}
    </div>`;
  }

  #renderCase(c: WorkedCase, s: CaseStrings): TemplateResult {
    const titles = this.#workflowTitles(c.program);
    const state = (id: string | null) => (id === null ? '' : (titles?.state(id) ?? id));
    const sub = this.headingLevel + 1;
    const eventTitle = (name: string | null) => (name === null ? s.opened : (titles?.event(name) ?? name));
    return html`<article part="case" aria-labelledby="cf-case-title">
      <button type="button" class="secondary" part="button" @click=${this.#backToList}>${s.backToList}</button>
      ${heading(sub, fillString(s.caseTitle, { reference: c.reference }), { id: 'cf-case-title', part: 'subtitle', focusable: true })}
      <p class="state">${fillString(s.caseState, { state: c.stateTitle })}</p>
      ${this.#notice ? this.#renderNotice(this.#notice) : nothing}
      ${heading(sub + 1, s.eventsTitle, { part: 'subtitle' })}
      ${c.availableEvents.length === 0
        ? html`<p>${s.noEvents}</p>`
        : html`<ul class="events" part="events">${c.availableEvents.map(
            (e) => html`<li><button type="button" part="button event" class=${this.#chosen?.event === e.event ? '' : 'secondary'}
              aria-expanded=${this.#chosen?.event === e.event ? 'true' : 'false'} data-event=${e.event} @click=${() => this.#choose(e)}>${e.title}</button></li>`,
          )}</ul>`}
      ${this.#chosen ? this.#renderEventForm(c, this.#chosen, s) : nothing}
      ${heading(sub + 1, s.historyTitle, { part: 'subtitle', id: 'cf-history-title' })}
      <div class="table-wrap"><table part="history" aria-labelledby="cf-history-title">
        <thead><tr><th scope="col">${s.colWhen}</th><th scope="col">${s.colStep}</th><th scope="col">${s.colFromTo}</th><th scope="col">${s.colWho}</th></tr></thead>
        <tbody>${c.history.map(
          (h) => html`<tr><td><time datetime=${h.at}>${this.#date(h.at)}</time></td><td>${eventTitle(h.event)}</td><td>${h.from === null ? state(h.to) : `${state(h.from)} → ${state(h.to)}`}</td><td>${h.actor}</td></tr>`,
        )}</tbody>
      </table></div>
      <details><summary>${s.dataTitle}</summary><pre>${JSON.stringify(c.data, null, 2)}</pre></details>
    </article>`;
  }

  #renderEventForm(c: WorkedCase, e: OfferedEvent, s: CaseStrings): TemplateResult {
    const [id, version] = c.program.split('@');
    const title = heading(this.headingLevel + 2, fillString(s.eventFormTitle, { title: e.title }), { id: 'cf-event-title', part: 'subtitle', focusable: true });
    const cancel = html`<button type="button" class="secondary" part="button" @click=${() => this.#choose(undefined)}>${s.cancel}</button>`;
    if (!e.form) {
      return html`<div class="event-form" part="event-form">${title}
        <button type="button" part="button send" @click=${() => this.#send(e, undefined)}>${fillString(s.sendWithoutForm, { title: e.title })}</button> ${cancel}</div>`;
    }
    const src = apiUrl(this.#ctx(), `/v1/programs/${encodeURIComponent(id!)}/versions/${encodeURIComponent(version!)}/validators.js`);
    return html`<div class="event-form" part="event-form">${title}
      <cf-form src=${src} form=${e.form} locale=${this.#locale()} heading-level=${this.headingLevel + 3} hide-description @cf-submit=${this.#onEventFormSubmit}></cf-form>
      ${cancel}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-case-inbox': CfCaseInbox;
  }
}
