import type { Applied, AuditEntry, MigrationProblem } from '@civicflow/workflow';
import type { Database, SqlExecutor } from '../store/database.js';
import type { StoredCase } from '../store/case-store.js';
import { READ_COLUMNS, toStoredCase, writeChanges, type CaseRow } from '../store/sql-case-store.js';

/** A run of a migration, as stored. */
export interface MigrationRun {
  id: string;
  programId: string;
  fromVersion: string;
  toVersion: string;
  startedBy: string;
  /** ISO 8601. */
  startedAt: string;
  /** The open cases of the older version when the run started. */
  total: number;
  /** ISO 8601, or null while cases are left. */
  finishedAt: string | null;
}

/** What a run did so far: cases moved and cases that failed (they stay on the older version). */
export interface RunCounts {
  migrated: number;
  failed: number;
}

/** A case a run could not move, and why. */
export interface MigrationFailure {
  caseId: string;
  reference: string;
  fromState: string;
  toState: string;
  at: string;
  problems: MigrationProblem[];
}

/** What a run did to one case, with the case as it was before (its data only until retention or erasure removed some). */
export interface CaseMigrationRecord {
  runId: string;
  from: string;
  to: string;
  outcome: 'migrated' | 'failed';
  at: string;
  fromState: string;
  toState: string;
  before: { state: string; data: unknown; timers: unknown } | null;
  problems: MigrationProblem[] | null;
}

/** The outcome of one case's migration as the caller decides it, given the case read under its lock. */
export type CaseMigrationDecision =
  | { ok: true; applied: Applied }
  | { ok: false; fromState: string; toState: string; problems: MigrationProblem[] };

/** The store's part for migrations of open cases. */
export interface CaseMigrationStore {
  /**
   * Starts a run (`total` is counted in the same statement): undefined when an unfinished run of the same older version
   * exists (the caller reads it with `unfinished`). Writes a `migrate` entry to the office audit.
   */
  start(run: Omit<MigrationRun, 'total' | 'finishedAt'>, finals: readonly string[]): Promise<MigrationRun | undefined>;
  get(runId: string): Promise<MigrationRun | undefined>;
  /** Every unfinished run, oldest first (of all programs). */
  unfinished(programId?: string): Promise<MigrationRun[]>;
  /** A program's runs, newest first. */
  list(programId: string, limit: number): Promise<MigrationRun[]>;
  counts(runId: string): Promise<RunCounts>;
  /** The cases a run could not move, in the order it tried them. */
  failures(runId: string, limit: number): Promise<MigrationFailure[]>;
  /**
   * Open cases of a version (not in one of `finals`, not erased) in id order after `afterId`, with their history; with
   * `runId`, only those the run has not dealt with. Read without locks (for dry runs, and to find a run's next batch).
   */
  openCases(programId: string, version: string, finals: readonly string[], afterId: string | null, limit: number, runId?: string): Promise<StoredCase[]>;
  /** The ids of the open cases of a run's older version it has not dealt with, in id order after `afterId`. */
  openCaseIds(run: MigrationRun, finals: readonly string[], afterId: string | null, limit: number): Promise<string[]>;
  /** How many cases each version of a program has, open (not final, not erased) and in all. */
  casesPerVersion(programId: string, finalsOf: (version: string) => readonly string[]): Promise<{ version: string; open: number; total: number }[]>;
  /**
   * Moves one case, in its own transaction: locks it unless another process holds it (`SKIP LOCKED`: then, and when it
   * is no longer on the run's older version or the run dealt with it already, nothing happens and this returns
   * 'skipped'), lets `decide` migrate it, and writes the case, its audit entry and the run's record of it together.
   */
  migrateOne(run: MigrationRun, caseId: string, now: Date, decide: (current: StoredCase) => CaseMigrationDecision): Promise<'migrated' | 'failed' | 'skipped'>;
  /** Marks a run finished when it has no open case of its older version left to deal with; returns whether it did. */
  finish(run: MigrationRun, finals: readonly string[], now: Date): Promise<boolean>;
  /** What runs did to a case, oldest first. */
  ofCase(caseId: string): Promise<CaseMigrationRecord[]>;
}

interface RunRow {
  id: string;
  program_id: string;
  from_version: string;
  to_version: string;
  started_by: string;
  started_at: Date;
  total: number;
  finished_at: Date | null;
}

