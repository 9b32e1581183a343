import type { Hono } from 'hono';
import type { Api } from '@civicflow/core';
import type { AppContext, AppEnv, Services } from './http-context.js';
import type { OutboxState } from '../outbox/outbox-store.js';
import { programFrom, requirePrincipal } from './http-context.js';
import { ServerError } from '../errors.js';
import { programRoles } from '../auth/principal.js';

/** The role, held per program (`<program id>:admin`), that may see the program's outbox and send a dead message again. */
export const OUTBOX_ROLE = 'admin';

const STATES: readonly OutboxState[] = ['pending', 'sent', 'dead'];

/** The program of the path, for a holder of its `OUTBOX_ROLE`; 403 for anyone else who signed in. */
export async function outboxProgram(c: AppContext, s: Services) {
  const principal = await requirePrincipal(c, s);
  const program = programFrom(c, s);
  const roles = principal.caseId === undefined ? programRoles(principal, program.id) : [];
  if (!roles.includes(OUTBOX_ROLE)) throw new ServerError('FORBIDDEN', `The outbox needs the role ${program.id}:${OUTBOX_ROLE}`, 403, { role: `${program.id}:${OUTBOX_ROLE}` });
  return program;
}

/** The outbox of a program: its messages (state, attempts, last error) and sending a dead one again. */
export function registerOutboxRoutes(app: Hono<AppEnv>, s: Services): void {
  app.get('/v1/programs/:programId/outbox', async (c) => {
    const program = await outboxProgram(c, s);
    const state = c.req.query('state');
    if (state !== undefined && !(STATES as readonly string[]).includes(state)) throw new ServerError('PARAMETER_INVALID', 'Unknown state', 400, { parameter: 'state' });
    const limitText = c.req.query('limit') ?? '100';
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 500)) throw new ServerError('PARAMETER_INVALID', 'limit must be 1 to 500', 400, { parameter: 'limit' });
    const items = await s.store.outbox.list({ programId: program.id, limit, ...(state ? { state: state as OutboxState } : {}) });
    c.header('Cache-Control', 'no-store');
    return c.json({ items } satisfies Api.OutboxList);
  });

  app.post('/v1/programs/:programId/outbox/:messageId/resend', async (c) => {
    const program = await outboxProgram(c, s);
    const id = c.req.param('messageId');
    const resent = await s.store.outbox.resend(program.id, id, s.clock());
    if (resent) return c.json(resent satisfies Api.OutboxMessage);
    const found = await s.store.outbox.get(program.id, id);
    if (!found) throw new ServerError('NOT_FOUND', `No message ${id}`, 404);
    throw new ServerError('OUTBOX_MESSAGE_NOT_DEAD', `Message ${id} is ${found.state}`, 409, { state: found.state });
  });
}
