import type { Program } from '@civicflow/core';
import type { AuditEntry, Case } from '@civicflow/workflow';
import type { NewOutboxMessage } from '../outbox/outbox-store.js';
import type { WebhookEventType } from './webhook-store.js';
import { WEBHOOK } from '../outbox/outbox-store.js';
import { ERASURE_EVENT, RETENTION_EVENT } from '../store/case-store.js';

/** What a webhook's body says about a case: no personal data, unless the subscription asked for `data`. */
export interface WebhookCaseData {
  program: string;
  version: string;
  caseId: string;
  reference: string;
  /** The state after the step. */
  state: string;
  /** The state before, or null when the case was opened. */
  previousState: string | null;
  /** The workflow event of the step, or null when the case was opened. */
  event: string | null;
  /** The timer that sent the event, for `case.deadline_fired`. */
  timer?: string;
  /** The case version the step produced: steps of one case in this order. */
  seq: number;
  /** The case data after the step, only for subscriptions with `includeData`. */
  data?: unknown;
}

/** The body of a webhook message (Standard Webhooks' shape: `type`, `timestamp`, `data`). */
export interface WebhookBody {
  type: WebhookEventType;
  /** When the step happened (ISO 8601, UTC). */
  timestamp: string;
  data: WebhookCaseData;
}

/** A step of a case: its audit entry and the case after it. */
export interface CaseStep {
  audit: AuditEntry;
  case: Case;
}

/** The event types a step amounts to, in this order: submitted, deadline fired, state changed, closed. */
export function webhookTypesOf(program: Program, entry: AuditEntry): WebhookEventType[] {
  if (entry.event === RETENTION_EVENT || entry.event === ERASURE_EVENT) return [];
  if (entry.from === null) return ['case.submitted'];
  const types: WebhookEventType[] = [];
  if (entry.timer !== undefined) types.push('case.deadline_fired');
  if (entry.to !== entry.from) {
    types.push('case.state_changed');
    const states = program.definition.workflow?.states;
    if (states && Object.hasOwn(states, entry.to) && states[entry.to]!.final) types.push('case.closed');
  }
  return types;
}

/**
 * The webhook events of a case's steps, one outbox event per step and type. Each carries two bodies: without the case
 * data and with it; the outbox writes one message per subscription with the body it asked for. A body is rendered when
 * it is first read, so an event that the store knows no subscription wants (most of them, on most servers) costs no
 * serialising of the case data.
 */
export function webhookEvents(program: Program, reference: string, steps: readonly CaseStep[]): NewOutboxMessage[] {
  const out: NewOutboxMessage[] = [];
  for (const { audit, case: c } of steps) {
    for (const type of webhookTypesOf(program, audit)) {
      const data: WebhookCaseData = {
        program: program.id,
        version: program.version,
        caseId: c.id,
        reference,
        state: audit.to,
        previousState: audit.from,
        event: audit.event,
        ...(audit.timer !== undefined ? { timer: audit.timer } : {}),
        seq: audit.seq,
      };
      const body = (withData: boolean): string => JSON.stringify({ type, timestamp: audit.at, data: withData ? { ...data, data: c.data } : data } satisfies WebhookBody);
      out.push({ kind: WEBHOOK, programId: program.id, caseId: c.id, topic: type, payload: renderedOnRead(body) });
    }
  }
  return out;
}

/** A webhook event's payload whose `body` and `bodyWithData` are rendered on their first read, then kept. */
function renderedOnRead(render: (withData: boolean) => string): { readonly body: string; readonly bodyWithData: string } {
  let body: string | undefined;
  let bodyWithData: string | undefined;
  return {
    get body() {
      return (body ??= render(false));
    },
    get bodyWithData() {
      return (bodyWithData ??= render(true));
    },
  };
}
