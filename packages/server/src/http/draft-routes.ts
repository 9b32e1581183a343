import type { Hono } from 'hono';
import { checkMigration, loadProgram, ProgramError, type Api, type DeepReadonly, type Program, type ProgramDefinition } from '@civicflow/core';
import { programChanges } from '@civicflow/workflow';
import type { AppContext, AppEnv, Services } from './http-context.js';
import type { Principal } from '../auth/principal.js';
import type { StoredDraft } from '../store/program-draft-store.js';
import { errorResponse, rememberName, requirePrincipal } from './http-context.js';
import { ServerError } from '../errors.js';
import { programRoles } from '../auth/principal.js';
import { readJsonBody, readJsonText } from './read-json-body.js';
import { DEFINITION_LIMITS, definitionFrom, PUBLISH_ROLE, versionAnswer } from './version-routes.js';
import { runAnswer } from './migration-routes.js';
import { compareVersions } from '../programs/program-registry.js';
import { dryRun, startMigration, type MigrationPair } from '../migrations-of-cases/run-migrations.js';
import { programLinks } from './program-routes.js';

/** The role, held per program (`<program id>:design`), that may read and save the program's draft. `publish` may too. */
export const DESIGN_ROLE = 'design';

/** How many cases a publish plan lists one by one per older version; the sums count all of them. */
const PLAN_CASES = 100;

/** The principal, who must hold one of `roles` in the program, which the server must serve. */
async function requireRole(c: AppContext, s: Services, id: string, roles: readonly string[], what: string): Promise<Principal> {
  const principal = await requirePrincipal(c, s);
  const held = principal.caseId === undefined ? programRoles(principal, id) : [];
  if (!roles.some((r) => held.includes(r))) throw new ServerError('FORBIDDEN', `${what} needs the role ${id}:${roles[0]}`, 403, { role: `${id}:${roles[0]}` });
  if (!s.programs.latest(id)) throw new ServerError('NOT_FOUND', `No program ${id}`, 404, { program: id });
  return principal;
}

/** The draft version `If-Match` names (`"3"`, `3`, or a weak `W/"3"`), or 428 `DRAFT_VERSION_REQUIRED`. */
function draftVersionOf(c: AppContext): number {
  const match = /^\s*(?:W\/)?"?(0|[1-9][0-9]{0,8})"?\s*$/.exec(c.req.header('if-match') ?? '');
  if (!match) throw new ServerError('DRAFT_VERSION_REQUIRED', 'Send If-Match with the draft version you loaded', 428);
  return Number(match[1]);
}

const etag = (version: number) => `"${version}"`;

/**
 * The text a new draft starts from: the current version's text as it was published, laid out two spaces deep when it
 * was published on one line (so that the designer's edits show as the lines they touch), or its definition.
 */
async function liveText(s: Services, program: Program): Promise<string> {
  const stored = await s.store.programVersions.get(program.id, program.version);
  if (stored && stored.hash === program.hash && stored.definition.includes('\n')) return stored.definition;
  return `${JSON.stringify(program.definition, null, 2)}\n`;
}

/** A conflict's details with the name of whoever saved, where the store knows it. */
async function withName(s: Services, err: unknown): Promise<never> {
  if (err instanceof ServerError && err.code === 'DRAFT_CONFLICT' && typeof err.params['savedBy'] === 'string') {
    const names = await s.store.names([err.params['savedBy']]);
    const name = names[err.params['savedBy']];
    if (name) Object.assign(err.params, { savedByName: name });
  }
  throw err;
}

/** The draft as stored, or 412 when it is not at `expected` (another designer saved), or 404 when there is none. */
async function draftAt(s: Services, id: string, expected: number): Promise<StoredDraft> {
  const draft = await s.store.programDrafts.get(id);
  if (!draft) throw new ServerError('NOT_FOUND', `${id} has no draft`, 404, { program: id });
  if (draft.version !== expected) {
    await withName(s, new ServerError('DRAFT_CONFLICT', `The draft of ${id} is at version ${draft.version}, not ${expected}`, 412, { program: id, expected, current: draft.version, savedBy: draft.savedBy, savedAt: draft.savedAt }));
  }
  return draft;
}

