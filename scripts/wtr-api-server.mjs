// For browser tests of the elements that talk to the HTTP API (<cf-case-status>, <cf-case-inbox>, the site):
// starts the real civicflow server (the built @civicflow/server, the four example programs, an in-memory PGlite
// store, the demo tokens) on 127.0.0.1 when the first /v1/ request arrives, and forwards /v1/... to it, so the
// pages under test reach the API on their own origin, as they do behind `npm start`. It serves the built designer
// too: /designer/{program} is forwarded as well, for a test that opens the designer's page in a frame.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AsyncLocalStorage } from 'node:async_hooks';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// The time a request under /at/<ISO instant>/v1/... runs at; every other request runs at the system clock.
// Programs with a fixed call (WIR 2019, the Zukunftsbündnis congress 2025) can only be walked at their own time.
const requestTime = new AsyncLocalStorage();

/** Zweite Chance under an id of its own, so that publishing its new versions changes no example under other tests. */
const E2E_PROGRAM = 'zweite-chance-kopie';

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
  // Issue #17 end to end (packages/designer/src/server/designer-e2e.browser.test.ts), on a copy of Zweite Chance.
  { token: 'test-only-kopie-designer', actor: 'test-kopie-designer', name: 'Greta Gestalt', roles: [`${E2E_PROGRAM}:design`, `${E2E_PROGRAM}:publish`] },
  { token: 'test-only-kopie-coach', actor: 'test-kopie-coach', name: 'Carla Coach', roles: [`${E2E_PROGRAM}:coach`] },
];

/**
 * A cookie that signs the test browser in as one of the tokens above, for pages the browser opens itself (the
 * designer at /designer/{program}), which send no Authorization header: it stands in for the session cookie of an
 * OpenID Connect sign-in. A test sets it and removes it when it is done.
 */
const TEST_SESSION_COOKIE = 'cf-test-session';

function e2eProgram(core) {
  const text = readFileSync(path.join(root, 'examples/zweite-chance/program.json'), 'utf8').replace('"id": "zweite-chance"', `"id": "${E2E_PROGRAM}"`);
  return core.loadProgram(text);
}

function cookieToken(request) {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [name, value] = part.split('=').map((x) => x.trim());
    if (name === TEST_SESSION_COOKIE && value) return value;
  }
  return undefined;
}

async function startApiServer() {
  const server = await import('@civicflow/server');
  const core = await import('@civicflow/core');
  const programs = [...server.loadPrograms([path.join(root, 'examples')]), e2eProgram(core)];
  const tokens = server.createTokenAuthenticator([...server.readTokenFile(path.join(root, 'examples/demo-tokens.json')), ...TEST_TOKENS]);
  const store = await server.createPgliteCaseStore();
  const registry = server.createProgramRegistry(programs);
  const app = await server.createApp({
    store,
    programs: registry,
    authenticate: async (request) => {
      const byHeader = await tokens(request);
      if (byHeader || request.headers.has('authorization')) return byHeader;
      const token = cookieToken(request);
      return token ? tokens(new Request(request.url, { headers: { authorization: `Bearer ${token}` } })) : null;
    },
    designerBundle: path.join(root, 'packages/designer/dist/cf-program-designer.bundle.js'),
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
    const designer = ctx.path.startsWith('/designer/');
    if (!clocked && !designer && !ctx.path.startsWith('/v1/') && ctx.path !== '/openapi.json') return next();
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
    for (const [name, value] of answer.headers) {
      if (['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) continue;
      // The test page shows the designer's page in a frame of its own origin, which the server's page forbids to any
      // other site: here that one origin may frame it. Every other header stays as the server sent it.
      if (designer && name === 'x-frame-options') continue;
      ctx.set(name, designer && name === 'content-security-policy' ? value.replace("frame-ancestors 'none'", "frame-ancestors 'self'") : value);
    }
    ctx.body = Buffer.from(await answer.arrayBuffer());
  };
}
