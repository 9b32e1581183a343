import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { DeepReadonly, ProgramDefinition } from '@civicflow/core';
import type { ProgramChanges } from '@civicflow/workflow';
import type { CfDesignerSaveEvent } from '../events/designer-save.js';
import type { DesignerLocale } from '../strings.js';
import { changeWords, type ChangeGroups } from '../model/change-words.js';
import { visuallyHidden } from '../designer/program-designer.styles.js';
import { ProgramDocument } from '../document/program-document.js';

/** The part of `<cf-program-designer>` the panel drives: its text, and being told that a text was saved. */
interface DesignerHost extends HTMLElement {
  text: string;
  markSaved(text: string): void;
}

/** One older version's plan, as the server's dry run answers it. */
interface Plan {
  from: string;
  to: string;
  total: number;
  migrating: number;
  failing: number;
}

const WORDS = {
  de: {
    loading: 'Der Entwurf wird geladen …',
    loaded: 'Entwurf geladen (Version {version}).',
    fresh: 'Noch kein Entwurf gespeichert: Sie beginnen mit der veröffentlichten Version {live}.',
    saved: 'Entwurf gespeichert (Version {version}).',
    unreachable: 'Der Server antwortet nicht. Ihr Text ist nicht verloren: Er bleibt im Designer.',
    conflictTheirs: 'Gespeicherte Fassung laden (Ihr Text bleibt hier)',
    conflictMine: 'Meinen Text darüber speichern',
    backToMine: 'Zurück zu meinem Text',
    showingTheirs: 'Sie sehen die gespeicherte Fassung (Version {version}). Ihr Text ist hier aufbewahrt.',
    changes: 'Änderungen gegenüber der veröffentlichten Version {live}',
    none: 'Der Entwurf ändert nichts.',
    forms: 'Formulare und Felder',
    texts: 'Texte',
    workflow: 'Ablauf',
    other: 'Weiteres',
    problems: 'Der Entwurf hat {count} Problem(e); so kann er nicht veröffentlicht werden.',
    publish: 'Veröffentlichen …',
    publishOthers: 'Sie können den Entwurf speichern. Veröffentlichen darf ihn, wer dafür das Recht in diesem Programm hat: Bitten Sie diese Person darum, wenn der Entwurf fertig ist.',
    publishTitle: 'Version {version} veröffentlichen',
    versionTitle: 'Eine neue Version veröffentlichen',
    versionWhy: 'Der Entwurf trägt noch die Nummer der veröffentlichten Version {live}. Eine neue Version braucht eine höhere Nummer.',
    versionLabel: 'Nummer der neuen Version',
    versionHint: 'Höher als {live}, etwa {next}. Die Nummer wird in den Entwurf geschrieben und gespeichert.',
    versionNotNewer: '„{version}“ ist nicht höher als {live}. Bitte geben Sie eine höhere Nummer wie {next} ein.',
    versionContinue: 'Weiter',
    planNone: 'Es gibt keine offenen Fälle, die verschoben werden.',
    plan: '{total} offene Fälle der Version {from}: {migrating} können zur neuen Version wechseln, {failing} bleiben bei {from}.',
    migrate: 'Offene Fälle gleich mit verschieben',
    confirm: 'Jetzt veröffentlichen',
    cancel: 'Abbrechen',
    published: 'Version {version} ist veröffentlicht.',
    publishedMoving: 'Version {version} ist veröffentlicht; {cases} offene Fälle werden verschoben.',
  },
  en: {
    loading: 'Loading the draft …',
    loaded: 'Draft loaded (version {version}).',
    fresh: 'No draft saved yet: you start from the published version {live}.',
    saved: 'Draft saved (version {version}).',
    unreachable: 'The server does not answer. Your text is not lost: it stays in the designer.',
    conflictTheirs: 'Load the saved version (your text stays here)',
    conflictMine: 'Save my text over it',
    backToMine: 'Back to my text',
    showingTheirs: 'You see the saved version (version {version}). Your text is kept here.',
    changes: 'Changes against the published version {live}',
    none: 'The draft changes nothing.',
    forms: 'Forms and fields',
    texts: 'Texts',
    workflow: 'Workflow',
    other: 'Other',
    problems: 'The draft has {count} problem(s); it cannot be published like this.',
    publish: 'Publish …',
    publishOthers: 'You can save the draft. Someone with the right to publish in this program puts it live: ask them when the draft is ready.',
    publishTitle: 'Publish version {version}',
    versionTitle: 'Publish a new version',
    versionWhy: 'The draft still carries the number of the published version {live}. A new version needs a higher number.',
    versionLabel: 'Number of the new version',
    versionHint: 'Higher than {live}, such as {next}. The number is written into the draft and saved.',
    versionNotNewer: '“{version}” is not higher than {live}. Please enter a higher number such as {next}.',
    versionContinue: 'Continue',
    planNone: 'There are no open cases to move.',
    plan: '{total} open cases of version {from}: {migrating} can move to the new version, {failing} stay on {from}.',
    migrate: 'Move the open cases as well',
    confirm: 'Publish now',
    cancel: 'Cancel',
    published: 'Version {version} is published.',
    publishedMoving: 'Version {version} is published; {cases} open cases are being moved.',
  },
} as const;

