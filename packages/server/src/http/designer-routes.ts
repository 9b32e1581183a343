import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Services } from './http-context.js';
import type { AppContext } from './http-context.js';
import { principalOf } from './http-context.js';
import { ServerError, type ServerErrorCode } from '../errors.js';
import { forLocale } from '@civicflow/core';
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
/** The designer's bundle, at `/designer/<this>` beside the pages at `/designer/<program id>`. */
const BUNDLE_NAME = 'cf-program-designer.js';

export const isDesignerPath = (path: string) => path === '/designer' || path.startsWith('/designer/');

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The designer's page, headed by the program's title in the page's language (its id is for addresses, not people). */
function page(programId: string, programTitle: string, lang: 'de' | 'en'): string {
  const title = lang === 'de' ? 'Programm gestalten' : 'Design a program';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(programTitle)} — ${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}main{max-width:90rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;overflow-wrap:anywhere}</style>
<script type="module" src="/designer/${BUNDLE_NAME}"></script></head>
<body><main><h1>${title}: ${esc(programTitle)}</h1>
<cf-draft-panel program="${esc(programId)}" for="designer" locale="${lang}"></cf-draft-panel>
<cf-program-designer id="designer" locale="${lang}"></cf-program-designer></main></body></html>`;
}

/** The words of the pages a person gets instead of the designer, in the page's language. */
const REFUSAL_WORDS = {
  de: {
    signInTitle: 'Anmeldung nötig',
    signIn: 'Um ein Programm zu gestalten, melden Sie sich bitte an.',
    signInHow: 'Dieser Server hat keine eigene Anmeldeseite. Wie Sie sich anmelden, erfahren Sie bei denen, die ihn betreiben.',
    forbiddenTitle: 'Kein Zugang zum Designer',
    forbidden: 'Sie sind angemeldet, dürfen {program} aber nicht gestalten.',
    forbiddenHow: 'Das Recht dazu vergeben die, die die Rollen für dieses Programm verwalten. Bitten Sie sie darum, oder melden Sie sich mit einem anderen Zugang an.',
    thisProgram: 'dieses Programm',
    missingTitle: 'Programm nicht gefunden',
    missing: 'Dieses Programm gibt es auf diesem Server nicht. Prüfen Sie die Adresse.',
  },
  en: {
    signInTitle: 'Sign-in needed',
    signIn: 'To design a program, please sign in.',
    signInHow: 'This server has no sign-in page of its own. Those who run it can tell you how to sign in.',
    forbiddenTitle: 'No access to the designer',
    forbidden: 'You are signed in, but you may not design {program}.',
    forbiddenHow: 'Those who manage the roles of this program give that right. Ask them for it, or sign in with another account.',
    thisProgram: 'this program',
    missingTitle: 'Program not found',
    missing: 'This server has no such program. Please check the address.',
  },
} as const;

/** A page for a person who gets no designer: why, in their language, with no codes; `code` goes to the request log. */
function refusalPage(c: AppContext, status: 401 | 403 | 404, code: ServerErrorCode, title: string, lines: readonly string[], lang: 'de' | 'en'): Response {
  c.set('errorCode', code);
  c.header('Cache-Control', 'no-store');
  return c.html(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fff;line-height:1.5}main{max-width:40rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem}</style></head>
<body><main><h1>${esc(title)}</h1>${lines.map((l) => `<p>${esc(l)}</p>`).join('')}</main></body></html>`,
    status,
  );
}

/**
 * The designer at `/designer/{programId}` for people signed in with the program's `design` or `publish` role: a page
 * with `<cf-program-designer>` and `<cf-draft-panel>`, which loads and saves the program's draft through the HTTP API
 * on the same origin (the sign-in cookie goes along), and the designer's bundle at `/designer/cf-program-designer.js`.
 * Without `bundle` (the designer package is not installed) both answer 404.
 *
 * The page is for people, so its refusals are pages too: someone not signed in is sent to `/auth/login` with the
 * page as the address to come back to when the server signs people in (`signIn`), and otherwise gets a page that
 * says sign-in is needed (401); someone without the role gets a page that says so (403).
 */
export function registerDesignerRoutes(app: Hono<AppEnv>, s: Services, bundle: string | undefined, signIn = false): void {
  let code: Promise<Buffer | undefined> | undefined;
  const designerBundle = async (c: AppContext) => {
    code ??= bundle ? readFile(bundle).catch(() => undefined) : Promise.resolve(undefined);
    const js = await code;
    if (!js) throw new ServerError('NOT_FOUND', 'The designer is not installed on this server', 404);
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(js));
  };

  // One route for the bundle and the pages: a fixed name beside a parameter at the same place would keep Hono from
  // its fastest router (see create-app.ts). No program id ends in `.js` (they are slugs).
  app.get('/designer/:programId', async (c) => {
    const id = c.req.param('programId');
    if (id === BUNDLE_NAME) return designerBundle(c);
    if (!bundle) throw new ServerError('NOT_FOUND', 'The designer is not installed on this server', 404);
    const lang = c.get('locale') === 'de' ? 'de' : 'en';
    const w = REFUSAL_WORDS[lang];
    const principal = await principalOf(c, s);
    if (!principal) {
      if (signIn) {
        const url = new URL(c.req.url);
        c.set('errorCode', 'UNAUTHENTICATED');
        c.header('Cache-Control', 'no-store');
        return c.redirect(`/auth/login?returnTo=${encodeURIComponent(`${url.pathname}${url.search}`)}`, 302);
      }
      c.header('WWW-Authenticate', 'Bearer');
      return refusalPage(c, 401, 'UNAUTHENTICATED', w.signInTitle, [w.signIn, w.signInHow], lang);
    }
    const roles = principal.caseId === undefined ? programRoles(principal, id) : [];
    const program = s.programs.latest(id);
    if (!roles.includes(DESIGN_ROLE) && !roles.includes(PUBLISH_ROLE)) {
      const title = program ? forLocale(program.definition.title, lang) : undefined;
      return refusalPage(c, 403, 'FORBIDDEN', w.forbiddenTitle, [w.forbidden.replace('{program}', title ? (lang === 'de' ? `„${title}“` : `“${title}”`) : w.thisProgram), w.forbiddenHow], lang);
    }
    if (!program) return refusalPage(c, 404, 'NOT_FOUND', w.missingTitle, [w.missing], lang);
    c.header('Cache-Control', 'no-store');
    return c.html(page(id, forLocale(program.definition.title, lang) ?? Object.values(program.definition.title)[0] ?? id, lang));
  });
}
