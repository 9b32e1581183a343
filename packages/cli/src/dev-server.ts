import { createServer, type ServerResponse } from 'node:http';
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { buildValidatorsModule } from '@civicflow/build';
import { toSvg } from '@civicflow/workflow';
import { CliError } from './cli-error.js';
import { loadProgramFile } from './load-program-file.js';
import { devPage, devScript, devStyles, type DevSnapshot } from './dev-page.js';

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
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; connect-src 'self'";

/** The elements' embed bundle, if built: `@civicflow/elements` is resolved like any dependency. */
function embedPath(): string | undefined {
  try {
    return path.join(path.dirname(createRequire(import.meta.url).resolve('@civicflow/elements/package.json')), 'dist/cf-form.embed.js');
  } catch {
    return undefined;
  }
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
  const listeners = new Set<ServerResponse>();

  async function load(): Promise<DevSnapshot> {
    const embedAvailable = embed !== undefined && (await readFile(embed).then(() => true, () => false));
    const base = { version: ++version, file: options.file, diagrams: {}, embedAvailable };
    try {
      const loaded = await loadProgramFile(options.file, { cwd: options.cwd, locale });
      if (!loaded.program) return { ...base, program: undefined, problems: loaded.problems };
      const program = loaded.program;
      validators = await buildValidatorsModule(program);
      const diagrams = program.definition.workflow ? Object.fromEntries(program.locales.map((l) => [l, toSvg(program, { locale: l })])) : {};
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
    for (const res of listeners) res.write(`data: ${current.version}\n\n`);
    return current;
  }
  current = await load();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-store' });
      res.end(body);
    };
    switch (url.pathname) {
      case '/':
        return send(200, 'text/html; charset=utf-8', devPage(current));
      case '/dev.js':
        return send(200, 'text/javascript; charset=utf-8', devScript);
      case '/dev.css':
        return send(200, 'text/css; charset=utf-8', devStyles);
      case '/validators.js':
        return current.program ? send(200, 'text/javascript; charset=utf-8', validators) : send(404, 'text/plain; charset=utf-8', 'The program has problems.');
      case '/cf-form.embed.js':
        if (!embed) return send(404, 'text/plain; charset=utf-8', 'Not built');
        return void readFile(embed).then(
          (code) => send(200, 'text/javascript; charset=utf-8', code),
          () => send(404, 'text/plain; charset=utf-8', 'Run npm run build'),
        );
      case '/status.json': {
        const { version: v, file, problems, failure } = current;
        return send(200, 'application/json', JSON.stringify({ version: v, file, ok: current.program !== undefined, problems, failure }));
      }
      case '/events':
        res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
        res.write(`retry: 500\ndata: ${current.version}\n\n`);
        listeners.add(res);
        req.on('close', () => listeners.delete(res));
        return;
      default:
        return send(404, 'text/plain; charset=utf-8', 'Not found');
    }
  });

  // The folder is watched, not the file: editors that save by renaming a new file over the old one would end a
  // watch on the file itself.
  let timer: NodeJS.Timeout | undefined;
  const watcher: FSWatcher = watch(path.dirname(absolute), (_event, name) => {
    if (name !== null && name !== path.basename(absolute)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void refresh().catch(() => undefined), 60);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4321, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host ?? '127.0.0.1';

  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    snapshot: () => current,
    refresh,
    async close() {
      clearTimeout(timer);
      watcher.close();
      for (const res of listeners) res.end();
      listeners.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