type Key = keyof (typeof WORDS)['en'];

/**
 * `<cf-draft-panel>`: the designer's server mode. It loads the program's draft from the server into the
 * `<cf-program-designer>` it names (`for`), saves it there on the designer's Save with the version it was loaded at,
 * says when a colleague saved in between (and keeps the designer's text: load theirs to compare, go back, or save over
 * it), lists what the draft changes against the published version in words, and publishes it after showing the
 * migration plan.
 *
 * @summary Drafts on the server: load, save without lost updates, changes in words, publish with a plan.
 */
export class CfDraftPanel extends LitElement {
  static override properties = {
    program: {},
    api: {},
    locale: {},
    for: {},
    token: { attribute: false },
    _status: { state: true },
    _conflict: { state: true },
    _changes: { state: true },
    _plan: { state: true },
    _versionStep: { state: true },
  };

  static override styles = [
    visuallyHidden,
    css`
      :host { display: block; border: 1px solid #5c5c5c; border-radius: 0.25rem; padding: 0.75rem; margin-block: 0.75rem; }
      h2, h3 { margin: 0.5rem 0 0.25rem; font-size: 1.05rem; }
      h3 { font-size: 1rem; }
      ul { margin: 0.25rem 0; padding-inline-start: 1.25rem; }
      li { overflow-wrap: anywhere; }
      .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-block: 0.5rem; }
      button { font: inherit; padding: 0.4rem 0.8rem; border: 1px solid #1b1b1b; border-radius: 0.25rem; background: #fff; color: #1b1b1b; cursor: pointer; }
      button.primary { background: #1a4d8f; color: #fff; border-color: #1a4d8f; }
      button:focus-visible { outline: 3px solid #1a4d8f; outline-offset: 2px; box-shadow: 0 0 0 5px #fff; }
      .conflict, .problems { border-inline-start: 4px solid #a4262c; padding-inline-start: 0.5rem; }
      dialog { max-width: min(36rem, calc(100vw - 2rem)); border: 2px solid #1b1b1b; border-radius: 0.25rem; padding: 1rem; }
      dialog::backdrop { background: rgb(0 0 0 / 0.4); }
      /* The title takes the focus only so that the dialog is read out from its start; it is no control to show a ring on. */
      dialog h2:focus { outline: none; }
      label { display: block; font-weight: 600; }
      input[type='text'] { font: inherit; padding: 0.3rem 0.4rem; border: 1px solid #1b1b1b; border-radius: 0.25rem; max-width: 100%; box-sizing: border-box; }
      input:focus-visible { outline: 3px solid #1a4d8f; outline-offset: 2px; }
      .hint { color: #4a4a4a; margin: 0.25rem 0; }
      .error { color: #a4262c; font-weight: 600; }
      @media (forced-colors: active) {
        button.primary { border: 2px solid ButtonText; }
        .conflict, .problems { border-inline-start-color: CanvasText; }
      }
    `,
  ];

