import { html, nothing, type TemplateResult } from 'lit';
import { forLocale } from '@civicflow/core/runtime';
import type { Api, DeepReadonly } from '@civicflow/core/runtime';
import { CaseApiError, requestJson } from '../internal/case-api.js';
import type { CaseStrings } from '../internal/case-strings.js';
import type { WorkflowTitles } from '../internal/workflow-titles.js';
import { fillString } from '../internal/ui-strings.js';
import type { CaseRow, InboxContext, ProgramSummary } from './inbox-context.js';

/**
 * `<cf-case-inbox>`'s list: the programs the signed-in roles may see, and one program's cases by state, a page
 * at a time (the server pages with cursors; the list keeps the ones it came by to go back).
 */
export class CaseList {
  programs: ProgramSummary[] = [];
  #state = '';
  #cursors: (string | undefined)[] = [undefined];
  #rows: readonly CaseRow[] | undefined;
  #next: string | undefined;
  #error = '';
  readonly #context: InboxContext;
  readonly #openCase: (id: string) => void;

  constructor(context: InboxContext, openCase: (id: string) => void) {
    this.#context = context;
    this.#openCase = openCase;
  }

  /** Forgets everything, as after signing out. */
  clear(): void {
    this.programs = [];
    this.#rows = undefined;
  }

  /** After sign-in: the programs the token may see (a probe of each program's case list), then the first page. False when the token is refused. */
  async signedIn(): Promise<boolean> {
    const { host } = this.#context;
    const api = this.#context.api();
    try {
      const all = (await requestJson<DeepReadonly<Api.ProgramList>>(api, '/v1/programs')).body.items;
      const probes = await Promise.allSettled(all.map((p) => requestJson(api, `/v1/programs/${encodeURIComponent(p.id)}/cases?limit=1`)));
      if (probes.every((r) => r.status === 'rejected' && r.reason instanceof CaseApiError && r.reason.status === 401)) return false;
      this.programs = all.filter((_, i) => probes[i]!.status === 'fulfilled');
      if (!this.programs.some((p) => p.id === host.program)) host.program = this.programs[0]?.id;
      await Promise.all(this.programs.map((p) => this.#context.definition(p.ref).catch(() => undefined)));
      await this.loadPage(true);
    } catch (e) {
      this.#error = this.#context.failure(e);
    }
    return true;
  }

  #selected(): ProgramSummary | undefined {
    return this.programs.find((p) => p.id === this.#context.host.program) ?? this.programs[0];
  }

  async loadPage(reset: boolean): Promise<void> {
    const p = this.#selected();
    this.#error = '';
    if (reset) this.#cursors = [undefined];
    if (!p) {
      this.#rows = [];
      this.#error = this.#context.strings().noRole;
      return;
    }
    const cursor = this.#cursors[this.#cursors.length - 1];
    const query = new URLSearchParams({ limit: String(this.#context.host.pageSize) });
    if (this.#state) query.set('state', this.#state);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = (await requestJson<DeepReadonly<Api.CasePage>>(this.#context.api(), `/v1/programs/${encodeURIComponent(p.id)}/cases?${query}`)).body;
      this.#rows = page.items;
      this.#next = page.next ?? undefined;
    } catch (e) {
      this.#rows = [];
      this.#next = undefined;
      this.#error = this.#context.failure(e);
    }
  }

  /** Back to the list's caption, once a page has loaded. */
  #focusCaption(): void {
    this.#context.host.renderRoot.querySelector<HTMLElement>('caption')?.focus();
  }

  #onFilter = (e: Event) => {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    this.#context.host.program = (form.elements.namedItem('program') as HTMLSelectElement).value;
    this.#state = (form.elements.namedItem('state') as HTMLSelectElement).value;
    void this.#context.run(() => this.loadPage(true));
  };

  #page = async (forward: boolean) => {
    if (forward && this.#next) this.#cursors.push(this.#next);
    else if (!forward && this.#cursors.length > 1) this.#cursors.pop();
    await this.#context.run(() => this.loadPage(false));
    this.#focusCaption();
  };

  /** Back from a case to the page of the list it was opened from. */
  async reopen(): Promise<void> {
    await this.#context.run(() => this.loadPage(false));
    this.#focusCaption();
  }

  render(s: CaseStrings): TemplateResult {
    const p = this.#selected();
    const titles = this.#context.workflowTitles(p?.ref);
    const locale = this.#context.locale();
    const programTitle = (x: ProgramSummary) => forLocale(x.title, locale) ?? Object.values(x.title)[0] ?? x.id;
    const notice = this.#context.notice();
    return html`<form part="filter" class="inline" @submit=${this.#onFilter} aria-label=${s.filterTitle}>
        <label>${s.programLabel}
          <select name="program">${this.programs.map((x) => html`<option value=${x.id} ?selected=${x.id === p?.id}>${programTitle(x)}</option>`)}</select></label>
        <label>${s.stateLabel}
          <select name="state">
            <option value="" ?selected=${!this.#state}>${s.allStates}</option>
            ${(titles?.states ?? []).map((st) => html`<option value=${st} ?selected=${st === this.#state}>${titles!.state(st)}</option>`)}
          </select></label>
        <button type="submit" part="button">${s.show}</button>
      </form>
      ${notice ?? nothing}
      ${this.#error ? html`<p class="notice notice-error" part="notice" role="alert">${this.#error}</p>` : nothing}
      ${this.#rows && !this.#error ? this.#renderRows(this.#rows, p, titles, s, programTitle) : nothing}`;
  }

  #renderRows(rows: readonly CaseRow[], p: ProgramSummary | undefined, titles: WorkflowTitles | undefined, s: CaseStrings, programTitle: (x: ProgramSummary) => string): TemplateResult {
    if (rows.length === 0) return html`<p class="notice" part="notice">${s.noCases}</p>`;
    const date = (iso: string | null) => this.#context.date(iso);
    return html`<div class="table-wrap"><table part="cases">
        <caption tabindex="-1">${fillString(s.casesCaption, { program: p ? programTitle(p) : '', page: this.#cursors.length })}</caption>
        <thead><tr><th scope="col">${s.colReference}</th><th scope="col">${s.colState}</th><th scope="col">${s.colCreated}</th><th scope="col">${s.colUpdated}</th><th scope="col">${s.colDue}</th></tr></thead>
        <tbody>${rows.map(
          (r) => html`<tr data-case=${r.id}>
            <th scope="row"><button type="button" class="link" part="button open" aria-label=${fillString(s.open, { reference: r.reference })} @click=${() => this.#openCase(r.id)}>${r.reference}</button></th>
            <td>${titles?.state(r.state) ?? r.state}</td><td>${date(r.createdAt)}</td><td>${date(r.updatedAt)}</td><td>${date(r.nextDue)}</td>
          </tr>`,
        )}</tbody>
      </table></div>
      <div class="paging" part="paging">
        ${this.#cursors.length > 1 ? html`<button type="button" class="secondary previous" part="button" @click=${() => this.#page(false)}>${s.previousPage}</button>` : nothing}
        ${this.#next ? html`<button type="button" class="secondary next" part="button" @click=${() => this.#page(true)}>${s.nextPage}</button>` : nothing}
      </div>`;
  }
}
