import type { Api, ValidationError } from '@civicflow/core/runtime';
import { CaseApiError } from './case-api.js';

/** Why the server did not apply an event, as the inbox shows it. */
export type EventRefusal =
  | { readonly kind: 'conflict'; readonly expected: number | undefined; readonly actual: number | undefined }
  | { readonly kind: 'invalid'; readonly errors: readonly ValidationError[]; readonly message: string }
  | { readonly kind: 'refused'; readonly status: number | undefined; readonly message: string };

const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/**
 * Sorts an error of `POST /v1/cases/{id}/events`: a version conflict (409 `VERSION_CONFLICT`: someone else
 * changed the case), invalid data (the workflow's `DATA_INVALID`, with core's errors for the form's fields), or
 * any other refusal with the server's message (already in the caseworker's language).
 */
export function eventRefusal(error: unknown): EventRefusal {
  if (!(error instanceof CaseApiError)) return { kind: 'refused', status: undefined, message: error instanceof Error ? error.message : String(error) };
  const body = error.body;
  if (error.code === 'VERSION_CONFLICT') {
    const details = (body['details'] ?? {}) as Record<string, unknown>;
    return { kind: 'conflict', expected: num(details['expected'] ?? body['expected']), actual: num(details['actual'] ?? body['actual']) };
  }
  const refusal = (body['refusal'] ?? {}) as Partial<Api.Refusal>;
  if (refusal.code === 'DATA_INVALID' && Array.isArray(refusal.details?.errors)) {
    return { kind: 'invalid', errors: refusal.details.errors as ValidationError[], message: refusal.message ?? error.message };
  }
  return { kind: 'refused', status: error.status, message: refusal.message ?? error.message };
}
