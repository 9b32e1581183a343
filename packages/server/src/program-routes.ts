import type { Hono } from 'hono';
import type { Program } from '@civicflow/core';
import type { AppContext, AppEnv, Services } from './http-context.js';
import { programFrom } from './http-context.js';
import { submissionForms } from './open-case.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
// The newest version may change with a deployment: caches keep it but ask again (a cheap 304 thanks to the ETag).
const REVALIDATE = 'public, no-cache';

/** Links to a program version's resources. */
export function programLinks(p: Program) {
  const base = `/v1/programs/${encodeURIComponent(p.id)}/versions/${encodeURIComponent(p.version)}`;
  return { self: base, validators: `${base}/validators.js`, submissions: `${base}/submissions`, validate: `${base}/validate` };
}

function summary(p: Program) {
  return { id: p.id, version: p.version, ref: p.ref, hash: p.hash, locales: p.locales, title: p.definition.title, submissionForms: submissionForms(p), links: programLinks(p) };
}

/** Answers 304 when the client holds this version already; otherwise sets the cache headers and returns undefined. */
function notModified(c: AppContext, p: Program): Response | undefined {
  const etag = `"${p.hash}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', c.req.param('version') === undefined ? REVALIDATE : IMMUTABLE);
  const given = c.req.header('if-none-match');
  if (given && given.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
  return undefined;
}

/** Program definitions and their precompiled validators, by id (newest version) and by id and version. */
export function registerProgramRoutes(app: Hono<AppEnv>, s: Services): void {
  app.get('/v1/programs', (c) => {
    c.header('Cache-Control', REVALIDATE);
    return c.json({ items: s.programs.list().map(summary) });
  });

  const definition = (c: AppContext) => {
    const p = programFrom(c, s);
    return notModified(c, p) ?? c.json({ ...summary(p), definition: p.definition });
  };
  app.get('/v1/programs/:programId', definition);
  app.get('/v1/programs/:programId/versions/:version', definition);

  const validators = async (c: AppContext) => {
    const p = programFrom(c, s);
    const cached = notModified(c, p);
    if (cached) return cached;
    const source = await s.programs.validatorsModule(p);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(source);
  };
  app.get('/v1/programs/:programId/validators.js', validators);
  app.get('/v1/programs/:programId/versions/:version/validators.js', validators);
}
