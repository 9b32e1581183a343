import type { JsonPath } from '../document/json-path.js';
import type { Operation, ProgramDocument } from '../document/program-document.js';
import { designerError } from '../errors.js';
import { conditionSchema, parseCondition, type Condition } from './conditions.js';
import { localesOf, textOperations, textsOf } from './form-model.js';
import { wordsOf } from './roles.js';
import { uiText } from '../strings.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const keysOf = (v: unknown): string[] => (isObject(v) ? Object.keys(v) : []);

/** The workflow-wide transitions (`workflow.on`) stand where a state would: under this name. */
export const ANY_STATE_KEY = '*';

/** What the applicant is told in a state, one text each (`workflow.states.<state>.applicant.<part>`). */
export const APPLICANT_PARTS = ['next', 'due', 'bring', 'contact'] as const;
export type ApplicantPart = (typeof APPLICANT_PARTS)[number];

/** Where one transition is: its state (or `*` for the workflow-wide ones), its event, and its place in a list. */
export interface TransitionRef {
  readonly state: string;
  readonly event: string;
  /** The position among the transitions for the event; 0 for a single one. */
  readonly index: number;
}

/** When a timer is due: after a duration in the state, at a fixed moment, or at a period's end. */
export type TimerWhen =
  | { readonly kind: 'duration'; readonly duration: string }
  | { readonly kind: 'at'; readonly at: string }
  | { readonly kind: 'periodEnd'; readonly period: string };

/** The units a duration is edited in, as the editor offers them. */
export type DurationUnit = 'years' | 'months' | 'weeks' | 'days' | 'hours';
const UNIT_LETTER: Record<DurationUnit, string> = { years: 'Y', months: 'M', weeks: 'W', days: 'D', hours: 'H' };

// ---- reading

/** A transition as the outline shows it. */
export interface TransitionInfo extends TransitionRef {
  /** The state it leads to; undefined when the case stays. */
  readonly target: string | undefined;
  /** The guard as the definition has it, undefined without one. */
  readonly guard: unknown;
  /** The outcomes its `outcome` actions record. */
  readonly outcomes: readonly string[];
  /** The types of its actions, in order. */
  readonly actions: readonly string[];
}

export interface TimerInfo {
  readonly index: number;
  readonly when: TimerWhen | undefined;
  readonly send: string;
  readonly late: 'refuse' | 'send' | undefined;
}

export interface StateInfo {
  readonly key: string;
  readonly title: Readonly<Record<string, string>>;
  readonly initial: boolean;
  readonly final: boolean;
  readonly transitions: readonly TransitionInfo[];
  readonly timers: readonly TimerInfo[];
  /** The event whose timer gives the date the applicant is told (`applicant.due`). */
  readonly due: string | undefined;
  /** What the applicant is told, per part and locale. */
  readonly applicant: Readonly<Record<ApplicantPart, Readonly<Record<string, string>>>>;
}

export interface EventInfo {
  readonly key: string;
  readonly title: Readonly<Record<string, string>>;
  readonly form: string | undefined;
  readonly roles: readonly string[];
}

/** The workflow as the outline shows it: states in the definition's order, the workflow-wide transitions, the events. */
export interface WorkflowOutline {
  readonly states: readonly StateInfo[];
  readonly anyState: readonly TransitionInfo[];
  readonly events: readonly EventInfo[];
  readonly roles: readonly string[];
  readonly outcomes: readonly string[];
  readonly forms: readonly string[];
  readonly periods: readonly string[];
}

function workflowOf(doc: ProgramDocument): Json | undefined {
  const wf = doc.get(['workflow']);
  return isObject(wf) ? wf : undefined;
}

function requireWorkflow(doc: ProgramDocument): Json {
  const wf = workflowOf(doc);
  if (!wf || !isObject(wf.states) || !isObject(wf.events)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/workflow' });
  return wf;
}

/** The path of a state's (or, for `*`, the workflow's) transition map. */
const onPath = (state: string): JsonPath => (state === ANY_STATE_KEY ? ['workflow', 'on'] : ['workflow', 'states', state, 'on']);

function transitionsIn(state: string, on: unknown): TransitionInfo[] {
  const out: TransitionInfo[] = [];
  for (const [event, t] of Object.entries(isObject(on) ? on : {})) {
    const list = Array.isArray(t) ? t : [t];
    list.forEach((x, index) => {
      const o = isObject(x) ? x : {};
      const actions = Array.isArray(o.actions) ? o.actions.filter(isObject) : [];
      out.push({
        state,
        event,
        index,
        target: typeof o.target === 'string' ? o.target : undefined,
        guard: o.guard,
        outcomes: actions.filter((a) => a.type === 'outcome' && typeof a.outcome === 'string').map((a) => a.outcome as string),
        actions: actions.map((a) => String(a.type)),
      });
    });
  }
  return out;
}

/** A timer's moment, from the definition. */
export function timerWhen(timer: unknown): TimerWhen | undefined {
  if (!isObject(timer)) return undefined;
  if (typeof timer.duration === 'string') return { kind: 'duration', duration: timer.duration };
  if (typeof timer.at === 'string') return { kind: 'at', at: timer.at };
  if (typeof timer.periodEnd === 'string') return { kind: 'periodEnd', period: timer.periodEnd };
  return undefined;
}

/** The workflow as the outline shows it; empty lists for a program without one. */
export function workflowOutline(doc: ProgramDocument): WorkflowOutline {
  const wf = workflowOf(doc) ?? {};
  const states = isObject(wf.states) ? wf.states : {};
  const events = isObject(wf.events) ? wf.events : {};
  return {
    states: Object.entries(states).map(([key, s]) => {
      const o = isObject(s) ? s : {};
      const after = Array.isArray(o.after) ? o.after : [];
      return {
        key,
        title: textsOf(doc, `workflow.states.${key}.title`),
        initial: wf.initial === key,
        final: o.final === true,
        transitions: transitionsIn(key, o.on),
        timers: after.map((t, index) => ({
          index,
          when: timerWhen(t),
          send: isObject(t) && typeof t.send === 'string' ? t.send : '',
          late: isObject(t) && (t.late === 'refuse' || t.late === 'send') ? t.late : undefined,
        })),
        due: isObject(o.applicant) && typeof o.applicant.due === 'string' ? o.applicant.due : undefined,
        applicant: Object.fromEntries(APPLICANT_PARTS.map((p) => [p, textsOf(doc, `workflow.states.${key}.applicant.${p}`)])) as StateInfo['applicant'],
      };
    }),
    anyState: transitionsIn(ANY_STATE_KEY, wf.on),
    events: Object.entries(events).map(([key, e]) => {
      const o = isObject(e) ? e : {};
      return { key, title: textsOf(doc, `workflow.events.${key}.title`), form: typeof o.form === 'string' ? o.form : undefined, roles: names(o.roles) };
    }),
    roles: names(wf.roles),
    outcomes: names(wf.outcomes),
    forms: keysOf(doc.get(['forms'])),
    periods: keysOf(doc.get(['periods'])),
  };
}

// ---- keys

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;


function numbered(key: string, taken: readonly string[]): string {
  if (!taken.includes(key)) return key;
  let n = 2;
  while (taken.includes(`${key}${n}`)) n++;
  return `${key}${n}`;
}

/** A state's key from its title, in lower camel case as the examples write them (`Unterlagen fehlen` → `unterlagenFehlen`). */
export function stateKeyFor(title: string, taken: readonly string[]): string {
  const words = wordsOf(title);
  const key = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('').slice(0, 60);
  return numbered(key || 'state', taken);
}

/** An event's key from its title, in capitals with underscores (`Unterlagen nachreichen` → `UNTERLAGEN_NACHREICHEN`). */
export function eventKeyFor(title: string, taken: readonly string[]): string {
  const key = wordsOf(title).map((w) => w.toUpperCase()).join('_').slice(0, 60);
  return numbered(key || 'EVENT', taken);
}

function checkTitle(doc: ProgramDocument, title: string): string {
  const clean = title.trim();
  if (!/[\p{L}\p{N}]/u.test(clean)) throw designerError(doc.locale, 'DESIGNER_TITLE_EMPTY');
  return clean;
}

function checkNewKey(doc: ProgramDocument, key: string, taken: readonly string[], pointer: string): void {
  if (!IDENTIFIER.test(key)) throw designerError(doc.locale, 'DESIGNER_KEY_INVALID', { key }, { key, pointer });
  if (taken.includes(key)) throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key }, { key, pointer });
}

