import type { Database } from './database.js';

/** One step of the database schema. Steps are applied in order, once each, and never edited after release. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema of both stores. PGlite and PostgreSQL run exactly these statements, so an installation can move
 * from the embedded database to a server (pg_dump / psql) without a conversion step.
 */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, submissions, events, timers',
    sql: `
CREATE TABLE cf_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE cf_cases (
  id text PRIMARY KEY,
  reference text NOT NULL UNIQUE,
  program_id text NOT NULL,
  program_version text NOT NULL,
  state text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  data jsonb NOT NULL,
  timers jsonb NOT NULL,
  outcomes jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- when an event last changed the data: personal data is kept for its x-retention from then on
  data_changed_at timestamptz NOT NULL,
  anonymised_at timestamptz
);
CREATE INDEX cf_cases_program_state ON cf_cases (program_id, state, created_at, id);
CREATE INDEX cf_cases_program_created ON cf_cases (program_id, created_at, id);

-- One row per accepted submission; the primary key makes a repeated idempotency key store nothing new.
CREATE TABLE cf_submissions (
  program_id text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text,
  form_id text NOT NULL,
  -- deferred: the submission row is inserted first, so that a concurrent repeat waits on its key
  case_id text NOT NULL REFERENCES cf_cases (id) DEFERRABLE INITIALLY DEFERRED,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (program_id, idempotency_key)
);
CREATE INDEX cf_submissions_case ON cf_submissions (case_id);

-- The audit trail: one row per case version, never changed or deleted.
CREATE TABLE cf_case_events (
  case_id text NOT NULL REFERENCES cf_cases (id),
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  event text,
  from_state text,
  to_state text NOT NULL,
  entry jsonb NOT NULL,
  PRIMARY KEY (case_id, seq)
);
CREATE FUNCTION cf_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER cf_case_events_append_only BEFORE UPDATE OR DELETE ON cf_case_events
  FOR EACH ROW EXECUTE FUNCTION cf_refuse_change();

-- The running timers of every case (a copy of cases.timers, indexed by due time) for the scheduler.
CREATE TABLE cf_timers (
  case_id text NOT NULL REFERENCES cf_cases (id),
  timer_id text NOT NULL,
  event text NOT NULL,
  program_id text NOT NULL,
  due_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, timer_id)
);
CREATE INDEX cf_timers_due ON cf_timers (due_at);
CREATE INDEX cf_timers_program_due ON cf_timers (program_id, due_at);
`,
  },
  {
    version: 2,
    name: 'request digests survive retention',
    // Until now request_hash held a plain SHA-256 of the body, which anyone reading the table could test guessed
    // personal data against, and retention cleared it. Keyed digests (HMAC under a secret in cf_settings) replace it
    // and are kept; the old hashes go, and their keys can no longer be replayed.
    sql: `
UPDATE cf_submissions SET request_hash = NULL;
`,
  },
  {
    version: 3,
    name: 'erasure on request',
    sql: `
-- when the case's personal data was erased on request; the case takes no more events
ALTER TABLE cf_cases ADD COLUMN erased_at timestamptz;
`,
  },
  {
    version: 4,
    name: 'names of the people who act on cases',
    sql: `
-- the display name the authentication hook gave for an actor id, last seen; the history shows it beside each step
CREATE TABLE cf_people (
  actor text PRIMARY KEY,
  name text NOT NULL,
  updated_at timestamptz NOT NULL
);
`,
  },
  {
    version: 5,
    name: 'the outbox',
    sql: `
-- What must leave the server (e-mail notices, later webhooks), written in the transaction of the change that causes
-- it and delivered by a worker afterwards. The id is the message id a receiver can deduplicate on.
CREATE TABLE cf_outbox (
  id text PRIMARY KEY,
  kind text NOT NULL,
  program_id text NOT NULL,
  case_id text REFERENCES cf_cases (id),
  -- what caused it, such as the notice's id
  topic text NOT NULL,
  -- what to deliver; NULL once it was sent (it may hold personal data)
  payload jsonb,
  state text NOT NULL CHECK (state IN ('pending', 'sent', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  due_at timestamptz NOT NULL,
  -- a worker holds the message until then; after it, another may take it (the first one died)
  claimed_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
CREATE INDEX cf_outbox_due ON cf_outbox (due_at) WHERE state = 'pending';
CREATE INDEX cf_outbox_program ON cf_outbox (program_id, created_at, id);
CREATE INDEX cf_outbox_case ON cf_outbox (case_id);
`,
  },
  {
    version: 6,
    name: 'assignment, colleagues and the office audit',
    sql: `
-- who works on a case now (an actor id), who assigned it and when; not a workflow step, so it leaves the version alone
ALTER TABLE cf_cases ADD COLUMN assignee text;
ALTER TABLE cf_cases ADD COLUMN assigned_by text;
ALTER TABLE cf_cases ADD COLUMN assigned_at timestamptz;
CREATE INDEX cf_cases_program_assignee ON cf_cases (program_id, assignee, created_at, id);
CREATE INDEX cf_cases_program_updated ON cf_cases (program_id, updated_at, id);

-- the roles a person held when last seen (program:role): colleagues of a program are the people with one of its roles
ALTER TABLE cf_people ADD COLUMN roles text[] NOT NULL DEFAULT '{}';

-- what the office did beside the steps of a case: searches for personal data, assignments, exports; never changed
CREATE TABLE cf_office_audit (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  program_id text NOT NULL,
  case_id text REFERENCES cf_cases (id),
  action text NOT NULL,
  detail jsonb NOT NULL
);
CREATE INDEX cf_office_audit_case ON cf_office_audit (case_id) WHERE case_id IS NOT NULL;
CREATE TRIGGER cf_office_audit_append_only BEFORE UPDATE OR DELETE ON cf_office_audit
  FOR EACH ROW EXECUTE FUNCTION cf_refuse_change();
`,
  },
  {
    version: 7,
    name: 'program versions',
    sql: `
-- Every published program version, as published: never changed or deleted (cases and migrations refer to it).
-- The definition is the JSON text as sent, so that the order of fields and keys stays the designer's; the hash is
-- SHA-256 of its canonical JSON (core's Program.hash), checked again whenever a server loads it.
CREATE TABLE cf_program_versions (
  program_id text NOT NULL,
  version text NOT NULL,
  definition text NOT NULL,
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  published_by text NOT NULL,
  published_at timestamptz NOT NULL,
  -- the order of publishing, for servers that check cheaply whether anything was published since they looked
  seq bigserial NOT NULL UNIQUE,
  PRIMARY KEY (program_id, version)
);
CREATE TRIGGER cf_program_versions_immutable BEFORE UPDATE OR DELETE ON cf_program_versions
  FOR EACH ROW EXECUTE FUNCTION cf_refuse_change();
`,
  },
  {
    version: 8,
    name: 'sign-in sessions',
    sql: `
-- People signed in with OpenID Connect. The cookie holds a random id; only its SHA-256 is kept here, so reading this
-- table does not let anyone act as the people in it. Signing out deletes the row; every server process sees that.
CREATE TABLE cf_sessions (
  id_digest text PRIMARY KEY,
  actor text NOT NULL,
  name text,
  -- program:role, mapped from the provider's claims at sign-in
  roles text[] NOT NULL,
  -- sent back to the provider as id_token_hint when the person signs out
  id_token text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX cf_sessions_expires ON cf_sessions (expires_at);
`,
  },
  {
    version: 9,
    name: 'webhooks, deadline notices and the applicant\'s language',
    sql: `
-- Webhook subscriptions of a program: where to send which events, and the secret that signs them (never shown again
-- after it was created). include_data: the body carries the case data (personal data) only when this is true.
CREATE TABLE cf_webhooks (
  id text PRIMARY KEY,
  program_id text NOT NULL,
  url text NOT NULL,
  events text[] NOT NULL,
  include_data boolean NOT NULL,
  secret text NOT NULL,
  description text NOT NULL,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX cf_webhooks_program ON cf_webhooks (program_id);

-- the subscription a webhook message goes to
ALTER TABLE cf_outbox ADD COLUMN webhook_id text;
CREATE INDEX cf_outbox_webhook ON cf_outbox (webhook_id, created_at, id) WHERE webhook_id IS NOT NULL;
-- a notice before a deadline: the timer it waits for (id and due time); one message per case, notice and timer
ALTER TABLE cf_outbox ADD COLUMN timer_key text;
CREATE UNIQUE INDEX cf_outbox_timer ON cf_outbox (case_id, topic, timer_key) WHERE timer_key IS NOT NULL;

-- the language the applicant submitted in: later notices to them are written in it
ALTER TABLE cf_cases ADD COLUMN locale text;
`,
  },
  {
    version: 10,
    name: 'migrations of open cases between program versions',
    sql: `
-- One run of a migration: the open cases of from_version move to to_version (by to_version's versions.migrations).
-- At most one unfinished run per older version; every server process works on unfinished runs until none is left.
CREATE TABLE cf_migration_runs (
  id text PRIMARY KEY,
  program_id text NOT NULL,
  from_version text NOT NULL,
  to_version text NOT NULL,
  started_by text NOT NULL,
  started_at timestamptz NOT NULL,
  -- the open cases of from_version when the run started
  total integer NOT NULL,
  finished_at timestamptz
);
CREATE UNIQUE INDEX cf_migration_runs_unfinished ON cf_migration_runs (program_id, from_version) WHERE finished_at IS NULL;
CREATE INDEX cf_migration_runs_program ON cf_migration_runs (program_id, started_at);

-- What a run did to each case, written in the case's own transaction: the marker that it happened exactly once.
CREATE TABLE cf_case_migrations (
  run_id text NOT NULL REFERENCES cf_migration_runs (id),
  case_id text NOT NULL REFERENCES cf_cases (id),
  outcome text NOT NULL CHECK (outcome IN ('migrated', 'failed')),
  at timestamptz NOT NULL,
  from_state text NOT NULL,
  to_state text NOT NULL,
  -- migrated: the case's state, data and timers before, so the old data stays readable; NULL once retention or an
  -- erasure removed data from the case
  before jsonb,
  -- failed: why (form, pointer, code, message per problem); the case stayed on from_version
  problems jsonb,
  PRIMARY KEY (run_id, case_id)
);
CREATE INDEX cf_case_migrations_case ON cf_case_migrations (case_id);
CREATE INDEX cf_cases_program_version ON cf_cases (program_id, program_version, id);
`,
  },
  {
    version: 11,
    name: 'drafts of program definitions',
    sql: `
-- One draft per program, edited by its designers on the server: the definition's text as the designer sent it, and
-- a version that goes up with every save (the ETag a save must name, so that no designer overwrites another's work).
CREATE TABLE cf_program_drafts (
  program_id text PRIMARY KEY,
  text text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  saved_by text NOT NULL,
  saved_at timestamptz NOT NULL
);
`,
  },
];

// Any constant works; it only has to be the same in every process that migrates this database.
export const MIGRATION_LOCK = 7_246_113;

/**
 * Brings the database to the newest schema. Safe to call from several processes at once: a transaction-scoped
 * advisory lock lets one migrate while the others wait, then find nothing left to do.
 * Returns the versions it applied.
 */
export async function migrate(db: Database, steps: readonly Migration[] = migrations): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS cf_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM cf_migrations')).map((r) => r.version));
    const applied: number[] = [];
    for (const step of [...steps].sort((a, b) => a.version - b.version)) {
      if (done.has(step.version)) continue;
      await tx.exec(step.sql);
      await tx.query('INSERT INTO cf_migrations (version, name) VALUES ($1, $2)', [step.version, step.name]);
      applied.push(step.version);
    }
    return applied;
  });
}
