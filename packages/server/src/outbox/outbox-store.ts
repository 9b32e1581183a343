import { randomUUID } from 'node:crypto';
import type { Database, SqlExecutor } from '../store/database.js';

/** What a change asks to send: written in the change's own transaction, delivered later by the outbox worker. */
export interface NewOutboxMessage {
  /**
   * How it is delivered: `email`, or `webhook`: an event that becomes one message per subscription of the program
   * to its type (`topic`), with the body `payload.body`, or `payload.bodyWithData` for subscriptions that asked for the
   * case data. A webhook event no subscription wants writes nothing.
   */
  kind: string;
  programId: string;
  caseId?: string;
  /** What caused it, such as a notice's id; shown in the outbox list. */
  topic: string;
  /** What the deliverer of `kind` needs. May hold personal data: it is removed once the message was sent. */
  payload: Record<string, unknown>;
  /** When it is due; default the time of the change. */
  dueAt?: Date;
  /** For a message that waits for a timer: `<timer id>@<due>`. At most one per case, topic and key; it goes when the timer stops. */
  timerKey?: string;
}

/** The key of a message that waits for a timer: the timer's id and due time, so a timer started again is another one. */
export const timerKey = (t: { id: string; due: string }) => `${t.id}@${t.due}`;

/** The outbox kind of a webhook message. */
export const WEBHOOK = 'webhook';

export type OutboxState = 'pending' | 'sent' | 'dead';

/** A message as the outbox list shows it: no payload, so the list never carries personal data. */
export interface OutboxEntry {
  /** Stable message id: every attempt sends it, so a receiver can drop repeats. */
  id: string;
  kind: string;
  programId: string;
  caseId: string | null;
  topic: string;
  /** The webhook subscription it goes to, or null (an e-mail). */
  webhookId: string | null;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  /** When the next attempt is due (pending), or was last due. */
  dueAt: string;
  sentAt: string | null;
}

/** A message a worker claimed: its entry, its payload, and the claim, which must match when the worker reports back. */
export interface ClaimedMessage extends OutboxEntry {
  payload: Record<string, unknown>;
  claimedUntil: Date;
}

export interface OutboxQuery {
  programId: string;
  state?: OutboxState;
  /** Only the messages to this webhook subscription. */
  webhookId?: string;
  /** At most this many, newest first. */
  limit: number;
}

/** The outbox table: enqueue (inside a store's transaction), claim, report, list and send again. */
export interface OutboxStore {
  /**
   * Takes up to `limit` pending messages that are due and that no live worker holds, for `leaseMs` from `now`:
   * `FOR UPDATE SKIP LOCKED`, so processes sharing the database never take the same message at once. A worker that
   * dies holding messages leaves them to whoever claims after the lease. Only messages of `kinds` (those the worker can
   * deliver): others wait for a process that can.
   */
  claim(now: Date, limit: number, leaseMs: number, kinds: readonly string[]): Promise<ClaimedMessage[]>;
  /**
   * Marks a claimed message sent and removes its payload, except a webhook body without personal data (kept, so the
   * message can be sent again); false when the claim was lost (the lease ran out and another took it). */
  sent(message: ClaimedMessage, now: Date): Promise<boolean>;
  /** Records a failed attempt: pending again at `retryAt`, or dead when `dead`. False when the claim was lost. */
  failed(message: ClaimedMessage, error: string, retryAt: Date, dead: boolean): Promise<boolean>;
  /** A program's messages, newest first. */
  list(query: OutboxQuery): Promise<OutboxEntry[]>;
  /** One message of a program, or undefined. */
  get(programId: string, id: string): Promise<OutboxEntry | undefined>;
  /** Makes a dead message pending again, due now, with its attempts counted from zero; undefined when it is not dead. */
  resend(programId: string, id: string, now: Date): Promise<OutboxEntry | undefined>;
  /**
   * Sends a webhook message again, with the same id: pending, due now, attempts from zero. Dead messages, and sent
   * ones whose body was kept (no personal data); undefined otherwise.
   */
  replay(programId: string, webhookId: string, id: string, now: Date): Promise<OutboxEntry | undefined>;
}

