import type { JsonPath } from '../document/json-path.js';
import type { Operation, ProgramDocument } from '../document/program-document.js';
import { designerError } from '../errors.js';
import { uiText } from '../strings.js';
import { localesOf, textOperations, textsOf } from './form-model.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The built-in sender of the events of timers, deadlines and waiting lists; never declared in `roles`. */
export const SYSTEM_ROLE = 'system';

/** A role of the workflow: its key and its title per locale (`workflow.roles.<key>`). */
export interface RoleInfo {
  readonly key: string;
  readonly title: Readonly<Record<string, string>>;
}

/** An event as a row of the table: who may send it. */
export interface EventRow {
  readonly event: string;
  /** The event's title per locale (`workflow.events.<event>.title`). */
  readonly title: Readonly<Record<string, string>>;
  /** The declared roles that may send it, in the order the definition lists them. */
  readonly roles: readonly string[];
  /** Whether the system sends it too (a state's timer, a deadline or a waiting list names it). */
  readonly system: boolean;
  /** Whether the workflow-level `on` takes it in every open state. */
  readonly anyState: boolean;
}

export interface RolesMatrix {
  readonly roles: readonly RoleInfo[];
  readonly events: readonly EventRow[];
}

/** The events the system sends: those of state timers, deadlines and waiting lists. */
function systemEvents(wf: Json): Set<string> {
  const out = new Set<string>();
  if (isObject(wf.states)) {
    for (const st of Object.values(wf.states)) if (isObject(st) && Array.isArray(st.after)) for (const t of st.after) if (isObject(t) && typeof t.send === 'string') out.add(t.send);
  }
  if (isObject(wf.deadlines)) for (const d of Object.values(wf.deadlines)) if (isObject(d) && typeof d.send === 'string') out.add(d.send);
  if (isObject(wf.places)) for (const p of Object.values(wf.places)) if (isObject(p) && isObject(p.waitingList) && typeof p.waitingList.offer === 'string') out.add(p.waitingList.offer);
  return out;
}

function workflowOf(doc: ProgramDocument): Json | undefined {
  const wf = doc.get(['workflow']);
  return isObject(wf) ? wf : undefined;
}

/** Who may send what: the declared roles (columns) and every event (rows), from the working copy as it is now. */
export function rolesMatrix(doc: ProgramDocument): RolesMatrix {
  const wf = workflowOf(doc);
  if (!wf) return { roles: [], events: [] };
  const roles = names(wf.roles).map((key) => ({ key, title: textsOf(doc, `workflow.roles.${key}`) }));
  const system = systemEvents(wf);
  const wide = isObject(wf.on) ? wf.on : {};
  const events = Object.entries(isObject(wf.events) ? wf.events : {}).map(([event, def]) => ({
    event,
    title: textsOf(doc, `workflow.events.${event}.title`),
    roles: names(isObject(def) ? def.roles : undefined).filter((r) => r !== SYSTEM_ROLE),
    system: system.has(event),
    anyState: Object.hasOwn(wide, event),
  }));
  return { roles, events };
}

function requireRole(doc: ProgramDocument, role: string): string[] {
  const roles = names(workflowOf(doc)?.roles);
  if (!roles.includes(role)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/workflow/roles' });
  return roles;
}

/** The title a person reads for a role or an event: the designer's language, else the program's first locale, else the key. */
function titleOf(doc: ProgramDocument, key: string, fallback: string): string {
  const t = textsOf(doc, key);
  return t[doc.locale] ?? Object.entries(t).find(([l]) => l.startsWith(doc.locale))?.[1] ?? Object.values(t)[0] ?? fallback;
}

/**
 * Lets a role send an event, or no longer. Taking away the last sender of an event the system never sends is
 * refused (nobody could send it: `WORKFLOW_EVENT_NO_SENDER`).
 *
 * @throws DesignerError `DESIGNER_EVENT_NEEDS_SENDER`, `DESIGNER_PATH_MISSING`.
 */
export function setRoleAllowed(doc: ProgramDocument, event: string, role: string, allowed: boolean, label = `${event}: ${role}`): void {
  requireRole(doc, role);
  const at: JsonPath = ['workflow', 'events', event, 'roles'];
  const list = doc.get(at);
  if (!Array.isArray(list)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: `/workflow/events/${event}/roles` });
  const i = list.indexOf(role);
  if (allowed === (i !== -1)) return;
  if (allowed) {
    // In the order of the columns, so the definition reads like the table.
    const order = names(workflowOf(doc)!.roles);
    const after = list.findIndex((r) => typeof r === 'string' && order.indexOf(r) > order.indexOf(role));
    const index = after === -1 ? list.length : after;
    doc.apply([{ op: 'add', path: [...at, index], value: role, index }], label);
    return;
  }
  const sentBySystem = systemEvents(workflowOf(doc)!).has(event);
  if (list.length === 1 && !sentBySystem) {
    throw designerError(doc.locale, 'DESIGNER_EVENT_NEEDS_SENDER', { event: titleOf(doc, `workflow.events.${event}.title`, event) }, { pointer: `/workflow/events/${event}/roles` });
  }
  doc.apply([{ op: 'remove', path: [...at, i] }], label);
}

