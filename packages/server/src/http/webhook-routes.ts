import type { Hono } from 'hono';
import type { Api } from '@civicflow/core';
import type { AppEnv, Services } from './http-context.js';
import type { OutboxState } from '../outbox/outbox-store.js';
import type { WebhookEventType } from '../webhooks/webhook-store.js';
import { requirePrincipal } from './http-context.js';
import { outboxProgram } from './outbox-routes.js';
import { readJsonBody } from './read-json-body.js';
import { ServerError } from '../errors.js';
import { WEBHOOK_EVENTS } from '../webhooks/webhook-store.js';

const STATES: readonly OutboxState[] = ['pending', 'sent', 'dead'];
const MAX_URL = 2000;
const MAX_DESCRIPTION = 200;

const invalid = (field: string) => new ServerError('WEBHOOK_INVALID', `The webhook's ${field} is not valid`, 400, { field });

/** The subscription a request asks to create, checked: an http(s) URL without credentials, known event types, no unknown keys. */
function readNewWebhook(body: unknown): { url: string; events: WebhookEventType[]; includeData: boolean; description: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('url');
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => !['url', 'events', 'includeData', 'description'].includes(k));
  if (unknown !== undefined) throw invalid(unknown);
  let url: URL | undefined;
  try {
    url = typeof b['url'] === 'string' && b['url'].length <= MAX_URL ? new URL(b['url']) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !['https:', 'http:'].includes(url.protocol) || url.username !== '' || url.password !== '') throw invalid('url');
  const events = b['events'];
  if (!Array.isArray(events) || events.length === 0 || events.some((e) => !(WEBHOOK_EVENTS as readonly unknown[]).includes(e))) throw invalid('events');
  const includeData = b['includeData'] ?? false;
  if (typeof includeData !== 'boolean') throw invalid('includeData');
  const description = b['description'] ?? '';
  if (typeof description !== 'string' || description.length > MAX_DESCRIPTION) throw invalid('description');
  return { url: url.href, events: [...new Set(events as WebhookEventType[])], includeData, description };
}

/**
 * A program's webhook subscriptions, for holders of `<program id>:admin`: create one (its secret is in this answer
 * only), list and remove them, list what was sent to one, and send a message again.
 */
export function registerWebhookRoutes(app: Hono<AppEnv>, s: Services): void {
  const base = '/v1/programs/:programId/webhooks';

  app.post(base, async (c) => {
    const program = await outboxProgram(c, s);
    const principal = await requirePrincipal(c, s);
    const asked = readNewWebhook(await readJsonBody(c.req.raw, s.limits));
    const { webhook, secret } = await s.store.webhooks.create({ programId: program.id, ...asked, createdBy: principal.actor, now: s.clock() });
    c.header('Cache-Control', 'no-store');
    c.header('Location', `/v1/programs/${encodeURIComponent(program.id)}/webhooks/${webhook.id}`);
    return c.json({ ...webhook, secret } satisfies Api.NewWebhook, 201);
  });

  app.get(base, async (c) => {
    const program = await outboxProgram(c, s);
    c.header('Cache-Control', 'no-store');
    return c.json({ items: await s.store.webhooks.list(program.id) } satisfies Api.WebhookList);
  });

  const subscription = async (programId: string, id: string) => {
    const found = await s.store.webhooks.get(programId, id);
    if (!found) throw new ServerError('NOT_FOUND', `No webhook ${id}`, 404);
    return found;
  };

  app.get(`${base}/:webhookId`, async (c) => {
    const program = await outboxProgram(c, s);
    c.header('Cache-Control', 'no-store');
    return c.json((await subscription(program.id, c.req.param('webhookId'))) satisfies Api.Webhook);
  });

  app.delete(`${base}/:webhookId`, async (c) => {
    const program = await outboxProgram(c, s);
    if (!(await s.store.webhooks.remove(program.id, c.req.param('webhookId')))) throw new ServerError('NOT_FOUND', 'No such webhook', 404);
    return c.body(null, 204);
  });

  app.get(`${base}/:webhookId/deliveries`, async (c) => {
    const program = await outboxProgram(c, s);
    const hook = await subscription(program.id, c.req.param('webhookId'));
    const state = c.req.query('state');
    if (state !== undefined && !(STATES as readonly string[]).includes(state)) throw new ServerError('PARAMETER_INVALID', 'Unknown state', 400, { parameter: 'state' });
    const limitText = c.req.query('limit') ?? '100';
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 500)) throw new ServerError('PARAMETER_INVALID', 'limit must be 1 to 500', 400, { parameter: 'limit' });
    const items = await s.store.outbox.list({ programId: program.id, webhookId: hook.id, limit, ...(state ? { state: state as OutboxState } : {}) });
    c.header('Cache-Control', 'no-store');
    return c.json({ items } satisfies Api.OutboxList);
  });

  app.post(`${base}/:webhookId/deliveries/:messageId/replay`, async (c) => {
    const program = await outboxProgram(c, s);
    const hook = await subscription(program.id, c.req.param('webhookId'));
    const id = c.req.param('messageId');
    const replayed = await s.store.outbox.replay(program.id, hook.id, id, s.clock());
    if (replayed) return c.json(replayed satisfies Api.OutboxMessage);
    const found = await s.store.outbox.get(program.id, id);
    if (!found || found.webhookId !== hook.id) throw new ServerError('NOT_FOUND', `No message ${id}`, 404);
    throw new ServerError('WEBHOOK_MESSAGE_NOT_REPLAYABLE', `Message ${id} is ${found.state}`, 409, { state: found.state });
  });
}
