import type { Context } from 'hono';
import type { Api, Program } from '@civicflow/core';
import type { CaseStore } from '../store/case-store.js';
import type { ProgramRegistry } from '../programs/program-registry.js';
import type { ProgramSync } from '../programs/program-sync.js';
import type { ApplicantTokens } from '../auth/applicant-tokens.js';
import type { RequestDigest } from './request-digest.js';
import type { Authenticate, Principal } from '../auth/principal.js';
import type { BodyLimits } from './read-json-body.js';
import type { Logger } from '../logger.js';
import type { NoticeLinks } from '../outbox/notices.js';
import { ServerError } from '../errors.js';
import { serverMessage } from './server-messages.js';
import { bearerToken } from '../auth/token-authenticator.js';

/** Per-request values the middleware sets. */
export interface AppEnv {
  Variables: {
    /** The locale of the server's own messages (de or en), from Accept-Language. */
    locale: string;
    requestId: string;
    /** What went wrong, for the request log (a code, never data). */
    errorCode?: string;
  };
}

export type AppContext = Context<AppEnv>;

/** What every route needs. */
export interface Services {
  store: CaseStore;
  programs: ProgramRegistry;
  /** Brings `programs` up to the versions published in the store. */
  programSync: ProgramSync;
  tokens: ApplicantTokens;
  /** The digest a submission's idempotency key is stored with. */
  requestDigest: RequestDigest;
  authenticate: Authenticate;
  /** Days an applicant token keeps opening its case after the case closed. */
  applicantTokenDays: number;
  limits: BodyLimits;
  clock: () => Date;
  logger: Logger;
  /** The workflow role of an applicant (a token holder or an anonymous sender) in a program. */
  applicantRole: (program: Program) => string | undefined;
  /** The links notices carry (the applicant's status page). */
  noticeLinks: NoticeLinks;
}

/** The JSON error body: a code to branch on, a message in the request's language, and data that explains it. */
export function errorResponse(c: AppContext, err: ServerError, extra: Record<string, unknown> = {}): Response {
  c.set('errorCode', err.code);
  const body: Api.ErrorAnswer = { code: err.code, message: serverMessage(err.code, c.get('locale') ?? 'de', err.params), ...paramsFor(err), ...extra };
  return c.json(body, err.status as 400);
}

function paramsFor(err: ServerError): Record<string, unknown> {
  return Object.keys(err.params).length > 0 ? { details: err.params } : {};
}

/**
 * Who sent the request: an applicant's token (the store's secret signs it) or whatever the integrator's hook says.
 * Null without credentials.
 */
export async function principalOf(c: AppContext, s: Services): Promise<Principal | null> {
  const token = bearerToken(c.req.raw);
  if (token?.startsWith('cfa1.')) {
    const caseId = s.tokens.verify(token);
    return caseId ? { actor: `applicant:${caseId}`, roles: [], caseId } : null;
  }
  return (await s.authenticate(c.req.raw)) ?? null;
}

/**
 * Keeps the display name of a person who just acted on a case, so that the history can show it beside their step.
 * Called where audit entries are written, not on every request.
 */
export async function rememberName(s: Services, principal: Principal | null, now: Date): Promise<void> {
  if (principal?.name && principal.caseId === undefined) await s.store.rememberName(principal.actor, principal.name, now, principal.roles);
}

/** The principal, or a 401 `UNAUTHENTICATED`. */
export async function requirePrincipal(c: AppContext, s: Services): Promise<Principal> {
  const p = await principalOf(c, s);
  if (!p) {
    c.header('WWW-Authenticate', 'Bearer');
    throw new ServerError('UNAUTHENTICATED', 'No valid credentials', 401);
  }
  return p;
}

/** A program by id and, when the path names one, version; 404 `NOT_FOUND` otherwise. */
export function programFrom(c: AppContext, s: Services): Program {
  const id = c.req.param('programId') ?? '';
  const version = c.req.param('version');
  const program = version === undefined ? s.programs.latest(id) : s.programs.get(id, version);
  if (!program) throw new ServerError('NOT_FOUND', `No program ${id}${version ? '@' + version : ''}`, 404, { program: id, ...(version ? { version } : {}) });
  return program;
}

/** The program part of a case's `id@version`. */
export function programIdOf(ref: string): string {
  return ref.slice(0, ref.lastIndexOf('@'));
}
