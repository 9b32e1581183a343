import type { Hono } from 'hono';
import type { Api } from '@civicflow/core';
import type { AppEnv, Services } from './http-context.js';
import { programIdOf, rememberName, requirePrincipal } from './http-context.js';
import { ServerError } from '../errors.js';
import { readJsonBody } from './read-json-body.js';
import { programRoles } from '../auth/principal.js';
import { ERASURE_ROLE, eraseCase } from '../cases/erase-case.js';

function readErasureRequest(body: unknown): { reason: string } {
  const r = body as { reason?: unknown };
  const shaped = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).every((k) => k === 'reason');
  if (!shaped || typeof r.reason !== 'string') throw new ServerError('BODY_INVALID', 'Expected { "reason": "<reference>" }', 400, { reason: '{ "reason": "<file or ticket number>" }' });
  return { reason: r.reason };
}

/**
 * Erasure on request (Art. 17 GDPR): `POST /v1/cases/:caseId/erasure`, for holders of the program's `ERASURE_ROLE`.
 * Anyone else with a role in the program gets 403; whoever has none (or another case's applicant token) gets the same
 * 404 as for an unknown case, so case ids cannot be probed. A repeat answers the same.
 */
export function registerErasureRoutes(app: Hono<AppEnv>, s: Services): void {
  app.post('/v1/cases/:caseId/erasure', async (c) => {
    const principal = await requirePrincipal(c, s);
    const { reason } = readErasureRequest(await readJsonBody(c.req.raw, s.limits));
    const id = c.req.param('caseId');
    const stored = await s.store.getCase(id);
    const programId = stored && programIdOf(stored.program);
    const roles = programId === undefined || principal.caseId !== undefined ? [] : programRoles(principal, programId);
    const own = principal.caseId !== undefined && principal.caseId === stored?.id;
    if (!stored || (roles.length === 0 && !own)) throw new ServerError('NOT_FOUND', `No case ${id}`, 404);
    if (!roles.includes(ERASURE_ROLE)) throw new ServerError('FORBIDDEN', `Erasure needs the role ${programId}:${ERASURE_ROLE}`, 403, { role: `${programId}:${ERASURE_ROLE}` });
    const now = s.clock();
    await rememberName(s, principal, now);
    const result = await eraseCase({ store: s.store, programs: s.programs, caseId: id, actor: { id: principal.actor, roles: [ERASURE_ROLE] }, reason, now });
    if (!result) throw new ServerError('NOT_FOUND', `No case ${id}`, 404);
    if (!result.erased) c.header('Idempotent-Replayed', 'true');
    c.header('Cache-Control', 'no-store');
    return c.json({ caseId: result.caseId, reference: result.reference, erasedAt: result.erasedAt, entry: result.entry } satisfies Api.Erasure);
  });
}
