import type { Refusal, RefusalCode } from '@civicflow/workflow';
import type { Api } from '@civicflow/core';
import type { AppContext } from './http-context.js';
import { ServerError } from '../errors.js';

// Refusals about who may act are 403; about the request's content 422; about where the case stands 409.
const STATUS: Readonly<Record<RefusalCode, number>> = {
  ROLE_FORBIDDEN: 403,
  DATA_INVALID: 422,
  EVENT_UNKNOWN: 422,
  GUARD_FAILED: 422,
  TIMER_UNKNOWN: 422,
  TIMER_NOT_DUE: 422,
  EVENT_NOT_ALLOWED: 409,
  CASE_FINAL: 409,
  TIMERS_DUE: 409,
  STATE_UNKNOWN: 409,
  PROGRAM_MISMATCH: 409,
  PERIOD_NOT_STARTED: 409,
  PERIOD_ENDED: 409,
  TIMER_PASSED: 409,
  NO_PLACE_FREE: 409,
  BUDGET_EXCEEDED: 409,
};

/** The HTTP status for a workflow refusal. */
export function refusalStatus(code: RefusalCode): number {
  return STATUS[code] ?? 422;
}

/**
 * The JSON answer to a refused event: `EVENT_REFUSED` with the workflow's own code, message (already in the
 * request's locale) and details. A forbidden role without any credentials is a 401 instead.
 */
export function refusalResponse(c: AppContext, refusal: Refusal, anonymous: boolean, extra: Record<string, unknown> = {}): Response {
  const status = refusal.code === 'ROLE_FORBIDDEN' && anonymous ? 401 : refusalStatus(refusal.code);
  if (status === 401) c.header('WWW-Authenticate', 'Bearer');
  c.set('errorCode', `EVENT_REFUSED:${refusal.code}`);
  const err = new ServerError('EVENT_REFUSED', refusal.message, status, { reason: refusal.message });
  const body: Api.ErrorAnswer = { code: err.code, message: refusal.message, refusal: { code: refusal.code, message: refusal.message, details: refusal.details }, ...extra };
  return c.json(body, status as 400);
}
