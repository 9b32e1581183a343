import type { Program } from '@civicflow/core';
import type { Actor, Case } from './case.js';
import type { ApplyResult } from './errors.js';
import type { ApplyOptions } from './apply-event.js';
import { freezeNew } from './freeze-new.js';
import { openingAudit } from './opening-audit.js';
import { readFormData, refuseData } from './read-form-data.js';
import { refusalWord } from './refuse.js';

/** The state a case of a program without a workflow is opened in and stays in. */
export const SUBMITTED_STATE = 'submitted';

/**
 * Opens a case of a program without a workflow, which only collects submissions: the case holds the checked data of
 * `form`, stays in `submitted` (`SUBMITTED_STATE`) and takes no events. Its one history entry has the shape
 * `createCase` gives, so both kinds of case read alike. Who may submit is the caller's decision; no roles are checked.
 * Programs with a workflow open cases with `createCase`.
 *
 * @param now The time the case is opened at.
 * @returns The case and its audit entry, or a `DATA_INVALID` refusal with core's validation errors.
 * @throws core's `UnknownFormError` for a form the program lacks.
 */
export function createSubmittedCase(program: Program, form: string, id: string, actor: Actor, now: Date, data: unknown, options: ApplyOptions = {}): ApplyResult {
  const locale = options.locale ?? program.locales[0] ?? 'en';
  const read = readFormData(program, form, data, locale);
  if (!read.ok) return refuseData(read, locale, refusalWord('openCase', locale), { event: null, form });
  const audit = openingAudit(actor, now.toISOString(), SUBMITTED_STATE, read.data);
  const created: Case = freezeNew({ id, program: program.ref, state: SUBMITTED_STATE, data: read.data, version: 1, timers: [], outcomes: [], history: [audit] });
  return { ok: true, case: created, audit };
}