/** The title of a state or event in the designer's language, for messages. */
function titleOf(doc: ProgramDocument, key: string, fallback: string): string {
  const t = textsOf(doc, key);
  return t[doc.locale] ?? Object.values(t)[0] ?? fallback;
}
const stateTitle = (doc: ProgramDocument, s: string) => titleOf(doc, `workflow.states.${s}.title`, s);
const eventTitle = (doc: ProgramDocument, e: string) => titleOf(doc, `workflow.events.${e}.title`, e);

/** Operations that rename every text key starting with `from` (in every locale) to start with `to`, in place. */
function renameTextKeys(doc: ProgramDocument, from: string, to: string): Operation[] {
  const ops: Operation[] = [];
  const texts = doc.get(['texts']);
  for (const locale of keysOf(texts)) {
    const inLocale = (texts as Json)[locale];
    for (const k of keysOf(inLocale)) if (k.startsWith(from)) ops.push({ op: 'rename', path: ['texts', locale], from: k, to: to + k.slice(from.length) });
  }
  return ops;
}

/** Operations that remove every text key starting with `prefix`, in every locale. */
function removeTextKeys(doc: ProgramDocument, prefix: string): Operation[] {
  const ops: Operation[] = [];
  const texts = doc.get(['texts']);
  for (const locale of keysOf(texts)) for (const k of keysOf((texts as Json)[locale])) if (k.startsWith(prefix)) ops.push({ op: 'remove', path: ['texts', locale, k] });
  return ops;
}

/** Titles per locale: the one given for a locale, else `title`, in every locale of the program. */
function titleOperations(doc: ProgramDocument, key: string, title: string, titles: Readonly<Record<string, string>>): Operation[][] {
  return localesOf(doc).map((l) => textOperations(doc, l, key, titles[l]?.trim() || title));
}

// ---- states