interface OutboxRow {
  id: string;
  kind: string;
  program_id: string;
  case_id: string | null;
  topic: string;
  webhook_id: string | null;
  payload: Record<string, unknown> | null;
  state: OutboxState;
  attempts: number;
  due_at: Date;
  claimed_until: Date | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS = 'id, kind, program_id, case_id, topic, webhook_id, state, attempts, due_at, claimed_until, last_error, created_at, sent_at';

/**
 * The INSERT that puts messages in the outbox, with its parameters named by the caller (see `enqueueParams`): `rows`
 * are notices and other messages as they are, `events` webhook events, one message per subscription that asks for
 * the event. `from` names a row that must exist for anything to be inserted, so the submission's statement can
 * carry its messages in the same round trip.
 */
export function enqueueInsert(p: { rows: string; now: string; events: string }, from?: string): string {
  const guard = from ? `${from}, ` : '';
  return `INSERT INTO cf_outbox (id, kind, program_id, case_id, topic, payload, state, due_at, created_at, timer_key, webhook_id)
    SELECT x.id, x.kind, x.program_id, x.case_id, x.topic, x.payload, 'pending', coalesce(x.due_at, ${p.now}), ${p.now}, x.timer_key, NULL
    FROM ${guard}jsonb_to_recordset(${p.rows}::jsonb) AS x(id text, kind text, program_id text, case_id text, topic text, payload jsonb, due_at timestamptz, timer_key text)
    UNION ALL
    SELECT gen_random_uuid()::text, '${WEBHOOK}', w.program_id, e.case_id, e.topic,
      jsonb_build_object('body', CASE WHEN w.include_data THEN e.body_with_data ELSE e.body END, 'personal', w.include_data),
      'pending', ${p.now}, ${p.now}, NULL, w.id
    FROM ${guard}jsonb_to_recordset(${p.events}::jsonb) AS e(program_id text, case_id text, topic text, body text, body_with_data text)
    JOIN cf_webhooks w ON w.program_id = e.program_id AND e.topic = ANY(w.events)
    ON CONFLICT (case_id, topic, timer_key) WHERE timer_key IS NOT NULL DO NOTHING`;
}

/**
 * The two JSON parameters of `enqueueInsert`: the messages as rows, and the webhook events. A webhook event for which
 * `rendered` says no goes without its bodies (null), which are then never read; only a statement that checks that no
 * subscription wants such an event may take it (the submission's does).
 */
export function enqueueParams(messages: readonly NewOutboxMessage[], rendered: (m: NewOutboxMessage) => boolean = () => true): [rows: string, events: string] {
  const rows = messages
    .filter((m) => m.kind !== WEBHOOK)
    .map((m) => ({ id: randomUUID(), kind: m.kind, program_id: m.programId, case_id: m.caseId ?? null, topic: m.topic, payload: m.payload, due_at: m.dueAt ?? null, timer_key: m.timerKey ?? null }));
  const events = messages
    .filter((m) => m.kind === WEBHOOK)
    .map((m) => {
      const bodies = rendered(m);
      return { program_id: m.programId, case_id: m.caseId ?? null, topic: m.topic, body: bodies ? m.payload['body'] : null, body_with_data: bodies ? m.payload['bodyWithData'] : null };
    });
  return [JSON.stringify(rows), JSON.stringify(events)];
}

const SQL = {
  // Messages as given, and each webhook event once for every subscription of its program to its type, in one statement.
  enqueue: `${enqueueInsert({ rows: '$1', now: '$2', events: '$3' })}
    RETURNING id`,
  claim: `UPDATE cf_outbox o SET claimed_until = $2, attempts = o.attempts + 1
    FROM (SELECT id FROM cf_outbox WHERE state = 'pending' AND due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1) AND kind = ANY($4::text[])
      ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) c
    WHERE o.id = c.id RETURNING ${COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')}, o.payload`,
  sent: `UPDATE cf_outbox SET state = 'sent', sent_at = $3, claimed_until = NULL, last_error = NULL,
      payload = CASE WHEN kind = '${WEBHOOK}' AND payload->>'personal' = 'false' THEN payload ELSE NULL END
    WHERE id = $1 AND claimed_until = $2 AND state = 'pending' RETURNING id`,
  failed: `UPDATE cf_outbox SET state = CASE WHEN $5::boolean THEN 'dead' ELSE 'pending' END, due_at = $4, claimed_until = NULL, last_error = $3
    WHERE id = $1 AND claimed_until = $2 AND state = 'pending' RETURNING id`,
  list: `SELECT ${COLUMNS} FROM cf_outbox WHERE program_id = $1 AND ($2::text IS NULL OR state = $2) AND ($4::text IS NULL OR webhook_id = $4)
    ORDER BY created_at DESC, id LIMIT $3`,
  get: `SELECT ${COLUMNS} FROM cf_outbox WHERE program_id = $1 AND id = $2`,
  resend: `UPDATE cf_outbox SET state = 'pending', attempts = 0, due_at = $3, claimed_until = NULL
    WHERE program_id = $1 AND id = $2 AND state = 'dead' RETURNING ${COLUMNS}`,
  replay: `UPDATE cf_outbox SET state = 'pending', attempts = 0, due_at = $4, claimed_until = NULL, sent_at = NULL
    WHERE program_id = $1 AND webhook_id = $2 AND id = $3 AND (state = 'dead' OR (state = 'sent' AND payload IS NOT NULL)) RETURNING ${COLUMNS}`,
} as const;

const iso = (d: Date) => d.toISOString();

function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    kind: r.kind,
    programId: r.program_id,
    caseId: r.case_id,
    topic: r.topic,
    webhookId: r.webhook_id,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: iso(r.created_at),
    dueAt: iso(r.due_at),
    sentAt: r.sent_at ? iso(r.sent_at) : null,
  };
}