/** `{ "dryRun"?: boolean, "migrate"?: boolean }`, or 400 BODY_INVALID. */
function readPublishRequest(body: unknown): { dryRun: boolean; migrate: boolean } {
  const b = body as { dryRun?: unknown; migrate?: unknown };
  const shaped = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).every((k) => k === 'dryRun' || k === 'migrate');
  if (!shaped || (b.dryRun !== undefined && typeof b.dryRun !== 'boolean') || (b.migrate !== undefined && typeof b.migrate !== 'boolean')) {
    throw new ServerError('BODY_INVALID', 'Expected { "dryRun": true|false, "migrate": true|false }', 400, { expected: '{ "dryRun": false, "migrate": true }' });
  }
  return { dryRun: b.dryRun === true, migrate: b.migrate === true };
}

/** Runs `fn`, answering 422 with the error's `problems` (PROGRAM_INVALID, MIGRATION_INVALID) in the request's language. */
async function withProblems(c: AppContext, fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ServerError && (err.code === 'PROGRAM_INVALID' || err.code === 'MIGRATION_INVALID')) {
      return errorResponse(c, err, { problems: (err as ServerError & { problems: unknown[] }).problems });
    }
    throw err;
  }
}

/**
 * The older versions whose open cases the draft's `versions.migrations` moves (those the server serves), each checked
 * against the draft (`MIGRATION_INVALID` 422 with pointers into the draft), with what moving them would do now.
 */
async function plansOf(c: AppContext, s: Services, draft: Program): Promise<{ pair: MigrationPair; plan: Awaited<ReturnType<typeof dryRun>> }[]> {
  const plans = [];
  for (const m of draft.definition.versions?.migrations ?? []) {
    const from = s.programs.get(draft.id, m.from);
    if (!from) continue;
    const problems = checkMigration(from, draft, c.get('locale'));
    if (problems.length > 0) {
      throw Object.assign(new ServerError('MIGRATION_INVALID', `${draft.ref} cannot take the cases of ${from.ref}`, 422, { from: from.version, to: draft.version, count: problems.length }), {
        problems: problems.map((i) => ({ code: i.code, pointer: i.pointer, message: i.message, params: i.params })),
      });
    }
    const pair = { from, to: draft };
    plans.push({ pair, plan: await dryRun(pair, { store: s.store, programs: s.programs, clock: s.clock, locale: c.get('locale'), limit: PLAN_CASES }) });
  }
  return plans;
}

/**
 * Drafts of a program on the server (role `<id>:design`, or `<id>:publish`): read and save the draft with the version
 * it was loaded at, see what it changes against the current version, and publish it (role `<id>:publish`).
 */
