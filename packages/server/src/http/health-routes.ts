import { Hono } from 'hono';
import type { Api } from '@civicflow/core';
import type { StoreHealth } from '../store/store-health.js';
import type { AppContext, AppEnv } from './http-context.js';
import type { ServerMetrics } from './metrics.js';
import { errorResponse } from './http-context.js';
import { ServerError } from '../errors.js';
import { negotiateLocale, serverLocales } from './server-messages.js';

export interface HealthOptions {
  store: StoreHealth;
  /** True once the process was told to stop: it finishes what it has, and a load balancer should send no more. */
  stopping?: () => boolean;
  /** How long the readiness check waits for the database, in milliseconds. Default 2,000. */
  readyTimeoutMs?: number;
}

/** Resolves with the promise's value, or with `undefined` after `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * `GET /healthz`: the process answers (liveness; it never asks the database, so a database outage does not make an
 * orchestrator restart every server). `GET /readyz`: the database answers within the timeout, its schema is at the
 * version this code needs, and the process is not stopping (readiness: send it requests).
 */
export function registerHealthRoutes(app: Hono<AppEnv>, options: HealthOptions): void {
  const timeout = options.readyTimeoutMs ?? 2_000;
  app.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' } satisfies Api.Health);
  });
  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const notReady = (reason: 'stopping' | 'database' | 'schema') => errorResponse(c, new ServerError('NOT_READY', `Not ready: ${reason}`, 503, { reason }));
    if (options.stopping?.()) return notReady('stopping');
    const schema = await within(options.store.schema().catch(() => undefined), timeout);
    if (!schema) return notReady('database');
    if (schema.applied !== schema.needed) return notReady('schema');
    return c.json({ status: 'ready', schemaVersion: schema.applied } satisfies Api.Readiness);
  });
}

/**
 * The operators' app for a listen address of its own (`--metrics-port`): `/metrics` in Prometheus' text format,
 * and `/healthz` and `/readyz` as on the API's address. Nothing else answers there, and the API's address never
 * serves `/metrics`, so counts of requests and backlogs stay inside the network that scrapes them.
 */
export function createOpsApp(options: HealthOptions & { metrics: ServerMetrics }): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use('*', async (c: AppContext, next) => {
    c.set('locale', negotiateLocale(c.req.header('accept-language'), serverLocales));
    await next();
  });
  registerHealthRoutes(app, options);
  app.get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.body(await options.metrics.render(), 200, { 'Content-Type': options.metrics.contentType });
  });
  app.notFound((c) => errorResponse(c, new ServerError('NOT_FOUND', 'No such resource', 404)));
  return app;
}
