// Periods (calls, rounds, registration windows), shared limits (places with a waiting list, budgets) and the
// transitions that keep within them, and the actions of a transition in words: the parts of the format the workflow
// outline edits besides states, events and timers. Every edit is one undo step.
import type { JsonPath } from '../document/json-path.js';
import type { Operation, ProgramDocument } from '../document/program-document.js';
import { designerError } from '../errors.js';
import { uiText } from '../strings.js';
import { localesOf, textOperations, textsOf } from './form-model.js';
import { ANY_STATE_KEY, stateKeyFor, type TransitionRef } from './workflow-edit.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const keysOf = (v: unknown): string[] => (isObject(v) ? Object.keys(v) : []);
const pointerOf = (path: JsonPath) => '/' + path.join('/');

/** The title of something in the designer's language (else the program's first), for messages. */
function titleOf(doc: ProgramDocument, key: string, fallback: string): string {
  const t = textsOf(doc, key);
  return t[doc.locale] ?? Object.entries(t).find(([l]) => l.startsWith(doc.locale))?.[1] ?? Object.values(t)[0] ?? fallback;
}
const stateTitle = (doc: ProgramDocument, s: string) => titleOf(doc, `workflow.states.${s}.title`, s);
const eventTitle = (doc: ProgramDocument, e: string) => titleOf(doc, `workflow.events.${e}.title`, e);
export const periodTitle = (doc: ProgramDocument, p: string) => titleOf(doc, `periods.${p}.title`, p);
export const placesTitle = (doc: ProgramDocument, p: string) => titleOf(doc, `workflow.places.${p}`, p);

// ---- periods

/** A period as the outline shows it. */
export interface PeriodInfo {
  readonly key: string;
  /** Local date and time, `YYYY-MM-DDTHH:MM` (seconds when the file has them). */
  readonly start: string;
  readonly end: string;
  /** The IANA time zone; `Europe/Berlin` when the file leaves it out. */
  readonly timeZone: string;
  readonly title: Readonly<Record<string, string>>;
  /** What to do outside the period, per locale (`periods.<key>.instead`). */
  readonly instead: Readonly<Record<string, string>>;
}

/** When a period is: start and end as local date and time, and the zone they are read in. */
export interface PeriodTimes {
  readonly start: string;
  readonly end: string;
  readonly timeZone?: string;
}

export const DEFAULT_ZONE = 'Europe/Berlin';
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The program's periods in the file's order. */
export function periodsOf(doc: ProgramDocument): PeriodInfo[] {
  const periods = doc.get(['periods']);
  return Object.entries(isObject(periods) ? periods : {}).map(([key, p]) => {
    const o = isObject(p) ? p : {};
    return {
      key,
      start: typeof o.start === 'string' ? o.start : '',
      end: typeof o.end === 'string' ? o.end : '',
      timeZone: typeof o.timeZone === 'string' ? o.timeZone : DEFAULT_ZONE,
      title: textsOf(doc, `periods.${key}.title`),
      instead: textsOf(doc, `periods.${key}.instead`),
    };
  });
}

/** A local date and time as a comparable number, or undefined when it is no real date (30 February) or time. */
function localValue(s: string): number | undefined {
  const m = LOCAL.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return undefined;
  return t;
}