export function registerDraftRoutes(app: Hono<AppEnv>, s: Services): void {
  app.get('/v1/programs/:programId/draft', async (c) => {
    const id = c.req.param('programId');
    await requireRole(c, s, id, [DESIGN_ROLE, PUBLISH_ROLE], 'The draft');
    const draft = await s.store.programDrafts.get(id);
    c.header('ETag', etag(draft?.version ?? 0));
    c.header('Cache-Control', 'no-store');
    if (draft) c.header('Last-Modified', new Date(draft.savedAt).toUTCString());
    c.header('Content-Type', 'application/json; charset=utf-8');
    return c.body(draft ? draft.text : await liveText(s, s.programs.latest(id)!));
  });

  app.put('/v1/programs/:programId/draft', async (c) => {
    const id = c.req.param('programId');
    const principal = await requireRole(c, s, id, [DESIGN_ROLE, PUBLISH_ROLE], 'The draft');
    const expected = draftVersionOf(c);
    const { value, text } = await readJsonText(c.req.raw, DEFINITION_LIMITS);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ServerError('BODY_INVALID', 'A draft is a program definition: a JSON object', 400, { reason: 'not an object' });
    }
    const draftId = (value as { id?: unknown }).id;
    if (draftId !== undefined && draftId !== id) {
      throw new ServerError('PARAMETER_INVALID', `The draft is of ${String(draftId)}, not ${id}`, 400, { parameter: 'programId', definition: String(draftId) });
    }
    const now = s.clock();
    await rememberName(s, principal, now);
    const saved = await s.store.programDrafts.save(id, text, expected, principal.actor, now).catch((err: unknown) => withName(s, err));
    s.logger.log({ level: 'info', msg: 'program draft saved', program: id, draft: saved.version });
    c.header('ETag', etag(saved.version));
    c.header('Cache-Control', 'no-store');
    return c.json({ version: saved.version, savedBy: saved.savedBy, savedAt: saved.savedAt } satisfies DeepReadonly<Api.DraftSaved>);
  });

  app.get('/v1/programs/:programId/draft/changes', async (c) => {
    const id = c.req.param('programId');
    const principal = await requireRole(c, s, id, [DESIGN_ROLE, PUBLISH_ROLE], 'The draft');
    const live = s.programs.latest(id)!;
    const draft = await s.store.programDrafts.get(id);
    const definition = draft ? (JSON.parse(draft.text) as ProgramDefinition) : live.definition;
    let problems: Api.ProgramProblem[] = [];
    try {
      loadProgram(definition, { locale: c.get('locale') });
    } catch (err) {
      if (!(err instanceof ProgramError)) throw err;
      problems = err.issues.map((i) => ({ code: i.code, pointer: i.pointer, message: i.message, params: i.params ?? {} }));
    }
    c.header('ETag', etag(draft?.version ?? 0));
    c.header('Cache-Control', 'no-store');
    return c.json({
      draft: draft?.version ?? 0,
      live: { version: live.version, hash: live.hash },
      changes: programChanges(live.definition, definition),
      problems,
      // The page shows Publish only to those who may: `publish` includes what `design` may do.
      rights: programRoles(principal, id).includes(PUBLISH_ROLE) ? ['design', 'publish'] : ['design'],
    } satisfies DeepReadonly<Api.DraftChanges>);
  });

  app.post('/v1/programs/:programId/draft/publish', (c) =>
    withProblems(c, async () => {
      const id = c.req.param('programId');
      const principal = await requireRole(c, s, id, [PUBLISH_ROLE], 'Publishing');
      const expected = draftVersionOf(c);
      const request = readPublishRequest(await readJsonBody(c.req.raw, s.limits));
      const draft = await draftAt(s, id, expected);
      const program = definitionFrom(c, JSON.parse(draft.text), id);
      const current = s.programs.latest(id)!;
      if (compareVersions(program.version, current.version) <= 0) {
        throw new ServerError('DRAFT_VERSION_NOT_NEWER', `${program.ref} is not newer than ${current.ref}`, 409, { version: program.version, current: current.version });
      }
      const plans = await plansOf(c, s, program);
      c.header('Cache-Control', 'no-store');
      if (request.dryRun) {
        return c.json({ version: program.version, hash: program.hash, plans: plans.map((p) => p.plan) } satisfies DeepReadonly<Api.DraftPublishPlan>);
      }
      const now = s.clock();
      await rememberName(s, principal, now);
      const { created, stored } = await s.store.programVersions.publish({
        programId: program.id,
        version: program.version,
        // The designer's text, byte for byte; the hash is of the canonical form.
        definition: draft.text,
        hash: program.hash,
        publishedBy: principal.actor,
        publishedAt: now,
        auditDetail: { draft: draft.version },
      });
      s.programs.add(program, { publishedBy: stored.publishedBy, publishedAt: stored.publishedAt });
      // A look now takes the store's new mark, so the next submission's check is not refused for this very version.
      // A look that fails changes nothing: that check then finds the difference itself.
      await s.programSync.refresh({ now: true }).catch(() => {});
      s.logger.log({ level: 'info', msg: 'program draft published', program: program.ref, hash: program.hash, draft: draft.version });
      const migrations = [];
      if (request.migrate) {
        for (const { pair, plan } of plans) {
          if (plan.total === 0) continue;
          const { run } = await startMigration(s.store, pair, principal.actor, now);
          migrations.push(await runAnswer(s, run));
        }
      }
      c.header('Location', programLinks(program).self);
      return c.json(
        { created, version: versionAnswer(s.programs, s.programs.byRef(program.ref)!), plans: plans.map((p) => p.plan), migrations } satisfies DeepReadonly<Api.DraftPublished>,
        created ? 201 : 200,
      );
    }),
  );
}
