import { watch, type FSWatcher } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { buildValidatorsModule } from '@civicflow/build';
import { loadProgram, ProgramError, type Issue } from '@civicflow/core';
import { toSvg } from '@civicflow/workflow';
import { CliError } from './cli-error.js';
import { loadProgramFile } from './load-program-file.js';
import { designerPage, designerScript, devPage, devScript, devStyles, type DevSnapshot } from './dev-page.js';

export interface DevServerOptions {
  /** The program file, relative to `cwd`. */
  file: string;
  cwd: string;
  /** Default 127.0.0.1: the preview is for the designer's own machine. */
  host?: string;
  /** Default 4321; 0 picks a free port. */
  port?: number;
  /** Language of the problem messages. */
  locale?: string;
}

export interface DevServer {
  readonly url: string;
  /** What the page shows now. */
  snapshot(): DevSnapshot;
  /** Reads and checks the file again (the watcher calls this on save). */
  refresh(): Promise<DevSnapshot>;
  close(): Promise<void>;
}

// No 'unsafe-eval': the forms validate with the precompiled module, as on a municipal site.
const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  connectSrc: ["'self'"],
  // The page is never framed by another site; Hono's defaults add Referrer-Policy and nosniff.
  frameAncestors: ["'none'"],
};
const javascript = { 'Content-Type': 'text/javascript; charset=utf-8' };
// The designer checks the program with loadProgram as `civicflow check` does, in the page: Ajv compiles the schemas
// with `new Function`, so the designer's page (and only it) may evaluate code. It runs on the designer's own machine.
const designerPolicy = { ...contentSecurityPolicy, scriptSrc: ["'self'", "'unsafe-eval'"] };

/** Why the dev server does not write what the designer sent (the JSON answer's `code`). */
export type DesignerSaveRefusalCode = 'ORIGIN_REFUSED' | 'MEDIA_TYPE_REFUSED' | 'NOT_JSON' | 'PROGRAM_INVALID' | 'WRITE_FAILED';

/** Why the dev server does not write a walk the designer saved (the JSON answer's `code`). */
export type WalkSaveRefusalCode = 'ORIGIN_REFUSED' | 'MEDIA_TYPE_REFUSED' | 'NOT_JSON' | 'WALK_NAME_REFUSED' | 'WALK_INVALID' | 'WALK_EXISTS' | 'WRITE_FAILED';

const refusal = (code: DesignerSaveRefusalCode | WalkSaveRefusalCode, message: string, problems?: readonly Issue[]) => ({ code, message, ...(problems ? { problems } : {}) });

/** A walk's name: it becomes the file `cases/workflow-<name>.json`, so no dot, slash or anything else that leaves the folder. */
const WALK_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Whether parsed JSON has the shape of a walk: actors, an opening and a list of steps, each with its time. */
function isWalk(v: unknown): boolean {
  const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  return isObject(v) && isObject(v['actors']) && isObject(v['open']) && typeof v['open']['at'] === 'string' && Array.isArray(v['steps']) && v['steps'].every((s) => isObject(s) && typeof s['at'] === 'string');
}

/** The designer's bundle, if built (`npm run build`). */
function designerBundlePath(): string | undefined {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('@civicflow/designer/package.json')), 'dist/cf-program-designer.bundle.js');
  } catch {
    return undefined;
  }
}

/** The elements' embed bundle, if built: `@civicflow/elements` is resolved like any dependency. */
function embedPath(): string | undefined {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('@civicflow/elements/package.json')), 'dist/cf-form.embed.js');
  } catch {
    return undefined;
  }
}

/** Serves the app over HTTP with Node; resolves once the port is open (0 picks a free one). */
function listen(app: Hono, hostname: string, port: number): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, (info: AddressInfo) => {
      server.off('error', reject);
      resolve({ server, port: info.port });
    });
    server.once('error', reject);
  });
}