/** Letters and digits of a title a designer types, umlauts written out, as words: the parts of a key made from it. */
export function wordsOf(title: string): string[] {
  const plain = title
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '');
  return plain.replace(/^[^A-Za-z]+/, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
}

/**
 * A role key from the title a designer types: letters and digits of the title in lower camel case, umlauts written
 * out (`Jobcenter-Fachkraft` → `jobcenterFachkraft`, `Büro` → `buero`), never `system`, and numbered when taken.
 */
export function roleKeyFor(title: string, taken: readonly string[]): string {
  const words = wordsOf(title);
  let key = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (key === '') key = 'role';
  key = key.slice(0, 60);
  const used = new Set([...taken, SYSTEM_ROLE]);
  if (!used.has(key)) return key;
  let n = 2;
  while (used.has(`${key}${n}`)) n++;
  return `${key}${n}`;
}

/**
 * Adds a role (after the last) titled `title` in every locale of the program (a locale given in `titles` gets its own),
 * allowed to send no event yet. Returns its key, derived from the title.
 *
 * @throws DesignerError `DESIGNER_ROLE_TITLE_EMPTY` for a title without letters or digits, `DESIGNER_PATH_MISSING`
 * for a program without a workflow.
 */
export function addRole(doc: ProgramDocument, title: string, titles: Readonly<Record<string, string>> = {}, label = `+ ${title.trim()}`): string {
  const wf = workflowOf(doc);
  if (!wf || !Array.isArray(wf.roles)) throw designerError(doc.locale, 'DESIGNER_PATH_MISSING', {}, { pointer: '/workflow/roles' });
  const clean = title.trim();
  if (!/[\p{L}\p{N}]/u.test(clean)) throw designerError(doc.locale, 'DESIGNER_ROLE_TITLE_EMPTY');
  const key = roleKeyFor(clean, names(wf.roles));
  doc.apply([{ op: 'add', path: ['workflow', 'roles', wf.roles.length], value: key }], label);
  // Each locale's text is worked out on the text the one before made; one undo takes back the role and its titles.
  for (const locale of localesOf(doc)) doc.amend(textOperations(doc, locale, `workflow.roles.${key}`, titles[locale]?.trim() || clean));
  return key;
}

/**
 * Sets a role's title in one locale. An empty title is refused: every locale needs one (`TEXT_MISSING`).
 *
 * @throws DesignerError `DESIGNER_ROLE_TITLE_EMPTY`, `DESIGNER_PATH_MISSING`.
 */
export function setRoleTitle(doc: ProgramDocument, role: string, locale: string, title: string, label = `${role} (${locale})`): void {
  requireRole(doc, role);
  if (title.trim() === '') throw designerError(doc.locale, 'DESIGNER_ROLE_TITLE_EMPTY');
  doc.apply(textOperations(doc, locale, `workflow.roles.${role}`, title.trim()), label);
}

/** What removing a role took with it, for the designer to say. */
export interface RoleRemoval {
  /** The events the role may no longer send. */
  readonly events: readonly string[];
  /** Other lists it left: `open`, `personalDataRoles`, `exemptRoles`, `identityRoles`. */
  readonly lists: readonly string[];
}

/** The lists outside the events that name roles: where each is, and whether it may become empty. */
function roleLists(doc: ProgramDocument): { name: string; path: JsonPath; mayBeEmpty: boolean }[] {
  const out: { name: string; path: JsonPath; mayBeEmpty: boolean }[] = [];
  if (Array.isArray(doc.get(['workflow', 'open', 'roles']))) out.push({ name: 'open', path: ['workflow', 'open', 'roles'], mayBeEmpty: false });
  if (Array.isArray(doc.get(['workflow', 'personalDataRoles']))) out.push({ name: 'personalDataRoles', path: ['workflow', 'personalDataRoles'], mayBeEmpty: true });
  if (Array.isArray(doc.get(['submissions', 'exemptRoles']))) out.push({ name: 'exemptRoles', path: ['submissions', 'exemptRoles'], mayBeEmpty: true });
  const forms = doc.get(['forms']);
  if (isObject(forms)) {
    for (const f of Object.keys(forms)) {
      const path = ['forms', f, 'submissions', 'exemptRoles'];
      if (Array.isArray(doc.get(path))) out.push({ name: 'exemptRoles', path, mayBeEmpty: true });
    }
  }
  if (Array.isArray(doc.get(['monitoring', 'identityRoles']))) out.push({ name: 'identityRoles', path: ['monitoring', 'identityRoles'], mayBeEmpty: false });
  return out;
}

