import type { ProgramCheck } from './context.js';
import { applicantNoteKey, applicantNoteParts, DUE_DATE_PLACEHOLDER } from '../../runtime/applicant-notes.js';
import { escapePointerToken as esc } from '../../runtime/pointer.js';
import { fallbackLocaleOf } from './check-texts.js';

/** `workflow.states.<state>.<rest>`: a text of a state. */
const STATE_TEXT = /^workflow\.states\.([^.]+)\.(.+)$/;

/**
 * What the applicant is told per state (`workflow.states.<state>.applicant.*` and the state's `applicant.due`):
 * texts only for declared states and known parts; a `due` text only where a timer gives its date, and with a place
 * for the date; and the timer named is one that can run in the state. That every text is given in every locale is
 * `checkTexts`' rule for all keys.
 */
export const checkApplicantNotes: ProgramCheck = (ctx) => {
  const def = ctx.definition;
  const states = def.workflow?.states ?? {};
  const texts = def.texts ?? {};
  const parts: readonly string[] = applicantNoteParts;
  for (const [locale, entries] of Object.entries(texts)) {
    for (const [key, value] of Object.entries(entries)) {
      const m = STATE_TEXT.exec(key);
      if (!m) continue;
      const [, state, rest] = m as unknown as [string, string, string];
      const at = `/texts/${esc(locale)}/${esc(key)}`;
      if (!Object.hasOwn(states, state)) {
        ctx.report('TEXT_STATE_UNKNOWN', at, { key, state });
        continue;
      }
      if (!rest.startsWith('applicant.')) continue;
      const part = rest.slice('applicant.'.length);
      if (!parts.includes(part)) ctx.report('TEXT_KEY_UNKNOWN', at, { key, parts: parts.join(', ') });
      else if (part === 'due' && states[state]?.applicant === undefined) ctx.report('TEXT_DUE_WITHOUT_TIMER', at, { key, state });
      else if (part === 'due' && !value.includes(DUE_DATE_PLACEHOLDER)) ctx.report('TEXT_DATE_MISSING', at, { key, locale });
    }
  }
  const deadlineEvents = new Set(Object.values(def.workflow?.deadlines ?? {}).map((d) => d.send));
  for (const [name, state] of Object.entries(states)) {
    const event = state.applicant?.due;
    if (event === undefined) continue;
    const own = (state.after ?? []).some((t) => t.send === event);
    // Entering a final state stops every timer, so no date could be shown there.
    if (state.final === true || (!own && !deadlineEvents.has(event))) {
      ctx.report('WORKFLOW_DUE_UNKNOWN', `/workflow/states/${esc(name)}/applicant/due`, { state: name, event });
    }
    // The text that carries the date is needed; missing in only some locales is checkTexts' report.
    const key = applicantNoteKey(name, 'due');
    if (!def.locales.some((l) => texts[l]?.[key])) {
      for (const locale of def.locales.filter((l) => fallbackLocaleOf(l, def.locales) === undefined)) ctx.report('TEXT_MISSING', `/texts/${esc(locale)}/${esc(key)}`, { key, locale });
    }
  }
};