  /** The program's id. */
  declare program: string;
  /** Where the HTTP API is: '' (this origin, the default) or a base such as `https://formulare.example.org`. */
  declare api: string;
  /** The panel's language, `de` or `en` (default: the page's). */
  declare locale: string | undefined;
  /** The id of the `<cf-program-designer>` the panel drives. */
  declare for: string;
  /** A bearer token for the API; without one the browser's sign-in (its session cookie) counts. */
  declare token: string | undefined;
  declare _status: string;
  declare _conflict: { message: string; mine: string; version: number; showing: 'mine' | 'theirs'; theirs?: string } | undefined;
  declare _changes: { groups: ChangeGroups; live: string; problems: string[]; changed: boolean; mayPublish: boolean } | undefined;
  declare _plan: { version: string; plans: Plan[]; migrate: boolean } | undefined;
  /** The first step of publishing a draft that still has the live version's number: the new number. */
  declare _versionStep: { live: string; next: string; value: string; error?: string } | undefined;

  /** The draft version the designer's text was loaded at or last saved as: the next save's If-Match. */
  #version = 0;
  /** The draft's text as the server has it (loaded or saved last). */
  #text: string | undefined;
  #listening: DesignerHost | undefined;

  constructor() {
    super();
    this.api = '';
    this.for = '';
    this._status = '';
  }

