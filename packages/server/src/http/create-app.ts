import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { RegExpRouter } from 'hono/router/reg-exp-router';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Program } from '@civicflow/core';
import type { CaseStore } from '../store/case-store.js';
import { defaultApplicantRole } from '../auth/applicant-role.js';
import type { ProgramRegistry } from '../programs/program-registry.js';
import type { Authenticate } from '../auth/principal.js';
import { createOidcSignIn } from '../auth/oidc-sign-in.js';
import type { OidcConfig } from '../auth/oidc-config.js';
import type { Logger } from '../logger.js';
import type { AppContext, AppEnv, Services } from './http-context.js';
import { createJsonLogger, describeError } from '../logger.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { createApplicantTokens, DEFAULT_APPLICANT_TOKEN_DAYS, isApplicantTokenDays, MAX_APPLICANT_TOKEN_DAYS } from '../auth/applicant-tokens.js';
import { errorResponse } from './http-context.js';
import { createRequestDigest } from './request-digest.js';
import { ServerError } from '../errors.js';
import { defaultBodyLimits } from './read-json-body.js';
import { negotiateLocale, serverLocales } from './server-messages.js';
import { registerProgramRoutes } from './program-routes.js';
import { registerSubmissionRoutes } from './submission-routes.js';
import { registerCaseRoutes } from './case-routes.js';
import { registerCaseListRoutes } from './case-list-routes.js';
import { registerMonitoringRoutes } from '../monitoring/monitoring-routes.js';
import { registerErasureRoutes } from './erasure-routes.js';
import { openApiDocument } from './openapi.js';
import { createNoticeLinks } from '../outbox/notices.js';
import { registerOutboxRoutes } from './outbox-routes.js';
import { registerWebhookRoutes } from './webhook-routes.js';
import { registerVersionRoutes } from './version-routes.js';
import { registerMigrationRoutes } from './migration-routes.js';
import { registerDraftRoutes } from './draft-routes.js';
import { designerHeaders, isDesignerPath, registerDesignerRoutes } from './designer-routes.js';
import { createProgramSync } from '../programs/program-sync.js';
import { registerHealthRoutes } from './health-routes.js';
import type { ServerMetrics } from './metrics.js';

export interface AppOptions {
  store: CaseStore;
  programs: ProgramRegistry;
  /** Who sends a request. Without it only applicants (by their token) and the public endpoints work. */
  authenticate?: Authenticate;
  /**
   * Sign-in with an OpenID Connect provider (see docs/operating.md): adds `/auth/login`, `/auth/callback`,
   * `/auth/logout` and `/auth/session`; its sessions (kept in the store) and, with `audience`, the provider's access
   * tokens are asked before `authenticate`. The provider's discovery document is read now: one that cannot be
   * reached stops the start with `SIGN_IN_UNAVAILABLE`.
   */
  oidc?: OidcConfig;
  /** Largest request body in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Deepest nesting in a request body. Default 40 (core then limits form data to 32 levels). */
  maxBodyDepth?: number;
  /** Most values (scalars, objects and arrays) in a request body. Default 10,000. */
  maxBodyValues?: number;
  /** Requests per client, or false for none (behind a proxy that limits already). Default 60 at once, 10 per second. */
  rateLimit?: RateLimitOptions | false;
  /** The key a client is rate-limited by. Default: the connection's remote address. */
  clientKey?: (c: AppContext) => string;
  /**
   * Origins allowed to call the API from a browser. Default `*`. Cross-origin calls carry bearer tokens only: the
   * sign-in cookie (`oidc`) is never allowed cross-origin, so it works for pages of the server's own origin alone.
   */
  corsOrigins?: string | string[];
  /** Where request lines and errors go. Default JSON lines on stderr. */
  logger?: Logger;
  /** The workflow role of applicants in a program. Default `defaultApplicantRole` (`applicant`, else `participant`). */
  applicantRole?: (program: Program) => string | undefined;
  /**
   * Days an applicant token keeps opening its case after the case reached a final state of its workflow (a case
   * without a workflow: after its submission); then it answers 410 `TOKEN_EXPIRED`. 0: as soon as it closes.
   * A whole number from 0 to 36,500. Default 90.
   */
  applicantTokenDays?: number;
  /**
   * The applicant's status page, with `{token}` where their token goes (for example
   * `https://example.org/antrag/status#token={token}`): notices link to it with `{statusLink}`. Without it the link is empty.
   */
  statusUrl?: string;
  /** The time, for tests. Default the system clock. */
  clock?: () => Date;
  /**
   * How often, at most, a request asks the store whether a program version was published since (by another server
   * process), in milliseconds; 0 asks before every API request but the clock's. Default: 0 on PostgreSQL, where
   * several processes share a database (one small query, about 0.2 ms; see docs/versions.md), and never after the
   * start on PGlite, whose folder only this process opens, so every version is published through it.
   */
  programCheckMs?: number;
  /** Counts requests by route and status for Prometheus (served elsewhere: see `createOpsApp`). */
  metrics?: ServerMetrics;
  /**
   * The designer's bundle (`@civicflow/designer`'s `dist/cf-program-designer.bundle.js`): with it the server serves the
   * designer at `/designer/{programId}` to people with the program's `design` or `publish` role. Without it, no designer.
   */
  designerBundle?: string;
  /** True once the process was told to stop; `/readyz` then answers 503 so that load balancers send no more. */
  stopping?: () => boolean;
}

