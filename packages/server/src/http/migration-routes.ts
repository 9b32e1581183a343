import type { Hono } from 'hono';
import type { Api, DeepReadonly } from '@civicflow/core';
import type { AppContext, AppEnv, Services } from './http-context.js';
import type { MigrationRun } from '../migrations-of-cases/case-migration-store.js';
import { errorResponse, rememberName, requirePrincipal } from './http-context.js';
import { ServerError } from '../errors.js';
import { readJsonBody } from './read-json-body.js';
import { programRoles } from '../auth/principal.js';
import { PUBLISH_ROLE } from './version-routes.js';
import { dryRun, finalStates, migrationPair, runStatus, startMigration } from '../migrations-of-cases/run-migrations.js';

const VERSION = /^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$/;

/** `{ "from": "<version>", "to": "<version>"? }`, or 400 BODY_INVALID. */
function readMigrationRequest(body: unknown): { from: string; to?: string } {
  const b = body as { from?: unknown; to?: unknown };
  const shaped = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).every((k) => k === 'from' || k === 'to');
  if (!shaped || typeof b.from !== 'string' || !VERSION.test(b.from) || (b.to !== undefined && (typeof b.to !== 'string' || !VERSION.test(b.to)))) {
    throw new ServerError('BODY_INVALID', 'Expected { "from": "<version>", "to": "<version>" } (to: the current version when left out)', 400, { expected: '{ "from": "1.0.0", "to": "1.1.0" }' });
  }
  return b.to === undefined ? { from: b.from } : { from: b.from, to: b.to as string };
}

/** The principal, who must hold `<id>:publish`: migrations are for whoever publishes the program's versions. */
async function requirePublisher(c: AppContext, s: Services, id: string) {
  const principal = await requirePrincipal(c, s);
  const roles = principal.caseId === undefined ? programRoles(principal, id) : [];
  if (!roles.includes(PUBLISH_ROLE)) throw new ServerError('FORBIDDEN', `Migrations need the role ${id}:${PUBLISH_ROLE}`, 403, { role: `${id}:${PUBLISH_ROLE}` });
  if (!s.programs.latest(id)) throw new ServerError('NOT_FOUND', `No program ${id}`, 404, { program: id });
  return principal;
}

const runLink = (run: MigrationRun) => `/v1/programs/${encodeURIComponent(run.programId)}/migrations/${encodeURIComponent(run.id)}`;

export async function runAnswer(s: Services, run: MigrationRun): Promise<DeepReadonly<Api.MigrationRun>> {
  const status = await runStatus(s.store, s.programs, run);
  return {
    id: status.id,
    from: status.fromVersion,
    to: status.toVersion,
    startedBy: status.startedBy,
    startedAt: status.startedAt,
    finishedAt: status.finishedAt,
    total: status.total,
    migrated: status.migrated,
    failed: status.failed,
    remaining: status.remaining,
    failures: status.failures,
    links: { self: runLink(run) },
  };
}

/** Runs `fn`, answering 422 MIGRATION_INVALID with its problems in the request's language. */
async function withProblems(c: AppContext, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ServerError && err.code === 'MIGRATION_INVALID') return errorResponse(c, err, { problems: (err as ServerError & { problems: unknown[] }).problems });
    throw err;
  }
}

/**
 * The operators' view of migrations of open cases (role `<id>:publish`): cases per version and the runs, a dry run, a
 * run started (the server processes' migration workers carry it out), and one run's progress and failures.
 */
export function registerMigrationRoutes(app: Hono<AppEnv>, s: Services): void {
  app.get('/v1/programs/:programId/migrations', async (c) => {
    const id = c.req.param('programId');
    await requirePublisher(c, s, id);
    const perVersion = await s.store.caseMigrations.casesPerVersion(id, (v) => {
      const p = s.programs.get(id, v);
      return p ? finalStates(p) : [];
    });
    const current = s.programs.latest(id)!.version;
    const versions = s.programs
      .list()
      .filter((p) => p.id === id)
      .map((p) => {
        const counted = perVersion.find((v) => v.version === p.version);
        return { version: p.version, current: p.version === current, openCases: counted?.open ?? 0, cases: counted?.total ?? 0 };
      });
    const runs = [];
    for (const run of await s.store.caseMigrations.list(id, 50)) runs.push(await runAnswer(s, run));
    c.header('Cache-Control', 'no-store');
    return c.json({ versions, runs } satisfies DeepReadonly<Api.MigrationOverview>);
  });

  app.post('/v1/programs/:programId/migrations/dry-run', (c) =>
    withProblems(c, async () => {
      const id = c.req.param('programId');
      await requirePublisher(c, s, id);
      const { from, to } = readMigrationRequest(await readJsonBody(c.req.raw, s.limits));
      const pair = migrationPair(s.programs, id, from, to, c.get('locale'));
      const result = await dryRun(pair, { store: s.store, programs: s.programs, clock: s.clock, locale: c.get('locale') });
      c.header('Cache-Control', 'no-store');
      return c.json(result satisfies DeepReadonly<Api.MigrationDryRun>);
    }),
  );

  app.post('/v1/programs/:programId/migrations', (c) =>
    withProblems(c, async () => {
      const id = c.req.param('programId');
      const principal = await requirePublisher(c, s, id);
      const { from, to } = readMigrationRequest(await readJsonBody(c.req.raw, s.limits));
      const pair = migrationPair(s.programs, id, from, to, c.get('locale'));
      const now = s.clock();
      await rememberName(s, principal, now);
      const { run, created } = await startMigration(s.store, pair, principal.actor, now);
      s.logger.log({ level: 'info', msg: created ? 'migration started' : 'migration running already', run: run.id, from: pair.from.ref, to: pair.to.ref });
      c.header('Location', runLink(run));
      c.header('Cache-Control', 'no-store');
      return c.json({ created, run: await runAnswer(s, run) } satisfies DeepReadonly<Api.MigrationStarted>, created ? 202 : 200);
    }),
  );

  app.get('/v1/programs/:programId/migrations/:runId', async (c) => {
    const id = c.req.param('programId');
    await requirePublisher(c, s, id);
    const runId = c.req.param('runId');
    const run = runId.includes('\u0000') ? undefined : await s.store.caseMigrations.get(runId);
    if (!run || run.programId !== id) throw new ServerError('NOT_FOUND', `No migration ${runId}`, 404, { run: runId });
    c.header('Cache-Control', 'no-store');
    return c.json(await runAnswer(s, run));
  });
}
