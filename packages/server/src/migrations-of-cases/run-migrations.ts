import { randomUUID } from 'node:crypto';
import { checkMigration, type Program } from '@civicflow/core';
import { migrateCase, type MigrationProblem } from '@civicflow/workflow';
import type { CaseStore } from '../store/case-store.js';
import type { ProgramRegistry } from '../programs/program-registry.js';
import type { MigrationFailure, MigrationRun, RunCounts } from './case-migration-store.js';
import type { Logger } from '../logger.js';
import { compareVersions } from '../programs/program-registry.js';
import { ServerError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { repeatEvery } from '../repeat-every.js';

/** The states of a program's workflow in which a case is closed: closed cases stay on their version. */
export function finalStates(program: Program): string[] {
  return Object.entries(program.definition.workflow?.states ?? {}).flatMap(([name, s]) => (s.final ? [name] : []));
}

/** Both versions of a migration, checked: `to` is newer, has a migration from `from`, and it fits `from`. */
export interface MigrationPair {
  from: Program;
  to: Program;
}

/**
 * The versions a migration moves between, both served, `to` newer than `from` (default: the current version), and
 * `to`'s migration checked against `from` (`checkMigration`). Throws `NOT_FOUND`, `PARAMETER_INVALID`, or
 * `MIGRATION_INVALID` (422) whose `problems` list what does not fit, in `locale`.
 */
export function migrationPair(programs: ProgramRegistry, programId: string, fromVersion: string, toVersion: string | undefined, locale: string): MigrationPair {
  const to = toVersion === undefined ? programs.latest(programId) : programs.get(programId, toVersion);
  const from = programs.get(programId, fromVersion);
  for (const [p, version] of [[from, fromVersion], [to, toVersion ?? '']] as const) {
    if (!p) throw new ServerError('NOT_FOUND', `No program ${programId}@${version}`, 404, { program: programId, version });
  }
  if (compareVersions(from!.version, to!.version) >= 0) {
    throw new ServerError('PARAMETER_INVALID', `${to!.ref} is not newer than ${from!.ref}`, 400, { parameter: 'to', from: from!.version, to: to!.version });
  }
  const problems = checkMigration(from!, to!, locale);
  if (problems.length > 0) {
    throw Object.assign(new ServerError('MIGRATION_INVALID', `${to!.ref} cannot take the cases of ${from!.ref}`, 422, { from: from!.version, to: to!.version, count: problems.length }), {
      problems: problems.map((i) => ({ code: i.code, pointer: i.pointer, message: i.message, params: i.params })),
    });
  }
  return { from: from!, to: to! };
}

/** One case in a dry run: where it would go, or why it cannot. */
export interface DryRunCase {
  caseId: string;
  reference: string;
  fromState: string;
  toState: string;
  ok: boolean;
  problems?: MigrationProblem[];
}

/** What a migration would do, in sum and case by case. */
export interface DryRun {
  from: string;
  to: string;
  /** Open cases of the older version. */
  total: number;
  migrating: number;
  failing: number;
  /** How many cases go from each state to each state (failing cases included, under where they would go). */
  states: { from: string; to: string; cases: number }[];
  /** Case by case: the failing ones first, then the others, at most `limit` in all. */
  cases: DryRunCase[];
  /** How many cases the list left out. */
  more: number;
}

export interface MigrationOptions {
  store: CaseStore;
  programs: ProgramRegistry;
  clock?: () => Date;
  /** Language of the problems (`de` or `en`). */
  locale?: string;
  /** Cases read per query. Default 200. */
  batchSize?: number;
}

/** Every open case of `from` through `to`'s migration, changing nothing. */
export async function dryRun(pair: MigrationPair, options: MigrationOptions & { limit?: number }): Promise<DryRun> {
  const { from, to } = pair;
  const now = (options.clock ?? (() => new Date()))();
  const limit = options.limit ?? 1000;
  const finals = finalStates(from);
  const failing: DryRunCase[] = [];
  const fine: DryRunCase[] = [];
  const states = new Map<string, { from: string; to: string; cases: number }>();
  let total = 0;
  let failingCount = 0;
  let after: string | null = null;
  for (;;) {
    const batch = await options.store.caseMigrations.openCases(from.id, from.version, finals, after, options.batchSize ?? 200);
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    for (const c of batch) {
      total++;
      const r = migrateCase(from, to, c, { id: 'dry-run', roles: [] }, now, options.locale);
      const line: DryRunCase = r.ok
        ? { caseId: c.id, reference: c.reference, fromState: c.state, toState: r.case.state, ok: true }
        : { caseId: c.id, reference: c.reference, fromState: r.fromState, toState: r.toState, ok: false, problems: r.problems };
      const key = `${line.fromState}\u0000${line.toState}`;
      const s = states.get(key) ?? { from: line.fromState, to: line.toState, cases: 0 };
      s.cases++;
      states.set(key, s);
      if (line.ok) {
        if (fine.length < limit) fine.push(line);
      } else {
        failingCount++;
        if (failing.length < limit) failing.push(line);
      }
    }
  }
  const cases = [...failing, ...fine].slice(0, limit);
  return { from: from.ref, to: to.ref, total, migrating: total - failingCount, failing: failingCount, states: [...states.values()], cases, more: total - cases.length };
}

/**
 * Starts a run that moves the open cases of `pair.from` to `pair.to`, or finds the unfinished run of `pair.from`.
 * Throws `MIGRATION_RUNNING` (409) when that run goes to another version.
 */
export async function startMigration(store: CaseStore, pair: MigrationPair, actor: string, now: Date): Promise<{ run: MigrationRun; created: boolean }> {
  const { from, to } = pair;
  const started = await store.caseMigrations.start(
    { id: randomUUID(), programId: from.id, fromVersion: from.version, toVersion: to.version, startedBy: actor, startedAt: now.toISOString() },
    finalStates(from),
  );
  if (started) return { run: started, created: true };
  const [running] = await store.caseMigrations.unfinished(from.id).then((runs) => runs.filter((r) => r.fromVersion === from.version));
  if (!running) throw new ServerError('MIGRATION_RUNNING', `A migration of ${from.ref} just finished or started; ask again`, 409, { from: from.version });
  if (running.toVersion !== to.version) {
    throw new ServerError('MIGRATION_RUNNING', `The cases of ${from.ref} are moving to ${running.toVersion} already`, 409, { from: from.version, to: running.toVersion, run: running.id });
  }
  return { run: running, created: false };
}

/** A run's progress: what it did, what is left, and the first failures. */
export interface RunStatus extends MigrationRun, RunCounts {
  /** Open cases of the older version the run has not dealt with yet. */
  remaining: number;
  failures: MigrationFailure[];
}

export async function runStatus(store: CaseStore, programs: ProgramRegistry, run: MigrationRun, failuresLimit = 100): Promise<RunStatus> {
  const counts = await store.caseMigrations.counts(run.id);
  const from = programs.get(run.programId, run.fromVersion);
  const perVersion = await store.caseMigrations.casesPerVersion(run.programId, (v) => {
    const p = programs.get(run.programId, v);
    return p ? finalStates(p) : [];
  });
  const open = perVersion.find((v) => v.version === run.fromVersion)?.open ?? 0;
  const remaining = run.finishedAt || !from ? 0 : Math.max(0, open - counts.failed);
  return { ...run, ...counts, remaining, failures: await store.caseMigrations.failures(run.id, failuresLimit) };
}

/**
 * Works on a run until no case of it is left: batch after batch of open cases of the older version the run has not
 * dealt with, each moved in its own transaction (`migrateOne`), then marks the run finished. Safe to run in several
 * processes at once and after a crash: a case is taken under `FOR UPDATE SKIP LOCKED` and only while it is on the
 * older version without a record of this run, and its record is written with it. Returns the cases it moved and failed.
 */
export async function workRun(run: MigrationRun, options: MigrationOptions & { logger?: Logger }): Promise<RunCounts> {
  const { store, programs } = options;
  const from = programs.get(run.programId, run.fromVersion);
  const to = programs.get(run.programId, run.toVersion);
  const done: RunCounts = { migrated: 0, failed: 0 };
  if (!from || !to) return done;
  const clock = options.clock ?? (() => new Date());
  const finals = finalStates(from);
  const actor = { id: run.startedBy, roles: [] };
  let after: string | null = null;
  let idle = 0;
  for (;;) {
    const batch = await store.caseMigrations.openCaseIds(run, finals, after, options.batchSize ?? 200);
    if (batch.length === 0) {
      if (after === null) {
        if (await store.caseMigrations.finish(run, finals, clock())) options.logger?.log({ level: 'info', msg: 'migration finished', run: run.id, from: from.ref, to: to.ref });
        return done;
      }
      // A pass is over; the cases another process held may be left: look again from the start.
      after = null;
      continue;
    }
    after = batch[batch.length - 1]!;
    let moved = 0;
    for (const id of batch) {
      const outcome = await store.caseMigrations.migrateOne(run, id, clock(), (current) => {
        const r = migrateCase(from, to, current, actor, clock(), options.locale);
        return r.ok ? { ok: true, applied: r } : r;
      });
      if (outcome !== 'skipped') {
        done[outcome]++;
        moved++;
      }
    }
    if (moved > 0) options.logger?.log({ level: 'info', msg: 'migration batch', run: run.id, migrated: done.migrated, failed: done.failed });
    if (moved === 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * ++idle)));
    else idle = 0;
  }
}

export interface MigrationWorkerOptions extends MigrationOptions {
  /** Time between looks for unfinished runs, in milliseconds. Default 2,000. */
  intervalMs?: number;
  logger?: Logger;
  /** Brings `programs` up to the versions published meanwhile, before each look. */
  refreshPrograms?: () => Promise<void>;
}

/** Works on every unfinished run whose versions this process serves, again and again (see `workRun`). */
export function createMigrationWorker(options: MigrationWorkerOptions) {
  const logger = options.logger ?? silentLogger;
  async function runOnce(): Promise<RunCounts> {
    await options.refreshPrograms?.();
    const total: RunCounts = { migrated: 0, failed: 0 };
    for (const run of await options.store.caseMigrations.unfinished()) {
      const done = await workRun(run, { ...options, logger });
      total.migrated += done.migrated;
      total.failed += done.failed;
    }
    return total;
  }
  return { runOnce, ...repeatEvery(runOnce, options.intervalMs ?? 2_000, logger, 'migration run failed') };
}