/** The paths of the submission routes (`registerSubmissionRoutes`). */
const SUBMISSION_PATH = /^\/v1\/programs\/[^/]+(?:\/versions\/[^/]+)?\/submissions$/;

/** The first hook that knows the sender; null when none does. */
function combine(...hooks: (Authenticate | undefined)[]): Authenticate {
  const given = hooks.filter((h): h is Authenticate => h !== undefined);
  return async (request) => {
    for (const hook of given) {
      const principal = await hook(request);
      if (principal) return principal;
    }
    return null;
  };
}

function remoteAddress(c: AppContext): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The HTTP API as a Hono app: programs, submissions, cases, applicant status, reports and `/openapi.json`.
 * Serve it with `@hono/node-server` (see `startServer`) or mount it in another Hono app.
 */
export async function createApp(options: AppOptions): Promise<Hono<AppEnv>> {
  const applicantTokenDays = options.applicantTokenDays ?? DEFAULT_APPLICANT_TOKEN_DAYS;
  if (!isApplicantTokenDays(applicantTokenDays)) {
    throw new ServerError('OPTION_INVALID', `applicantTokenDays must be a whole number of days from 0 to ${MAX_APPLICANT_TOKEN_DAYS}, not ${String(applicantTokenDays)}`, 500, { option: 'applicantTokenDays' });
  }
  const logger = options.logger ?? createJsonLogger();
  const tokens = createApplicantTokens(await options.store.secret('applicant-token'));
  const programSync = createProgramSync(options.store.programVersions, options.programs, { checkEveryMs: options.programCheckMs ?? (options.store.engine === 'pglite' ? Infinity : 0), logger });
  // Every published version is served from the start; a stored version that cannot be served stops the start here.
  await programSync.refresh();
  const signIn = options.oidc
    ? await createOidcSignIn({ config: options.oidc, sessions: options.store.sessions, flowSecret: await options.store.secret('oidc-flow'), logger, ...(options.clock ? { clock: options.clock } : {}) })
    : undefined;
  const s: Services = {
    store: options.store,
    programs: options.programs,
    programSync,
    tokens,
    noticeLinks: createNoticeLinks(tokens, options.statusUrl),
    requestDigest: createRequestDigest(await options.store.secret('request-digest')),
    authenticate: combine(signIn?.authenticate, options.authenticate),
    applicantTokenDays,
    limits: {
      maxBytes: options.maxBodyBytes ?? defaultBodyLimits.maxBytes,
      maxDepth: options.maxBodyDepth ?? defaultBodyLimits.maxDepth,
      maxValues: options.maxBodyValues ?? defaultBodyLimits.maxValues,
    },
    clock: options.clock ?? (() => new Date()),
    logger,
    applicantRole: options.applicantRole ?? defaultApplicantRole,
  };
  const limiter = options.rateLimit === false ? undefined : createRateLimiter(options.rateLimit ?? { burst: 60, perSecond: 10 });
  const clientKey = options.clientKey ?? remoteAddress;
  // Hono's regular-expression router matches a request with one regular expression for all routes. Left to choose,
  // Hono falls back to a slower tree for good when a fixed name sits beside a parameter at the same place in two
  // routes; with this router given, such a route fails at start instead.
  const app = new Hono<AppEnv>({ router: new RegExpRouter() });

  app.use('*', async (c, next) => {
    const started = performance.now();
    c.set('requestId', randomUUID());
    c.set('locale', negotiateLocale(c.req.header('accept-language'), serverLocales));
    c.header('X-Request-Id', c.get('requestId'));
    try {
      await next();
    } finally {
      // The route pattern, not the path: paths can carry ids, and query strings are never logged.
      logger.log({
        level: c.res.status >= 500 ? 'error' : 'info',
        msg: 'request',
        requestId: c.get('requestId'),
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        ...(c.get('errorCode') ? { code: c.get('errorCode') } : {}),
      });
      options.metrics?.observeRequest(c.req.method, c.req.routePath, c.res.status, (performance.now() - started) / 1000);
    }
  });
  const apiHeaders = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    // Validators and definitions are loaded by widgets embedded on other sites.
    crossOriginResourcePolicy: 'cross-origin',
    xFrameOptions: 'DENY',
    strictTransportSecurity: 'max-age=31536000; includeSubDomains',
  });
  // The designer's page and bundle (when served) have a policy of their own; every other answer has the API's.
  app.use('*', (c, next) => (options.designerBundle !== undefined && isDesignerPath(c.req.path) ? designerHeaders : apiHeaders)(c, next));
  const origins = options.corsOrigins ?? '*';
  const exposeHeaders = ['ETag', 'Location', 'Retry-After', 'Idempotent-Replayed', 'X-Request-Id'];
  const preflight = cors({
    origin: origins,
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'If-None-Match', 'Accept-Language'],
    exposeHeaders,
    maxAge: 600,
  });
  const exposed = exposeHeaders.join(',');
  // Other requests get the same headers as Hono's cors gives them, but set before the answer exists (as X-Request-Id
  // above): set on the answer-to-be (`c.res`), they made Hono copy every answer into a new Response, whose body
  // the Node adapter then read back through a stream.
  app.use('*', async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin') ?? '';
    const allowed = origins === '*' ? '*' : (typeof origins === 'string' ? origins === origin : origins.includes(origin)) ? origin : undefined;
    if (allowed) c.header('Access-Control-Allow-Origin', allowed);
    c.header('Access-Control-Expose-Headers', exposed);
    await next();
    if (origins !== '*') c.header('Vary', 'Origin', { append: true });
  });
  if (limiter) {
    app.use('*', async (c, next) => {
      const decision = limiter.take(clientKey(c));
      if (!decision.allowed) {
        c.header('Retry-After', String(decision.retryAfter));
        return errorResponse(c, new ServerError('RATE_LIMITED', 'Too many requests', 429, { retryAfter: decision.retryAfter }));
      }
      await next();
    });
  }

  // Path and query parameters reach the database as text (a case id, a state), and PostgreSQL refuses a NUL in
  // text: one decoded from the URL is the client's mistake, not the server's. (Other text the server keeps is
  // either form data, which core's validate checks, or made by the server itself.)
  app.use('*', async (c, next) => {
    if (/%00/i.test(c.req.url)) throw new ServerError('PARAMETER_INVALID', 'The URL holds a NUL character', 400, { parameter: 'URL' });
    await next();
  });

  // A version published through another server process is served here from the next request on. A submission looks
  // only when it is not stored: its statement stores it only if nothing was published since the last look (see
  // submission-routes.ts), which saves a round trip, and the wait for it, on every submission.
  app.use('/v1/*', async (c, next) => {
    if (c.req.path !== '/v1/clock' && !(c.req.method === 'POST' && SUBMISSION_PATH.test(c.req.path))) await programSync.refresh();
    await next();
  });

  registerHealthRoutes(app, { store: options.store.health, ...(options.stopping ? { stopping: options.stopping } : {}) });
  const openapi = openApiDocument();
  app.get('/openapi.json', (c) => c.json(openapi));
  registerVersionRoutes(app, s);
  registerMigrationRoutes(app, s);
  registerDraftRoutes(app, s);
  if (options.designerBundle !== undefined) registerDesignerRoutes(app, s, options.designerBundle, signIn !== undefined);
  registerProgramRoutes(app, s);
  registerSubmissionRoutes(app, s);
  registerCaseListRoutes(app, s);
  registerMonitoringRoutes(app, s);
  registerCaseRoutes(app, s);
  registerErasureRoutes(app, s);
  registerOutboxRoutes(app, s);
  signIn?.register(app);
  registerWebhookRoutes(app, s);

  app.notFound((c) => errorResponse(c, new ServerError('NOT_FOUND', 'No such resource', 404)));
  app.onError((err, c) => {
    if (err instanceof ServerError) return errorResponse(c, err);
    logger.log({ level: 'error', msg: 'unexpected error', requestId: c.get('requestId'), route: c.req.routePath, ...describeError(err) });
    return errorResponse(c, new ServerError('INTERNAL', 'Internal error', 500), { requestId: c.get('requestId') });
  });
  return app;
}