/**
 * A live preview of one program on 127.0.0.1: the forms in every locale (rendered by `<cf-form>` with
 * precompiled validators), the workflow diagram and every problem `civicflow check` finds. The file is watched;
 * each save is checked again and open pages reload through Server-Sent Events.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const locale = options.locale ?? 'en';
  const absolute = path.resolve(options.cwd, options.file);
  const embed = embedPath();
  let version = 0;
  let validators = '';
  let current: DevSnapshot;
  // Open event streams, each with the function that ends it.
  const listeners = new Map<SSEStreamingApi, () => void>();

  async function load(): Promise<DevSnapshot> {
    const embedAvailable = embed !== undefined && (await readFile(embed).then(() => true, () => false));
    const base = { version: ++version, file: options.file, diagrams: {}, embedAvailable };
    try {
      const loaded = await loadProgramFile(options.file, { cwd: options.cwd, locale });
      if (!loaded.program) return { ...base, program: undefined, problems: loaded.problems };
      const program = loaded.program;
      validators = await buildValidatorsModule(program);
      const diagrams = program.definition.workflow ? Object.fromEntries(program.locales.map((l) => [l, toSvg(program, { locale: l, idPrefix: `cf-${l}` })])) : {};
      return { ...base, program, problems: [], diagrams };
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      return { ...base, program: undefined, problems: [], failure: { code: e.code, message: e.message, ...e.position } };
    }
  }

  let pending: Promise<DevSnapshot> | undefined;
  async function refresh(): Promise<DevSnapshot> {
    // One check at a time: an editor's save can fire several events, and the last read wins.
    while (pending) await pending.catch(() => undefined);
    pending = load();
    try {
      current = await pending;
    } finally {
      pending = undefined;
    }
    for (const stream of listeners.keys()) void stream.writeSSE({ data: String(current.version) }).catch(() => undefined);
    return current;
  }
  current = await load();

  const app = new Hono();
  const previewHeaders = secureHeaders({ contentSecurityPolicy, strictTransportSecurity: false });
  const designerHeaders = secureHeaders({ contentSecurityPolicy: designerPolicy, strictTransportSecurity: false });
  app.use('*', (c, next) => (c.req.path === '/designer' ? designerHeaders : previewHeaders)(c, next), async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.get('/', (c) => c.html(devPage(current)));
  app.get('/dev.js', (c) => c.body(devScript, 200, javascript));
  app.get('/dev.css', (c) => c.body(devStyles, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/validators.js', (c) => (current.program ? c.body(validators, 200, javascript) : c.text('The program has problems.', 404)));
  app.get('/cf-form.embed.js', async (c) => {
    if (!embed) return c.text('Not built', 404);
    const code = await readFile(embed).catch(() => undefined);
    return code ? c.body(code, 200, javascript) : c.text('Run npm run build', 404);
  });
  // The files the bundle imports from beside itself: the widget's words in each language, two files of them
  // (`cf-form.locale-<tag>.js`, `cf-form.locale-<tag>-later.js`), the code that sends a form (`cf-form.sending.js`), the code that checks its answers
  // (`cf-form.validation.js`), what a form with periods needs (`cf-form.closed.js`) and the language switch
  // (`cf-form.languages.js`).
  app.get('/:file{cf-form\\.[a-z-]+\\.js}', async (c) => {
    const code = embed ? await readFile(path.join(path.dirname(embed), c.req.param('file'))).catch(() => undefined) : undefined;
    return code ? c.body(code, 200, javascript) : c.text('Not built', 404);
  });
  app.get('/status.json', (c) => {
    const { version: v, file, problems, failure } = current;
    return c.json({ version: v, file, ok: current.program !== undefined, problems, failure });
  });
  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const ended = new Promise<void>((resolve) => {
        listeners.set(stream, resolve);
        stream.onAbort(resolve);
      });
      await stream.writeSSE({ data: String(current.version), retry: 500 });
      await ended;
      listeners.delete(stream);
    }),
  );
  // The designer: its page, its bundle, and the file as text to load and to save.
  const designerBundle = designerBundlePath();
  app.get('/designer', (c) => c.html(designerPage(options.file, locale, absolute)));
  app.get('/designer-page.js', (c) => c.body(designerScript, 200, javascript));
  app.get('/cf-program-designer.js', async (c) => {
    const code = designerBundle ? await readFile(designerBundle).catch(() => undefined) : undefined;
    return code ? c.body(code, 200, javascript) : c.text('Run npm run build', 404);
  });
  app.get('/designer/program.json', async (c) => {
    // 404 only for a file that is not there (the designer then offers to start a program); any other failure is 500.
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return c.json({ code: 'FILE_NOT_FOUND', message: `${options.file} does not exist yet` }, 404);
      return c.json({ code: 'FILE_UNREADABLE', message: `${options.file} cannot be read` }, 500);
    }
    return c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  app.put('/designer/program.json', async (c) => {
    // Only the designer's own page writes: a page of another site cannot (its PUT needs a preflight this server never
    // answers, and its Origin differs).
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== new URL(c.req.url).origin) return c.json(refusal('ORIGIN_REFUSED', 'Only the designer on this server may save.'), 403);
    if (!(c.req.header('Content-Type') ?? '').startsWith('application/json')) return c.json(refusal('MEDIA_TYPE_REFUSED', 'Send the program as application/json.'), 415);
    const text = await c.req.text();
    let problems: readonly Issue[] = [];
    try {
      loadProgram(text, { locale });
    } catch (e) {
      if (!(e instanceof ProgramError)) throw e;
      problems = e.issues;
    }
    if (problems.some((p) => p.code === 'NOT_JSON')) return c.json(refusal('NOT_JSON', problems[0]!.message, problems), 400);
    // A program `civicflow check` refuses is written only when the designer confirmed it.
    if (problems.length > 0 && c.req.header('X-Civicflow-Confirm') !== 'problems') {
      return c.json(refusal('PROGRAM_INVALID', `civicflow check refuses this program (${problems.length}); confirm to save it anyway.`, problems), 409);
    }
    try {
      await writeFile(absolute, text);
    } catch (e) {
      return c.json(refusal('WRITE_FAILED', e instanceof Error ? e.message : String(e)), 500);
    }
    return c.json({ saved: true, problems: problems.length });
  });
  // The walks saved beside the program (`cases/workflow-*.json`), which the designer plays again on every change.
  const casesDir = path.join(path.dirname(absolute), 'cases');
  app.get('/designer/walks', async (c) => {
    const files = (await readdir(casesDir).catch(() => [] as string[])).filter((f) => /^workflow-.+\.json$/.test(f)).sort();
    const walks = await Promise.all(files.map(async (f) => ({ name: f.slice('workflow-'.length, -'.json'.length), text: await readFile(path.join(casesDir, f), 'utf8').catch(() => '') })));
    return c.json({ walks });
  });
  app.put('/designer/walks/:name', async (c) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && origin !== new URL(c.req.url).origin) return c.json(refusal('ORIGIN_REFUSED', 'Only the designer on this server may save.'), 403);
    if (!(c.req.header('Content-Type') ?? '').startsWith('application/json')) return c.json(refusal('MEDIA_TYPE_REFUSED', 'Send the walk as application/json.'), 415);
    const name = c.req.param('name');
    if (!WALK_NAME.test(name)) {
      return c.json(refusal('WALK_NAME_REFUSED', 'A walk is named with lower-case letters, digits and hyphens (at most 64), starting with a letter or digit.'), 400);
    }
    const text = await c.req.text();
    let walk: unknown;
    try {
      walk = JSON.parse(text);
    } catch {
      return c.json(refusal('NOT_JSON', 'The walk is not JSON.'), 400);
    }
    if (!isWalk(walk)) return c.json(refusal('WALK_INVALID', 'A walk has actors, an opening and steps, each with its time.'), 400);
    const file = path.join(casesDir, `workflow-${name}.json`);
    try {
      await mkdir(casesDir, { recursive: true });
      // A walk of that name is replaced only when the designer confirmed it: it may be one written by hand.
      await writeFile(file, text, { flag: c.req.header('X-Civicflow-Confirm') === 'replace' ? 'w' : 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return c.json(refusal('WALK_EXISTS', `cases/workflow-${name}.json exists; confirm to replace it.`), 409);
      return c.json(refusal('WRITE_FAILED', e instanceof Error ? e.message : String(e)), 500);
    }
    return c.json({ saved: true, file: `cases/workflow-${name}.json` });
  });
  app.notFound((c) => c.text('Not found', 404));

  // The program's folder must be there before anything listens: it is watched, and a first save writes into it.
  const folder = path.dirname(absolute);
  if (!(await stat(folder).then((s) => s.isDirectory(), () => false))) {
    throw new CliError('FOLDER_NOT_FOUND', `the folder ${path.relative(options.cwd, folder) || folder} does not exist`);
  }
  const host = options.host ?? '127.0.0.1';
  const { server, port } = await listen(app, host, options.port ?? 4321);

  // The folder is watched, not the file: editors that save by renaming a new file over the old one would end a
  // watch on the file itself.
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(path.dirname(absolute), (_event, name) => {
    if (name !== null && name !== path.basename(absolute)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch(() => undefined), 60);
  });

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    snapshot: () => current,
    refresh,
    async close() {
      clearTimeout(timer);
      watcher.close();
      for (const end of listeners.values()) end();
      listeners.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Pages keep their connections open after the event stream ends; closing waits for none of them.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}
