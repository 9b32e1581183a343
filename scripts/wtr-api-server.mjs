// For browser tests of the elements that talk to the HTTP API (<cf-case-status>, <cf-case-inbox>, the site):
// starts the real civicflow server (the built @civicflow/server, the four example programs, an in-memory PGlite
// store, the demo tokens) on 127.0.0.1 when the first /v1/ request arrives, and forwards /v1/... to it, so the
// pages under test reach the API on their own origin, as they do behind `npm start`.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

async function startApiServer() {
  const { loadProgram } = await import('@civicflow/core');
  const server = await import('@civicflow/server');
  const programs = readdirSync(path.join(root, 'examples'))
    .map((name) => path.join(root, 'examples', name, 'program.json'))
    .filter((file) => existsSync(file))
    .map((file) => loadProgram(readFileSync(file, 'utf8')));
  const app = await server.createApp({
    store: await server.createPgliteCaseStore(),
    programs: server.createProgramRegistry(programs),
    authenticate: server.createTokenAuthenticator(server.readTokenFile(path.join(root, 'examples/demo-tokens.json'))),
    rateLimit: false,
    logger: server.silentLogger,
  });
  return server.startServer(app, { host: '127.0.0.1', port: 0 });
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? Buffer.concat(chunks) : undefined;
}

/** Koa middleware for web-test-runner: forwards `/v1/...` and `/openapi.json` to a real civicflow server. */
export function civicflowApi() {
  let running;
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/v1/') && ctx.path !== '/openapi.json') return next();
    running ??= startApiServer();
    const { url } = await running;
    const headers = { ...ctx.request.headers };
    delete headers.host;
    delete headers['content-length'];
    const body = ['GET', 'HEAD'].includes(ctx.method) ? undefined : await readBody(ctx.req);
    const answer = await fetch(`${url}${ctx.url}`, { method: ctx.method, headers, body });
    ctx.status = answer.status;
    for (const [name, value] of answer.headers) if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name)) ctx.set(name, value);
    ctx.body = Buffer.from(await answer.arrayBuffer());
  };
}