const RUN_COLUMNS = 'id, program_id, from_version, to_version, started_by, started_at, total, finished_at';
const OPEN = `c.program_id = $1 AND c.program_version = $2 AND c.erased_at IS NULL AND NOT (c.state = ANY($3::text[]))`;
const NOT_DEALT = `NOT EXISTS (SELECT 1 FROM cf_case_migrations m WHERE m.run_id = $6 AND m.case_id = c.id)`;
// Built when the first store is made: this module and the case store's import each other, so READ_COLUMNS is not
// there yet while the modules load.
const withHistory = () => `${READ_COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')},
  COALESCE((SELECT jsonb_agg(e.entry ORDER BY e.seq) FROM cf_case_events e WHERE e.case_id = c.id), '[]'::jsonb) AS history`;

const statements = (WITH_HISTORY: string) => ({
  start: `INSERT INTO cf_migration_runs (${RUN_COLUMNS})
    SELECT $4, $1, $2, $5, $6, $7, (SELECT count(*)::int FROM cf_cases c WHERE ${OPEN}), NULL
    ON CONFLICT (program_id, from_version) WHERE finished_at IS NULL DO NOTHING RETURNING ${RUN_COLUMNS}`,
  audit: `INSERT INTO cf_office_audit (at, actor, program_id, case_id, action, detail) VALUES ($1, $2, $3, NULL, 'migrate', $4::jsonb)`,
  get: `SELECT ${RUN_COLUMNS} FROM cf_migration_runs WHERE id = $1`,
  unfinished: `SELECT ${RUN_COLUMNS} FROM cf_migration_runs WHERE finished_at IS NULL AND ($1::text IS NULL OR program_id = $1) ORDER BY started_at, id`,
  list: `SELECT ${RUN_COLUMNS} FROM cf_migration_runs WHERE program_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`,
  counts: `SELECT count(*) FILTER (WHERE outcome = 'migrated')::int AS migrated, count(*) FILTER (WHERE outcome = 'failed')::int AS failed
    FROM cf_case_migrations WHERE run_id = $1`,
  failures: `SELECT m.case_id, c.reference, m.from_state, m.to_state, m.at, m.problems FROM cf_case_migrations m JOIN cf_cases c ON c.id = m.case_id
    WHERE m.run_id = $1 AND m.outcome = 'failed' ORDER BY m.case_id LIMIT $2`,
  openCases: `SELECT ${WITH_HISTORY} FROM cf_cases c WHERE ${OPEN} AND ($4::text IS NULL OR c.id > $4) AND ($6::text IS NULL OR ${NOT_DEALT})
    ORDER BY c.id LIMIT $5`,
  perVersion: `SELECT program_version AS version, state, count(*)::int AS cases FROM cf_cases WHERE program_id = $1 AND erased_at IS NULL GROUP BY program_version, state`,
  lockOne: `SELECT ${WITH_HISTORY} FROM cf_cases c WHERE c.id = $1 AND c.program_version = $2
    AND NOT EXISTS (SELECT 1 FROM cf_case_migrations m WHERE m.run_id = $3 AND m.case_id = c.id)
    FOR UPDATE OF c SKIP LOCKED`,
  // The case's new version and the run's record of it in one statement (one round trip less per case).
  moved: `WITH v AS (UPDATE cf_cases SET program_version = $7 WHERE id = $2 RETURNING id)
    INSERT INTO cf_case_migrations (run_id, case_id, outcome, at, from_state, to_state, before, problems)
    SELECT $1, v.id, 'migrated', $3, $4, $5, $6::jsonb, NULL FROM v`,
  record: `INSERT INTO cf_case_migrations (run_id, case_id, outcome, at, from_state, to_state, before, problems) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
  openIds: `SELECT c.id FROM cf_cases c WHERE ${OPEN} AND ($4::text IS NULL OR c.id > $4) AND ${NOT_DEALT} ORDER BY c.id LIMIT $5`,
  finish: `UPDATE cf_migration_runs r SET finished_at = $4 WHERE r.id = $5 AND r.finished_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM cf_cases c WHERE ${OPEN} AND NOT EXISTS (SELECT 1 FROM cf_case_migrations m WHERE m.run_id = r.id AND m.case_id = c.id))
    RETURNING id`,
  ofCase: `SELECT m.run_id, r.program_id, r.from_version, r.to_version, m.outcome, m.at, m.from_state, m.to_state, m.before, m.problems
    FROM cf_case_migrations m JOIN cf_migration_runs r ON r.id = m.run_id WHERE m.case_id = $1 ORDER BY m.at, m.run_id`,
});

const iso = (d: Date | string) => new Date(d).toISOString();

const toRun = (r: RunRow): MigrationRun => ({
  id: r.id,
  programId: r.program_id,
  fromVersion: r.from_version,
  toVersion: r.to_version,
  startedBy: r.started_by,
  startedAt: iso(r.started_at),
  total: r.total,
  finishedAt: r.finished_at ? iso(r.finished_at) : null,
});

type HistoryRow = CaseRow & { history: AuditEntry[] };

/** @internal The store's part for migrations of open cases, over the same database as its cases. */
export function createSqlCaseMigrations(db: Database): CaseMigrationStore {
  const SQL = statements(withHistory());
  return {
    start(run, finals) {
      return db.transaction(async (tx: SqlExecutor) => {
        const [row] = await tx.query<RunRow>(SQL.start, [run.programId, run.fromVersion, [...finals], run.id, run.toVersion, run.startedBy, run.startedAt]);
        if (!row) return undefined;
        const started = toRun(row);
        await tx.query(SQL.audit, [run.startedAt, run.startedBy, run.programId, JSON.stringify({ run: run.id, from: run.fromVersion, to: run.toVersion, cases: started.total })]);
        return started;
      });
    },
    async get(runId) {
      const [row] = await db.query<RunRow>(SQL.get, [runId]);
      return row && toRun(row);
    },
    async unfinished(programId) {
      return (await db.query<RunRow>(SQL.unfinished, [programId ?? null])).map(toRun);
    },
    async list(programId, limit) {
      return (await db.query<RunRow>(SQL.list, [programId, limit])).map(toRun);
    },
    async counts(runId) {
      const [row] = await db.query<RunCounts>(SQL.counts, [runId]);
      return row!;
    },
    async failures(runId, limit) {
      const rows = await db.query<{ case_id: string; reference: string; from_state: string; to_state: string; at: Date; problems: MigrationProblem[] }>(SQL.failures, [runId, limit]);
      return rows.map((r) => ({ caseId: r.case_id, reference: r.reference, fromState: r.from_state, toState: r.to_state, at: iso(r.at), problems: r.problems }));
    },
    async openCases(programId, version, finals, afterId, limit, runId) {
      const rows = await db.query<HistoryRow>(SQL.openCases, [programId, version, [...finals], afterId, limit, runId ?? null]);
      return rows.map((r) => toStoredCase(r, r.history));
    },
    async openCaseIds(run, finals, afterId, limit) {
      return (await db.query<{ id: string }>(SQL.openIds, [run.programId, run.fromVersion, [...finals], afterId, limit, run.id])).map((r) => r.id);
    },
    async casesPerVersion(programId, finalsOf) {
      const rows = await db.query<{ version: string; state: string; cases: number }>(SQL.perVersion, [programId]);
      const out = new Map<string, { version: string; open: number; total: number }>();
      for (const r of rows) {
        const v = out.get(r.version) ?? { version: r.version, open: 0, total: 0 };
        v.total += r.cases;
        if (!finalsOf(r.version).includes(r.state)) v.open += r.cases;
        out.set(r.version, v);
      }
      return [...out.values()];
    },
    migrateOne(run, caseId, now, decide) {
      return db.transaction(async (tx) => {
        const [row] = await tx.query<HistoryRow>(SQL.lockOne, [caseId, run.fromVersion, run.id]);
        if (!row) return 'skipped';
        const current = toStoredCase(row, row.history);
        const decision = decide(current);
        if (!decision.ok) {
          await tx.query(SQL.record, [run.id, caseId, 'failed', now, decision.fromState, decision.toState, null, JSON.stringify(decision.problems)]);
          return 'failed';
        }
        await writeChanges(tx, current, [decision.applied], now);
        const before = { state: current.state, data: current.data, timers: current.timers };
        await tx.query(SQL.moved, [run.id, caseId, now, current.state, decision.applied.case.state, JSON.stringify(before), run.toVersion]);
        return 'migrated';
      });
    },
    async finish(run, finals, now) {
      const rows = await db.query(SQL.finish, [run.programId, run.fromVersion, [...finals], now, run.id]);
      return rows.length === 1;
    },
    async ofCase(caseId) {
      const rows = await db.query<{
        run_id: string; program_id: string; from_version: string; to_version: string; outcome: 'migrated' | 'failed'; at: Date;
        from_state: string; to_state: string; before: CaseMigrationRecord['before']; problems: MigrationProblem[] | null;
      }>(SQL.ofCase, [caseId]);
      return rows.map((r) => ({
        runId: r.run_id,
        from: `${r.program_id}@${r.from_version}`,
        to: `${r.program_id}@${r.to_version}`,
        outcome: r.outcome,
        at: iso(r.at),
        fromState: r.from_state,
        toState: r.to_state,
        before: r.before,
        problems: r.problems,
      }));
    },
  };
}
