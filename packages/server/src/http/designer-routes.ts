import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Services } from './http-context.js';
import { requirePrincipal } from './http-context.js';
import { ServerError } from '../errors.js';
import { programRoles } from '../auth/principal.js';
import { PUBLISH_ROLE } from './version-routes.js';
import { DESIGN_ROLE } from './draft-routes.js';

/**
 * The designer's page checks the program with `loadProgram` as the server does, in the browser: Ajv compiles schemas
 * with `new Function`, so this page, and no other answer of the server, may evaluate code. Everything it loads comes
 * from the server itself; no other site may frame it.
 */
export const designerHeaders = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'", "'unsafe-eval'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    connectSrc: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
  strictTransportSecurity: 'max-age=31536000; includeSubDomains',
});

/** Whether a path is one of the designer's: they get `designerHeaders` instead of the API's. */
export const isDesignerPath = (path: string) => path === '/designer' || path.startsWith('/designer/');

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function page(programId: string, lang: 'de' | 'en'): string {
  const title = lang === 'de' ? 'Programm gestalten' : 'Design a program';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(programId)} — ${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}main{max-width:90rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;overflow-wrap:anywhere}</style>
<script type="module" src="/designer/cf-program-designer.js"></script></head>
<body><main><h1>${title}: ${esc(programId)}</h1>
<cf-draft-panel program="${esc(programId)}" for="designer" locale="${lang}"></cf-draft-panel>
<cf-program-designer id="designer" locale="${lang}"></cf-program-designer></main></body></html>`;
}

/**
 * The designer at `/designer/{programId}` for people signed in with the program's `design` or `publish` role: a page
 * with `<cf-program-designer>` and `<cf-draft-panel>`, which loads and saves the program's draft through the HTTP API
 * on the same origin (the sign-in cookie goes along), and the designer's bundle at `/designer/cf-program-designer.js`.
 * Without `bundle` (the designer package is not installed) both answer 404.
 */
export function registerDesignerRoutes(app: Hono<AppEnv>, s: Services, bundle: string | undefined): void {
  let code: Promise<Buffer | undefined> | undefined;
  app.get('/designer/cf-program-designer.js', async (c) => {
    code ??= bundle ? readFile(bundle).catch(() => undefined) : Promise.resolve(undefined);
    const js = await code;
    if (!js) throw new ServerError('NOT_FOUND', 'The designer is not installed on this server', 404);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(js));
  });

  app.get('/designer/:programId', async (c) => {
    const id = c.req.param('programId');
    if (!bundle) throw new ServerError('NOT_FOUND', 'The designer is not installed on this server', 404);
    const principal = await requirePrincipal(c, s);
    const roles = principal.caseId === undefined ? programRoles(principal, id) : [];
    if (!roles.includes(DESIGN_ROLE) && !roles.includes(PUBLISH_ROLE)) throw new ServerError('FORBIDDEN', `The designer needs the role ${id}:${DESIGN_ROLE}`, 403, { role: `${id}:${DESIGN_ROLE}` });
    if (!s.programs.latest(id)) throw new ServerError('NOT_FOUND', `No program ${id}`, 404, { program: id });
    c.header('Cache-Control', 'no-store');
    return c.html(page(id, c.get('locale') === 'de' ? 'de' : 'en'));
  });
}
