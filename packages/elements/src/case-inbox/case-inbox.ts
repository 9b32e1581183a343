import { offeredStepsStyles } from '../internal/offered-steps.js';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { readCaseAnswers } from '@civicflow/core/runtime';
import { apiUrl, CaseApiError, fetchSession, requestJson, type ApiContext } from '../internal/case-api.js';
import { caseStrings, type CaseStrings } from '../internal/case-strings.js';
import { workflowTitles, type DefinitionTexts } from '../internal/workflow-titles.js';
import { fillString } from '../internal/ui-strings.js';
import { ElementLocale } from '../internal/element-locale.js';
import { heading } from '../internal/heading.js';
import { themeStyles } from '../internal/theme.styles.js';
import { litStyles } from '../internal/lit-styles.js';
import { answersStyles } from '../internal/answers.styles.js';
import { caseInboxStyles } from './case-inbox.styles.js';
import type { InboxContext } from './inbox-context.js';
import { CaseList } from './case-list.js';
import { CaseDetail } from './case-detail.js';
import { inboxStrings, type InboxStrings } from './inbox-strings.js';

/** A sign-in choice offered in a select (for demos: the tokens of examples/demo-tokens.json). */
export interface InboxAccount {
  readonly label: string;
  readonly token: string;
}

/**
 * @summary The caseworker's inbox: sign in at the server's OpenID Connect provider (`sign-in`) or with a bearer token; list a program's cases newest first or in another
 * order, search them by reference or name, filter them by state, deadline and assignee, page by page; export them as
 * CSV; open one with its history, assign it to oneself or a colleague, and send the workflow events the signed-in
 * roles may send, each with its form. Closing a case comes back to the same page of the list.
 *
 * @event cf-case-loaded - A case was opened or reloaded. `detail: { caseId, state, version }`.
 * @event cf-event-sent - The server applied an event. `detail: { caseId, event, state, version }`.
 *
 * @csspart base - The outer box (carries `lang` and `dir`).
 * @csspart sign-in - The sign-in form.
 * @csspart filter - The choice of program, the search, the filters (state, deadline, assignee) and the order.
 * @csspart cases - The table of cases.
 * @csspart paging - The previous and next page buttons, and the export.
 * @csspart case - An opened case.
 * @csspart assignment - Who works on the opened case, and the form to assign it.
 * @csspart history - The case's history table.
 * @csspart answers - The case's answers, by form; `answers-section`, `answers-heading`, `answers-list`, `answers-row`,
 *   `answers-label` and `answers-value` inside.
 * @csspart events - The list of events that may be sent.
 * @csspart event-form - The form of the chosen event (a `<cf-form>`).
 * @csspart notice - Messages: sent, refused, conflicts, loading.
 * @csspart button - Every button.
 */
export class CfCaseInbox extends LitElement {
  static override styles = [...litStyles(themeStyles, answersStyles), caseInboxStyles, ...litStyles(offeredStepsStyles)];