function zoneKnown(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkTimes(doc: ProgramDocument, t: PeriodTimes, pointer: string): Json {
  const start = localValue(t.start);
  const end = localValue(t.end);
  const zone = t.timeZone ?? DEFAULT_ZONE;
  if (start === undefined || end === undefined || end <= start || !zoneKnown(zone)) throw designerError(doc.locale, 'DESIGNER_PERIOD_INVALID', {}, { pointer });
  const value: Json = { start: t.start, end: t.end };
  if (t.timeZone !== undefined) value.timeZone = t.timeZone;
  return value;
}

function checkTitle(doc: ProgramDocument, title: string): string {
  const clean = title.trim();
  if (!/[\p{L}\p{N}]/u.test(clean)) throw designerError(doc.locale, 'DESIGNER_TITLE_EMPTY');
  return clean;
}

/**
 * Adds a period titled `title` in every locale, open from `start` until just before `end` in its zone, with the text
 * shown outside it (`instead`, in every locale; a locale in `insteads` gets its own). Returns its key.
 *
 * @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PERIOD_INVALID` (a date or time that is none, an end not after
 * the start, a zone the runtime does not know).
 */
export function addPeriod(doc: ProgramDocument, title: string, times: PeriodTimes, instead: string, label = `+ ${title.trim()}`): string {
  const clean = checkTitle(doc, title);
  const periods = doc.get(['periods']);
  const key = stateKeyFor(clean, keysOf(periods));
  const value = checkTimes(doc, times, `/periods/${key}`);
  const outside = instead.trim();
  if (isObject(periods)) doc.apply([{ op: 'add', path: ['periods', key], value }], label);
  else {
    const root = keysOf(doc.value);
    // The examples write `periods` after the workflow, before `submissions` and `texts`.
    const at = ['submissions', 'versions', 'notices', 'monitoring', 'texts'].map((k) => root.indexOf(k)).filter((i) => i >= 0);
    doc.apply([{ op: 'add', path: ['periods'], value: { [key]: value }, index: at.length ? Math.min(...at) : undefined }], label);
  }
  for (const l of localesOf(doc)) {
    doc.amend(textOperations(doc, l, `periods.${key}.title`, clean));
    if (outside) doc.amend(textOperations(doc, l, `periods.${key}.instead`, outside));
  }
  return key;
}

/** Changes when a period is. @throws DesignerError `DESIGNER_PERIOD_INVALID`, `DESIGNER_PATH_MISSING`. */
export function setPeriodTimes(doc: ProgramDocument, period: string, times: PeriodTimes, label = `${period}`): void {
  const old = doc.get(['periods', period]);
  if (!isObject(old)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/periods/${period}` });
  const value = checkTimes(doc, times, `/periods/${period}`);
  const ops: Operation[] = [];
  for (const k of ['start', 'end', 'timeZone'] as const) {
    if (value[k] === old[k]) continue;
    const path = ['periods', period, k];
    if (value[k] === undefined) ops.push({ op: 'remove', path });
    else if (old[k] === undefined) ops.push({ op: 'add', path, value: value[k] });
    else ops.push({ op: 'replace', path, value: value[k] });
  }
  if (ops.length) doc.apply(ops, label);
}

/**
 * Sets a period's title or the text shown outside it, in one locale. Both are needed in every locale, so an empty
 * text is refused.
 *
 * @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PATH_MISSING`.
 */
export function setPeriodText(doc: ProgramDocument, period: string, part: 'title' | 'instead', locale: string, text: string, label = `${period}: ${part} (${locale})`): void {
  if (!isObject(doc.get(['periods', period]))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/periods/${period}` });
  doc.apply(textOperations(doc, locale, `periods.${period}.${part}`, checkTitle(doc, text.replace(/\r\n?/g, '\n'))), label);
}

/** Where a period's key is written: timers, deadlines, and the program's and forms' `submissions`. */
function periodUses(doc: ProgramDocument, period: string): { path: JsonPath; what: string }[] {
  const out: { path: JsonPath; what: string }[] = [];
  const states = doc.get(['workflow', 'states']);
  for (const [s, def] of Object.entries(isObject(states) ? states : {})) {
    if (isObject(def) && Array.isArray(def.after)) def.after.forEach((t, i) => isObject(t) && t.periodEnd === period && out.push({ path: ['workflow', 'states', s, 'after', i, 'periodEnd'], what: stateTitle(doc, s) }));
  }
  const deadlines = doc.get(['workflow', 'deadlines']);
  for (const [n, d] of Object.entries(isObject(deadlines) ? deadlines : {})) if (isObject(d) && d.periodEnd === period) out.push({ path: ['workflow', 'deadlines', n, 'periodEnd'], what: n });
  const program = names(doc.get(['submissions', 'periods']));
  if (program.includes(period)) out.push({ path: ['submissions', 'periods', program.indexOf(period)], what: uiText(doc.locale, 'wflAllForms') });
  const forms = doc.get(['forms']);
  for (const f of keysOf(forms)) {
    const list = names(doc.get(['forms', f, 'submissions', 'periods']));
    if (list.includes(period)) out.push({ path: ['forms', f, 'submissions', 'periods', list.indexOf(period)], what: titleOf(doc, `forms.${f}.title`, f) });
  }
  return out;
}

/**
 * Removes a period and its texts. Refused while a timer or deadline is due at its end or submissions are accepted
 * during it: the message names the state, deadline or form.
 *
 * @throws DesignerError `DESIGNER_PERIOD_IN_USE`, `DESIGNER_PATH_MISSING`.
 */
export function removePeriod(doc: ProgramDocument, period: string, label = `- ${period}`): void {
  const periods = doc.get(['periods']);
  if (!isObject(periods) || !(period in periods)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/periods/${period}` });
  const use = periodUses(doc, period)[0];
  if (use) throw designerError(doc.locale, 'DESIGNER_PERIOD_IN_USE', { period: periodTitle(doc, period), what: use.what }, { pointer: pointerOf(use.path) });
  const ops: Operation[] = [{ op: 'remove', path: Object.keys(periods).length === 1 ? ['periods'] : ['periods', period] }];
  const texts = doc.get(['texts']);
  for (const l of keysOf(texts)) for (const k of keysOf((texts as Json)[l])) if (k.startsWith(`periods.${period}.`)) ops.push({ op: 'remove', path: ['texts', l, k] });
  doc.apply(ops, label);
}

/** The periods in which a form (or, without one, every form of the program) accepts submissions; empty for any time. */
export function submissionPeriods(doc: ProgramDocument, form?: string): string[] {
  return names(doc.get(form === undefined ? ['submissions', 'periods'] : ['forms', form, 'submissions', 'periods']));
}

/**
 * Sets the periods in which the program (without `form`) or one form accepts submissions; an empty list means at any
 * time (for a form: as the program says), and then `submissions` goes, with its `exemptRoles`.
 *
 * @throws DesignerError `DESIGNER_PATH_MISSING` (an unknown form or period).
 */
export function setSubmissionPeriods(doc: ProgramDocument, form: string | undefined, periods: readonly string[], label = `${form ?? ''}: submissions`): void {
  const base: JsonPath = form === undefined ? ['submissions'] : ['forms', form, 'submissions'];
  if (form !== undefined && !isObject(doc.get(['forms', form]))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/forms/${form}` });
  for (const p of periods) if (!isObject(doc.get(['periods', p]))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/periods/${p}` });
  const old = doc.get(base);
  const list = [...new Set(periods)];
  if (list.length === 0) {
    if (old !== undefined) doc.apply([{ op: 'remove', path: base }], label);
    return;
  }
  if (isObject(old)) {
    if (JSON.stringify(old.periods) !== JSON.stringify(list)) doc.apply([{ op: 'replace', path: [...base, 'periods'], value: list }], label);
    return;
  }
  const holder = doc.get(base.slice(0, -1));
  const keys = keysOf(holder);
  // A form's `submissions` goes before its schema; the program's after `periods`.
  const index = form === undefined ? (keys.includes('periods') ? keys.indexOf('periods') + 1 : undefined) : 0;
  doc.apply([{ op: 'add', path: base, value: { periods: list }, index }], label);
}

// ---- places

/** Places shared by the cases, as the outline shows them. */
export interface PlacesInfo {
  readonly key: string;
  readonly title: Readonly<Record<string, string>>;
  readonly count: number;
  readonly heldIn: readonly string[];
  readonly waitingList: { readonly state: string; readonly offer: string } | undefined;
  /** The transitions that take one of them (`takesPlace`). */
  readonly takenBy: readonly TransitionRef[];
}

/** The maps that take events: every state's `on` and the workflow's. */
function onMaps(doc: ProgramDocument): { state: string; path: JsonPath; on: Json }[] {
  const out: { state: string; path: JsonPath; on: Json }[] = [];
  const states = doc.get(['workflow', 'states']);
  for (const [s, def] of Object.entries(isObject(states) ? states : {})) if (isObject(def) && isObject(def.on)) out.push({ state: s, path: ['workflow', 'states', s, 'on'], on: def.on });
  const on = doc.get(['workflow', 'on']);
  if (isObject(on)) out.push({ state: ANY_STATE_KEY, path: ['workflow', 'on'], on });
  return out;
}

/** Every transition with its path and value. */
function allTransitions(doc: ProgramDocument): { ref: TransitionRef; path: JsonPath; t: Json }[] {
  const out: { ref: TransitionRef; path: JsonPath; t: Json }[] = [];
  for (const m of onMaps(doc)) {
    for (const [event, x] of Object.entries(m.on)) {
      if (Array.isArray(x)) x.forEach((t, index) => isObject(t) && out.push({ ref: { state: m.state, event, index }, path: [...m.path, event, index], t }));
      else if (isObject(x)) out.push({ ref: { state: m.state, event, index: 0 }, path: [...m.path, event], t: x });
    }
  }
  return out;
}

export function placesOf(doc: ProgramDocument): PlacesInfo[] {
  const places = doc.get(['workflow', 'places']);
  const transitions = allTransitions(doc);
  return Object.entries(isObject(places) ? places : {}).map(([key, p]) => {
    const o = isObject(p) ? p : {};
    const w = isObject(o.waitingList) ? o.waitingList : undefined;
    return {
      key,
      title: textsOf(doc, `workflow.places.${key}`),
      count: typeof o.count === 'number' ? o.count : 0,
      heldIn: names(o.heldIn),
      waitingList: w ? { state: String(w.state ?? ''), offer: String(w.offer ?? '') } : undefined,
      takenBy: transitions.filter((x) => x.t.takesPlace === key).map((x) => x.ref),
    };
  });
}

/** How many places, and the states that hold one. */
export interface PlacesSettings {
  readonly count: number;
  readonly heldIn: readonly string[];
}

function requireWorkflow(doc: ProgramDocument): Json {
  const wf = doc.get(['workflow']);
  if (!isObject(wf) || !isObject(wf.states)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/workflow' });
  return wf;
}

function checkPlaces(doc: ProgramDocument, s: PlacesSettings, pointer: string): void {
  const states = requireWorkflow(doc).states as Json;
  if (!Number.isInteger(s.count) || s.count < 1) throw designerError(doc.locale, 'DESIGNER_PLACES_INVALID', {}, { pointer: `${pointer}/count` });
  if (s.heldIn.length === 0) throw designerError(doc.locale, 'DESIGNER_PLACES_INVALID', {}, { pointer: `${pointer}/heldIn` });
  for (const st of s.heldIn) {
    const def = states[st];
    if (!isObject(def)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/states/${st}` });
  }
}

/**
 * Adds places shared by all cases, titled `title` in every locale (`workflow.places.<key>`): how many, and the states
 * that hold one (a final state may: a case that attended keeps its seat). Transitions into those states then take a place (`setTakesPlace`). Returns the key.
 *
 * @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PLACES_INVALID` (a count that is not a whole number from 1,
 * no state), `DESIGNER_PATH_MISSING`.
 */
export function addPlaces(doc: ProgramDocument, title: string, s: PlacesSettings, label = `+ ${title.trim()}`): string {
  const wf = requireWorkflow(doc);
  const clean = checkTitle(doc, title);
  const key = stateKeyFor(clean, keysOf(wf.places));
  checkPlaces(doc, s, `/workflow/places/${key}`);
  const value = { count: s.count, heldIn: [...new Set(s.heldIn)] };
  if (isObject(wf.places)) doc.apply([{ op: 'add', path: ['workflow', 'places', key], value }], label);
  else {
    const keys = Object.keys(wf);
    const after = Math.max(keys.indexOf('sums'), keys.indexOf('outcomes'), keys.indexOf('roles'));
    doc.apply([{ op: 'add', path: ['workflow', 'places'], value: { [key]: value }, index: after >= 0 ? after + 1 : undefined }], label);
  }
  for (const l of localesOf(doc)) doc.amend(textOperations(doc, l, `workflow.places.${key}`, clean));
  return key;
}

/** Changes how many places there are and which states hold one. @throws DesignerError `DESIGNER_PLACES_INVALID`, `DESIGNER_PATH_MISSING`. */
export function setPlaces(doc: ProgramDocument, places: string, s: PlacesSettings, label = `${places}`): void {
  const old = doc.get(['workflow', 'places', places]);
  if (!isObject(old)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/places/${places}` });
  checkPlaces(doc, s, `/workflow/places/${places}`);
  const w = isObject(old.waitingList) ? old.waitingList : undefined;
  if (w && s.heldIn.includes(String(w.state))) throw designerError(doc.locale, 'DESIGNER_PLACES_INVALID', {}, { pointer: `/workflow/places/${places}/waitingList/state` });
  const ops: Operation[] = [];
  if (old.count !== s.count) ops.push({ op: 'replace', path: ['workflow', 'places', places, 'count'], value: s.count });
  const heldIn = [...new Set(s.heldIn)];
  if (JSON.stringify(old.heldIn) !== JSON.stringify(heldIn)) ops.push({ op: 'replace', path: ['workflow', 'places', places, 'heldIn'], value: heldIn });
  if (ops.length) doc.apply(ops, label);
}

/** Sets the title of places in one locale. @throws DesignerError `DESIGNER_TITLE_EMPTY`, `DESIGNER_PATH_MISSING`. */
export function setPlacesTitle(doc: ProgramDocument, places: string, locale: string, title: string, label = `${places} (${locale})`): void {
  if (!isObject(doc.get(['workflow', 'places', places]))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/places/${places}` });
  doc.apply(textOperations(doc, locale, `workflow.places.${places}`, checkTitle(doc, title)), label);
}

/**
 * Sets (or with `undefined` removes) the waiting list of places: the open state, holding none of them, in which cases
 * wait, and the event the system sends the longest-waiting case when a place is free.
 *
 * @throws DesignerError `DESIGNER_PLACES_INVALID` (a final state or one that holds a place), `DESIGNER_PATH_MISSING`.
 */
export function setWaitingList(doc: ProgramDocument, places: string, list: { state: string; offer: string } | undefined, label = `${places}: waiting list`): void {
  const old = doc.get(['workflow', 'places', places]);
  if (!isObject(old)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/places/${places}` });
  const path = ['workflow', 'places', places, 'waitingList'];
  if (list === undefined) {
    if (old.waitingList !== undefined) doc.apply([{ op: 'remove', path }], label);
    return;
  }
  const wf = requireWorkflow(doc);
  const st = (wf.states as Json)[list.state];
  if (!isObject(st)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/states/${list.state}` });
  if (!isObject((wf.events as Json | undefined)?.[list.offer])) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/events/${list.offer}` });
  if (st.final === true || names(old.heldIn).includes(list.state)) throw designerError(doc.locale, 'DESIGNER_PLACES_INVALID', {}, { pointer: `${pointerOf(path)}/state` });
  const value = { state: list.state, offer: list.offer };
  if (isObject(old.waitingList)) {
    if (JSON.stringify(old.waitingList) !== JSON.stringify(value)) doc.apply([{ op: 'replace', path, value }], label);
  } else doc.apply([{ op: 'add', path, value }], label);
}

/**
 * Removes places and their title. Refused while a transition takes one of them: the message names its event.
 *
 * @throws DesignerError `DESIGNER_PLACES_IN_USE`, `DESIGNER_PATH_MISSING`.
 */
export function removePlaces(doc: ProgramDocument, places: string, label = `- ${places}`): void {
  const all = doc.get(['workflow', 'places']);
  if (!isObject(all) || !(places in all)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/places/${places}` });
  const taking = allTransitions(doc).find((x) => x.t.takesPlace === places);
  if (taking) throw designerError(doc.locale, 'DESIGNER_PLACES_IN_USE', { places: placesTitle(doc, places), what: eventTitle(doc, taking.ref.event) }, { pointer: pointerOf(taking.path) });
  const ops: Operation[] = [{ op: 'remove', path: Object.keys(all).length === 1 ? ['workflow', 'places'] : ['workflow', 'places', places] }];
  for (const l of keysOf(doc.get(['texts']))) ops.push(...textOperations(doc, l, `workflow.places.${places}`, undefined));
  doc.apply(ops, label);
}

// ---- limits on transitions

/** What a transition keeps within: places it takes, or a budget it stays within. */
export type TransitionLimit = { readonly kind: 'places'; readonly places: string } | { readonly kind: 'budget'; readonly sum: string };

function transitionAt(doc: ProgramDocument, ref: TransitionRef): { path: JsonPath; t: Json } {
  const found = allTransitions(doc).find((x) => x.ref.state === ref.state && x.ref.event === ref.event && x.ref.index === ref.index);
  if (!found) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: pointerOf([...(ref.state === ANY_STATE_KEY ? ['workflow', 'on'] : ['workflow', 'states', ref.state, 'on']), ref.event]) });
  return found;
}

