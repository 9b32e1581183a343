import { randomBytes } from 'node:crypto';
import type { Applied, AuditEntry, Case, LimitUsage } from '@civicflow/workflow';
import { MIGRATION_EVENT } from '@civicflow/workflow';
import type { Database, SqlExecutor } from './database.js';
import type {
  CaseChange,
  CaseDataPage,
  CasePage,
  CaseSort,
  CaseSummary,
  Colleague,
  OfficeAuditEntry,
  ChangeResult,
  CaseQuery,
  CaseStore,
  LimitsOf,
  OutboxOf,
  NewSubmission,
  ProgramLimits,
  StoreReport,
  StoredCase,
  SubmissionReceipt,
} from './case-store.js';
import { DUE_SOON_DAYS, ERASURE_EVENT, RETENTION_EVENT } from './case-store.js';
import { ProgramsChangedError, ServerError, VersionConflictError } from '../errors.js';
import { migrate } from './migrations.js';
import { createSqlOutbox, enqueueInsert, enqueueMessages, enqueueParams, timerKey, WEBHOOK, type NewOutboxMessage } from '../outbox/outbox-store.js';
import { createWebhookInterest, type WebhookInterest } from '../webhooks/webhook-interest.js';
import { createSqlProgramVersions, PUBLISHED_MARK } from './program-version-store.js';
import { createSqlProgramDrafts } from './program-draft-store.js';
import { createStoreHealth } from './store-health.js';
import { createSqlSessions } from './session-store.js';
import { createSqlWebhooks } from '../webhooks/webhook-store.js';
import { createSqlCaseMigrations } from '../migrations-of-cases/case-migration-store.js';

/** @internal A row of cf_cases as the store reads it. */
export interface CaseRow {
  id: string;
  reference: string;
  program_id: string;
  program_version: string;
  state: string;
  version: number;
  data: Case['data'];
  timers: Case['timers'];
  outcomes: Case['outcomes'];
  created_at: Date;
  updated_at: Date;
  data_changed_at: Date;
  anonymised_at: Date | null;
  erased_at: Date | null;
  assignee: string | null;
  assigned_by: string | null;
  assigned_at: Date | null;
  locale: string | null;
}

/** The one row the submission statement answers (see `SQL.submit`). */
interface SubmitRow {
  case_id: string | null;
  mark: string;
  topics: string[];
  unrendered: boolean;
}

interface SubmissionRow {
  case_id: string;
  reference: string;
  request_hash: string | null;
  erased: boolean;
}

/** @internal */
export const CASE_COLUMNS =
  'id, reference, program_id, program_version, state, version, data, timers, outcomes, created_at, updated_at, data_changed_at, anonymised_at, erased_at';
/** @internal */
export const READ_COLUMNS = `${CASE_COLUMNS}, assignee, assigned_by, assigned_at, locale`;

