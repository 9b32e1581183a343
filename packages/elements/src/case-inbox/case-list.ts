import { html, nothing, type TemplateResult } from 'lit';
import { forLocale } from '@civicflow/core/runtime';
import type { Api, DeepReadonly } from '@civicflow/core/runtime';
import { CaseApiError, apiUrl, credentialsOf, requestJson } from '../internal/case-api.js';
import type { CaseStrings } from '../internal/case-strings.js';
import type { WorkflowTitles } from '../internal/workflow-titles.js';
import { fillString } from '../internal/ui-strings.js';
import { dueWords, type InboxStrings } from './inbox-strings.js';
import type { CaseRow, Colleague, InboxContext, ProgramSummary } from './inbox-context.js';

/** The list's choice of cases: what the filter form holds. */
interface Filters {
  q: string;
  state: string;
  due: '' | 'overdue' | 'soon';
  /** In a program with monitoring: participants who can be counted (yes) or who lack something (no). */
  countable: '' | 'yes' | 'no';
  assignee: string;
  sort: 'newest' | 'oldest' | 'updated' | 'due';
}

const NO_FILTERS: Filters = { q: '', state: '', due: '', countable: '', assignee: '', sort: 'newest' };

/**
 * `<cf-case-inbox>`'s list: the programs the signed-in roles may see, and one program's cases, searched, filtered and
 * sorted, a page at a time (the server pages with cursors; the list keeps the ones it came by to go back). Its place —
 * program, filters, page — stays while a case is open, so closing the case comes back to the same page.
 */
export class CaseList {
  programs: ProgramSummary[] = [];
  #filters: Filters = { ...NO_FILTERS };
  #cursors: (string | undefined)[] = [undefined];
  #rows: readonly CaseRow[] | undefined;
  /** The program whose cases came with participant monitoring (each line says whether it can be counted). */
  #monitored: string | undefined;
  #next: string | undefined;
  #error = '';
  #notice = '';
  #colleagues: readonly Colleague[] = [];
  /** The case last opened from the list: focus returns to its row. */
  #opened: string | undefined;
  readonly #context: InboxContext;
  readonly #openCase: (id: string) => void;

  constructor(context: InboxContext, openCase: (id: string) => void) {
    this.#context = context;
    this.#openCase = openCase;
  }

  /** The people the selected program's cases may be assigned to. */
  get colleagues(): readonly Colleague[] {
    return this.#colleagues;
  }

  /** Forgets everything, as after signing out. */
  clear(): void {
    this.programs = [];
    this.#rows = undefined;
    this.#filters = { ...NO_FILTERS };
    this.#cursors = [undefined];
    this.#colleagues = [];
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

  /** The list's filters as query parameters (also those of the export). */
  #query(): URLSearchParams {
    const f = this.#filters;
    const query = new URLSearchParams();
    if (f.q) query.set('q', f.q);
    if (f.state) query.set('state', f.state);
    if (f.due) query.set('due', f.due);
    if (f.countable && this.#monitored === this.#selected()?.id) query.set('countable', f.countable);
    if (f.assignee) query.set('assignee', f.assignee);
    return query;
  }

  /** Loads the people to assign cases to, for the selected program; none when that fails (assigning then offers oneself only). */
  async #loadColleagues(p: ProgramSummary): Promise<void> {
    try {
      this.#colleagues = (await requestJson<DeepReadonly<Api.Colleagues>>(this.#context.api(), `/v1/programs/${encodeURIComponent(p.id)}/colleagues`)).body.items;
    } catch {
      this.#colleagues = [];
    }
  }