/** A transition's limits as the file has them. */
export function limitsOf(doc: ProgramDocument, ref: TransitionRef): TransitionLimit[] {
  const { t } = transitionAt(doc, ref);
  const out: TransitionLimit[] = [];
  if (typeof t.takesPlace === 'string') out.push({ kind: 'places', places: t.takesPlace });
  if (typeof t.withinBudget === 'string') out.push({ kind: 'budget', sum: t.withinBudget });
  return out;
}

/**
 * Lets a transition be taken only while one of the places is free (`takesPlace`: "while the confirmed are fewer than
 * the places"), or with `undefined` always. It must lead into a state that holds them; when none is free the next
 * transition for the event is tried (a waiting list, say).
 *
 * @throws DesignerError `DESIGNER_LIMIT_INVALID` (a target that holds none of the places), `DESIGNER_PATH_MISSING`.
 */
export function setTakesPlace(doc: ProgramDocument, ref: TransitionRef, places: string | undefined, label = `${ref.state}: ${ref.event}`): void {
  const ops = takesPlaceOps(doc, ref, places);
  if (ops.length) doc.apply(ops, label);
}

function takesPlaceOps(doc: ProgramDocument, ref: TransitionRef, places: string | undefined): Operation[] {
  const { path, t } = transitionAt(doc, ref);
  if (places === undefined) {
    return t.takesPlace !== undefined ? [{ op: 'remove', path: [...path, 'takesPlace'] }] : [];
  }
  const p = doc.get(['workflow', 'places', places]);
  if (!isObject(p)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/places/${places}` });
  if (typeof t.target !== 'string' || !names(p.heldIn).includes(t.target)) {
    const why = uiText(doc.locale, 'wflLimitNotHeld', { places: placesTitle(doc, places), state: typeof t.target === 'string' ? stateTitle(doc, t.target) : uiText(doc.locale, 'wfeStays') });
    throw designerError(doc.locale, 'DESIGNER_LIMIT_INVALID', { why }, { pointer: `${pointerOf(path)}/takesPlace` });
  }
  if (t.takesPlace === places) return [];
  const keys = Object.keys(t);
  const at = Math.max(keys.indexOf('target'), keys.indexOf('guard')) + 1;
  return [t.takesPlace === undefined ? { op: 'add', path: [...path, 'takesPlace'], value: places, index: at } : { op: 'replace', path: [...path, 'takesPlace'], value: places }];
}

/**
 * Lets a transition be taken only while the sum's amounts, with this case's, stay within its budget (`withinBudget`:
 * "while granted plus this amount is at most the budget"), or with `undefined` always. The sum must have a budget.
 *
 * @throws DesignerError `DESIGNER_LIMIT_INVALID` (a sum without a budget), `DESIGNER_PATH_MISSING`.
 */
export function setWithinBudget(doc: ProgramDocument, ref: TransitionRef, sum: string | undefined, label = `${ref.state}: ${ref.event}`): void {
  const ops = budgetOps(doc, ref, sum);
  if (ops.length) doc.apply(ops, label);
}

function budgetOps(doc: ProgramDocument, ref: TransitionRef, sum: string | undefined): Operation[] {
  const { path, t } = transitionAt(doc, ref);
  if (sum === undefined) {
    return t.withinBudget !== undefined ? [{ op: 'remove', path: [...path, 'withinBudget'] }] : [];
  }
  const s = doc.get(['workflow', 'sums', sum]);
  if (!isObject(s)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/sums/${sum}` });
  if (typeof s.budget !== 'number') throw designerError(doc.locale, 'DESIGNER_LIMIT_INVALID', { why: uiText(doc.locale, 'wflLimitNoBudget', { sum: titleOf(doc, `workflow.outcomes.${String(s.outcome)}`, sum) }) }, { pointer: `/workflow/sums/${sum}/budget` });
  if (t.withinBudget === sum) return [];
  const keys = Object.keys(t);
  const at = Math.max(keys.indexOf('target'), keys.indexOf('guard'), keys.indexOf('takesPlace')) + 1;
  return [t.withinBudget === undefined ? { op: 'add', path: [...path, 'withinBudget'], value: sum, index: at } : { op: 'replace', path: [...path, 'withinBudget'], value: sum }];
}

