import { html, nothing, type TemplateResult } from 'lit';
import type { Api, DeepReadonly } from '@civicflow/core/runtime';
import type { CfForm } from '../form/form.js';
import type { CfSubmitEvent } from '../events/submit.js';
import { CaseApiError, apiUrl, requestJson, versionOf } from '../internal/case-api.js';
import type { CaseStrings } from '../internal/case-strings.js';
import { eventRefusal, type EventRefusal } from '../internal/event-refusal.js';
import { fillString } from '../internal/ui-strings.js';
import { heading } from '../internal/heading.js';
import { renderOfferedSteps } from '../internal/offered-steps.js';
import { renderAnswers } from '../internal/render-answers.js';
import { CfCaseLoadedEvent } from '../events/case-loaded.js';
import { CfEventSentEvent } from '../events/event-sent.js';
import type { InboxContext } from './inbox-context.js';

/** One entry of a case's history. */
type HistoryEntry = DeepReadonly<Api.CaseAuditEntry>;

/** The words `whoTookStep` names people and roles with. */
export interface WhoWords {
  readonly applicant: string;
  readonly system: string;
  /** Someone whose name and roles are unknown. */
  readonly someone: string;
  /** A role's title in the reader's language, if the program names it. */
  role(id: string): string | undefined;
}

/**
 * Who took a step of the history, in words, never an id: the applicant and deadlines by what they are, a person by
 * the name the server knows for them, else by the roles they acted in, else as "a colleague".
 */
export function whoTookStep(entry: Pick<HistoryEntry, 'actor' | 'roles'>, people: Readonly<Record<string, string>>, words: WhoWords): string {
  if (entry.actor.startsWith('applicant:')) return words.applicant;
  if (entry.actor === 'system') return words.system;
  const name = Object.hasOwn(people, entry.actor) ? people[entry.actor] : undefined;
  if (name) return name;
  const roles = entry.roles.map((r) => words.role(r)).filter((r): r is string => !!r);
  return roles.length > 0 ? [...new Set(roles)].join(', ') : words.someone;
}

/** A workflow event the signed-in roles may send now, with the form it needs, if any. */
type OfferedEvent = DeepReadonly<Api.OfferedEvent>;

/** A case as a caseworker sees it (`GET /v1/cases/{id}`, the server's `caseworkerView`). */
type WorkedCase = DeepReadonly<Api.CaseworkerCase>;

type Notice = { readonly kind: 'done'; readonly text: string } | { readonly kind: 'error'; readonly text: string; readonly refusal?: EventRefusal };

/**
 * `<cf-case-inbox>`'s opened case: its state, history and data, and the events that may be sent, each with
 * its form (a `<cf-form>` that only validates: the case part sends the event itself, with `If-Match`).
 */
export class CaseDetail {
  /** The opened case, if any. */
  case: WorkedCase | undefined;
  #chosen: OfferedEvent | undefined;
  #notice: Notice | undefined;
  readonly #context: InboxContext;

  constructor(context: InboxContext) {
    this.#context = context;
  }

  /** Closes the case (and forgets the notice about it). */
  close(): void {
    this.case = undefined;
    this.#chosen = undefined;
    this.#notice = undefined;
  }

