import type { ProgramCheck } from './context.js';
import { listFormFields } from '../../runtime/form-fields.js';
import type { JsonSchema } from '../../model/program.js';
import { escapePointerToken } from '../../runtime/pointer.js';
import { noticeFieldsOf, noticePlaceholders, noticeTextKeys } from '../../runtime/notices.js';
import { isDuration } from '../../runtime/duration.js';

/**
 * Notices: the applicant's address is an e-mail field of a form (outside lists), every notice has an address to go
 * to, a state it waits for exists, a timer it comes before exists (with a duration longer than zero), and its texts use only the placeholders there are — `{data.<field>}` only for
 * fields of the program's forms — with a subject on one line (a line break would start a new mail header).
 */
export const checkNotices: ProgramCheck = (ctx) => {
  const def = ctx.definition;
  const notices = def.notices;
  if (!notices) return;
  const fields = new Map<string, { email: boolean; inList: boolean }>();
  for (const form of Object.values(def.forms)) {
    for (const f of listFormFields(form.schema as JsonSchema)) {
      const prior = fields.get(f.path);
      const email = f.schema['type'] === 'string' && f.schema['format'] === 'email';
      fields.set(f.path, { email: email || (prior?.email ?? false), inList: f.inList && (prior?.inList ?? true) });
    }
  }
  if (notices.applicantAddress !== undefined) {
    const field = fields.get(notices.applicantAddress);
    if (!field?.email || field.inList) ctx.report('NOTICE_ADDRESS_INVALID', '/notices/applicantAddress', { field: notices.applicantAddress });
  }
  const states = def.workflow ? Object.keys(def.workflow.states) : [];
  const texts = def.texts ?? {};
  // The events timers send: those of the states' `after` timers and of the deadlines.
  const timerEvents = new Set<string>();
  for (const state of Object.values(def.workflow?.states ?? {})) for (const timer of state.after ?? []) timerEvents.add(timer.send);
  for (const deadline of Object.values(def.workflow?.deadlines ?? {})) timerEvents.add(deadline.send);
  for (const [id, notice] of Object.entries(notices.messages)) {
    const at = `/notices/messages/${id}`;
    if (notice.to === 'applicant' && notices.applicantAddress === undefined) ctx.report('NOTICE_ADDRESS_MISSING', `${at}/to`, { notice: id, key: 'applicantAddress' });
    if (notice.to === 'office' && notices.office === undefined) ctx.report('NOTICE_ADDRESS_MISSING', `${at}/to`, { notice: id, key: 'office' });
    if (typeof notice.on === 'object' && 'state' in notice.on && !states.includes(notice.on.state)) ctx.report('WORKFLOW_STATE_UNKNOWN', `${at}/on/state`, { state: notice.on.state });
    if (typeof notice.on === 'object' && 'before' in notice.on) {
      if (!timerEvents.has(notice.on.before)) ctx.report('NOTICE_TIMER_UNKNOWN', `${at}/on/before`, { event: notice.on.before, events: [...timerEvents].join(', ') });
      if (!isDuration(notice.on.by) || !/[1-9]/.test(notice.on.by)) ctx.report('WORKFLOW_DURATION_INVALID', `${at}/on/by`, { value: notice.on.by });
    }
    for (const locale of def.locales) {
      for (const key of [noticeTextKeys.subject(id), noticeTextKeys.text(id), noticeTextKeys.html(id)]) {
        const text = texts[locale]?.[key];
        if (typeof text !== 'string') continue;
        const pointer = `/texts/${locale}/${escapePointerToken(key)}`;
        const used = noticeFieldsOf(text);
        for (const name of used.unknown) ctx.report('NOTICE_PLACEHOLDER_UNKNOWN', pointer, { placeholder: name, placeholders: [...noticePlaceholders.map((p) => `{${p}}`), '{data.<field>}'] });
        for (const field of used.fields) {
          const known = fields.get(field);
          if (!known || known.inList) ctx.report('NOTICE_FIELD_UNKNOWN', pointer, { field });
        }
        if (key === noticeTextKeys.subject(id) && /[\r\n]/.test(text)) ctx.report('NOTICE_SUBJECT_MULTILINE', pointer, { key });
      }
    }
  }
};