  async loadPage(reset: boolean): Promise<void> {
    const p = this.#selected();
    this.#error = '';
    this.#notice = '';
    if (reset) this.#cursors = [undefined];
    if (!p) {
      this.#rows = [];
      this.#error = this.#context.strings().noRole;
      return;
    }
    if (reset) await this.#loadColleagues(p);
    const cursor = this.#cursors[this.#cursors.length - 1];
    const query = this.#query();
    query.set('limit', String(this.#context.host.pageSize));
    query.set('sort', this.#filters.sort);
    if (cursor) query.set('cursor', cursor);
    try {
      const page = (await requestJson<DeepReadonly<Api.CasePage>>(this.#context.api(), `/v1/programs/${encodeURIComponent(p.id)}/cases?${query}`)).body;
      this.#rows = page.items;
      if (page.items.some((i) => i.monitoring)) this.#monitored = p.id;
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
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const program = value('program');
    const changed = program !== this.#context.host.program;
    this.#context.host.program = program;
    this.#filters = {
      q: value('q').trim(),
      // A state of another program means nothing in this one.
      state: changed ? '' : value('state'),
      due: value('due') as Filters['due'],
      countable: changed ? '' : (value('countable') as Filters['countable']),
      assignee: changed && !['', 'me', 'none'].includes(value('assignee')) ? '' : value('assignee'),
      sort: (value('sort') || 'newest') as Filters['sort'],
    };
    void this.#context.run(() => this.loadPage(true));
  };

  #page = async (forward: boolean) => {
    if (forward && this.#next) this.#cursors.push(this.#next);
    else if (!forward && this.#cursors.length > 1) this.#cursors.pop();
    await this.#context.run(() => this.loadPage(false));
    this.#focusCaption();
  };

  #open(id: string): void {
    this.#opened = id;
    this.#openCase(id);
  }

  /** Back from a case to the page of the list it was opened from, with the focus on that case's row. */
  async reopen(): Promise<void> {
    await this.#context.run(() => this.loadPage(false));
    await this.#context.host.updateComplete;
    const row = this.#opened ? this.#context.host.renderRoot.querySelector<HTMLElement>(`tr[data-case="${CSS.escape(this.#opened)}"] button`) : null;
    if (row) row.focus();
    else this.#focusCaption();
  }

  /** Downloads the selected program's cases under the list's filters as CSV (with the bearer token, so through fetch). */
  #export = async () => {
    const p = this.#selected();
    if (!p) return;
    const api = this.#context.api();
    const t = this.#context.inbox();
    await this.#context.run(async () => {
      this.#notice = '';
      this.#error = '';
      try {
        const response = await fetch(apiUrl(api, `/v1/programs/${encodeURIComponent(p.id)}/cases.csv?${this.#query()}`), {
          headers: { Accept: 'text/csv', 'Accept-Language': api.locale, ...(api.token ? { Authorization: `Bearer ${api.token}` } : {}) },
          credentials: credentialsOf(api),
          cache: 'no-store',
        });
        if (!response.ok) {
          this.#error = fillString(t.exportFailed, { status: response.status });
          return;
        }
        const file = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `${p.id}.csv`;
        const url = URL.createObjectURL(await response.blob());
        const a = document.createElement('a');
        a.href = url;
        a.download = file;
        a.hidden = true;
        this.#context.host.renderRoot.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        this.#notice = fillString(t.exportDone, { file });
      } catch (e) {
        this.#error = this.#context.failure(e);
      }
    });
  };

  /** A colleague's name, "(me)" beside one's own. */
  personName(id: string, fallback: string | null): string {
    const t = this.#context.inbox();
    const known = this.#colleagues.find((c) => c.id === id);
    const name = known?.name ?? fallback ?? t.someone;
    return known?.self ? fillString(t.me, { name }) : name;
  }

  render(s: CaseStrings): TemplateResult {
    const t = this.#context.inbox();
    const f = this.#filters;
    const p = this.#selected();
    const titles = this.#context.workflowTitles(p?.ref);
    const locale = this.#context.locale();
    const programTitle = (x: ProgramSummary) => forLocale(x.title, locale) ?? Object.values(x.title)[0] ?? x.id;
    const notice = this.#context.notice();
    const sorts: [Filters['sort'], string][] = [
      ['newest', t.sortNewest],
      ['oldest', t.sortOldest],
      ['updated', t.sortUpdated],
      ['due', t.sortDue],
    ];
    return html`<form part="filter" class="inline filters" @submit=${this.#onFilter} aria-label=${s.filterTitle}>
        <label>${s.programLabel}
          <select name="program">${this.programs.map((x) => html`<option value=${x.id} ?selected=${x.id === p?.id}>${programTitle(x)}</option>`)}</select></label>
        <label>${t.searchLabel} <span class="help" id="cf-search-help">${t.searchHelp}</span>
          <input name="q" type="search" maxlength="100" autocomplete="off" .value=${f.q} aria-describedby="cf-search-help" /></label>
        <label>${s.stateLabel}
          <select name="state">
            <option value="" ?selected=${!f.state}>${s.allStates}</option>
            ${(titles?.states ?? []).map((st) => html`<option value=${st} ?selected=${st === f.state}>${titles!.state(st)}</option>`)}
          </select></label>
        <label>${t.dueLabel}
          <select name="due">
            <option value="" ?selected=${!f.due}>${t.dueAny}</option>
            <option value="overdue" ?selected=${f.due === 'overdue'}>${t.dueOverdue}</option>
            <option value="soon" ?selected=${f.due === 'soon'}>${t.dueSoon}</option>
          </select></label>
        ${this.#monitored !== undefined && this.#monitored === p?.id
          ? html`<label>${t.countableLabel}
              <select name="countable">
                <option value="" ?selected=${!f.countable}>${t.countableAny}</option>
                <option value="yes" ?selected=${f.countable === 'yes'}>${t.countableYes}</option>
                <option value="no" ?selected=${f.countable === 'no'}>${t.countableNo}</option>
              </select></label>`
          : nothing}
        <label>${t.assigneeLabel}
          <select name="assignee">
            <option value="" ?selected=${!f.assignee}>${t.assigneeAny}</option>
            <option value="me" ?selected=${f.assignee === 'me'}>${t.assigneeMe}</option>
            <option value="none" ?selected=${f.assignee === 'none'}>${t.assigneeNone}</option>
            ${this.#colleagues.filter((c) => !c.self).map((c) => html`<option value=${c.id} ?selected=${f.assignee === c.id}>${c.name}</option>`)}
          </select></label>
        <label>${t.sortLabel}
          <select name="sort">${sorts.map(([v, label]) => html`<option value=${v} ?selected=${f.sort === v}>${label}</option>`)}</select></label>
        <button type="submit" part="button">${s.show}</button>
      </form>
      ${notice ?? nothing}
      ${this.#error ? html`<p class="notice notice-error" part="notice" role="alert">${this.#error}</p>` : nothing}
      <div class="vh" role="status">${this.#notice}</div>
      ${this.#rows && !this.#error ? this.#renderRows(this.#rows, p, titles, s, t, programTitle) : nothing}`;
  }

  #renderDue(iso: string | null, t: InboxStrings): TemplateResult | string {
    if (!iso) return this.#context.date(null);
    const words = dueWords(iso, this.#context.now(), this.#context.locale(), t);
    return html`${words.text ? html`<strong class="due due-${words.kind}">${words.text}</strong><br />` : nothing}<time datetime=${iso}>${this.#context.date(iso)}</time>`;
  }

  /** Whether a participant can be counted, and if not, what is missing, in the fields' own words. */
  #renderCountable(r: CaseRow, t: InboxStrings): TemplateResult | string {
    const m = r.monitoring;
    if (!m || !m.participant) return t.notParticipant;
    if (m.countable) return t.countableYesCell;
    return html`<strong class="missing">${t.countableNoCell}</strong> ${fillString(t.missing, { fields: m.missing.join(', ') })}`;
  }

  #renderRows(rows: readonly CaseRow[], p: ProgramSummary | undefined, titles: WorkflowTitles | undefined, s: CaseStrings, t: InboxStrings, programTitle: (x: ProgramSummary) => string): TemplateResult {
    const exportButton = html`<button type="button" class="secondary export" part="button export" @click=${this.#export}>${t.exportCsv}</button>`;
    if (rows.length === 0) return html`<p class="notice" part="notice">${s.noCases}</p>`;
    const date = (iso: string | null) => this.#context.date(iso);
    const monitored = rows.some((r) => r.monitoring);
    const page = this.#cursors.length;
    const caption = this.#filters.q
      ? fillString(t.casesCaptionFiltered, { program: p ? programTitle(p) : '', page, filters: fillString(t.filtersSearch, { text: this.#filters.q }) })
      : fillString(s.casesCaption, { program: p ? programTitle(p) : '', page });
    return html`<div class="table-wrap"><table part="cases">
        <caption tabindex="-1">${caption}</caption>
        <thead><tr><th scope="col">${s.colReference}</th><th scope="col">${s.colState}</th><th scope="col">${t.colAssignee}</th><th scope="col">${s.colDue}</th>${monitored ? html`<th scope="col">${t.colCountable}</th>` : nothing}<th scope="col">${s.colCreated}</th><th scope="col">${s.colUpdated}</th></tr></thead>
        <tbody>${rows.map(
          (r) => html`<tr data-case=${r.id}>
            <th scope="row"><button type="button" class="link" part="button open" aria-label=${fillString(s.open, { reference: r.reference })} @click=${() => this.#open(r.id)}>${r.reference}</button></th>
            <td>${titles?.state(r.state) ?? r.state}</td>
            <td class="assignee">${r.assignee ? this.personName(r.assignee, r.assigneeName) : t.nobody}</td>
            <td class="due-cell">${this.#renderDue(r.nextDue, t)}</td>
            ${monitored ? html`<td class="countable">${this.#renderCountable(r, t)}</td>` : nothing}
            <td>${date(r.createdAt)}</td><td>${date(r.updatedAt)}</td>
          </tr>`,
        )}</tbody>
      </table></div>
      <div class="paging" part="paging">
        ${page > 1 ? html`<button type="button" class="secondary previous" part="button" @click=${() => this.#page(false)}>${s.previousPage}</button>` : nothing}
        ${this.#next ? html`<button type="button" class="secondary next" part="button" @click=${() => this.#page(true)}>${s.nextPage}</button>` : nothing}
        ${exportButton}
      </div>`;
  }
}