  static override properties = {
    api: {},
    locale: {},
    program: {},
    pageSize: { type: Number, attribute: 'page-size' },
    headingLevel: { type: Number, attribute: 'heading-level' },
    signIn: { type: Boolean, attribute: 'sign-in' },
    accounts: { attribute: false },
    token: { attribute: false },
    strings: { attribute: false },
    inboxStrings: { attribute: false },
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
  /**
   * The server signs people in with OpenID Connect (its `/auth/login`): the inbox then uses the server's sign-in cookie,
   * shows who is signed in and a sign-out button, and, to someone not signed in, a link to sign in instead of a token
   * field. The page must come from the API's origin (the cookie is sent to it alone).
   */
  declare signIn: boolean;
  /** Accounts to choose from when signing in; without them the sign-in asks for a token. */
  declare accounts: readonly InboxAccount[] | undefined;
  /** The signed-in caseworker's bearer token; set it to sign in from outside. Never an attribute, so it stays out of the DOM. */
  declare token: string | undefined;
  /** Own wording, overriding the built-in German and English for any key. */
  declare strings: Partial<CaseStrings> | undefined;
  /** Own wording of the list's search, filters, order, export and of assignment, overriding the built-in German and English. */
  declare inboxStrings: Partial<InboxStrings> | undefined;

  readonly #lang = new ElementLocale<CaseStrings>(this, caseStrings, 'de');
  #titles = new Map<string, Promise<DefinitionTexts>>();
  #titleCache = new Map<string, DefinitionTexts>();
  #busy = false;
  #signInError = '';
  /** Who is signed in with the server's cookie (`sign-in`); undefined before the check and for nobody. */
  #session: { actor: string; name?: string } | undefined;
  #sessionChecked = false;
  readonly #list: CaseList;
  readonly #detail: CaseDetail;

  constructor() {
    super();
    this.api = '';
    this.pageSize = 20;
    this.headingLevel = 2;
    this.signIn = false;
    const context: InboxContext = {
      host: this,
      locale: () => this.#lang.locale,
      strings: () => this.#lang.strings,
      inbox: () => ({ ...inboxStrings(this.#lang.locale), ...this.inboxStrings }),
      now: () => new Date(),
      colleagues: () => this.#list.colleagues,
      api: () => this.#api(),
      date: (iso) => (iso ? new Intl.DateTimeFormat(this.#lang.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '–'),
      definition: (ref) => this.#definition(ref),
      workflowTitles: (ref) => {
        const d = ref ? this.#titleCache.get(ref) : undefined;
        return d ? workflowTitles(d, this.#lang.locale) : undefined;
      },
      answers: (ref, data) => {
        const d = this.#titleCache.get(ref);
        return d && readCaseAnswers({ id: ref.slice(0, ref.lastIndexOf('@')), locales: d.locales, definition: d.definition }, data, { locale: this.#lang.locale });
      },
      run: (work) => this.#run(work),
      failure: (e) => this.#failure(e),
      notice: () => this.#detail.renderNotice(),
    };
    this.#detail = new CaseDetail(context);
    this.#list = new CaseList(context, (id) => void this.#detail.open(id));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('token') && this.token) void this.#signedIn();
    if (changed.has('signIn') && this.signIn && !this.token) void this.#checkSession();
  }

  /** With `sign-in`: asks the server who its cookie signs in, and opens their inbox. */
  async #checkSession(): Promise<void> {
    await this.#run(async () => {
      try {
        this.#session = await fetchSession(this.#api());
      } catch {
        this.#session = undefined;
        this.#signInError = this.#lang.strings.failedNetwork;
      }
      this.#sessionChecked = true;
      if (this.#session && !(await this.#list.signedIn())) this.#session = undefined;
    });
  }


  #api(): ApiContext {
    return { api: this.api, token: this.token, session: this.signIn && !this.token, locale: this.#lang.locale };
  }

  /** The program definition of a ref (`id@version`), fetched once, for its state titles. */
  #definition(ref: string): Promise<DefinitionTexts> {
    let p = this.#titles.get(ref);
    if (!p) {
      const [id, version] = ref.split('@');
      p = requestJson<DefinitionTexts>(this.#api(), `/v1/programs/${encodeURIComponent(id!)}/versions/${encodeURIComponent(version!)}`).then((r) => {
        this.#titleCache.set(ref, r.body);
        return r.body;
      });
      this.#titles.set(ref, p);
    }
    return p;
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

  #failure(e: unknown): string {
    const s = this.#lang.strings;
    return e instanceof CaseApiError ? (e.status === 403 ? s.noRole : fillString(s.failed, { status: e.status })) : s.failedNetwork;
  }

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
    this.#list.clear();
    this.#detail.close();
    this.requestUpdate();
  };

  async #signedIn(): Promise<void> {
    await this.#run(async () => {
      if (await this.#list.signedIn()) return;
      this.#signInError = this.#lang.strings.signInFailed;
      this.token = undefined;
    });
  }

  #backToList = async () => {
    this.#detail.close();
    await this.#list.reopen();
  };

  protected override render(): TemplateResult {
    const locale = this.#lang.locale;
    const s = this.#lang.strings;
    return html`<section part="base" lang=${locale} dir=${this.#lang.direction} aria-labelledby="cf-inbox-title" aria-busy=${this.#busy ? 'true' : 'false'}>
      ${heading(this.headingLevel, s.inboxTitle, { id: 'cf-inbox-title', part: 'title' })}
      ${this.token || this.#session ? this.#renderSignedIn(s) : this.signIn ? this.#renderProviderSignIn(s) : this.#renderSignIn(s)}
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

  /** Sign-in at the server's provider: a link to `/auth/login` that comes back to this page. */
  #renderProviderSignIn(s: CaseStrings): TemplateResult | typeof nothing {
    if (!this.#sessionChecked) return nothing;
    const back = `${location.pathname}${location.search}`;
    const href = `${apiUrl(this.#api(), '/auth/login')}?returnTo=${encodeURIComponent(back)}`;
    return html`<div part="sign-in" class="sign-in-link">
      ${this.#signInError ? html`<p class="notice notice-error" part="notice" role="alert">${this.#signInError}</p>` : nothing}
      <p>${s.signInWithAccount}</p>
      <p><a href=${href} part="button" class="button">${s.signInLink}</a></p>
    </div>`;
  }

  #renderSignedIn(s: CaseStrings): TemplateResult {
    const opened = this.#detail.case;
    const who = this.#session
      ? this.#session.name ? fillString(s.signedInName, { name: this.#session.name }) : s.signedInAs
      : `${s.signedInAs}${this.accounts?.find((a) => a.token === this.token) ? `: ${this.accounts.find((a) => a.token === this.token)!.label}` : ''}`;
    // The server's sign-out is a form's POST: it ends the session there (and at the provider), and carries the page's Origin.
    const signOut = this.#session
      ? html`<form method="post" action=${apiUrl(this.#api(), '/auth/logout')} class="inline"><button type="submit" class="secondary" part="button">${s.signOut}</button></form>`
      : html`<button type="button" class="secondary" part="button" @click=${this.#signOut}>${s.signOut}</button>`;
    return html`<div class="signed-in">
        <span>${who}</span>
        ${signOut}
      </div>
      ${opened ? this.#detail.render(opened, s, this.#backToList) : this.#list.render(s)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-case-inbox': CfCaseInbox;
  }
}