/**
 * Sets the states in which a case's amount no longer counts in a sum (`releasedIn`), or with an empty list none.
 *
 * @throws DesignerError `DESIGNER_PATH_MISSING` (an unknown sum or state).
 */
export function setSumReleasedIn(doc: ProgramDocument, sum: string, states: readonly string[], label = `${sum}: released`): void {
  const s = doc.get(['workflow', 'sums', sum]);
  if (!isObject(s)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/sums/${sum}` });
  for (const st of states) if (!isObject(doc.get(['workflow', 'states', st]))) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/states/${st}` });
  const list = [...new Set(states)];
  const path = ['workflow', 'sums', sum, 'releasedIn'];
  if (list.length === 0) {
    if (s.releasedIn !== undefined) doc.apply([{ op: 'remove', path }], label);
  } else if (s.releasedIn === undefined) doc.apply([{ op: 'add', path, value: list }], label);
  else if (JSON.stringify(s.releasedIn) !== JSON.stringify(list)) doc.apply([{ op: 'replace', path, value: list }], label);
}

/** A report sum as the outline shows it. */
export interface SumInfo {
  readonly key: string;
  readonly outcome: string;
  readonly field: string;
  readonly budget: number | undefined;
  readonly currency: string | undefined;
  readonly releasedIn: readonly string[];
}

