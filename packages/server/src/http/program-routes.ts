import type { Hono } from 'hono';
import type { Api, DeepReadonly, Program } from '@civicflow/core';
import { submissionForms } from '@civicflow/workflow';
import type { AppContext, AppEnv, Services } from './http-context.js';
import { definitionDocument } from '@civicflow/build';
import { programFrom } from './http-context.js';
import { ServerError } from '../errors.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
// The newest version may change with a deployment: caches keep it but ask again (a cheap 304 thanks to the ETag).
const REVALIDATE = 'public, no-cache';

const versionBase = (p: Program) => `/v1/programs/${encodeURIComponent(p.id)}/versions/${encodeURIComponent(p.version)}`;

/** Links to a program version's resources. */
export function programLinks(p: Program): Api.ProgramLinks {
  const base = versionBase(p);
  return { self: base, validators: `${base}/validators.js`, browser: `${base}/browser/validators.js`, submissions: `${base}/submissions`, validate: `${base}/validate` };
}

function summary(p: Program): DeepReadonly<Api.ProgramSummary> {
  return { id: p.id, version: p.version, ref: p.ref, hash: p.hash, locales: p.locales, title: p.definition.title, submissionForms: submissionForms(p), links: programLinks(p) };
}

/** `?forms=…` for a list of forms, or nothing for all of them. */
const formsQuery = (forms: readonly string[] | undefined) => (forms ? `?forms=${forms.map(encodeURIComponent).join(',')}` : '');

/**
 * Where a browser module of `forms` finds its definition in each locale: always the versioned URL, so that a module
 * fetched as the newest version never reads the texts of a version published after it.
 */
export function definitionUrls(p: Program, forms: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries(p.locales.map((l) => [l, `${versionBase(p)}/browser/definition.${encodeURIComponent(l)}.json${formsQuery(forms)}`]));
}

/**
 * The forms a browser file covers: all (undefined) without `?forms`, else the one form named (repeats of it are the
 * same). One form or all, not any list: each variant is a build of a second or so, and a page shows one form, so the
 * variants a client can ask for stay as few as the program's forms. 400 `PARAMETER_INVALID` otherwise.
 */
function formsFrom(c: AppContext, p: Program): string[] | undefined {
  const asked = c.req.queries('forms')?.flatMap((v) => v.split(',').map((f) => f.trim()).filter((f) => f !== ''));
  if (asked === undefined) return undefined;
  const known = Object.keys(p.definition.forms);
  const distinct = [...new Set(asked)];
  if (distinct.length !== 1 || !known.includes(distinct[0]!)) {
    throw new ServerError('PARAMETER_INVALID', `forms must name one form of ${p.ref}`, 400, { parameter: 'forms', forms: known });
  }
  return distinct;
}

/**
 * Answers 304 when the client holds this variant already; otherwise sets the cache headers and returns undefined.
 * The ETag is the program's hash, followed by what else the answer depends on (never a comma: If-None-Match splits on it).
 */
function notModified(c: AppContext, p: Program, ...variant: string[]): Response | undefined {
  const etag = `"${[p.hash, ...variant].join(':')}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', c.req.param('version') === undefined ? REVALIDATE : IMMUTABLE);
  const given = c.req.header('if-none-match');
  if (given && given.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) return c.body(null, 304);
  return undefined;
}

/** Program definitions and their precompiled validators, by id (newest version) and by id and version. */
export function registerProgramRoutes(app: Hono<AppEnv>, s: Services): void {
  // The server's time, for widgets that decide whether a period is open: a visitor's own clock may be wrong, and a
  // server may run at another date (the demo at a program's own time).
  app.get('/v1/clock', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ now: s.clock().toISOString() } satisfies Api.Clock);
  });

  app.get('/v1/programs', (c) => {
    c.header('Cache-Control', REVALIDATE);
    return c.json({ items: s.programs.list().map(summary) } satisfies DeepReadonly<Api.ProgramList>);
  });

  const definition = (c: AppContext) => {
    const p = programFrom(c, s);
    return notModified(c, p) ?? c.json({ ...summary(p), definition: p.definition } satisfies DeepReadonly<Api.ProgramWithDefinition>);
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

  // For pages: compact validators of some forms, with the words of each locale in a JSON document beside them.
  const browserValidators = async (c: AppContext) => {
    const p = programFrom(c, s);
    const forms = formsFrom(c, p);
    const cached = notModified(c, p, 'browser', ...(forms ? [forms.join('+')] : []));
    if (cached) return cached;
    const source = await s.programs.browserModule(p, forms, definitionUrls(p, forms));
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(source);
  };
  const browserDefinition = (c: AppContext, locale: string) => {
    const p = programFrom(c, s);
    if (!p.locales.includes(locale)) {
      throw new ServerError('NOT_FOUND', `No locale ${locale} in ${p.ref}`, 404, { program: p.id, version: p.version, locale, locales: p.locales });
    }
    const forms = formsFrom(c, p);
    const cached = notModified(c, p, locale, ...(forms ? [forms.join('+')] : []));
    if (cached) return cached;
    c.header('Content-Type', 'application/json');
    return c.body(definitionDocument(p, { ...(forms ? { forms } : {}), locale }));
  };
  // One route for a page's files: a fixed name beside a parameter at the same place would keep Hono from its fastest
  // router (see create-app.ts).
  const browserFile = (c: AppContext) => {
    const file = c.req.param('file') ?? '';
    if (file === 'validators.js') return browserValidators(c);
    const locale = /^definition\.([^/]+)\.json$/.exec(file)?.[1];
    if (locale !== undefined) return browserDefinition(c, locale);
    throw new ServerError('NOT_FOUND', 'No such resource', 404);
  };
  app.get('/v1/programs/:programId/browser/:file', browserFile);
  app.get('/v1/programs/:programId/versions/:version/browser/:file', browserFile);
}
