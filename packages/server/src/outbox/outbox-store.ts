import { randomUUID } from 'node:crypto';
import type { Database, SqlExecutor } from '../store/database.js';

/** What a change asks to send: written in the change's own transaction, delivered later by the outbox worker. */
export interface NewOutboxMessage {
  /** How it is delivered: `email` now; webhooks later. */
  kind: string;
  programId: string;
  caseId?: string;
  /** What caused it, such as a notice's id; shown in the outbox list. */
  topic: string;
  /** What the deliverer of `kind` needs. May hold personal data: it is removed once the message was sent. */
  payload: Record<string, unknown>;
}

export type OutboxState = 'pending' | 'sent' | 'dead';

/** A message as the outbox list shows it: no payload, so the list never carries personal data. */
export interface OutboxEntry {
  /** Stable message id: every attempt sends it, so a receiver can drop repeats. */
  id: string;
  kind: string;
  programId: string;
  caseId: string | null;
  topic: string;
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
  /** At most this many, newest first. */
  limit: number;
}

/** The outbox table: enqueue (inside a store's transaction), claim, report, list and send again. */
export interface OutboxStore {
  /**
   * Takes up to `limit` pending messages that are due and that no live worker holds, for `leaseMs` from `now`:
   * `FOR UPDATE SKIP LOCKED`, so processes sharing the database never take the same message at once. A worker that
   * dies holding messages leaves them to whoever claims after the lease.
   */
  claim(now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** Marks a claimed message sent and removes its payload; false when the claim was lost (the lease ran out and another took it). */
  sent(message: ClaimedMessage, now: Date): Promise<boolean>;
  /** Records a failed attempt: pending again at `retryAt`, or dead when `dead`. False when the claim was lost. */
  failed(message: ClaimedMessage, error: string, retryAt: Date, dead: boolean): Promise<boolean>;
  /** A program's messages, newest first. */
  list(query: OutboxQuery): Promise<OutboxEntry[]>;
  /** One message of a program, or undefined. */
  get(programId: string, id: string): Promise<OutboxEntry | undefined>;
  /** Makes a dead message pending again, due now, with its attempts counted from zero; undefined when it is not dead. */
  resend(programId: string, id: string, now: Date): Promise<OutboxEntry | undefined>;
}

interface OutboxRow {
  id: string;
  kind: string;
  program_id: string;
  case_id: string | null;
  topic: string;
  payload: Record<string, unknown> | null;
  state: OutboxState;
  attempts: number;
  due_at: Date;
  claimed_until: Date | null;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

const COLUMNS = 'id, kind, program_id, case_id, topic, state, attempts, due_at, claimed_until, last_error, created_at, sent_at';

const SQL = {
  enqueue: `INSERT INTO cf_outbox (id, kind, program_id, case_id, topic, payload, state, due_at, created_at)
    SELECT x.id, x.kind, x.program_id, x.case_id, x.topic, x.payload, 'pending', $2, $2
    FROM jsonb_to_recordset($1::jsonb) AS x(id text, kind text, program_id text, case_id text, topic text, payload jsonb)`,
  claim: `UPDATE cf_outbox o SET claimed_until = $2, attempts = o.attempts + 1
    FROM (SELECT id FROM cf_outbox WHERE state = 'pending' AND due_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
      ORDER BY due_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) c
    WHERE o.id = c.id RETURNING ${COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')}, o.payload`,
  sent: `UPDATE cf_outbox SET state = 'sent', sent_at = $3, payload = NULL, claimed_until = NULL, last_error = NULL
    WHERE id = $1 AND claimed_until = $2 AND state = 'pending' RETURNING id`,
  failed: `UPDATE cf_outbox SET state = CASE WHEN $5::boolean THEN 'dead' ELSE 'pending' END, due_at = $4, claimed_until = NULL, last_error = $3
    WHERE id = $1 AND claimed_until = $2 AND state = 'pending' RETURNING id`,
  list: `SELECT ${COLUMNS} FROM cf_outbox WHERE program_id = $1 AND ($2::text IS NULL OR state = $2) ORDER BY created_at DESC, id LIMIT $3`,
  get: `SELECT ${COLUMNS} FROM cf_outbox WHERE program_id = $1 AND id = $2`,
  resend: `UPDATE cf_outbox SET state = 'pending', attempts = 0, due_at = $3, claimed_until = NULL
    WHERE program_id = $1 AND id = $2 AND state = 'dead' RETURNING ${COLUMNS}`,
} as const;

const iso = (d: Date) => d.toISOString();

function toEntry(r: OutboxRow): OutboxEntry {
  return {
    id: r.id,
    kind: r.kind,
    programId: r.program_id,
    caseId: r.case_id,
    topic: r.topic,
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
  const rows = messages.map((m) => ({ id: randomUUID(), kind: m.kind, program_id: m.programId, case_id: m.caseId ?? null, topic: m.topic, payload: m.payload }));
  await tx.query(SQL.enqueue, [JSON.stringify(rows), now]);
  return rows.map((r) => r.id);
}

/** Case ids and message ids are UUIDs or text without NUL; anything else cannot be in the table. */
const storable = (id: string) => !id.includes('\u0000');

/** The outbox over a `Database`; the table comes with the case store's migrations. */
export function createSqlOutbox(db: Database): OutboxStore {
  return {
    async claim(now, limit, leaseMs) {
      const until = new Date(now.getTime() + leaseMs);
      const rows = await db.query<OutboxRow>(SQL.claim, [now, until, limit]);
      return rows.map((r) => ({ ...toEntry(r), payload: r.payload ?? {}, claimedUntil: r.claimed_until! }));
    },
    async sent(m, now) {
      return (await db.query(SQL.sent, [m.id, m.claimedUntil, now])).length === 1;
    },
    async failed(m, error, retryAt, dead) {
      return (await db.query(SQL.failed, [m.id, m.claimedUntil, error, retryAt, dead])).length === 1;
    },
    async list(q) {
      return (await db.query<OutboxRow>(SQL.list, [q.programId, q.state ?? null, q.limit])).map(toEntry);
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
  };
}
