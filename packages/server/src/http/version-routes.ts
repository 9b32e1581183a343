import type { Hono } from 'hono';
import { addDuration, loadProgram, ProgramError, type Api, type DeepReadonly, type Program } from '@civicflow/core';
import { submissionForms } from '@civicflow/workflow';
import type { AppContext, AppEnv, Services } from './http-context.js';
import type { ProgramRegistry } from '../programs/program-registry.js';
import { errorResponse, requirePrincipal } from './http-context.js';
import { ServerError } from '../errors.js';
import { programRoles } from '../auth/principal.js';
import { readJsonBody, type BodyLimits } from './read-json-body.js';
import { programLinks } from './program-routes.js';

/** The role, held per program (`<program id>:publish`), that may publish a new version of it. */
export const PUBLISH_ROLE = 'publish';

/** How long older versions accept submissions after a newer one is published, unless the newer one says otherwise. */
export const DEFAULT_ACCEPT_PREVIOUS_FOR = 'P0D';

/**
 * A definition is larger than a submission: the examples are up to about 100 kB with a few thousand values. These
 * limits leave room for programs many times that size and still bound what one request can make the server parse.
 */
export const DEFINITION_LIMITS: BodyLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 64, maxValues: 200_000 };

/**
 * Until when an older version of a program accepts submissions: the newest version's `versions.acceptPreviousFor`
 * (default `P0D`) after that version was published. Undefined for the newest version itself, and when the newest
 * version's publication is not known (a registry given programs from files only): then it accepts.
 */
export function acceptsUntil(programs: ProgramRegistry, program: Program): Date | undefined {
  const current = programs.latest(program.id);
  if (!current || current.ref === program.ref) return undefined;
  const published = programs.publication(current.ref);
  if (!published) return undefined;
  return addDuration(new Date(published.publishedAt), current.definition.versions?.acceptPreviousFor ?? DEFAULT_ACCEPT_PREVIOUS_FOR);
}

/**
 * Refuses a submission to an older version whose time to accept is over: 409 `VERSION_SUPERSEDED`, whose details name
 * the newest version and carry its links (where to submit now).
 */
export function refuseIfSuperseded(s: Services, program: Program, now: Date): void {
  const until = acceptsUntil(s.programs, program);
  if (until === undefined || now.getTime() < until.getTime()) return;
  const current = s.programs.latest(program.id)!;
  throw new ServerError('VERSION_SUPERSEDED', `${program.ref} no longer accepts submissions; ${current.ref} does`, 409, {
    program: program.id,
    version: program.version,
    current: current.version,
    links: programLinks(current),
  });
}

export function versionAnswer(programs: ProgramRegistry, p: Program): DeepReadonly<Api.ProgramVersion> {
  const published = programs.publication(p.ref);
  const until = acceptsUntil(programs, p);
  return {
    id: p.id,
    version: p.version,
    ref: p.ref,
    hash: p.hash,
    locales: p.locales,
    title: p.definition.title,
    submissionForms: submissionForms(p),
    links: programLinks(p),
    current: programs.latest(p.id)?.ref === p.ref,
    ...(published ? { publishedAt: published.publishedAt } : {}),
    ...(until ? { acceptsUntil: until.toISOString() } : {}),
  };
}

/** The definition of the body, checked by core, or 422 `PROGRAM_INVALID` with its problems in the request's language. */
export function definitionFrom(c: AppContext, body: unknown, programId: string): Program {
  let program: Program;
  try {
    program = loadProgram(body, { locale: c.get('locale') });
  } catch (err) {
    if (!(err instanceof ProgramError)) throw err;
    const problems = err.issues.map((i) => ({ code: i.code, pointer: i.pointer, message: i.message, params: i.params }));
    throw Object.assign(new ServerError('PROGRAM_INVALID', `The definition has ${problems.length} problem(s)`, 422, { count: problems.length }), { problems });
  }
  if (program.id !== programId) {
    throw new ServerError('PARAMETER_INVALID', `The definition is of ${program.id}, not ${programId}`, 400, { parameter: 'programId', definition: program.id });
  }
  return program;
}

/** A program's versions, and publishing a new one. */
export function registerVersionRoutes(app: Hono<AppEnv>, s: Services): void {
  app.get('/v1/programs/:programId/versions', (c) => {
    const id = c.req.param('programId');
    const versions = s.programs.list().filter((p) => p.id === id);
    if (versions.length === 0) throw new ServerError('NOT_FOUND', `No program ${id}`, 404, { program: id });
    c.header('Cache-Control', 'public, no-cache');
    return c.json({ items: versions.map((p) => versionAnswer(s.programs, p)) } satisfies DeepReadonly<Api.ProgramVersionList>);
  });

  app.post('/v1/programs/:programId/versions', async (c) => {
    const id = c.req.param('programId');
    const principal = await requirePrincipal(c, s);
    const roles = principal.caseId === undefined ? programRoles(principal, id) : [];
    if (!roles.includes(PUBLISH_ROLE)) throw new ServerError('FORBIDDEN', `Publishing needs the role ${id}:${PUBLISH_ROLE}`, 403, { role: `${id}:${PUBLISH_ROLE}` });
    const body = await readJsonBody(c.req.raw, DEFINITION_LIMITS);
    let program: Program;
    try {
      program = definitionFrom(c, body, id);
    } catch (err) {
      if (err instanceof ServerError && err.code === 'PROGRAM_INVALID') return errorResponse(c, err, { problems: (err as ServerError & { problems: unknown[] }).problems });
      throw err;
    }
    const served = s.programs.byRef(program.ref);
    if (served && served.hash !== program.hash) {
      throw new ServerError('PROGRAM_VERSION_EXISTS', `${program.ref} is served already with another definition`, 409, { program: program.id, version: program.version, hash: served.hash });
    }
    const now = s.clock();
    const { created, stored } = await s.store.programVersions.publish({
      programId: program.id,
      version: program.version,
      // As sent: the designer's order of keys and fields is kept; the hash is of the canonical form.
      definition: JSON.stringify(program.definition),
      hash: program.hash,
      publishedBy: principal.actor,
      publishedAt: now,
    });
    s.programs.add(program, { publishedBy: stored.publishedBy, publishedAt: stored.publishedAt });
    // A look now takes the store's new mark, so the next submission's check is not refused for this very version.
    // A look that fails changes nothing: that check then finds the difference itself.
    await s.programSync.refresh({ now: true }).catch(() => {});
    s.logger.log({ level: 'info', msg: created ? 'program version published' : 'program version published before', program: program.ref, hash: program.hash });
    c.header('Location', programLinks(program).self);
    c.header('Cache-Control', 'no-store');
    return c.json({ created, version: versionAnswer(s.programs, s.programs.byRef(program.ref)!) } satisfies DeepReadonly<Api.PublishedVersion>, created ? 201 : 200);
  });
}
