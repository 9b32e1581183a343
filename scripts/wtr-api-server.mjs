// For browser tests of the elements that talk to the HTTP API (<cf-case-status>, <cf-case-inbox>, the site):
// starts the real civicflow server (the built @civicflow/server, the four example programs, an in-memory PGlite
// store, the demo tokens) on 127.0.0.1 when the first /v1/ request arrives, and forwards /v1/... to it, so the
// pages under test reach the API on their own origin, as they do behind `npm start`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AsyncLocalStorage } from 'node:async_hooks';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// The time a request under /at/<ISO instant>/v1/... runs at; every other request runs at the system clock.
// Programs with a fixed call (WIR 2019, the Zukunftsbündnis congress 2025) can only be walked at their own time.
const requestTime = new AsyncLocalStorage();

/**
 * Tokens for tests only, beside the demo ones: publishing versions of a program that exists for the tests alone
 * (`nachbarschaftshilfe`, packages/elements/src/test-support/versions.ts), so that no example changes under the
 * other tests.
 */
const TEST_TOKENS = [
  { token: 'test-only-nachbarschaftshilfe-publisher', actor: 'test-publisher', name: 'Petra Lang', roles: ['nachbarschaftshilfe:publish'] },
  // The designer's server mode (packages/designer/src/server/draft-panel.browser.test.ts), on a program of its own.
  { token: 'test-only-entwurf-designer-a', actor: 'test-designer-a', name: 'Dora Design', roles: ['entwurfstest:design'] },
  { token: 'test-only-entwurf-designer-b', actor: 'test-designer-b', name: 'Ben Bauer', roles: ['entwurfstest:design'] },
  { token: 'test-only-entwurf-publisher', actor: 'test-entwurf-publisher', name: 'Paula Prüfer', roles: ['entwurfstest:publish'] },
];

async function startApiServer() {
  const server = await import('@civicflow/server');
  const programs = server.loadPrograms([path.join(root, 'examples')]);
  const store = await server.createPgliteCaseStore();
  const registry = server.createProgramRegistry(programs);
  const app = await server.createApp({
    store,
    programs: registry,
    authenticate: server.createTokenAuthenticator([...server.readTokenFile(path.join(root, 'examples/demo-tokens.json')), ...TEST_TOKENS]),
    rateLimit: false,
    logger: server.silentLogger,
    clock: () => requestTime.getStore() ?? new Date(),
  });
  const started = await server.startServer(app, { host: '127.0.0.1', port: 0 });
  // The server's own scheduler, run on request for one program's cases at a chosen instant (see civicflowApi):
  // other tests' cases, of other programs, keep their timers.
  const runScheduler = (programId, at) =>
    requestTime.run(at, () =>
      server
        .createScheduler({
          store,
          programs: { ...registry, refs: () => registry.refs().filter((ref) => ref.startsWith(`${programId}@`)) },
          clock: () => requestTime.getStore() ?? new Date(),
          logger: server.silentLogger,
        })
        .runOnce(),
    );
  return { url: started.url, app, runScheduler };
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

/**
 * Koa middleware for web-test-runner: forwards `/v1/...` and `/openapi.json` to a real civicflow server, and
 * `/at/<ISO instant>/v1/...` to the same server (same store) with its clock at that instant — give an element
 * `api="/at/2019-11-28T15:00:00Z"` (or such an `action`) to act at a program's own time.
 * `POST /at/<ISO instant>/scheduler/<program>` runs the server's scheduler once with its clock at that instant, for
 * that program's cases only, and answers `{ events }`, the number of timer events it stored: so a test can let
 * months pass for a timer that no person may replace (Zweite Chance's six months in follow-up).
 */
export function civicflowApi() {
  let running;
  return async (ctx, next) => {
    const scheduling = /^\/at\/(\d{4}-\d\d-\d\dT[\d:.]+Z)\/scheduler\/([a-z0-9-]+)$/.exec(ctx.path);
    if (scheduling && ctx.method === 'POST') {
      running ??= startApiServer();
      const { runScheduler } = await running;
      ctx.body = { events: await runScheduler(scheduling[2], new Date(scheduling[1])) };
      return;
    }
    const clocked = /^\/at\/(\d{4}-\d\d-\d\dT[\d:.]+Z)(\/v1\/.*)$/.exec(ctx.path);
    if (!clocked && !ctx.path.startsWith('/v1/') && ctx.path !== '/openapi.json') return next();
    running ??= startApiServer();
    const { url, app } = await running;
    const headers = { ...ctx.request.headers };
    delete headers.host;
    delete headers['content-length'];
    const body = ['GET', 'HEAD'].includes(ctx.method) ? undefined : await readBody(ctx.req);
    const answer = clocked
      ? await requestTime.run(new Date(clocked[1]), () =>
          app.fetch(new Request(`${url}${ctx.url.slice('/at/'.length + clocked[1].length)}`, { method: ctx.method, headers, body })),
        )
      : await fetch(`${url}${ctx.url}`, { method: ctx.method, headers, body });
    ctx.status = answer.status;
    for (const [name, value] of answer.headers) if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) ctx.set(name, value);
    ctx.body = Buffer.from(await answer.arrayBuffer());
  };
}