function requireState(doc: ProgramDocument, state: string): Json {
  const wf = requireWorkflow(doc);
  const s = (wf.states as Json)[state];
  if (!isObject(s)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/states/${state}` });
  return s;
}

/**
 * Adds a state (after the last) titled `title` in every locale (a locale in `titles` gets its own). Without `from` it
 * is reached by nothing yet (`WORKFLOW_STATE_UNREACHABLE` until a transition leads there); with `from`, that
 * transition (which must exist and have no target, or is added when missing) leads into it. Returns its key.
 *
 * @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PATH_MISSING`.
 */
export function addState(doc: ProgramDocument, title: string, options: { titles?: Readonly<Record<string, string>>; final?: boolean } = {}, label = `+ ${title.trim()}`): string {
  const wf = requireWorkflow(doc);
  const clean = checkTitle(doc, title);
  const key = stateKeyFor(clean, Object.keys(wf.states as Json));
  doc.apply([{ op: 'add', path: ['workflow', 'states', key], value: options.final ? { final: true } : {} }], label);
  for (const ops of titleOperations(doc, `workflow.states.${key}.title`, clean, options.titles ?? {})) doc.amend(ops);
  return key;
}

/** Sets a state's title in one locale. @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PATH_MISSING`. */
export function setStateTitle(doc: ProgramDocument, state: string, locale: string, title: string, label = `${state} (${locale})`): void {
  requireState(doc, state);
  doc.apply(textOperations(doc, locale, `workflow.states.${state}.title`, checkTitle(doc, title)), label);
}

/** Every place a state's key is written, as paths to string values (the key of `states` and its texts aside). */
function stateMentions(doc: ProgramDocument, state: string): JsonPath[] {
  const wf = requireWorkflow(doc);
  const out: JsonPath[] = [];
  if (wf.initial === state) out.push(['workflow', 'initial']);
  const inOn = (base: JsonPath, on: unknown) => {
    for (const [event, t] of Object.entries(isObject(on) ? on : {})) {
      if (Array.isArray(t)) t.forEach((x, i) => isObject(x) && x.target === state && out.push([...base, event, i, 'target']));
      else if (isObject(t) && t.target === state) out.push([...base, event, 'target']);
    }
  };
  for (const [s, def] of Object.entries(wf.states as Json)) if (isObject(def)) inOn(['workflow', 'states', s, 'on'], def.on);
  inOn(['workflow', 'on'], wf.on);
  for (const [n, sum] of Object.entries(isObject(wf.sums) ? wf.sums : {})) {
    if (isObject(sum) && Array.isArray(sum.releasedIn)) sum.releasedIn.forEach((x, i) => x === state && out.push(['workflow', 'sums', n, 'releasedIn', i]));
  }
  for (const [n, place] of Object.entries(isObject(wf.places) ? wf.places : {})) {
    if (!isObject(place)) continue;
    if (Array.isArray(place.heldIn)) place.heldIn.forEach((x, i) => x === state && out.push(['workflow', 'places', n, 'heldIn', i]));
    if (isObject(place.waitingList) && place.waitingList.state === state) out.push(['workflow', 'places', n, 'waitingList', 'state']);
  }
  return out;
}

/** Where a state's key is written outside the workflow: notices sent on entering it, and migrations that move cases into it. */
function stateMentionsOutside(doc: ProgramDocument, state: string): JsonPath[] {
  const out: JsonPath[] = [];
  const messages = doc.get(['notices', 'messages']);
  for (const [n, m] of Object.entries(isObject(messages) ? messages : {})) if (isObject(m) && isObject(m.on) && m.on.state === state) out.push(['notices', 'messages', n, 'on', 'state']);
  const migrations = doc.get(['versions', 'migrations']);
  if (Array.isArray(migrations)) {
    migrations.forEach((m, i) => {
      if (isObject(m) && isObject(m.states)) for (const [old, to] of Object.entries(m.states)) if (to === state) out.push(['versions', 'migrations', i, 'states', old]);
    });
  }
  return out;
}

/**
 * Renames a state's key everywhere it is written: `states`, `initial`, every target, the sums' `releasedIn`, the
 * places' `heldIn` and waiting lists, the notices sent on entering it, the migrations that move older versions' cases
 * into it (`versions.migrations[].states`, whose keys name older versions' states and stay), and the keys of its texts
 * (`workflow.states.<state>.…`), in one step. Saved walks are files outside the program: they keep the old key.
 *
 * @throws DesignerError `DESIGNER_KEY_INVALID`, `DESIGNER_KEY_TAKEN`, `DESIGNER_PATH_MISSING`.
 */
export function renameState(doc: ProgramDocument, from: string, to: string, label = `${from} → ${to}`): void {
  requireState(doc, from);
  if (from === to) return;
  checkNewKey(doc, to, Object.keys(requireWorkflow(doc).states as Json), `/workflow/states/${to}`);
  const ops: Operation[] = [...stateMentions(doc, from), ...stateMentionsOutside(doc, from)].map((path) => ({ op: 'replace', path, value: to }));
  ops.push({ op: 'rename', path: ['workflow', 'states'], from, to });
  ops.push(...renameTextKeys(doc, `workflow.states.${from}.`, `workflow.states.${to}.`));
  doc.apply(ops, label);
}

/** What removing a state took with it, for the designer to say. */
export interface StateRemoval {
  /** The transitions that led into it (they went with it). */
  readonly transitions: readonly TransitionRef[];
}

/**
 * Removes a state in one step, with its texts, the transitions that lead into it, and its place in the sums'
 * `releasedIn` and places' `heldIn`. Refused, changing nothing, for the initial state, a waiting list's state, the
 * last state a place is held in or a sum released in, and a state a transition of a timer elsewhere would be lost
 * for (a timer whose event only the removed transition takes).
 *
 * @throws DesignerError `DESIGNER_STATE_NEEDED`, `DESIGNER_PATH_MISSING`.
 */
export function removeState(doc: ProgramDocument, state: string, label = `- ${state}`): StateRemoval {
  requireState(doc, state);
  const wf = requireWorkflow(doc);
  const name = stateTitle(doc, state);
  const refuse = (what: string, pointer: string) => designerError(doc.locale, 'DESIGNER_STATE_NEEDED', { state: name, what }, { pointer });
  const ops: Operation[] = [];
  const removals: { base: JsonPath; event: string; index: number; list: boolean; count: number }[] = [];
  for (const path of stateMentions(doc, state)) {
    const p = path.join('/');
    if (path[1] === 'initial') throw refuse(word(doc, 'initial'), '/workflow/initial');
    if (path[1] === 'places' && path[3] === 'waitingList') throw refuse(word(doc, 'waitingList'), '/' + p);
    if ((path[1] === 'places' || path[1] === 'sums') && typeof path[4] === 'number') {
      const list = doc.get(path.slice(0, -1)) as unknown[];
      if (list.length === 1) throw refuse(word(doc, path[1] === 'places' ? 'place' : 'sum'), '/' + p);
      ops.push({ op: 'remove', path });
      continue;
    }
    // A transition into the state.
    const list = typeof path[path.length - 2] === 'number';
    const event = String(path[list ? path.length - 3 : path.length - 2]);
    const base = path.slice(0, list ? -3 : -2);
    const all = doc.get([...base, event]);
    removals.push({ base, event, index: list ? (path[path.length - 2] as number) : 0, list, count: Array.isArray(all) ? all.length : 1 });
  }
  const transitions: TransitionRef[] = [];
  // Whole keys when every transition of the event goes; items from the back otherwise, so indices stay right.
  const byKey = new Map<string, typeof removals>();
  for (const r of removals) byKey.set(`${r.base.join('/')}//${r.event}`, [...(byKey.get(`${r.base.join('/')}//${r.event}`) ?? []), r]);
  for (const group of byKey.values()) {
    const first = group[0]!;
    const from = first.base[1] === 'on' ? ANY_STATE_KEY : String(first.base[2]);
    if (from === state) continue;
    if (group.length === first.count) {
      // The event leaves the state `from`: a timer there that sends it would send an event nobody takes.
      const after = from === ANY_STATE_KEY ? [] : (wf.states as Json)[from];
      if (isObject(after) && Array.isArray(after.after) && after.after.some((t) => isObject(t) && t.send === first.event)) {
        throw refuse(`${stateTitle(doc, from)}: ${eventTitle(doc, first.event)}`, `/workflow/states/${from}/after`);
      }
      ops.push({ op: 'remove', path: [...first.base, first.event] });
    } else {
      for (const r of [...group].sort((a, b) => b.index - a.index)) ops.push({ op: 'remove', path: [...r.base, r.event, r.index] });
    }
    for (const r of group) transitions.push({ state: from, event: r.event, index: r.index });
  }
  ops.push({ op: 'remove', path: ['workflow', 'states', state] });
  ops.push(...removeTextKeys(doc, `workflow.states.${state}.`));
  doc.apply(ops, label);
  return { transitions };
}

/** Small words of the refusals, in the designer's language. */
const word = (doc: ProgramDocument, what: 'initial' | 'waitingList' | 'place' | 'sum') => uiText(doc.locale, `wfeNeeds_${what}`);

/** Makes a state the one new cases start in. @throws DesignerError `DESIGNER_PATH_MISSING`. */
export function setInitial(doc: ProgramDocument, state: string, label = state): void {
  requireState(doc, state);
  if (doc.get(['workflow', 'initial']) === state) return;
  doc.apply([{ op: 'replace', path: ['workflow', 'initial'], value: state }], label);
}

/**
 * Marks a state final (an end state) or not. A final state takes no events: one with transitions or timers is
 * refused (`WORKFLOW_FINAL_STATE_EXITS` would follow), as is the initial state.
 *
 * @throws DesignerError `DESIGNER_FINAL_EXITS`, `DESIGNER_PATH_MISSING`.
 */
export function setFinal(doc: ProgramDocument, state: string, final: boolean, label = state): void {
  const s = requireState(doc, state);
  if ((s.final === true) === final) return;
  if (final) {
    const exits = keysOf(s.on).length > 0 || (Array.isArray(s.after) && s.after.length > 0);
    if (exits || doc.get(['workflow', 'initial']) === state) throw designerError(doc.locale, 'DESIGNER_FINAL_EXITS', { state: stateTitle(doc, state) }, { pointer: `/workflow/states/${state}` });
    doc.apply([{ op: 'add', path: ['workflow', 'states', state, 'final'], value: true, index: 0 }], label);
  } else doc.apply([{ op: 'remove', path: ['workflow', 'states', state, 'final'] }], label);
}

/**
 * Sets (or, with an empty text, removes) one part of what the applicant is told in a state, in one locale. For `due`
 * the state must name the timer whose date fills `{date}` (`setApplicantDue`).
 *
 * @throws DesignerError `DESIGNER_PATH_MISSING`.
 */
export function setApplicantText(doc: ProgramDocument, state: string, part: ApplicantPart, locale: string, text: string, label = `${state}: ${part} (${locale})`): void {
  requireState(doc, state);
  const clean = text.replace(/\r\n?/g, '\n').trim();
  doc.apply(textOperations(doc, locale, `workflow.states.${state}.applicant.${part}`, clean === '' ? undefined : clean), label);
}

/** The events whose due date a state can tell: its own timers' and the deadlines'. */
export function dueEvents(doc: ProgramDocument, state: string): string[] {
  const s = requireState(doc, state);
  const out = Array.isArray(s.after) ? s.after.filter(isObject).map((t) => t.send).filter((x): x is string => typeof x === 'string') : [];
  const deadlines = doc.get(['workflow', 'deadlines']);
  for (const d of Object.values(isObject(deadlines) ? deadlines : {})) if (isObject(d) && typeof d.send === 'string') out.push(d.send);
  return [...new Set(out)];
}

/**
 * Names the timer (by the event it sends) whose date the applicant is told in a state, or with `undefined` none; then
 * the `due` texts go too, as they would have no date.
 *
 * @throws DesignerError `DESIGNER_DUE_UNKNOWN`, `DESIGNER_PATH_MISSING`.
 */
export function setApplicantDue(doc: ProgramDocument, state: string, event: string | undefined, label = `${state}: due`): void {
  const s = requireState(doc, state);
  const path = ['workflow', 'states', state, 'applicant'];
  if (event === undefined) {
    if (s.applicant === undefined) return;
    const ops: Operation[] = [{ op: 'remove', path }];
    for (const l of keysOf(doc.get(['texts']))) ops.push(...textOperations(doc, l, `workflow.states.${state}.applicant.due`, undefined));
    doc.apply(ops, label);
    return;
  }
  if (!dueEvents(doc, state).includes(event)) throw designerError(doc.locale, 'DESIGNER_DUE_UNKNOWN', { event: eventTitle(doc, event) }, { pointer: `${'/' + path.join('/')}/due` });
  if (isObject(s.applicant)) {
    if (s.applicant.due !== event) doc.apply([{ op: 'replace', path: [...path, 'due'], value: event }], label);
  } else doc.apply([{ op: 'add', path, value: { due: event } }], label);
}

// ---- events

function requireEvent(doc: ProgramDocument, event: string): Json {
  const wf = requireWorkflow(doc);
  const e = (wf.events as Json)[event];
  if (!isObject(e)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/events/${event}` });
  return e;
}

/**
 * Adds an event (after the last) titled `title` in every locale, sent by `roles` and carrying `form`'s data (or none).
 * It is taken in no state yet (`WORKFLOW_EVENT_UNUSED` until a transition takes it). Returns its key.
 *
 * @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PATH_MISSING` (an unknown role or form).
 */
export function addEvent(doc: ProgramDocument, title: string, options: { roles?: readonly string[]; form?: string; titles?: Readonly<Record<string, string>> } = {}, label = `+ ${title.trim()}`): string {
  const wf = requireWorkflow(doc);
  const clean = checkTitle(doc, title);
  const roles = options.roles ?? [];
  for (const r of roles) if (!names(wf.roles).includes(r)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/roles` });
  if (options.form !== undefined && !isObject(doc.get(['forms', options.form]))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${options.form}` });
  const key = eventKeyFor(clean, Object.keys(wf.events as Json));
  const value = options.form !== undefined ? { form: options.form, roles: [...roles] } : { roles: [...roles] };
  doc.apply([{ op: 'add', path: ['workflow', 'events', key], value }], label);
  for (const ops of titleOperations(doc, `workflow.events.${key}.title`, clean, options.titles ?? {})) doc.amend(ops);
  return key;
}

/** Sets an event's title in one locale. @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PATH_MISSING`. */
export function setEventTitle(doc: ProgramDocument, event: string, locale: string, title: string, label = `${event} (${locale})`): void {
  requireEvent(doc, event);
  doc.apply(textOperations(doc, locale, `workflow.events.${event}.title`, checkTitle(doc, title)), label);
}

/** Where an event's name is written as a value: timers, `applicant.due`, deadlines, waiting lists. */
function eventSenders(doc: ProgramDocument, event: string): { path: JsonPath; what: string }[] {
  const wf = requireWorkflow(doc);
  const out: { path: JsonPath; what: string }[] = [];
  for (const [s, def] of Object.entries(wf.states as Json)) {
    if (!isObject(def)) continue;
    if (Array.isArray(def.after)) def.after.forEach((t, i) => isObject(t) && t.send === event && out.push({ path: ['workflow', 'states', s, 'after', i, 'send'], what: stateTitle(doc, s) }));
    if (isObject(def.applicant) && def.applicant.due === event) out.push({ path: ['workflow', 'states', s, 'applicant', 'due'], what: stateTitle(doc, s) });
  }
  for (const [n, d] of Object.entries(isObject(wf.deadlines) ? wf.deadlines : {})) if (isObject(d) && d.send === event) out.push({ path: ['workflow', 'deadlines', n, 'send'], what: n });
  for (const [n, p] of Object.entries(isObject(wf.places) ? wf.places : {})) {
    if (isObject(p) && isObject(p.waitingList) && p.waitingList.offer === event) out.push({ path: ['workflow', 'places', n, 'waitingList', 'offer'], what: n });
  }
  return out;
}

/** The maps that can take an event: every state's `on` and the workflow's. */
function onMaps(doc: ProgramDocument): { state: string; path: JsonPath; on: Json }[] {
  const wf = requireWorkflow(doc);
  const out: { state: string; path: JsonPath; on: Json }[] = [];
  for (const [s, def] of Object.entries(wf.states as Json)) if (isObject(def) && isObject(def.on)) out.push({ state: s, path: onPath(s), on: def.on });
  if (isObject(wf.on)) out.push({ state: ANY_STATE_KEY, path: onPath(ANY_STATE_KEY), on: wf.on });
  return out;
}

/**
 * Renames an event's key everywhere: `events`, every state's and the workflow's `on`, timers, `applicant.due`,
 * deadlines, waiting lists, the notices sent before its timer is due (`on.before`) and its texts
 * (`workflow.events.<event>.…`), in one step. Saved walks are files outside the program: they keep the old key.
 *
 * @throws DesignerError `DESIGNER_KEY_INVALID`, `DESIGNER_KEY_TAKEN`, `DESIGNER_PATH_MISSING`.
 */
export function renameEvent(doc: ProgramDocument, from: string, to: string, label = `${from} → ${to}`): void {
  requireEvent(doc, from);
  if (from === to) return;
  checkNewKey(doc, to, Object.keys(requireWorkflow(doc).events as Json), `/workflow/events/${to}`);
  const ops: Operation[] = eventSenders(doc, from).map(({ path }) => ({ op: 'replace', path, value: to }));
  const messages = doc.get(['notices', 'messages']);
  for (const [n, m] of Object.entries(isObject(messages) ? messages : {})) {
    if (isObject(m) && isObject(m.on) && m.on.before === from) ops.push({ op: 'replace', path: ['notices', 'messages', n, 'on', 'before'], value: to });
  }
  for (const m of onMaps(doc)) if (from in m.on) ops.push({ op: 'rename', path: m.path, from, to });
  ops.push({ op: 'rename', path: ['workflow', 'events'], from, to });
  ops.push(...renameTextKeys(doc, `workflow.events.${from}.`, `workflow.events.${to}.`));
  doc.apply(ops, label);
}

/**
 * Removes an event in one step, with every transition that takes it and its texts. Refused, changing nothing, while a
 * timer, a deadline, a waiting list or what an applicant is told names it. Returns the states whose transitions went.
 *
 * @throws DesignerError `DESIGNER_EVENT_IN_USE`, `DESIGNER_PATH_MISSING`.
 */
export function removeEvent(doc: ProgramDocument, event: string, label = `- ${event}`): string[] {
  requireEvent(doc, event);
  const senders = eventSenders(doc, event);
  if (senders.length > 0) {
    throw designerError(doc.locale, 'DESIGNER_EVENT_IN_USE', { event: eventTitle(doc, event), what: senders[0]!.what }, { pointer: '/' + senders[0]!.path.join('/') });
  }
  const ops: Operation[] = [];
  const states: string[] = [];
  for (const m of onMaps(doc)) {
    if (!(event in m.on)) continue;
    states.push(m.state);
    ops.push({ op: 'remove', path: [...m.path, event] });
  }
  ops.push({ op: 'remove', path: ['workflow', 'events', event] });
  ops.push(...removeTextKeys(doc, `workflow.events.${event}.`));
  doc.apply(ops, label);
  return states;
}

/**
 * Sets the form whose data an event carries, or with `undefined` none. Taking the form away is refused while a
 * transition merges the event's data (`WORKFLOW_MERGE_WITHOUT_FORM` would follow).
 *
 * @throws DesignerError `DESIGNER_FORM_MERGED`, `DESIGNER_PATH_MISSING`.
 */
export function setEventForm(doc: ProgramDocument, event: string, form: string | undefined, label = `${event}: form`): void {
  const e = requireEvent(doc, event);
  if (e.form === form) return;
  const path = ['workflow', 'events', event, 'form'];
  if (form === undefined) {
    const merging = onMaps(doc).flatMap((m) => transitionsIn(m.state, m.on)).find((t) => t.event === event && t.actions.includes('merge'));
    if (merging) throw designerError(doc.locale, 'DESIGNER_FORM_MERGED', { event: eventTitle(doc, event) }, { pointer: `${'/' + onPath(merging.state).join('/')}/${event}` });
    doc.apply([{ op: 'remove', path }], label);
    return;
  }
  if (!isObject(doc.get(['forms', form]))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}` });
  doc.apply([e.form === undefined ? { op: 'add', path, value: form, index: 0 } : { op: 'replace', path, value: form }], label);
}

// ---- transitions

/** The transition's path: `…/on/<event>` for a single one, `…/on/<event>/<index>` in a list. */
function transitionPath(doc: ProgramDocument, ref: TransitionRef): JsonPath {
  const base = [...onPath(ref.state), ref.event];
  const t = doc.get(base);
  if (Array.isArray(t) && isObject(t[ref.index])) return [...base, ref.index];
  if (isObject(t) && ref.index === 0) return base;
  throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/' + base.join('/') });
}

/**
 * Lets a state (or, with `*`, every open state) take an event, leading to `target` (or staying, without one). When
 * the state takes the event already the transition is added after the others, tried when their guards fail.
 *
 * @throws DesignerError `DESIGNER_PATH_MISSING` (an unknown state, event or target), `DESIGNER_FINAL_EXITS`.
 */
export function addTransition(doc: ProgramDocument, state: string, event: string, target: string | undefined, label = `${state}: + ${event}`): TransitionRef {
  const wf = requireWorkflow(doc);
  requireEvent(doc, event);
  if (target !== undefined) requireState(doc, target);
  if (state !== ANY_STATE_KEY && requireState(doc, state).final === true) throw designerError(doc.locale, 'DESIGNER_FINAL_EXITS', { state: stateTitle(doc, state) }, { pointer: `/workflow/states/${state}` });
  const value = target === undefined ? {} : { target };
  const path = onPath(state);
  const on = doc.get(path);
  if (!isObject(on)) {
    const holder = path.slice(0, -1);
    // `on` of the workflow goes after `states`, as the examples write it; a state's goes first.
    const index = state === ANY_STATE_KEY ? Object.keys(wf).indexOf('states') + 1 : 0;
    doc.apply([{ op: 'add', path: [...holder, 'on'], value: { [event]: value }, index }], label);
    return { state, event, index: 0 };
  }
  const existing = on[event];
  if (existing === undefined) {
    doc.apply([{ op: 'add', path: [...path, event], value }], label);
    return { state, event, index: 0 };
  }
  if (Array.isArray(existing)) {
    doc.apply([{ op: 'add', path: [...path, event, existing.length], value }], label);
    return { state, event, index: existing.length };
  }
  // A single transition becomes a list of two: the first keeps its bytes (copied into the list under a free key that
  // then takes the event's place).
  const keys = Object.keys(on);
  const free = `${event}_${keys.length}`;
  doc.apply(
    [
      { op: 'add', path: [...path, free], value: [], index: keys.indexOf(event) + 1 },
      { op: 'copy', from: [...path, event], path: [...path, free, 0] },
      { op: 'add', path: [...path, free, 1], value },
      { op: 'remove', path: [...path, event] },
      { op: 'rename', path, from: free, to: event },
    ],
    label,
  );
  return { state, event, index: 1 };
}

/**
 * Removes one transition. The last transition for an event goes with its key; refused while a timer of the state
 * sends the event (`WORKFLOW_TIMER_EVENT_NOT_ACCEPTED` would follow).
 *
 * @throws DesignerError `DESIGNER_EVENT_IN_USE`, `DESIGNER_PATH_MISSING`.
 */
export function removeTransition(doc: ProgramDocument, ref: TransitionRef, label = `${ref.state}: - ${ref.event}`): void {
  const path = transitionPath(doc, ref);
  const all = doc.get([...onPath(ref.state), ref.event]);
  const last = !Array.isArray(all) || all.length === 1;
  if (last && ref.state !== ANY_STATE_KEY) {
    const timer = eventSenders(doc, ref.event).find((s) => s.path[2] === ref.state && s.path[3] === 'after');
    if (timer) throw designerError(doc.locale, 'DESIGNER_EVENT_IN_USE', { event: eventTitle(doc, ref.event), what: timer.what }, { pointer: '/' + timer.path.join('/') });
  }
  const on = doc.get(onPath(ref.state)) as Json;
  if (!last) return doc.apply([{ op: 'remove', path }], label);
  // The last transition of the map takes the empty map with it.
  doc.apply([{ op: 'remove', path: Object.keys(on).length === 1 ? onPath(ref.state) : [...onPath(ref.state), ref.event] }], label);
}

/** Sets where a transition leads, or with `undefined` that the case stays. @throws DesignerError `DESIGNER_PATH_MISSING`. */
export function setTarget(doc: ProgramDocument, ref: TransitionRef, target: string | undefined, label = `${ref.state}: ${ref.event} → ${target ?? ''}`): void {
  const path = transitionPath(doc, ref);
  if (target !== undefined) requireState(doc, target);
  const t = doc.get(path) as Json;
  if (t.target === target) return;
  if (target === undefined) doc.apply([{ op: 'remove', path: [...path, 'target'] }], label);
  else doc.apply([t.target === undefined ? { op: 'add', path: [...path, 'target'], value: target, index: 0 } : { op: 'replace', path: [...path, 'target'], value: target }], label);
}

/**
 * A guard as the editor builds it: rules over the event's data and rules over the case data, all of which must hold.
 * Written `{ "properties": { "event": …, "data": … } }`, as the examples do.
 */
export interface GuardParts {
  readonly event?: Condition;
  readonly data?: Condition;
}

/** The JSON Schema of a guard built from rules; undefined when it has none. */
export function guardSchema(parts: GuardParts): Json | undefined {
  const properties: Json = {};
  if (parts.event && parts.event.rules.length > 0) properties.event = conditionSchema(parts.event);
  if (parts.data && parts.data.rules.length > 0) properties.data = conditionSchema(parts.data);
  return Object.keys(properties).length > 0 ? { properties } : undefined;
}

/**
 * Reads a guard as rules over the event's data and the case data, or undefined when it says more than the editor's
 * rules can (then the editor shows it read-only, and it is never rewritten). A guard is taken only when writing its
 * rules gives back the same JSON.
 */
export function parseGuard(guard: unknown): GuardParts | undefined {
  if (!isObject(guard) || Object.keys(guard).length !== 1 || !isObject(guard.properties)) return undefined;
  const props = guard.properties;
  const keys = Object.keys(props);
  if (keys.length === 0 || keys.some((k) => k !== 'event' && k !== 'data')) return undefined;
  const parts: { event?: Condition; data?: Condition } = {};
  for (const k of keys as ('event' | 'data')[]) {
    const c = parseCondition(props[k]);
    if (!c) return undefined;
    parts[k] = c;
  }
  return JSON.stringify(guardSchema(parts)) === JSON.stringify(guard) ? parts : undefined;
}

/**
 * Sets (or with `undefined` removes) a transition's guard: a JSON Schema over `{ data, event }`, built with
 * `guardSchema` or typed as JSON.
 *
 * @throws DesignerError `DESIGNER_CONDITION_INVALID` for a guard that is not an object, `DESIGNER_PATH_MISSING`.
 */
export function setGuard(doc: ProgramDocument, ref: TransitionRef, guard: Json | undefined, label = `${ref.state}: ${ref.event}`): void {
  const path = transitionPath(doc, ref);
  if (guard !== undefined && !isObject(guard)) throw designerError(doc.locale, 'DESIGNER_CONDITION_INVALID');
  const t = doc.get(path) as Json;
  if (guard === undefined) {
    if (t.guard !== undefined) doc.apply([{ op: 'remove', path: [...path, 'guard'] }], label);
    return;
  }
  const at = Object.keys(t).indexOf('target') + 1;
  doc.apply([t.guard === undefined ? { op: 'add', path: [...path, 'guard'], value: guard, index: at } : { op: 'replace', path: [...path, 'guard'], value: guard }], label);
}

/**
 * Sets the outcome a transition records (its `outcome` action), or with `undefined` none. The outcome must be one of
 * `outcomes` (`addOutcome`).
 *
 * @throws DesignerError `DESIGNER_PATH_MISSING`.
 */
export function setTransitionOutcome(doc: ProgramDocument, ref: TransitionRef, outcome: string | undefined, label = `${ref.state}: ${ref.event}`): void {
  const path = transitionPath(doc, ref);
  if (outcome !== undefined && !names(doc.get(['workflow', 'outcomes'])).includes(outcome)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/workflow/outcomes' });
  const t = doc.get(path) as Json;
  const actions = Array.isArray(t.actions) ? t.actions : undefined;
  const i = actions?.findIndex((a) => isObject(a) && a.type === 'outcome') ?? -1;
  if (outcome === undefined) {
    if (i === -1) return;
    doc.apply([{ op: 'remove', path: actions!.length === 1 ? [...path, 'actions'] : [...path, 'actions', i] }], label);
    return;
  }
  const action = { type: 'outcome', outcome };
  if (i !== -1) {
    if ((actions![i] as Json).outcome !== outcome) doc.apply([{ op: 'replace', path: [...path, 'actions', i, 'outcome'], value: outcome }], label);
  } else if (actions) doc.apply([{ op: 'add', path: [...path, 'actions', actions.length], value: action }], label);
  else doc.apply([{ op: 'add', path: [...path, 'actions'], value: [action] }], label);
}

// ---- outcomes and sums

/**
 * Adds an outcome titled `title` in every locale (`workflow.outcomes.<outcome>`), and `outcomes` when the workflow
 * has none yet. Returns its key.
 *
 * @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PATH_MISSING`.
 */
export function addOutcome(doc: ProgramDocument, title: string, label = `+ ${title.trim()}`): string {
  const wf = requireWorkflow(doc);
  const clean = checkTitle(doc, title);
  const list = names(wf.outcomes);
  const key = stateKeyFor(clean, list);
  if (Array.isArray(wf.outcomes)) doc.apply([{ op: 'add', path: ['workflow', 'outcomes', wf.outcomes.length], value: key }], label);
  else doc.apply([{ op: 'add', path: ['workflow', 'outcomes'], value: [key], index: Object.keys(wf).indexOf('roles') + 1 }], label);
  for (const ops of titleOperations(doc, `workflow.outcomes.${key}`, clean, {})) doc.amend(ops);
  return key;
}

/**
 * Removes an outcome and its texts. Refused while a transition records it or a sum adds it up.
 *
 * @throws DesignerError `DESIGNER_OUTCOME_IN_USE`, `DESIGNER_PATH_MISSING`.
 */
export function removeOutcome(doc: ProgramDocument, outcome: string, label = `- ${outcome}`): void {
  const wf = requireWorkflow(doc);
  const list = names(wf.outcomes);
  const i = list.indexOf(outcome);
  if (i === -1) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/workflow/outcomes' });
  const name = titleOf(doc, `workflow.outcomes.${outcome}`, outcome);
  const recording = onMaps(doc).flatMap((m) => transitionsIn(m.state, m.on)).find((t) => t.outcomes.includes(outcome));
  if (recording) throw designerError(doc.locale, 'DESIGNER_OUTCOME_IN_USE', { outcome: name, what: eventTitle(doc, recording.event) }, { pointer: `${'/' + onPath(recording.state).join('/')}/${recording.event}` });
  const sum = Object.entries(isObject(wf.sums) ? wf.sums : {}).find(([, s]) => isObject(s) && s.outcome === outcome);
  if (sum) throw designerError(doc.locale, 'DESIGNER_OUTCOME_IN_USE', { outcome: name, what: sum[0] }, { pointer: `/workflow/sums/${sum[0]}` });
  const ops: Operation[] = [{ op: 'remove', path: list.length === 1 ? ['workflow', 'outcomes'] : ['workflow', 'outcomes', i] }];
  for (const l of keysOf(doc.get(['texts']))) ops.push(...textOperations(doc, l, `workflow.outcomes.${outcome}`, undefined));
  doc.apply(ops, label);
}

/** A report sum as the editor sets it. */
export interface SumSettings {
  readonly outcome: string;
  readonly field: string;
  readonly budget?: number;
  readonly currency?: string;
}

/**
 * Adds or replaces a report sum by name (`workflow.sums.<name>`): the amounts in `field` of the cases that recorded
 * `outcome`, with an optional budget and currency. What else the sum has (`releasedIn`) stays.
 *
 * @throws DesignerError `DESIGNER_KEY_INVALID`, `DESIGNER_CONSTRAINT_INVALID` (a budget not above zero, a currency
 * that is not three capitals), `DESIGNER_PATH_MISSING` (an unknown outcome).
 */
export function setSum(doc: ProgramDocument, name: string, s: SumSettings, label = `${name}`): void {
  const wf = requireWorkflow(doc);
  if (!IDENTIFIER.test(name)) throw designerError(doc.locale, 'DESIGNER_KEY_INVALID', { key: name }, { key: name });
  if (!names(wf.outcomes).includes(s.outcome)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/workflow/outcomes' });
  if (s.budget !== undefined && !(Number.isFinite(s.budget) && s.budget > 0)) throw designerError(doc.locale, 'DESIGNER_CONSTRAINT_INVALID', { value: String(s.budget), constraint: 'budget' }, { pointer: `/workflow/sums/${name}/budget` });
  if (s.currency !== undefined && !/^[A-Z]{3}$/.test(s.currency)) throw designerError(doc.locale, 'DESIGNER_CONSTRAINT_INVALID', { value: s.currency, constraint: 'currency' }, { pointer: `/workflow/sums/${name}/currency` });
  const old = isObject(wf.sums) && isObject(wf.sums[name]) ? wf.sums[name] : undefined;
  const value: Json = { outcome: s.outcome, field: s.field };
  if (s.budget !== undefined) value.budget = s.budget;
  if (s.currency !== undefined) value.currency = s.currency;
  if (old && Array.isArray(old.releasedIn)) value.releasedIn = old.releasedIn;
  if (old) {
    const ops: Operation[] = [];
    for (const k of ['outcome', 'field', 'budget', 'currency'] as const) {
      if (value[k] === old[k]) continue;
      if (value[k] === undefined) ops.push({ op: 'remove', path: ['workflow', 'sums', name, k] });
      else if (old[k] === undefined) ops.push({ op: 'add', path: ['workflow', 'sums', name, k], value: value[k] });
      else ops.push({ op: 'replace', path: ['workflow', 'sums', name, k], value: value[k] });
    }
    if (ops.length) doc.apply(ops, label);
  } else if (isObject(wf.sums)) doc.apply([{ op: 'add', path: ['workflow', 'sums', name], value }], label);
  else doc.apply([{ op: 'add', path: ['workflow', 'sums'], value: { [name]: value }, index: Object.keys(wf).indexOf('outcomes') + 1 || undefined }], label);
}

/** Removes a report sum. Refused while a transition keeps within its budget. @throws DesignerError `DESIGNER_SUM_IN_USE`, `DESIGNER_PATH_MISSING`. */
export function removeSum(doc: ProgramDocument, name: string, label = `- ${name}`): void {
  const wf = requireWorkflow(doc);
  const sums = isObject(wf.sums) ? wf.sums : {};
  if (!(name in sums)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/sums/${name}` });
  for (const m of onMaps(doc)) {
    for (const [event, t] of Object.entries(m.on)) {
      if ((Array.isArray(t) ? t : [t]).some((x) => isObject(x) && x.withinBudget === name)) {
        throw designerError(doc.locale, 'DESIGNER_SUM_IN_USE', { sum: name, what: eventTitle(doc, event) }, { pointer: `${'/' + m.path.join('/')}/${event}` });
      }
    }
  }
  doc.apply([{ op: 'remove', path: Object.keys(sums).length === 1 ? ['workflow', 'sums'] : ['workflow', 'sums', name] }], label);
}

// ---- timers

/** A duration's amount and unit when it is one of them (`P14D` → 14 days); undefined for mixed ones (`P1M2D`). */
export function durationParts(duration: string): { amount: number; unit: DurationUnit } | undefined {
  const m = /^P(?:(\d+)([YMWD])|T(\d+)H)$/.exec(duration);
  if (!m) return undefined;
  if (m[3] !== undefined) return { amount: Number(m[3]), unit: 'hours' };
  const unit = (Object.keys(UNIT_LETTER) as DurationUnit[]).find((u) => u !== 'hours' && UNIT_LETTER[u] === m[2])!;
  return { amount: Number(m[1]), unit };
}

/** The ISO 8601 duration of an amount in a unit: 8 weeks → `P8W`, 48 hours → `PT48H`. */
export function isoDuration(amount: number, unit: DurationUnit): string {
  return unit === 'hours' ? `PT${amount}H` : `P${amount}${UNIT_LETTER[unit]}`;
}

/** The offset of a time zone at a moment, as `+02:00`. */
function offsetIn(zone: string, utcMillis: number): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(utcMillis)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return m ? `${m[1]}:${m[2] ?? '00'}` : '+00:00';
}

/**
 * A fixed moment as the format writes it, from a date (`2025-05-17`), a time (`00:00`) and a time zone
 * (`Europe/Berlin`): `2025-05-17T00:00:00+02:00`, with the offset the zone has at that moment (summer time or not).
 * Undefined for a date or time that is not one, or a zone the runtime does not know.
 */
export function momentIn(date: string, time: string, zone: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}(:\d{2})?$/.test(time)) return undefined;
  const local = `${date}T${time.length === 5 ? `${time}:00` : time}`;
  const asUtc = Date.parse(`${local}Z`);
  if (Number.isNaN(asUtc)) return undefined;
  try {
    // The offset at the local time read as UTC, then again at the moment that gives: right on both sides of a change.
    let offset = offsetIn(zone, asUtc);
    const toMillis = (o: string) => (o[0] === '-' ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(4, 6))) * 60_000;
    offset = offsetIn(zone, asUtc - toMillis(offset));
    return `${local}${offset}`;
  } catch {
    return undefined;
  }
}

/** A moment's parts for the editor: its date, its time (`HH:MM`) and its offset. */
export function momentParts(at: string): { date: string; time: string; offset: string } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(at);
  return m ? { date: m[1]!, time: m[2]!, offset: m[3] === 'Z' ? '+00:00' : m[3]! } : undefined;
}

function checkWhen(doc: ProgramDocument, when: TimerWhen, pointer: string): Json {
  if (when.kind === 'duration') {
    const parts = durationParts(when.duration);
    if (!parts || parts.amount <= 0) throw designerError(doc.locale, 'DESIGNER_TIMER_INVALID', {}, { pointer });
    return { duration: when.duration };
  }
  if (when.kind === 'at') {
    if (!momentParts(when.at) || Number.isNaN(Date.parse(when.at))) throw designerError(doc.locale, 'DESIGNER_TIMER_INVALID', {}, { pointer });
    return { at: when.at };
  }
  if (!isObject(doc.get(['periods', when.period]))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/periods/${when.period}` });
  return { periodEnd: when.period };
}

/** The state must take the event: in its own `on`, or in the workflow's. */
function checkSend(doc: ProgramDocument, state: string, event: string): void {
  requireEvent(doc, event);
  const on = doc.get(onPath(state));
  const anywhere = doc.get(onPath(ANY_STATE_KEY));
  if (!(isObject(on) && event in on) && !(isObject(anywhere) && event in anywhere)) {
    throw designerError(doc.locale, 'DESIGNER_TIMER_EVENT', { state: stateTitle(doc, state), event: eventTitle(doc, event) }, { pointer: `/workflow/states/${state}/on` });
  }
}

/**
 * Adds a timer to a state: when it is due, and the event the system then sends, which the state must take.
 * Returns its position.
 *
 * @throws DesignerError `DESIGNER_TIMER_INVALID`, `DESIGNER_TIMER_EVENT`, `DESIGNER_PATH_MISSING`.
 */
export function addTimer(doc: ProgramDocument, state: string, when: TimerWhen, send: string, label = `${state}: + ${send}`): number {
  const s = requireState(doc, state);
  const value = { ...checkWhen(doc, when, `/workflow/states/${state}/after`), send };
  checkSend(doc, state, send);
  if (Array.isArray(s.after)) {
    doc.apply([{ op: 'add', path: ['workflow', 'states', state, 'after', s.after.length], value }], label);
    return s.after.length;
  }
  doc.apply([{ op: 'add', path: ['workflow', 'states', state, 'after'], value: [value], index: Object.keys(s).includes('on') ? Object.keys(s).indexOf('on') : undefined }], label);
  return 0;
}

function requireTimer(doc: ProgramDocument, state: string, index: number): Json {
  const s = requireState(doc, state);
  const t = Array.isArray(s.after) ? s.after[index] : undefined;
  if (!isObject(t)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/states/${state}/after/${index}` });
  return t;
}

/**
 * Changes when a timer is due. `late` stays for a moment or a period's end and goes for a duration, which has no
 * moment to be late for.
 *
 * @throws DesignerError `DESIGNER_TIMER_INVALID`, `DESIGNER_PATH_MISSING`.
 */
export function setTimerWhen(doc: ProgramDocument, state: string, index: number, when: TimerWhen, label = `${state}: ${index + 1}`): void {
  const t = requireTimer(doc, state, index);
  const path = ['workflow', 'states', state, 'after', index];
  const next = checkWhen(doc, when, '/' + path.join('/'));
  const [key, value] = Object.entries(next)[0]!;
  const old = ['duration', 'at', 'periodEnd'].find((k) => k in t);
  const ops: Operation[] = [];
  if (old === key) {
    if (t[key] === value) return;
    ops.push({ op: 'replace', path: [...path, key], value });
  } else {
    ops.push({ op: 'add', path: [...path, key], value, index: 0 });
    if (old) ops.push({ op: 'remove', path: [...path, old] });
  }
  if (key === 'duration' && 'late' in t) ops.push({ op: 'remove', path: [...path, 'late'] });
  doc.apply(ops, label);
}

/** Changes the event a timer sends; the state must take it. @throws DesignerError `DESIGNER_TIMER_EVENT`, `DESIGNER_PATH_MISSING`. */
export function setTimerSend(doc: ProgramDocument, state: string, index: number, send: string, label = `${state}: ${index + 1}`): void {
  const t = requireTimer(doc, state, index);
  if (t.send === send) return;
  checkSend(doc, state, send);
  checkNotTold(doc, state, index, t);
  doc.apply([{ op: 'replace', path: ['workflow', 'states', state, 'after', index, 'send'], value: send }], label);
}

/**
 * What happens when a case would enter the state after a moment's timer is due: `refuse` (the default, so written by
 * leaving it out) or `send`.
 *
 * @throws DesignerError `DESIGNER_TIMER_INVALID` for a timer with a duration, `DESIGNER_PATH_MISSING`.
 */
export function setTimerLate(doc: ProgramDocument, state: string, index: number, late: 'refuse' | 'send', label = `${state}: ${index + 1}`): void {
  const t = requireTimer(doc, state, index);
  const path = ['workflow', 'states', state, 'after', index, 'late'];
  if ('duration' in t) throw designerError(doc.locale, 'DESIGNER_TIMER_INVALID', {}, { pointer: '/' + path.join('/') });
  if (late === 'refuse') {
    if ('late' in t) doc.apply([{ op: 'remove', path }], label);
  } else if (t.late !== 'send') doc.apply([t.late === undefined ? { op: 'add', path, value: 'send', index: Object.keys(t).indexOf('send') } : { op: 'replace', path, value: 'send' }], label);
}

/**
 * Refuses to take away the only timer or deadline whose date the applicant is told in the state, and the only sender
 * of an event no role may send.
 */
function checkNotTold(doc: ProgramDocument, state: string, index: number, t: Json): void {
  checkTold(doc, state, index, t);
  const event = typeof t.send === 'string' ? t.send : '';
  const def = (requireWorkflow(doc).events as Json)[event];
  if (isObject(def) && names(def.roles).length === 0) {
    const others = eventSenders(doc, event).filter((x) => !(x.path[2] === state && x.path[4] === index) && x.path[4] !== 'due');
    if (others.length === 0) throw designerError(doc.locale, 'DESIGNER_EVENT_NEEDS_SENDER', { event: eventTitle(doc, event) }, { pointer: `/workflow/events/${event}/roles` });
  }
}

function checkTold(doc: ProgramDocument, state: string, index: number, t: Json): void {
  const s = requireState(doc, state);
  const due = isObject(s.applicant) ? s.applicant.due : undefined;
  if (due !== t.send) return;
  const deadlines = doc.get(['workflow', 'deadlines']);
  const after = s.after as unknown[];
  const other = after.some((o, i) => i !== index && isObject(o) && o.send === due) || Object.values(isObject(deadlines) ? deadlines : {}).some((d) => isObject(d) && d.send === due);
  if (!other) throw designerError(doc.locale, 'DESIGNER_TIMER_TOLD', { state: stateTitle(doc, state) }, { pointer: `/workflow/states/${state}/applicant/due` });
}

/**
 * Removes a timer. Refused while the applicant is told its date and no other timer or deadline of the state sends its
 * event (the `due` text would have no date).
 *
 * @throws DesignerError `DESIGNER_TIMER_TOLD`, `DESIGNER_PATH_MISSING`.
 */
export function removeTimer(doc: ProgramDocument, state: string, index: number, label = `${state}: - ${index + 1}`): void {
  const t = requireTimer(doc, state, index);
  checkNotTold(doc, state, index, t);
  const after = requireState(doc, state).after as Json[];
  doc.apply([{ op: 'remove', path: after.length === 1 ? ['workflow', 'states', state, 'after'] : ['workflow', 'states', state, 'after', index] }], label);
}
