import { randomBytes, randomUUID } from 'node:crypto';
import type { Database } from '../store/database.js';

/** The event types a webhook can subscribe to. */
export const WEBHOOK_EVENTS = ['case.submitted', 'case.state_changed', 'case.deadline_fired', 'case.closed'] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** A subscription as the API shows it: never its secret. */
export interface WebhookSubscription {
  id: string;
  programId: string;
  /** Where the events are sent (POST). */
  url: string;
  events: WebhookEventType[];
  /** Whether the body carries the case data (personal data); false: ids, reference and state only. */
  includeData: boolean;
  /** The integrator's words for it, such as the receiving system's name. */
  description: string;
  createdBy: string;
  createdAt: string;
}

export interface NewWebhook {
  programId: string;
  url: string;
  events: readonly WebhookEventType[];
  includeData: boolean;
  description: string;
  createdBy: string;
  now: Date;
}

/** The subscriptions of the programs, with the secrets that sign what is sent to them. */
export interface WebhookStore {
  /** Stores a subscription with a new secret (`whsec_` and 32 random bytes in base64) and returns both; the secret is never given out again. */
  create(w: NewWebhook): Promise<{ webhook: WebhookSubscription; secret: string }>;
  /** A program's subscriptions, oldest first. */
  list(programId: string): Promise<WebhookSubscription[]>;
  get(programId: string, id: string): Promise<WebhookSubscription | undefined>;
  /** The subscription with its secret, for the sender; undefined once it was removed. */
  target(id: string): Promise<{ url: string; secret: string } | undefined>;
  /** Removes a subscription; false when there was none. What was not yet sent to it is not sent. */
  remove(programId: string, id: string): Promise<boolean>;
}

interface WebhookRow {
  id: string;
  program_id: string;
  url: string;
  events: WebhookEventType[];
  include_data: boolean;
  description: string;
  created_by: string;
  created_at: Date;
}

const COLUMNS = 'id, program_id, url, events, include_data, description, created_by, created_at';

const SQL = {
  create: `INSERT INTO cf_webhooks (id, program_id, url, events, include_data, secret, description, created_by, created_at)
    VALUES ($1, $2, $3, $4::text[], $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
  list: `SELECT ${COLUMNS} FROM cf_webhooks WHERE program_id = $1 ORDER BY created_at, id`,
  get: `SELECT ${COLUMNS} FROM cf_webhooks WHERE program_id = $1 AND id = $2`,
  target: 'SELECT url, secret FROM cf_webhooks WHERE id = $1',
  // What waits for a removed subscription goes with it; what was sent or gave up stays listed in the outbox.
  remove: `WITH w AS (DELETE FROM cf_webhooks WHERE program_id = $1 AND id = $2 RETURNING id)
    , o AS (DELETE FROM cf_outbox x USING w WHERE x.webhook_id = w.id AND x.state = 'pending')
    SELECT id FROM w`,
} as const;

const toSubscription = (r: WebhookRow): WebhookSubscription => ({
  id: r.id,
  programId: r.program_id,
  url: r.url,
  events: r.events,
  includeData: r.include_data,
  description: r.description,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

const storable = (id: string) => !id.includes('\u0000');

export function createSqlWebhooks(db: Database): WebhookStore {
  return {
    async create(w) {
      const secret = `whsec_${randomBytes(32).toString('base64')}`;
      const [row] = await db.query<WebhookRow>(SQL.create, [randomUUID(), w.programId, w.url, [...w.events], w.includeData, secret, w.description, w.createdBy, w.now]);
      return { webhook: toSubscription(row!), secret };
    },
    async list(programId) {
      return (await db.query<WebhookRow>(SQL.list, [programId])).map(toSubscription);
    },
    async get(programId, id) {
      if (!storable(id)) return undefined;
      const [row] = await db.query<WebhookRow>(SQL.get, [programId, id]);
      return row && toSubscription(row);
    },
    async target(id) {
      const [row] = await db.query<{ url: string; secret: string }>(SQL.target, [id]);
      return row;
    },
    async remove(programId, id) {
      if (!storable(id)) return false;
      return (await db.query(SQL.remove, [programId, id])).length === 1;
    },
  };
}
