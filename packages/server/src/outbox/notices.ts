import type { Program } from '@civicflow/core';
import { addDuration, NOTICE_PLACEHOLDER, noticeTextKeys, workflowTextKeys, type NoticePlaceholder } from '@civicflow/core';
import type { AuditEntry, Case, Timer } from '@civicflow/workflow';
import type { NewOutboxMessage } from './outbox-store.js';
import { timerKey } from './outbox-store.js';
import { webhookEvents } from '../webhooks/webhook-events.js';
import type { OutboxOf } from '../store/case-store.js';
import type { ApplicantTokens } from '../auth/applicant-tokens.js';

/** The outbox kind of an e-mail. */
export const EMAIL = 'email';

/** An e-mail as the outbox keeps it until it is sent. */
export interface EmailPayload {
  to: string;
  locale: string;
  subject: string;
  text: string;
  html?: string;
}

export interface NoticeLinks {
  /** The link to the applicant's status page for a case (it carries their token), or undefined when the server has no page. */
  status?: (caseId: string) => string | undefined;
}

/** What happened to a case, as notices see it: whether a submission opened it, and the audit entries it got. */
export interface NoticeTrigger {
  submitted: boolean;
  entries: readonly AuditEntry[];
  case: Case;
  reference: string;
  /** The language the applicant submitted in (recorded on the case), for notices to them. */
  locale?: string;
  /** The timers that ran before the change; a timer in `case.timers` and not here started with it. Default none. */
  timersBefore?: readonly Timer[];
}

type NoticeOn = NonNullable<Program['definition']['notices']>['messages'][string]['on'];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** A value of the case data as words: text and numbers as they are; groups and lists are no words, so none. */
function readField(data: unknown, path: string): string | undefined {
  let value: unknown = data;
  for (const name of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/** A single e-mail address as a form's `format: email` lets through, with nothing that could add a header or a second recipient. */
const ADDRESS = /^[^@\s<>,;"()]+@[^@\s<>,;"()]+$/;

/**
 * Fills a notice's text: each placeholder's value, escaped for HTML when `html`; a value in a subject on one line.
 * Only the fields the text names come into it.
 */
function fill(template: string, values: Record<NoticePlaceholder, string>, data: unknown, mode: 'subject' | 'text' | 'html'): string {
  return template.replace(NOTICE_PLACEHOLDER, (whole, name: string) => {
    const raw = name.startsWith('data.') ? (readField(data, name.slice(5)) ?? '') : Object.hasOwn(values, name) ? values[name as NoticePlaceholder] : whole;
    if (mode === 'html') return escapeHtml(raw);
    return mode === 'subject' ? raw.replace(/[\r\n\u2028\u2029]+/g, ' ') : raw;
  });
}

/** The language of a notice: the one asked for if the program has it, else the program's first. */
function localeFor(program: Program, asked: string | undefined): string {
  return asked !== undefined && program.locales.includes(asked) ? asked : program.locales[0]!;
}

/**
 * When a notice goes for this trigger: [undefined] once now (a submission, or a case entering its state); for a
 * notice before a deadline, once for each timer that started with the change and sends its event, due `by` before it.
 */
function firings(on: NoticeOn, trigger: NoticeTrigger): (Timer | undefined)[] {
  if (on === 'submitted') return trigger.submitted ? [undefined] : [];
  if ('state' in on) return trigger.entries.some((e) => e.to === on.state && e.from !== on.state) ? [undefined] : [];
  const before = new Set((trigger.timersBefore ?? []).map(timerKey));
  return trigger.case.timers.filter((t) => t.event === on.before && !before.has(timerKey(t)));
}

/** The moment `by` before `due`: the same calendar arithmetic as timers, backwards. */
function before(due: string, by: string): Date {
  const at = new Date(due);
  return new Date(2 * at.getTime() - addDuration(at, by).getTime());
}

/**
 * The e-mails a program's notices send for what happened to a case, rendered now (the words the case had when it
 * happened), one outbox message each. A notice to the applicant of a case without an address is left out.
 */
export function noticeMessages(program: Program, trigger: NoticeTrigger, links: NoticeLinks = {}): NewOutboxMessage[] {
  const notices = program.definition.notices;
  if (!notices) return [];
  const out: NewOutboxMessage[] = [];
  const c = trigger.case;
  for (const [id, notice] of Object.entries(notices.messages)) {
    const timers = firings(notice.on, trigger);
    if (timers.length === 0) continue;
    const toApplicant = notice.to === 'applicant';
    const to = toApplicant ? (notices.applicantAddress !== undefined ? readField(c.data, notices.applicantAddress) : undefined) : notices.office;
    if (to === undefined || !ADDRESS.test(to)) continue;
    const locale = localeFor(program, toApplicant ? trigger.locale : undefined);
    const texts = program.definition.texts?.[locale] ?? {};
    const values: Record<NoticePlaceholder, string> = {
      reference: trigger.reference,
      // The link opens the case with the applicant's token: it goes to the applicant only.
      statusLink: (toApplicant && links.status?.(c.id)) || '',
      state: texts[workflowTextKeys.stateTitle(c.state)] ?? '',
      program: program.definition.title[locale] ?? '',
    };
    const html = texts[noticeTextKeys.html(id)];
    const payload: EmailPayload = {
      to,
      locale,
      subject: fill(texts[noticeTextKeys.subject(id)] ?? '', values, c.data, 'subject'),
      text: fill(texts[noticeTextKeys.text(id)] ?? '', values, c.data, 'text'),
      ...(html !== undefined ? { html: fill(html, values, c.data, 'html') } : {}),
    };
    for (const timer of timers) {
      const waits = timer && typeof notice.on === 'object' && 'by' in notice.on ? { dueAt: before(timer.due, notice.on.by), timerKey: timerKey(timer) } : {};
      out.push({ kind: EMAIL, programId: program.id, caseId: c.id, topic: id, payload: { ...payload }, ...waits });
    }
  }
  return out;
}

/**
 * What a change to a case sends, for the store: the notices of the program version the case runs (to the applicant in
 * the language they submitted in), and its webhook events.
 */
export function noticesOnChange(programOf: (ref: string) => Program | undefined, links: NoticeLinks): OutboxOf {
  return (before, applied) => {
    const last = applied[applied.length - 1];
    const program = programOf(before.program);
    if (!last || !program) return [];
    const trigger: NoticeTrigger = {
      submitted: false,
      entries: applied.map((a) => a.audit),
      case: last.case,
      reference: before.reference,
      timersBefore: before.timers,
      ...(before.locale ? { locale: before.locale } : {}),
    };
    return [...noticeMessages(program, trigger, links), ...webhookEvents(program, before.reference, applied)];
  };
}

/** What a submission sends: its notices and its webhook events (`case.submitted`, and any step the opening took). */
export function messagesOnSubmission(program: Program, opened: Case, reference: string, locale: string, links: NoticeLinks): NewOutboxMessage[] {
  const trigger: NoticeTrigger = { submitted: true, entries: opened.history, case: opened, reference, locale };
  return [...noticeMessages(program, trigger, links), ...webhookEvents(program, reference, opened.history.map((audit) => ({ audit, case: opened })))];
}

/** The links of notices: the status page with the applicant's token in place of `{token}`, when the server has such a page. */
export function createNoticeLinks(tokens: ApplicantTokens, statusUrl: string | undefined): NoticeLinks {
  if (statusUrl === undefined || !statusUrl.includes('{token}')) return {};
  return { status: (caseId) => statusUrl.replace('{token}', encodeURIComponent(tokens.issue(caseId))) };
}