/** Writes messages in the caller's transaction, due at `now`. Each gets a new id, its message id from then on. */
export async function enqueueMessages(tx: SqlExecutor, messages: readonly NewOutboxMessage[], now: Date): Promise<string[]> {
  if (messages.length === 0) return [];
  const [rows, events] = enqueueParams(messages);
  const written = await tx.query<{ id: string }>(SQL.enqueue, [rows, now, events]);
  return written.map((r) => r.id);
}

/** Case ids and message ids are UUIDs or text without NUL; anything else cannot be in the table. */
const storable = (id: string) => !id.includes('\u0000');

/** The outbox over a `Database`; the table comes with the case store's migrations. */
export function createSqlOutbox(db: Database): OutboxStore {
  return {
    async claim(now, limit, leaseMs, kinds) {
      const until = new Date(now.getTime() + leaseMs);
      const rows = await db.query<OutboxRow>(SQL.claim, [now, until, limit, kinds]);
      return rows.map((r) => ({ ...toEntry(r), payload: r.payload ?? {}, claimedUntil: r.claimed_until! }));
    },
    async sent(m, now) {
      return (await db.query(SQL.sent, [m.id, m.claimedUntil, now])).length === 1;
    },
    async failed(m, error, retryAt, dead) {
      return (await db.query(SQL.failed, [m.id, m.claimedUntil, error, retryAt, dead])).length === 1;
    },
    async list(q) {
      return (await db.query<OutboxRow>(SQL.list, [q.programId, q.state ?? null, q.limit, q.webhookId ?? null])).map(toEntry);
    },
    async get(programId, id) {
      if (!storable(id)) return undefined;
      const [row] = await db.query<OutboxRow>(SQL.get, [programId, id]);
      return row && toEntry(row);
    },
    async resend(programId, id, now) {
      if (!storable(id)) return undefined;
      const [row] = await db.query<OutboxRow>(SQL.resend, [programId, id, now]);
      return row && toEntry(row);
    },
    async replay(programId, webhookId, id, now) {
      if (!storable(id) || !storable(webhookId)) return undefined;
      const [row] = await db.query<OutboxRow>(SQL.replay, [programId, webhookId, id, now]);
      return row && toEntry(row);
    },
  };
}