export function sumsOf(doc: ProgramDocument): SumInfo[] {
  const sums = doc.get(['workflow', 'sums']);
  return Object.entries(isObject(sums) ? sums : {}).map(([key, s]) => {
    const o = isObject(s) ? s : {};
    return {
      key,
      outcome: String(o.outcome ?? ''),
      field: String(o.field ?? ''),
      budget: typeof o.budget === 'number' ? o.budget : undefined,
      currency: typeof o.currency === 'string' ? o.currency : undefined,
      releasedIn: names(o.releasedIn),
    };
  });
}

// ---- actions in words

/**
 * What a transition's actions do, one sentence each, in the designer's language, with titles for outcomes and
 * deadlines' events: copying the event's data (`merge`), setting a field (`set`), recording an outcome, starting and
 * stopping a deadline. The outline shows them and never rewrites them (the outcome has its own control).
 */
export function actionWords(doc: ProgramDocument, actions: unknown, textLocale: string): string[] {
  if (!Array.isArray(actions)) return [];
  const text = (key: string, fallback: string) => {
    const t = doc.get(['texts', textLocale, key]);
    return typeof t === 'string' ? t : fallback;
  };
  return actions.filter(isObject).map((a) => {
    switch (a.type) {
      case 'merge':
        return uiText(doc.locale, 'wflActionMerge');
      case 'set': {
        const field = String(a.field);
        const form = keysOf(doc.get(['forms'])).find((f) => typeof doc.get(['texts', textLocale, `forms.${f}.fields.${field}.label`]) === 'string');
        const label = form ? text(`forms.${form}.fields.${field}.label`, field) : field;
        const value = typeof a.value === 'string' ? (form ? text(`forms.${form}.fields.${field}.options.${a.value}`, a.value) : a.value) : a.value === null ? '—' : typeof a.value === 'object' ? uiText(doc.locale, 'wflSeveral') : String(a.value);
        return uiText(doc.locale, 'wflActionSet', { field: label, value });
      }
      case 'outcome':
        return uiText(doc.locale, 'wflActionOutcome', { outcome: text(`workflow.outcomes.${String(a.outcome)}`, String(a.outcome)) });
      case 'startDeadline':
      case 'cancelDeadline': {
        const d = doc.get(['workflow', 'deadlines', String(a.deadline)]);
        const send = isObject(d) && typeof d.send === 'string' ? text(`workflow.events.${d.send}.title`, d.send) : String(a.deadline);
        return uiText(doc.locale, a.type === 'startDeadline' ? 'wflActionStart' : 'wflActionCancel', { event: send });
      }
      default:
        return String(a.type);
    }
  });
}

/**
 * Sets what a transition keeps within, in one step: one of the places (`takesPlace`), a budget (`withinBudget`), or
 * with `undefined` nothing; the other kind goes. The checks are `setTakesPlace`'s and `setWithinBudget`'s.
 *
 * @throws DesignerError `DESIGNER_LIMIT_INVALID`, `DESIGNER_PATH_MISSING`.
 */
export function setTransitionLimit(doc: ProgramDocument, ref: TransitionRef, limit: TransitionLimit | undefined, label = `${ref.state}: ${ref.event}`): void {
  const wantPlaces = limit?.kind === 'places' ? limit.places : undefined;
  const wantSum = limit?.kind === 'budget' ? limit.sum : undefined;
  // Both are checked before anything changes; the second is worked out again on the text the first made.
  const first = takesPlaceOps(doc, ref, wantPlaces);
  budgetOps(doc, ref, wantSum);
  if (first.length) {
    doc.apply(first, label);
    const second = budgetOps(doc, ref, wantSum);
    if (second.length) doc.amend(second);
  } else {
    const second = budgetOps(doc, ref, wantSum);
    if (second.length) doc.apply(second, label);
  }
}