  #focus(selector: string): void {
    this.#context.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  async open(id: string): Promise<void> {
    this.#notice = undefined;
    this.#chosen = undefined;
    await this.#context.run(async () => {
      try {
        const r = await requestJson<WorkedCase>(this.#context.api(), `/v1/cases/${encodeURIComponent(id)}`);
        await this.#context.definition(r.body.program).catch(() => undefined);
        this.case = { ...r.body, version: versionOf(r.etag) ?? r.body.version };
        this.#context.host.dispatchEvent(new CfCaseLoadedEvent({ caseId: id, state: r.body.state, version: this.case.version }));
      } catch (e) {
        this.#notice = { kind: 'error', text: this.#context.failure(e) };
      }
    });
    this.#focus('#cf-case-title');
  }

  #choose = async (e: OfferedEvent | undefined) => {
    const { host } = this.#context;
    this.#chosen = e;
    this.#notice = undefined;
    host.requestUpdate();
    await host.updateComplete;
    if (e) this.#focus('#cf-event-title');
  };

  /** True while a step is on its way: a second press of the button must not send it again with the old version. */
  #sending = false;

  #onEventFormSubmit = (e: CfSubmitEvent) => {
    // The inbox sends the data itself, as an event with If-Match; the form only renders and validates.
    e.preventDefault();
    if (this.#sending) return;
    this.#sending = true;
    void this.#send(this.#chosen!, e.detail.data as Record<string, unknown>, e.target as CfForm).finally(() => (this.#sending = false));
  };

  async #send(event: OfferedEvent, data: Record<string, unknown> | undefined, form?: CfForm): Promise<void> {
    const c = this.case!;
    const s = this.#context.strings();
    await this.#context.run(async () => {
      try {
        const r = await requestJson<{ case: WorkedCase }>(this.#context.api(), `/v1/cases/${encodeURIComponent(c.id)}/events`, {
          method: 'POST',
          body: data === undefined ? { type: event.event } : { type: event.event, data },
          headers: { 'If-Match': `"${c.version}"` },
        });
        this.case = r.body.case;
        this.#chosen = undefined;
        this.#notice = { kind: 'done', text: fillString(s.applied, { title: event.title, state: r.body.case.stateTitle }) };
        this.#context.host.dispatchEvent(new CfEventSentEvent({ caseId: c.id, event: event.event, state: r.body.case.state, version: r.body.case.version }));
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
    if (this.#notice?.kind === 'done' || this.#notice?.refusal?.kind !== 'invalid') this.#focus('#cf-notice');
  }

  /** The notice about the latest step, if there is one. */
  renderNotice(): TemplateResult | undefined {
    const n = this.#notice;
    if (!n) return undefined;
    const s = this.#context.strings();
    return html`<div id="cf-notice" tabindex="-1" class="notice ${n.kind === 'error' ? 'notice-error' : ''}" part="notice" role=${n.kind === 'error' ? 'alert' : 'status'}>
      <p>${n.text}</p>
      ${n.kind === 'error' && n.refusal?.kind === 'conflict' && this.case
        ? html`<button type="button" class="reload" part="button" @click=${() => this.open(this.case!.id)}>${s.reload}</button>`
        : nothing}
    </div>`;
  }

  render(c: WorkedCase, s: CaseStrings, back: () => void): TemplateResult {
    const titles = this.#context.workflowTitles(c.program);
    const t = this.#context.inbox();
    const state = (id: string | null) => (id === null ? '' : (titles?.state(id) ?? id));
    const sub = this.#context.host.headingLevel + 1;
    const eventTitle = (name: string | null) => (name === null ? s.opened : name.startsWith('civicflow:') ? this.#ownStep(name) : (titles?.event(name) ?? name));
    const move = (h: HistoryEntry) => (h.from === null ? state(h.to) : h.from === h.to ? fillString(t.stayed, { state: state(h.to) }) : `${state(h.from)} → ${state(h.to)}`);
    const who: WhoWords = {
      applicant: s.whoApplicant,
      system: s.whoSystem,
      someone: t.someone,
      role: (id) => (id === 'dataProtection' ? t.roleDataProtection : titles?.text(`workflow.roles.${id}`)),
    };
    return html`<article part="case" aria-labelledby="cf-case-title">
      <div class="case-actions">
        <button type="button" class="secondary" part="button" @click=${back}>${s.backToList}</button>
        <button type="button" class="secondary print-button" part="button" @click=${() => window.print()}>${s.print}</button>
      </div>
      ${heading(sub, fillString(s.caseTitle, { reference: c.reference }), { id: 'cf-case-title', part: 'subtitle', focusable: true })}
      <p class="state">${fillString(s.caseState, { state: c.stateTitle })}</p>
      ${this.renderNotice() ?? nothing}
      ${this.#renderAssignment(c, sub + 1)}
      ${c.personalDataHidden ? html`<p class="notice" part="notice">${this.#context.inbox().personalHidden}</p>` : nothing}
      <section class="case-steps">
      ${heading(sub + 1, s.eventsTitle, { part: 'subtitle' })}
      ${c.availableEvents.length === 0
        ? html`<p>${s.noEvents}</p>`
        : renderOfferedSteps(c.availableEvents, this.#chosen?.event, { list: 'events', button: 'event', chosenClass: '' }, (e) => this.#choose(e))}
      ${this.#chosen ? this.#renderEventForm(c, this.#chosen, s) : nothing}
      </section>
      ${heading(sub + 1, s.historyTitle, { part: 'subtitle', id: 'cf-history-title' })}
      <!-- On a narrow screen the history scrolls sideways inside its box, which the keyboard can reach to scroll it. -->
      <!-- On a narrow screen each step is a block of labelled lines instead (the roles keep it a table for screen readers). -->
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="cf-history-title"><table class="history" part="history" role="table" aria-labelledby="cf-history-title">
        <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${s.colWhen}</th><th scope="col" role="columnheader">${s.colStep}</th><th scope="col" role="columnheader">${s.colFromTo}</th><th scope="col" role="columnheader">${s.colWho}</th></tr></thead>
        <tbody role="rowgroup">${c.history.map(
          (h) => html`<tr role="row"><td role="cell" data-label=${s.colWhen}><time datetime=${h.at}>${this.#context.date(h.at)}</time></td><td role="cell" data-label=${s.colStep}>${eventTitle(h.event)}</td><td role="cell" data-label=${s.colFromTo}>${move(h)}</td><td role="cell" data-label=${s.colWho}>${whoTookStep(h, c.people, who)}</td></tr>`,
        )}</tbody>
      </table></div>
      ${this.#renderAnswers(c, s, sub + 1)}
    </article>`;
  }

  /** Assigns the case to someone (an actor id) or to no one (null), and says so. */
  async #assign(assignee: string | null): Promise<void> {
    const c = this.case!;
    const t = this.#context.inbox();
    await this.#context.run(async () => {
      try {
        const r = await requestJson<DeepReadonly<Api.Assignment>>(this.#context.api(), `/v1/cases/${encodeURIComponent(c.id)}/assignee`, { method: 'PUT', body: { assignee } });
        const a = r.body;
        const people = { ...c.people };
        if (a.assignee && a.assigneeName) people[a.assignee] = a.assigneeName;
        const me = this.#context.colleagues().find((p) => p.self);
        if (a.assignedBy && me && a.assignedBy === me.id) people[a.assignedBy] = me.name;
        this.case = { ...c, assignee: a.assignee, assignedBy: a.assignedBy, assignedAt: a.assignedAt, people };
        const self = a.assignee !== null && me !== undefined && a.assignee === me.id;
        this.#notice = { kind: 'done', text: self ? t.assignedSelf : a.assignee ? fillString(t.assigned, { name: this.#name(this.case, a.assignee) }) : t.unassigned };
      } catch (e) {
        this.#notice = { kind: 'error', text: e instanceof CaseApiError && e.status === 422 ? fillString(this.#context.strings().refused, { message: e.message }) : this.#context.failure(e) };
      }
    });
    this.#focus('#cf-notice');
  }

  #onAssign = (e: Event) => {
    e.preventDefault();
    const value = ((e.target as HTMLFormElement).elements.namedItem('assignee') as HTMLSelectElement).value;
    void this.#assign(value === '' ? null : value);
  };

  /** A person by name: a colleague's, the one the case knows, or "a colleague"; "(me)" beside one's own. */
  #name(c: WorkedCase, id: string): string {
    const t = this.#context.inbox();
    const known = this.#context.colleagues().find((p) => p.id === id);
    const name = known?.name ?? c.people[id] ?? t.someone;
    return known?.self ? fillString(t.me, { name }) : name;
  }

  #renderAssignment(c: WorkedCase, level: number): TemplateResult {
    const t = this.#context.inbox();
    const colleagues = this.#context.colleagues();
    const me = colleagues.find((p) => p.self);
    const byMe = !!me && c.assignedBy === me.id;
    const by = byMe ? t.byMe : c.assignedBy ? this.#name(c, c.assignedBy) : t.someone;
    const date = this.#context.date(c.assignedAt ?? null);
    const status = !c.assignee
      ? t.notAssigned
      : me && c.assignee === me.id
        ? byMe
          ? fillString(t.tookIt, { date })
          : fillString(t.assignedToMe, { by, date })
        : fillString(t.assignedTo, { name: this.#name(c, c.assignee), by, date });
    // The one assigned stays a choice even when they are no longer among the colleagues.
    const choices = c.assignee && !colleagues.some((p) => p.id === c.assignee) ? [...colleagues, { id: c.assignee, name: this.#name(c, c.assignee), self: false }] : colleagues;
    return html`<section class="assignment" part="assignment" aria-labelledby="cf-assignment-title">
      ${heading(level, t.assignmentTitle, { part: 'subtitle', id: 'cf-assignment-title' })}
      <p class="assignment-state">${status}</p>
      <form class="inline" @submit=${this.#onAssign} aria-labelledby="cf-assignment-title">
        <label>${t.assignTo}
          <select name="assignee">
            <option value="" ?selected=${!c.assignee}>${t.assignNobody}</option>
            ${choices.map((p) => html`<option value=${p.id} ?selected=${p.id === c.assignee}>${p.self ? fillString(t.me, { name: p.name }) : p.name}</option>`)}
          </select></label>
        <button type="submit" part="button assign">${t.assign}</button>
        ${me && c.assignee !== me.id ? html`<button type="button" class="secondary assign-me" part="button" @click=${() => this.#assign(me.id)}>${t.assignToMe}</button>` : nothing}
      </form>
    </section>`;
  }

  /** The title of a step civicflow records itself (erasure, retention, a migration), which no program names. */
  #ownStep(event: string): string {
    const t = this.#context.inbox();
    if (event === 'civicflow:migration') return t.stepMigration;
    return event === 'civicflow:erasure' ? t.stepErasure : event === 'civicflow:retention' ? t.stepRetention : t.stepOther;
  }

  #renderAnswers(c: WorkedCase, s: CaseStrings, level: number): TemplateResult {
    const forms = this.#context.answers(c.program, c.data);
    return html`<section class="case-answers" part="answers" aria-labelledby="cf-data-title">
      ${heading(level, s.dataTitle, { part: 'subtitle', id: 'cf-data-title' })}
      ${!forms
        ? html`<p>${s.dataUnavailable}</p>`
        : forms.length === 0
          ? html`<p>${s.noData}</p>`
          : forms.map((form) => {
              // A form of one page has its title as that page's: one heading then, not two.
              const single = form.sections.length === 1 && form.sections[0]!.title === form.title;
              return html`<section class="answers-form">
                ${single ? nothing : heading(level + 1, form.title, { part: 'answers-heading', className: 'answers-form-heading' })}
                ${renderAnswers(form.sections, { level: single ? level + 1 : level + 2, part: 'answers' })}
              </section>`;
            })}
    </section>`;
  }

  #renderEventForm(c: WorkedCase, e: OfferedEvent, s: CaseStrings): TemplateResult {
    const level = this.#context.host.headingLevel;
    const [id, version] = c.program.split('@');
    const title = heading(level + 2, fillString(s.eventFormTitle, { title: e.title }), { id: 'cf-event-title', part: 'subtitle', focusable: true });
    const cancel = html`<button type="button" class="secondary" part="button" @click=${() => this.#choose(undefined)}>${s.cancel}</button>`;
    if (!e.form) {
      return html`<div class="event-form" part="event-form">${title}
        <button type="button" part="button send" @click=${() => this.#send(e, undefined)}>${fillString(s.sendWithoutForm, { title: e.title })}</button> ${cancel}</div>`;
    }
    const src = apiUrl(this.#context.api(), `/v1/programs/${encodeURIComponent(id!)}/versions/${encodeURIComponent(version!)}/validators.js`);
    return html`<div class="event-form" part="event-form">${title}
      <cf-form src=${src} form=${e.form} locale=${this.#context.locale()} heading-level=${level + 3} hide-description hide-title @cf-submit=${this.#onEventFormSubmit}></cf-form>
      ${cancel}</div>`;
  }
}