/**
 * Removes a role in one step, as a column goes from a table: from `roles`, from every event it may send, from the
 * other lists that name it (who opens a case, who sees personal data, who may submit outside the periods, who reads
 * the identity table) and its title in every locale. Undo brings all of it back. Refused, changing nothing, when the
 * program would be left without something only this role does: the last role, the only sender of an event the
 * system does not send, the only role that may open a case or read the identity table.
 *
 * @throws DesignerError `DESIGNER_ROLE_LAST`, `DESIGNER_ROLE_NEEDED`, `DESIGNER_PATH_MISSING`.
 */
export function removeRole(doc: ProgramDocument, role: string, label = `- ${role}`): RoleRemoval {
  const roles = requireRole(doc, role);
  const role_ = titleOf(doc, `workflow.roles.${role}`, role);
  if (roles.length === 1) throw designerError(doc.locale, 'DESIGNER_ROLE_LAST', { role: role_ });
  const wf = workflowOf(doc)!;
  const system = systemEvents(wf);
  const ops: Operation[] = [];
  const events: string[] = [];
  for (const [event, def] of Object.entries(isObject(wf.events) ? wf.events : {})) {
    const list = isObject(def) && Array.isArray(def.roles) ? def.roles : [];
    const i = list.indexOf(role);
    if (i === -1) continue;
    if (list.length === 1 && !system.has(event)) {
      const what = titleOf(doc, `workflow.events.${event}.title`, event);
      throw designerError(doc.locale, 'DESIGNER_ROLE_NEEDED', { role: role_, what }, { pointer: `/workflow/events/${event}/roles` });
    }
    events.push(event);
    ops.push({ op: 'remove', path: ['workflow', 'events', event, 'roles', i] });
  }
  const lists: string[] = [];
  for (const l of roleLists(doc)) {
    const list = doc.get(l.path) as unknown[];
    const i = list.indexOf(role);
    if (i === -1) continue;
    if (list.length === 1 && !l.mayBeEmpty) {
      throw designerError(doc.locale, 'DESIGNER_ROLE_NEEDED', { role: role_, what: uiText(doc.locale, l.name === 'open' ? 'rolesNeedOpen' : 'rolesNeedIdentity') }, { pointer: '/' + l.path.join('/') });
    }
    if (!lists.includes(l.name)) lists.push(l.name);
    ops.push({ op: 'remove', path: [...l.path, i] });
  }
  for (const locale of localesOf(doc)) ops.push(...textOperations(doc, locale, `workflow.roles.${role}`, undefined));
  ops.push({ op: 'remove', path: ['workflow', 'roles', roles.indexOf(role)] });
  doc.apply(ops, label);
  return { events, lists };
}

/**
 * Renames a role's key everywhere it is written, in one step: `roles`, every event it may send, the other lists that
 * name it (who opens a case, who sees personal data, who may submit outside the periods, who reads the identity
 * table) and the key of its title in every locale. Accounts and saved walks outside the program keep the old key.
 *
 * @throws DesignerError `DESIGNER_KEY_INVALID` (not letters, digits and underscores starting with a letter),
 * `DESIGNER_KEY_TAKEN` (another role's key, or the built-in `system`), `DESIGNER_PATH_MISSING`.
 */
export function renameRole(doc: ProgramDocument, from: string, to: string, label = `${from} → ${to}`): void {
  const roles = requireRole(doc, from);
  if (from === to) return;
  const pointer = `/workflow/roles/${roles.indexOf(from)}`;
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(to)) throw designerError(doc.locale, 'DESIGNER_KEY_INVALID', { key: to }, { key: to, pointer });
  if (roles.includes(to) || to === SYSTEM_ROLE) throw designerError(doc.locale, 'DESIGNER_KEY_TAKEN', { key: to }, { key: to, pointer });
  const wf = workflowOf(doc)!;
  const ops: Operation[] = [{ op: 'replace', path: ['workflow', 'roles', roles.indexOf(from)], value: to }];
  for (const [event, def] of Object.entries(isObject(wf.events) ? wf.events : {})) {
    const i = isObject(def) ? names(def.roles).indexOf(from) : -1;
    if (i !== -1) ops.push({ op: 'replace', path: ['workflow', 'events', event, 'roles', i], value: to });
  }
  for (const l of roleLists(doc)) {
    const i = (doc.get(l.path) as unknown[]).indexOf(from);
    if (i !== -1) ops.push({ op: 'replace', path: [...l.path, i], value: to });
  }
  const texts = doc.get(['texts']);
  for (const locale of Object.keys(isObject(texts) ? texts : {})) {
    if (doc.get(['texts', locale, `workflow.roles.${from}`]) !== undefined) ops.push({ op: 'rename', path: ['texts', locale], from: `workflow.roles.${from}`, to: `workflow.roles.${to}` });
  }
  doc.apply(ops, label);
}