// Every statement of both stores. PGlite and PostgreSQL run exactly these.
const SQL = {
  findSubmission: `SELECT s.case_id, c.reference, s.request_hash, c.erased_at IS NOT NULL AS erased FROM cf_submissions s JOIN cf_cases c ON c.id = s.case_id
    WHERE s.program_id = $1 AND s.idempotency_key = $2`,
  // A submission in one statement (so one transaction), with the notices and webhook events it sends. The key's row
  // comes first: a concurrent repeat of the key waits on it until this commits, then inserts nothing and reads the
  // stored receipt. Foreign keys are checked at the end of the statement, when the case exists.
  //
  // With $18, a mark of the published program versions, it stores only while the store's mark is still that one: the
  // process decided on the submission knowing every published version (it then needs no look of its own before).
  //
  // A webhook event in $17 may come without its bodies (NULL) when the process believed that no subscription wants
  // it (see WebhookInterest): if one does, made by any process, nothing is stored and the process renders the
  // bodies and runs the statement again. The subscriptions are read in the statement's own snapshot, the one its
  // outbox insert uses, so an event is never written without its body.
  //
  // It always answers one row: the new case's id (NULL when nothing was stored), the store's mark, the topics of $17
  // that a subscription wants, and whether one of those came without its bodies.
  submit: `WITH m AS (
      SELECT ${PUBLISHED_MARK} AS mark FROM cf_program_versions
    ), w AS (
      SELECT coalesce(array_agg(DISTINCT e.topic), '{}') AS topics, coalesce(bool_or(e.body IS NULL), false) AS unrendered
      FROM jsonb_to_recordset($17::jsonb) AS e(program_id text, topic text, body text)
      JOIN cf_webhooks x ON x.program_id = e.program_id AND e.topic = ANY(x.events)
    ), s AS (
      INSERT INTO cf_submissions (program_id, idempotency_key, request_hash, form_id, case_id, created_at)
      SELECT $1, $2, $3, $4, $5, $6 FROM m, w WHERE ($18::text IS NULL OR m.mark = $18::text) AND NOT w.unrendered
      ON CONFLICT (program_id, idempotency_key) DO NOTHING RETURNING case_id
    ), c AS (
      INSERT INTO cf_cases (${CASE_COLUMNS}, locale)
      SELECT s.case_id, $7, $1, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $6, $6, $6, NULL, NULL, $15 FROM s
    ), e AS (
      INSERT INTO cf_case_events (case_id, seq, at, actor, event, from_state, to_state, entry)
      SELECT s.case_id, (h->>'seq')::int, (h->>'at')::timestamptz, h->>'actor', h->>'event', h->>'from', h->>'to', h
      FROM s, jsonb_array_elements($14::jsonb) AS h
    ), t AS (
      INSERT INTO cf_timers (case_id, timer_id, event, program_id, due_at)
      SELECT s.case_id, x.id, x.event, $1, x.due::timestamptz FROM s, jsonb_to_recordset($12::jsonb) AS x(id text, event text, due text)
    ), o AS (
      ${enqueueInsert({ rows: '$16', now: '$6', events: '$17' }, 's')}
    )
    SELECT s.case_id, m.mark, w.topics, w.unrendered FROM m CROSS JOIN w LEFT JOIN s ON true`,
  // A case with its whole history, in one round trip; with FOR UPDATE the case row is locked (not its events).
  getCase: `SELECT ${READ_COLUMNS},
      COALESCE((SELECT jsonb_agg(e.entry ORDER BY e.seq) FROM cf_case_events e WHERE e.case_id = c.id), '[]'::jsonb) AS history
    FROM cf_cases c WHERE id = $1`,
  // Writes what changes applied to a case read at version $2, in one statement: the row (only if still at $2), the
  // audit entries, and the timers (those no longer running deleted, the others inserted or moved).
  writeCase: `WITH u AS (
      UPDATE cf_cases SET state = $3, version = $4, data = $5::jsonb, timers = $6::jsonb, outcomes = $7::jsonb,
        updated_at = $8, data_changed_at = CASE WHEN $9::boolean THEN $8 ELSE data_changed_at END,
        anonymised_at = CASE WHEN $10::boolean THEN $8 ELSE anonymised_at END,
        erased_at = CASE WHEN $13::boolean THEN $8 ELSE erased_at END
      WHERE id = $1 AND version = $2 RETURNING id, program_id
    ), e AS (
      INSERT INTO cf_case_events (case_id, seq, at, actor, event, from_state, to_state, entry)
      SELECT u.id, (h->>'seq')::int, (h->>'at')::timestamptz, h->>'actor', h->>'event', h->>'from', h->>'to', h
      FROM u, jsonb_array_elements($11::jsonb) AS h
    ), d AS (
      DELETE FROM cf_timers t USING u WHERE t.case_id = u.id AND NOT (t.timer_id = ANY($12::text[]))
    ), i AS (
      INSERT INTO cf_timers (case_id, timer_id, event, program_id, due_at)
      SELECT u.id, x.id, x.event, u.program_id, x.due::timestamptz FROM u, jsonb_to_recordset($6::jsonb) AS x(id text, event text, due text)
      ON CONFLICT (case_id, timer_id) DO UPDATE SET event = EXCLUDED.event, due_at = EXCLUDED.due_at
    ), n AS (
      -- a notice before a deadline goes with its timer: one that stopped (or fired) before the notice went out
      DELETE FROM cf_outbox x USING u WHERE x.case_id = u.id AND x.timer_key IS NOT NULL AND x.state = 'pending' AND NOT (x.timer_key = ANY($14::text[]))
    ), o AS (
      -- an erased case sends nothing more: what it had not sent yet goes with its data
      DELETE FROM cf_outbox x USING u WHERE x.case_id = u.id AND x.state <> 'sent' AND $13::boolean
    ), f AS (
      -- an erased case keeps its keys (a retry must not open it again) but no digest of the erased data
      UPDATE cf_submissions s SET request_hash = NULL FROM u WHERE s.case_id = u.id AND $13::boolean
    ), m AS (
      -- the data a migration kept from before goes when retention or an erasure removes data from the case
      UPDATE cf_case_migrations x SET before = NULL FROM u WHERE x.case_id = u.id AND x.before IS NOT NULL AND ($10::boolean OR $13::boolean)
    )
    SELECT id FROM u`,
  assign: `UPDATE cf_cases c SET assignee = $2, assigned_by = CASE WHEN $2::text IS NULL THEN NULL ELSE $3::text END,
      assigned_at = CASE WHEN $2::text IS NULL THEN NULL ELSE $4::timestamptz END
    FROM (SELECT id, assignee FROM cf_cases WHERE id = $1 FOR UPDATE) AS old
    WHERE c.id = old.id RETURNING c.id, c.program_id, old.assignee AS before, c.assignee, c.assigned_by, c.assigned_at`,
  colleagues: 'SELECT actor, name FROM cf_people WHERE roles && $1::text[] ORDER BY name, actor',
  audit: 'INSERT INTO cf_office_audit (at, actor, program_id, case_id, action, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)',
  officeAudit: 'SELECT at, actor, program_id, case_id, action, detail FROM cf_office_audit WHERE program_id = $1 ORDER BY seq LIMIT $2',
  // Locks the cases (not the timer rows), so the scheduler takes locks in the same order as an event does: case first.
  claimDue: `SELECT c.id FROM cf_timers t JOIN cf_cases c ON c.id = t.case_id
    WHERE t.due_at <= $1 AND t.program_id = ANY($3::text[]) AND c.program_id || '@' || c.program_version = ANY($4::text[])
    ORDER BY t.due_at LIMIT $2 FOR UPDATE OF c SKIP LOCKED`,
  caseIdByReference: 'SELECT id FROM cf_cases WHERE reference = $1',
  caseIds: `SELECT id FROM cf_cases WHERE program_id = $1 AND ($2::text IS NULL OR id > $2)
    AND ($4::timestamptz IS NULL OR data_changed_at <= $4) ORDER BY id LIMIT $3`,
  casesPerState: `SELECT state, count(*)::int AS count FROM cf_cases WHERE program_id = $1 GROUP BY state ORDER BY state`,
  outcomesPerMonth: `SELECT to_char(date_trunc('month', (o->>'at')::timestamptz AT TIME ZONE 'UTC'), 'YYYY-MM') AS month,
      o->>'outcome' AS outcome, count(*)::int AS count
    FROM cf_cases c, jsonb_array_elements(c.outcomes) AS o
    WHERE c.program_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
  openedPerMonth: `SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, count(*)::int AS count
    FROM cf_cases WHERE program_id = $1 GROUP BY 1 ORDER BY 1`,
  // A case counts once, in the month it first recorded the outcome, unless it is now in a state that releases the sum;
  // only a JSON number at the path adds to the sum.
  sumPerMonth: `SELECT to_char(date_trunc('month', x.first_at AT TIME ZONE 'UTC'), 'YYYY-MM') AS month, count(*)::int AS count,
      coalesce(sum(x.amount), 0)::float8 AS amount
    FROM (SELECT (SELECT min((o->>'at')::timestamptz) FROM jsonb_array_elements(c.outcomes) AS o WHERE o->>'outcome' = $2) AS first_at,
        CASE WHEN jsonb_typeof(c.data #> $3::text[]) = 'number' THEN (c.data #>> $3::text[])::numeric END AS amount
      FROM cf_cases c WHERE c.program_id = $1 AND NOT (c.state = ANY($4::text[]))) AS x
    WHERE x.first_at IS NOT NULL GROUP BY 1 ORDER BY 1`,
  deadlines: `SELECT event,
      count(*) FILTER (WHERE due_at <= $2)::int AS overdue,
      count(*) FILTER (WHERE due_at > $2 AND due_at <= $2 + interval '7 days')::int AS within7,
      count(*) FILTER (WHERE due_at > $2 + interval '7 days' AND due_at <= $2 + interval '30 days')::int AS within30,
      count(*) FILTER (WHERE due_at > $2 + interval '30 days')::int AS later
    FROM cf_timers WHERE program_id = $1 GROUP BY event ORDER BY event`,
  // One lock per limit, held to the end of the transaction: whoever counts a limit and then takes from it does so alone.
  lockLimit: 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
  placesHeld: 'SELECT count(*)::int AS n FROM cf_cases WHERE program_id = $1 AND state = ANY($2::text[]) AND id <> $3',
  sumUsed: `SELECT coalesce(sum((data #>> $3::text[])::numeric), 0)::float8 AS n FROM cf_cases
    WHERE program_id = $1 AND id <> $4 AND jsonb_typeof(data #> $3::text[]) = 'number' AND NOT (state = ANY($5::text[]))
      AND outcomes @> jsonb_build_array(jsonb_build_object('outcome', $2::text))`,
  // The case that entered the waiting state first (its latest entry from elsewhere), and that no one else holds now.
  longestWaiting: `SELECT c.id FROM cf_cases c
    WHERE c.program_id = $1 AND c.state = $2 AND c.erased_at IS NULL AND NOT (c.id = ANY($3::text[]))
    ORDER BY (SELECT max(e.at) FROM cf_case_events e WHERE e.case_id = c.id AND e.to_state = $2 AND e.from_state IS DISTINCT FROM $2), c.created_at, c.id
    LIMIT 1 FOR UPDATE OF c SKIP LOCKED`,
  placesReport: `SELECT count(*) FILTER (WHERE state = ANY($2::text[]))::int AS held, count(*) FILTER (WHERE state = $3)::int AS waiting
    FROM cf_cases WHERE program_id = $1`,
  getSecret: 'SELECT value FROM cf_settings WHERE key = $1',
  rememberName: `INSERT INTO cf_people (actor, name, updated_at, roles) VALUES ($1, $2, $3, coalesce($4::text[], '{}'))
    ON CONFLICT (actor) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at, roles = coalesce($4::text[], cf_people.roles)
    WHERE cf_people.name <> excluded.name OR ($4::text[] IS NOT NULL AND cf_people.roles <> $4::text[])`,
  names: 'SELECT actor, name FROM cf_people WHERE actor = ANY($1::text[])',
  putSecret: 'INSERT INTO cf_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING',
} as const;

/**
 * How long a process trusts that the name and roles it stored for an actor are still those stored: a caseworker's
 * every request would otherwise write them again, one more round trip (and a lock on the same row) for each
 * submission. Another process, or a changed name or role, writes at once; a name another process stored meanwhile
 * stands until this one stores again, a minute at most, as it would have with the older token's name anyway.
 */
const REMEMBER_AGAIN_MS = 60_000;
/** Actors a process keeps in mind at most; past that it forgets them all, and stores each again once. */
const REMEMBERED_MAX = 10_000;

/** @internal The statement a submission without limits runs, for the benchmark that runs it in pgbench beside the server. */
export const SUBMIT_STATEMENT: string = SQL.submit;

const iso = (d: Date) => d.toISOString();

/** @internal */
export function toStoredCase(row: CaseRow, history: AuditEntry[]): StoredCase {
  return {
    id: row.id,
    program: `${row.program_id}@${row.program_version}`,
    state: row.state,
    data: row.data,
    version: row.version,
    timers: row.timers,
    outcomes: row.outcomes,
    history,
    reference: row.reference,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    dataChangedAt: iso(row.data_changed_at),
    anonymisedAt: row.anonymised_at ? iso(row.anonymised_at) : null,
    erasedAt: row.erased_at ? iso(row.erased_at) : null,
    assignee: row.assignee,
    assignedBy: row.assigned_by,
    assignedAt: row.assigned_at ? iso(row.assigned_at) : null,
    locale: row.locale,
  };
}

function splitRef(ref: string): [string, string] {
  const at = ref.lastIndexOf('@');
  return [ref.slice(0, at), ref.slice(at + 1)];
}

async function readCase(tx: SqlExecutor, id: string, lock: boolean): Promise<StoredCase | undefined> {
  // PostgreSQL's text cannot hold NUL, so no case has such an id; asking would be a database error, not an answer.
  if (id.includes('\u0000')) return undefined;
  const [row] = await tx.query<CaseRow & { history: AuditEntry[] }>(lock ? `${SQL.getCase} FOR UPDATE OF c` : SQL.getCase, [id]);
  return row && toStoredCase(row, row.history);
}

/** Writes the results of changes applied one after another to a case read at `from` (the row is locked). */
/** @internal Writes applied events to a case read (and locked) in this transaction. */
export async function writeChanges(tx: SqlExecutor, from: StoredCase, applied: readonly Applied[], now: Date, outboxOf?: OutboxOf): Promise<void> {
  const last = applied[applied.length - 1];
  if (!last) return;
  const next = last.case;
  const written = await tx.query(SQL.writeCase, [
    from.id,
    from.version,
    next.state,
    next.version,
    JSON.stringify(next.data),
    JSON.stringify(next.timers),
    JSON.stringify(next.outcomes),
    now,
    // A migration moves data the person gave; it does not restart their data's retention.
    applied.some((a) => a.audit.event !== RETENTION_EVENT && a.audit.event !== ERASURE_EVENT && a.audit.event !== MIGRATION_EVENT && a.audit.changed.length > 0),
    applied.some((a) => a.audit.event === RETENTION_EVENT),
    JSON.stringify(applied.map((a) => a.audit)),
    next.timers.map((t) => t.id),
    applied.some((a) => a.audit.event === ERASURE_EVENT),
    next.timers.map(timerKey),
  ]);
  if (written.length !== 1) throw new VersionConflictError(from.id, from.version, from.version);
  if (outboxOf) await enqueueMessages(tx, outboxOf(from, applied), now);
}

/**
 * Inserts a submission and its case in one statement; a key used before stores nothing and gives the earlier receipt.
 * Webhook events that `interest` believes unwanted go without their bodies; when a subscription wants one after all,
 * the statement stores nothing, `interest` learns it, and the statement runs again with the bodies.
 */
async function insertSubmission(db: SqlExecutor, s: NewSubmission, c: Case, messages: readonly NewOutboxMessage[], interest: WebhookInterest): Promise<SubmissionReceipt> {
  const [, programVersion] = splitRef(c.program);
  const params = [
    s.programId,
    s.idempotencyKey,
    s.requestHash,
    s.formId,
    c.id,
    s.now,
    s.reference,
    programVersion,
    c.state,
    c.version,
    JSON.stringify(c.data),
    JSON.stringify(c.timers),
    JSON.stringify(c.outcomes),
    JSON.stringify(c.history),
    s.locale ?? null,
  ];
  const topics = messages.filter((m) => m.kind === WEBHOOK).map((m) => m.topic);
  let inserted: SubmitRow;
  do {
    const outbox = enqueueParams(messages, (m) => interest.wanted(m.programId, m.topic));
    [inserted] = (await db.query<SubmitRow>(SQL.submit, [...params, ...outbox, s.publishedMark ?? null], 'cf_submit')) as [SubmitRow];
    interest.learn(s.programId, topics, inserted.topics);
  } while (inserted.unrendered);
  if (inserted.case_id !== null) return { created: true, caseId: c.id, reference: s.reference, requestHash: s.requestHash, erased: false };
  if (s.publishedMark !== undefined && inserted.mark !== s.publishedMark) throw new ProgramsChangedError();
  const [row] = await db.query<SubmissionRow>(SQL.findSubmission, [s.programId, s.idempotencyKey]);
  return { created: false, caseId: row!.case_id, reference: row!.reference, requestHash: row!.request_hash, erased: row!.erased };
}

/** Locks every limit of the program, always in the same order, so that two changes never wait on each other's limits. */
async function lockLimits(tx: SqlExecutor, limits: ProgramLimits): Promise<void> {
  const keys = limits.counts.map((l) => `civicflow:limit:${limits.programId}:${l.kind}:${l.name}`).sort();
  for (const key of keys) await tx.query(SQL.lockLimit, [key]);
}

/** How much of each limit the program's cases other than `exceptId` use, as the statements see it now (read committed). */
async function countLimits(tx: SqlExecutor, limits: ProgramLimits, exceptId: string): Promise<LimitUsage> {
  const places: Record<string, number> = {};
  const sums: Record<string, number> = {};
  for (const l of limits.counts) {
    if (l.kind === 'places') {
      const [row] = await tx.query<{ n: number }>(SQL.placesHeld, [limits.programId, l.heldIn, exceptId]);
      places[l.name] = row!.n;
    } else {
      const [row] = await tx.query<{ n: number }>(SQL.sumUsed, [limits.programId, l.outcome, l.field.split('.'), exceptId, l.releasedIn]);
      sums[l.name] = Number(row!.n);
    }
  }
  return { places, sums };
}

/**
 * Offers free places to waiting cases, longest waiting first, until the places are full or no one waits, under the
 * limits' locks taken before. A waiting case another transaction holds is passed over (`SKIP LOCKED`): waiting on it
 * while holding the limits could deadlock with that transaction; the next change or the scheduler offers again.
 */
async function offerFreePlaces(tx: SqlExecutor, limits: ProgramLimits, now: Date, outboxOf: OutboxOf | undefined): Promise<void> {
  for (const list of limits.waitingLists) {
    const passed: string[] = [];
    for (;;) {
      const held = (await countLimits(tx, limits, '')).places?.[list.places] ?? 0;
      if (held >= list.count) break;
      const [row] = await tx.query<{ id: string }>(SQL.longestWaiting, [limits.programId, list.state, passed]);
      if (!row) break;
      const waiting = (await readCase(tx, row.id, true))!;
      const result = list.offer(waiting, await countLimits(tx, limits, waiting.id), now);
      await writeChanges(tx, waiting, result.applied, now, outboxOf);
      const after = result.applied[result.applied.length - 1]?.case.state ?? waiting.state;
      if (after === list.state) passed.push(waiting.id);
    }
  }
}

/** Locks and counts the limits a change needs, runs it, writes it, then fills places it may have freed. */
async function changeWithLimits(tx: SqlExecutor, current: StoredCase, now: Date, change: CaseChange, limitsOf: LimitsOf | undefined, outboxOf: OutboxOf | undefined): Promise<ChangeResult> {
  const limits = limitsOf?.(current);
  if (limits) await lockLimits(tx, limits);
  const result = change(current, limits ? await countLimits(tx, limits, current.id) : {});
  await writeChanges(tx, current, result.applied, now, outboxOf);
  if (limits && result.applied.length > 0) await offerFreePlaces(tx, limits, now, outboxOf);
  return result;
}

// Each order's key, and whether it runs from high to low. A case without a deadline sorts after every deadline.
const SORTS: Record<CaseSort, { key: string; desc: boolean }> = {
  newest: { key: 'c.created_at', desc: true },
  oldest: { key: 'c.created_at', desc: false },
  updated: { key: 'c.updated_at', desc: true },
  due: { key: "coalesce(d.next_due, 'infinity'::timestamptz)", desc: false },
};

/** The sort key of a listed case, as its cursor keeps it. */
function sortKey(sort: CaseSort, c: CaseSummary): string {
  return sort === 'due' ? (c.nextDue ?? 'infinity') : sort === 'updated' ? c.updatedAt : c.createdAt;
}

function encodeCursor(sort: CaseSort, key: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, key, id])).toString('base64url');
}

/** Text for LIKE that matches itself only: its wildcards and the escape character escaped. */
const likeText = (text: string) => text.replace(/[\\%_]/g, '\\$&');

/** The statement and parameters of a case list: filters, search, order and the page after the cursor, all in SQL. */
function listStatement(q: CaseQuery, withData: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [q.programId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const sortName = q.sort ?? 'newest';
  const sort = SORTS[sortName];
  const where = ['c.program_id = $1'];
  if (q.state) where.push(`c.state = ${p(q.state)}`);
  if (q.assignee !== undefined) where.push(q.assignee === null ? 'c.assignee IS NULL' : `c.assignee = ${p(q.assignee)}`);
  if (q.due) {
    const now = p(q.due.now);
    where.push(
      q.due.kind === 'overdue' ? `d.next_due <= ${now}` : `d.next_due > ${now} AND d.next_due <= ${now}::timestamptz + interval '${DUE_SOON_DAYS} days'`,
    );
  }
  if (q.search) {
    const byReference = `c.reference ILIKE ${p(`%${likeText(q.search.text)}%`)}`;
    const words = q.search.text.split(/\s+/).filter((w) => w !== '');
    if (q.search.namePaths && q.search.namePaths.length > 0 && words.length > 0) {
      // Every word is found in one of the fields: "anna becker" finds given name Anna and family name Becker.
      const patterns = p(words.map((w) => `%${likeText(w)}%`));
      const paths = p(JSON.stringify(q.search.namePaths));
      where.push(`(${byReference} OR NOT EXISTS (SELECT 1 FROM unnest(${patterns}::text[]) AS w(pattern) WHERE NOT EXISTS (
        SELECT 1 FROM jsonb_array_elements(${paths}::jsonb) AS f(path)
        WHERE c.data #>> ARRAY(SELECT jsonb_array_elements_text(f.path)) ILIKE w.pattern)))`);
    } else {
      where.push(byReference);
    }
  }
  if (q.participants && q.participants.moments.length > 0) {
    // A moment is reached when its date is a non-empty text; a field is missing when it is absent, null, '' or [].
    const at = (path: string) => `c.data #> ARRAY(SELECT jsonb_array_elements_text(${path}))`;
    const reached = (path: string) => `(jsonb_typeof(${at(path)}) = 'string' AND ${at(path)} <> '""'::jsonb)`;
    const entry = p(JSON.stringify(q.participants.moments[0]!.date));
    const rules = p(JSON.stringify(q.participants.moments));
    const incomplete = `EXISTS (SELECT 1 FROM jsonb_array_elements(${rules}::jsonb) AS m(rule) WHERE ${reached("m.rule->'date'")}
      AND EXISTS (SELECT 1 FROM jsonb_array_elements(m.rule->'needs') AS f(path) WHERE ${at('f.path')} IS NULL OR ${at('f.path')} IN ('null'::jsonb, '""'::jsonb, '[]'::jsonb)))`;
    where.push(`${reached(`${entry}::jsonb`)} AND ${q.participants.want === 'incomplete' ? '' : 'NOT '}${incomplete}`);
  }
  if (q.cursor) {
    const [key, id] = decodeCursor(q.cursor, sortName);
    where.push(`(${sort.key}, c.id) ${sort.desc ? '<' : '>'} (${p(key)}::timestamptz, ${p(id)}::text)`);
  }
  const dir = sort.desc ? 'DESC' : 'ASC';
  const sql = `SELECT c.id, c.reference, c.program_id, c.program_version, c.state, c.version, c.created_at, c.updated_at, c.assignee,
      ${withData ? 'c.data, ' : ''}d.next_due
    FROM cf_cases c LEFT JOIN LATERAL (SELECT min(t.due_at) AS next_due FROM cf_timers t WHERE t.case_id = c.id) AS d ON true
    WHERE ${where.join(' AND ')}
    ORDER BY ${sort.key} ${dir}, c.id ${dir} LIMIT ${p(q.limit + 1)}`;
  return { sql, params };
}

// A creation time as `Date#toISOString` writes it, from year 1 on: PostgreSQL has no year 0.
const CURSOR_TIME = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * Whether a decoded cursor is one `encodeCursor` could have written: a time exactly as `toISOString` gives it (so not
 * just anything `Date.parse` accepts, such as 30 February, which PostgreSQL refuses) and a case id PostgreSQL can
 * hold as text (no NUL). Anything else must be refused here as the client's mistake, before it reaches the database.
 */
function isOwnCursor(value: unknown, sort: CaseSort): value is [CaseSort, string, string] {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [order, time, id] = value as unknown[];
  if (order !== sort || typeof time !== 'string' || typeof id !== 'string') return false;
  const timeOk = (sort === 'due' && time === 'infinity') || (CURSOR_TIME.test(time) && new Date(time).toISOString() === time);
  return timeOk && id !== '' && id.length <= 200 && !id.includes('\u0000');
}

/** The sort key and case id after which a page starts; a cursor of another order is refused too. */
function decodeCursor(cursor: string, sort: CaseSort): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isOwnCursor(value, sort)) return [value[1], value[2]];
  } catch {
    // reported below
  }
  throw new ServerError('PARAMETER_INVALID', 'The cursor is not one this server gave out', 400, { parameter: 'cursor' });
}

/**
 * The store over any `Database`: the SQL both implementations share. Migrates the schema before it returns.
 * @internal Use `createPgliteCaseStore` or `createPostgresCaseStore`.
 */
export async function createSqlCaseStore(db: Database): Promise<CaseStore> {
  await migrate(db);
  const interest = createWebhookInterest();
  // The names and roles this process stored last, by actor (see REMEMBER_AGAIN_MS).
  const remembered = new Map<string, { readonly key: string; readonly at: number }>();
  return {
    engine: db.engine,

    async findSubmission(programId, key) {
      const [row] = await db.query<SubmissionRow>(SQL.findSubmission, [programId, key]);
      return row && { created: false, caseId: row.case_id, reference: row.reference, requestHash: row.request_hash, erased: row.erased };
    },

    submit: ((s: NewSubmission) => {
      const given = s.case;
      // A case and its messages are stored by one statement, which is a transaction of its own: one round trip
      // instead of three with BEGIN and COMMIT.
      if (typeof given !== 'function') return insertSubmission(db, s, given, s.messages?.(given, s.reference) ?? [], interest);
      const open = given;
      return db.transaction(async (tx) => {
        if (s.limits) await lockLimits(tx, s.limits);
        const c = open(s.limits ? await countLimits(tx, s.limits, '') : {});
        return c && insertSubmission(tx, s, c, s.messages?.(c, s.reference) ?? [], interest);
      });
    }) as CaseStore['submit'],

    getCase: (id) => readCase(db, id, false),

    limitUsage: (limits, exceptId) => countLimits(db, limits, exceptId),

    listCases: (async (q: CaseQuery, withData?: boolean): Promise<CasePage | CaseDataPage> => {
      const { sql, params } = listStatement(q, withData === true);
      const rows = await db.query<CaseRow & { next_due: Date | null }>(sql, params);
      const items = rows.slice(0, q.limit).map((r) => ({
        id: r.id,
        reference: r.reference,
        program: `${r.program_id}@${r.program_version}`,
        state: r.state,
        version: r.version,
        createdAt: iso(r.created_at),
        updatedAt: iso(r.updated_at),
        nextDue: r.next_due ? iso(r.next_due) : null,
        assignee: r.assignee,
        ...(withData ? { data: r.data } : {}),
      }));
      const last = items[items.length - 1];
      const sort = q.sort ?? 'newest';
      return { items, next: rows.length > q.limit && last ? encodeCursor(sort, sortKey(sort, last), last.id) : null };
    }) as CaseStore['listCases'],

    async assign(caseId, assignee, by, now) {
      if (caseId.includes('\u0000')) return undefined;
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string; program_id: string; before: string | null; assignee: string | null; assigned_by: string | null; assigned_at: Date | null }>(
          SQL.assign,
          [caseId, assignee, by, now],
        );
        if (!row) return undefined;
        await tx.query(SQL.audit, [now, by, row.program_id, row.id, 'assign', JSON.stringify({ before: row.before, assignee: row.assignee })]);
        return {
          caseId: row.id,
          programId: row.program_id,
          before: row.before,
          assignee: row.assignee,
          assignedBy: row.assigned_by,
          assignedAt: row.assigned_at ? iso(row.assigned_at) : null,
        };
      });
    },

    async colleagues(roles) {
      if (roles.length === 0) return [];
      return db.query<Colleague>(SQL.colleagues, [[...roles]]);
    },

    async audit(e) {
      await db.query(SQL.audit, [e.at, e.actor, e.programId, e.caseId ?? null, e.action, JSON.stringify(e.detail)]);
    },

    async officeAudit(programId, limit) {
      const rows = await db.query<{ at: Date; actor: string; program_id: string; case_id: string | null; action: OfficeAuditEntry['action']; detail: Record<string, unknown> }>(
        SQL.officeAudit,
        [programId, limit],
      );
      return rows.map((r) => ({ at: iso(r.at), actor: r.actor, programId: r.program_id, ...(r.case_id ? { caseId: r.case_id } : {}), action: r.action, detail: r.detail }));
    },

    updateCase(id, expectedVersion, now, change: CaseChange, limitsOf?: LimitsOf, outboxOf?: OutboxOf): Promise<ChangeResult | undefined> {
      return db.transaction(async (tx) => {
        const current = await readCase(tx, id, true);
        if (!current) return undefined;
        if (expectedVersion !== undefined && current.version !== expectedVersion) throw new VersionConflictError(id, expectedVersion, current.version);
        return changeWithLimits(tx, current, now, change, limitsOf, outboxOf);
      });
    },

    fireDueTimers({ now, limit, programs }, fire, limitsOf, outboxOf) {
      const programIds = [...new Set(programs.map((ref) => ref.slice(0, ref.lastIndexOf('@'))))];
      return db.transaction(async (tx) => {
        const claimed = await tx.query<{ id: string }>(SQL.claimDue, [now, limit, programIds, [...programs]]);
        const ids = [...new Set(claimed.map((r) => r.id))];
        let stored = 0;
        for (const id of ids) {
          // Read again under the lock: another process may have fired these timers since the claim's snapshot.
          const current = (await readCase(tx, id, true))!;
          const { applied } = await changeWithLimits(tx, current, now, (c, usage) => ({ applied: fire(c, usage) }), limitsOf, outboxOf);
          stored += applied.length;
        }
        return stored;
      });
    },

    async caseIdByReference(reference) {
      const [row] = await db.query<{ id: string }>(SQL.caseIdByReference, [reference]);
      return row?.id;
    },

    async caseIds(programId, afterId, limit, changedBefore) {
      return (await db.query<{ id: string }>(SQL.caseIds, [programId, afterId, limit, changedBefore ?? null])).map((r) => r.id);
    },

    async report(programId, now, sums = [], places = []): Promise<StoreReport> {
      const [states, opened, outcomes, deadlines] = [
        await db.query<{ state: string; count: number }>(SQL.casesPerState, [programId]),
        await db.query<{ month: string; count: number }>(SQL.openedPerMonth, [programId]),
        await db.query<{ month: string; outcome: string; count: number }>(SQL.outcomesPerMonth, [programId]),
        await db.query<{ event: string; overdue: number; within7: number; within30: number; later: number }>(SQL.deadlines, [programId, now]),
      ];
      const perSum: StoreReport['sums'] = [];
      for (const s of sums) {
        const perMonth = await db.query<{ month: string; count: number; amount: number }>(SQL.sumPerMonth, [programId, s.outcome, s.field.split('.'), s.releasedIn ?? []]);
        perSum.push({ name: s.name, perMonth: perMonth.map((r) => ({ month: r.month, count: r.count, amount: Number(r.amount) })) });
      }
      const perPlaces: StoreReport['places'] = [];
      for (const p of places) {
        const [row] = await db.query<{ held: number; waiting: number }>(SQL.placesReport, [programId, p.heldIn, p.waiting ?? null]);
        perPlaces.push({ name: p.name, held: row!.held, waiting: row!.waiting });
      }
      return {
        casesPerState: states,
        openedPerMonth: opened,
        outcomesPerMonth: outcomes,
        deadlines: deadlines.map((d) => ({ event: d.event, overdue: d.overdue, within7Days: d.within7, within30Days: d.within30, later: d.later })),
        sums: perSum,
        places: perPlaces,
      };
    },

    async secret(name) {
      const [found] = await db.query<{ value: string }>(SQL.getSecret, [name]);
      if (found) return found.value;
      // Two processes may race here; ON CONFLICT keeps the first value and both read it back.
      await db.query(SQL.putSecret, [name, randomBytes(32).toString('base64url')]);
      const [row] = await db.query<{ value: string }>(SQL.getSecret, [name]);
      return row!.value;
    },

    async rememberName(actor, name, now, roles) {
      const sorted = roles ? [...roles].sort() : null;
      const key = JSON.stringify([name, sorted]);
      const last = remembered.get(actor);
      if (last && last.key === key && now.getTime() - last.at >= 0 && now.getTime() - last.at < REMEMBER_AGAIN_MS) return;
      await db.query(SQL.rememberName, [actor, name, now, sorted]);
      if (remembered.size >= REMEMBERED_MAX) remembered.clear();
      remembered.set(actor, { key, at: now.getTime() });
    },

    async names(actors) {
      if (actors.length === 0) return {};
      const rows = await db.query<{ actor: string; name: string }>(SQL.names, [[...new Set(actors)]]);
      return Object.fromEntries(rows.map((r) => [r.actor, r.name]));
    },

    outbox: createSqlOutbox(db),
    webhooks: createSqlWebhooks(db),

    programVersions: createSqlProgramVersions(db),
    programDrafts: createSqlProgramDrafts(db),
    health: createStoreHealth(db),

    sessions: createSqlSessions(db),

    caseMigrations: createSqlCaseMigrations(db),

    close: () => db.close(),
  };
}