  get #lang(): DesignerLocale {
    const l = this.locale ?? this.closest('[lang]')?.getAttribute('lang') ?? 'en';
    return l.toLowerCase().startsWith('de') ? 'de' : 'en';
  }

  #t(key: Key, params: Record<string, string | number> = {}): string {
    return WORDS[this.#lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  }

  get #designer(): DesignerHost | undefined {
    return ((this.getRootNode() as Document | ShadowRoot).getElementById?.(this.for) ?? undefined) as DesignerHost | undefined;
  }

  #url(tail = ''): string {
    return `${this.api}/v1/programs/${encodeURIComponent(this.program)}/draft${tail}`;
  }

  #fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('Accept-Language', this.#lang);
    if (this.token) headers.set('Authorization', `Bearer ${this.token}`);
    return fetch(url, { ...init, headers, credentials: 'same-origin' });
  }

  /** The server's own message of a refusal (already in the panel's language), or the panel's words when it has none. */
  async #message(res: Response): Promise<string> {
    const body = (await res.json().catch(() => undefined)) as { message?: string } | undefined;
    return body?.message ?? this.#t('unreachable');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The designer may be defined after the panel: wait a turn for the page to finish.
    queueMicrotask(() => void this.load());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#listening?.removeEventListener('cf-designer-save', this.#onSave);
    this.#listening = undefined;
  }

  /** Loads the draft (or the published version, before the first save) into the designer, and its changes. */
  async load(): Promise<void> {
    const designer = this.#designer;
    if (!designer || !this.program) return;
    if (this.#listening !== designer) {
      this.#listening?.removeEventListener('cf-designer-save', this.#onSave);
      designer.addEventListener('cf-designer-save', this.#onSave);
      this.#listening = designer;
    }
    this._status = this.#t('loading');
    // Only a request that got no answer is the server's silence; a mistake of the page's own is not hidden behind it.
    const res = await this.#fetch(this.#url()).catch(() => undefined);
    const text = res?.ok ? await res.text().catch(() => undefined) : undefined;
    if (!res || (res.ok && text === undefined)) {
      this._status = this.#t('unreachable');
      return;
    }
    if (!res.ok) {
      this._status = await this.#message(res);
      return;
    }
    this.#version = versionOf(res);
    this.#text = text;
    designer.text = text!;
    await this.#loadChanges();
    this._status = this.#version === 0 ? this.#t('fresh', { live: this._changes?.live ?? '' }) : this.#t('loaded', { version: this.#version });
  }

  #onSave = (e: CfDesignerSaveEvent): void => {
    void this.save(e.detail.text);
  };

  /** Saves `text` over the version the designer has; on a conflict the text is kept and the choices are shown. */
  async save(text: string, over = this.#version): Promise<boolean> {
    const res = await this.#fetch(this.#url(), { method: 'PUT', body: text, headers: { 'Content-Type': 'application/json', 'If-Match': `"${over}"` } }).catch(() => undefined);
    if (!res) {
      this._status = this.#t('unreachable');
      return false;
    }
    if (res.status === 412) {
      const body = (await res.json()) as { message: string; details: { current: number } };
      this._conflict = { message: body.message, mine: text, version: body.details.current, showing: 'mine' };
      this._status = body.message;
      return false;
    }
    if (!res.ok) {
      this._status = await this.#message(res);
      return false;
    }
    this.#version = versionOf(res);
    this.#text = text;
    this._conflict = undefined;
    this.#designer?.markSaved(text);
    this._status = this.#t('saved', { version: this.#version });
    await this.#loadChanges();
    return true;
  }

  async #loadChanges(): Promise<void> {
    const answers = await Promise.all([
      this.#fetch(this.#url('/changes')),
      this.#fetch(`${this.api}/v1/programs/${encodeURIComponent(this.program)}`),
    ]).catch(() => undefined);
    if (!answers) return;
    const [changes, live] = answers;
    if (!changes.ok || !live.ok) return;
    const c = (await changes.json()) as { changes: ProgramChanges; problems: { message: string }[]; live: { version: string }; rights: string[] };
    const liveDefinition = ((await live.json()) as { definition: DeepReadonly<ProgramDefinition> }).definition;
    const draft = (this.#designer?.text ? safeParse(this.#designer.text) : undefined) ?? liveDefinition;
    this._changes = { groups: changeWords(c.changes, liveDefinition, draft, this.#lang), live: c.live.version, problems: c.problems.map((p) => p.message), changed: c.changes.changed, mayPublish: c.rights.includes('publish') };
  }

  async #showTheirs(): Promise<void> {
    const conflict = this._conflict;
    if (!conflict) return;
    const res = await this.#fetch(this.#url());
    if (!res.ok) return;
    const theirs = await res.text();
    this.#version = versionOf(res);
    this.#text = theirs;
    this._conflict = { ...conflict, theirs, version: this.#version, showing: 'theirs' };
    // The designer shows theirs as the saved text; the panel holds the designer's own text.
    this.#designer!.markSaved(theirs);
    this._status = this.#t('showingTheirs', { version: this.#version });
    await this.#loadChanges();
  }

  #backToMine(): void {
    const conflict = this._conflict;
    if (!conflict) return;
    this.#designer!.text = conflict.mine;
    this._conflict = { ...conflict, showing: 'mine' };
    this._status = conflict.message;
  }

  async #saveMine(): Promise<void> {
    const conflict = this._conflict;
    if (!conflict) return;
    if (await this.save(conflict.mine, conflict.version)) this.#designer!.text = conflict.mine;
  }

  /**
   * Publishing starts here: a draft that still has the live version's number first asks for a higher one; otherwise
   * the server is asked for the plan (nothing changes), which the dialog shows.
   */
  async #startPublish(): Promise<void> {
    const live = this._changes?.live;
    const version = (this.#text ? safeParse(this.#text) : undefined)?.version;
    if (live !== undefined && typeof version === 'string' && compareVersions(version, live) <= 0) {
      this._versionStep = { live, next: nextVersion(live), value: nextVersion(live) };
      await this.updateComplete;
      this.#openDialog();
      this.renderRoot.querySelector<HTMLInputElement>('#publish-version')?.focus();
      return;
    }
    await this.#askPublish();
  }

  #openDialog(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  /** Writes the new number into the draft (only that value changes in its text), saves it, and asks for the plan. */
  async #setVersion(e: Event): Promise<void> {
    e.preventDefault();
    const step = this._versionStep;
    if (!step || !this.#text) return;
    const value = step.value.trim();
    if (!/^\d+(\.\d+)*$/.test(value) || compareVersions(value, step.live) <= 0) {
      this._versionStep = { ...step, error: this.#t('versionNotNewer', { version: value, live: step.live, next: step.next }) };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#publish-version')?.focus();
      return;
    }
    const doc = ProgramDocument.parse(this.#text, this.#lang);
    doc.apply([{ op: 'replace', path: ['version'], value }], value);
    if (!(await this.save(doc.text))) {
      this._versionStep = undefined;
      this.renderRoot.querySelector('dialog')?.close();
      return;
    }
    this._versionStep = undefined;
    await this.#askPublish();
  }

  /** Asks the server for the plan (nothing changes) and opens the dialog that shows it, its title focused. */
  async #askPublish(): Promise<void> {
    const res = await this.#fetch(this.#url('/publish'), { method: 'POST', body: JSON.stringify({ dryRun: true }), headers: { 'Content-Type': 'application/json', 'If-Match': `"${this.#version}"` } });
    if (!res.ok) {
      this.renderRoot.querySelector('dialog')?.close();
      this._status = await this.#message(res);
      return;
    }
    const plan = (await res.json()) as { version: string; plans: Plan[] };
    this._plan = { ...plan, migrate: plan.plans.some((p) => p.total > 0) };
    await this.updateComplete;
    this.#openDialog();
    // The title takes the focus (also when the dialog stayed open from the number's step), so the plan is read out next.
    this.renderRoot.querySelector<HTMLElement>('#publish-title')?.focus();
  }

  async #publish(): Promise<void> {
    const plan = this._plan;
    if (!plan) return;
    this.renderRoot.querySelector('dialog')?.close();
    const res = await this.#fetch(this.#url('/publish'), { method: 'POST', body: JSON.stringify({ migrate: plan.migrate }), headers: { 'Content-Type': 'application/json', 'If-Match': `"${this.#version}"` } });
    this._plan = undefined;
    if (!res.ok) {
      this._status = await this.#message(res);
      return;
    }
    const done = (await res.json()) as { version: { version: string }; migrations: { total: number }[] };
    const cases = done.migrations.reduce((n, m) => n + m.total, 0);
    this._status = cases > 0 ? this.#t('publishedMoving', { version: done.version.version, cases }) : this.#t('published', { version: done.version.version });
    await this.#loadChanges();
  }

  #renderVersionStep(step: NonNullable<CfDraftPanel['_versionStep']>): TemplateResult {
    return html`<h2 id="publish-title" tabindex="-1">${this.#t('versionTitle')}</h2>
      <p>${this.#t('versionWhy', { live: step.live })}</p>
      <form @submit=${(e: Event) => void this.#setVersion(e)}>
        <label for="publish-version">${this.#t('versionLabel')}</label>
        <input id="publish-version" type="text" inputmode="decimal" autocomplete="off" .value=${step.value} aria-describedby="publish-version-hint${step.error ? ' publish-version-error' : ''}"
          aria-invalid=${step.error ? 'true' : 'false'} @input=${(e: Event) => (this._versionStep = { ...step, value: (e.target as HTMLInputElement).value })} />
        <p class="hint" id="publish-version-hint">${this.#t('versionHint', { live: step.live, next: step.next })}</p>
        ${step.error ? html`<p class="error" role="alert" id="publish-version-error">${step.error}</p>` : nothing}
        <div class="actions">
          <button type="submit" class="primary">${this.#t('versionContinue')}</button>
          <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${this.#t('cancel')}</button>
        </div>
      </form>`;
  }

  #group(key: 'forms' | 'texts' | 'workflow' | 'other', lines: readonly string[]): TemplateResult | typeof nothing {
    if (lines.length === 0) return nothing;
    return html`<h3>${this.#t(key)}</h3>
      <ul>${lines.map((l) => html`<li>${l}</li>`)}</ul>`;
  }

  override render(): TemplateResult {
    const c = this._conflict;
    const changes = this._changes;
    const plan = this._plan;
    const step = this._versionStep;
    return html`
      <p role="status" part="status">${this._status}</p>
      ${c
        ? html`<div class="conflict" part="conflict">
            <div class="actions">
              ${c.showing === 'mine'
                ? html`<button type="button" @click=${() => void this.#showTheirs()}>${this.#t('conflictTheirs')}</button>`
                : html`<button type="button" @click=${() => this.#backToMine()}>${this.#t('backToMine')}</button>`}
              <button type="button" @click=${() => void this.#saveMine()}>${this.#t('conflictMine')}</button>
            </div>
          </div>`
        : nothing}
      ${changes
        ? html`<section aria-labelledby="changes-title">
            <h2 id="changes-title">${this.#t('changes', { live: changes.live })}</h2>
            ${changes.changed
              ? html`${this.#group('forms', changes.groups.forms)}${this.#group('workflow', changes.groups.workflow)}${this.#group('texts', changes.groups.texts)}${this.#group('other', changes.groups.other)}`
              : html`<p>${this.#t('none')}</p>`}
            ${changes.problems.length > 0
              ? html`<div class="problems">
                  <p>${this.#t('problems', { count: changes.problems.length })}</p>
                  <ul>${changes.problems.map((m) => html`<li>${m}</li>`)}</ul>
                </div>`
              : nothing}
            ${changes.mayPublish
              ? html`<div class="actions"><button type="button" class="primary" @click=${() => void this.#startPublish()}>${this.#t('publish')}</button></div>`
              : html`<p class="publish-others">${this.#t('publishOthers')}</p>`}
          </section>`
        : nothing}
      <dialog aria-labelledby="publish-title" @close=${() => ((this._plan = undefined), (this._versionStep = undefined))}>
        ${step ? this.#renderVersionStep(step) : nothing}
        ${plan
          ? html`<h2 id="publish-title" tabindex="-1">${this.#t('publishTitle', { version: plan.version })}</h2>
              ${plan.plans.some((p) => p.total > 0)
                ? html`<ul>
                      ${plan.plans.filter((p) => p.total > 0).map((p) => html`<li>${this.#t('plan', { total: p.total, from: p.from.slice(p.from.lastIndexOf('@') + 1), migrating: p.migrating, failing: p.failing })}</li>`)}
                    </ul>
                    <label><input type="checkbox" .checked=${plan.migrate} @change=${(e: Event) => (this._plan = { ...plan, migrate: (e.target as HTMLInputElement).checked })} /> ${this.#t('migrate')}</label>`
                : html`<p>${this.#t('planNone')}</p>`}
              <div class="actions">
                <button type="button" class="primary" @click=${() => void this.#publish()}>${this.#t('confirm')}</button>
                <button type="button" @click=${() => this.renderRoot.querySelector('dialog')?.close()}>${this.#t('cancel')}</button>
              </div>`
          : nothing}
      </dialog>
    `;
  }
}

/** Orders version numbers part by part, as numbers (`1.10.0` is higher than `1.9.0`); a missing part counts as 0. */
function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The next minor version: `1.0.0` → `1.1.0`, `2.3.4` → `2.4.0`; a number of another shape gets `.1` added. */
function nextVersion(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return m ? `${m[1]}.${Number(m[2]) + 1}.0` : `${version}.1`;
}

/** The draft version of an answer's ETag (`"3"`). */
function versionOf(res: Response): number {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(res.headers.get('etag') ?? '');
  return m ? Number(m[1]) : 0;
}

function safeParse(text: string): DeepReadonly<ProgramDefinition> | undefined {
  try {
    return JSON.parse(text) as DeepReadonly<ProgramDefinition>;
  } catch {
    return undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cf-draft-panel': CfDraftPanel;
  }
}
