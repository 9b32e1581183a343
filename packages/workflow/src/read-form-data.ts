import type { Program, ValidationError } from '@civicflow/core';
import { maxErrors, validate } from '@civicflow/core';
import type { CaseData } from './case.js';
import type { Refusal } from './errors.js';
import { frozenCopy } from './clone-json.js';
import { refuse } from './refuse.js';

/** The outcome of checking an event's data: the validated data (a deeply frozen copy), or core's errors (at most `maxErrors`, and how many more). */
export type FormDataResult = { ok: true; data: CaseData } | { ok: false; errors: ValidationError[]; moreErrors?: number };

const EMPTY: CaseData = Object.freeze({}) as CaseData;

/**
 * Checks the data an event (or a new case) brings against its form with core's `validate`. Without a form, only
 * no data (or an empty object) is accepted. The data returned is a deeply frozen copy, so a case never shares objects
 * with its caller and needs no second walk to freeze it.
 */
export function readFormData(program: Program, formId: string | undefined, data: unknown, locale: string): FormDataResult {
  if (formId === undefined) {
    const empty = data === undefined || (typeof data === 'object' && data !== null && !Array.isArray(data) && Object.keys(data).length === 0);
    if (empty) return { ok: true, data: EMPTY };
    const message = locale.startsWith('de') ? 'Zu diesem Schritt gehören keine Angaben.' : 'This step takes no data.';
    return { ok: false, errors: [{ pointer: '', code: 'noFormData', message, params: {} }] };
  }
  const result = validate(program, formId, data ?? {}, { locale });
  if (!result.valid) return result.moreErrors ? { ok: false, errors: result.errors, moreErrors: result.moreErrors } : { ok: false, errors: result.errors };
  return { ok: true, data: frozenCopy(result.data) as CaseData };
}

/**
 * The `DATA_INVALID` refusal for data that does not match its form: the message counts every problem, `details`
 * lists core's errors and, when there were more than `maxErrors`, how many more (`moreErrors`) and the cap.
 */
export function refuseData(read: Extract<FormDataResult, { ok: false }>, locale: string, event: string, details: Record<string, unknown>): Refusal {
  const more = read.moreErrors ?? 0;
  const listed = more > 0 ? { errors: read.errors, moreErrors: more, maxErrors } : { errors: read.errors };
  return refuse('DATA_INVALID', locale, { event, count: read.errors.length + more }, { ...details, ...listed });
}
