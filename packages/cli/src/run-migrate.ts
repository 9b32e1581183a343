import type { CliIo } from './cli-io.js';
import { CliError } from './cli-error.js';
import { cliMessage } from './cli-messages.js';

export type MigrateCommand = 'dry-run' | 'apply' | 'status';

export interface MigrateOptions {
  command: MigrateCommand;
  /** The program's id. */
  program: string;
  /** The older version (dry-run, apply; status: only its runs). */
  from?: string;
  /** The newer version; default the current one. */
  to?: string;
  /** A run's id (status). */
  run?: string;
  server: string;
  /** A bearer token with the role `<program>:publish`. */
  token: string;
  locale?: string;
  json?: boolean;
  /** apply: wait until the run has finished, printing its progress (default true). */
  wait?: boolean;
  /** How often to ask for progress while waiting, in milliseconds. Default 1,000. */
  pollMs?: number;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  sleep?: (ms: number) => Promise<void>;
}

interface Problem {
  pointer: string;
  message: string;
}
interface RunAnswer {
  id: string;
  from: string;
  to: string;
  finishedAt: string | null;
  total: number;
  migrated: number;
  failed: number;
  remaining: number;
  failures: { reference: string; fromState: string; toState: string; problems: Problem[] }[];
  links: { self: string };
}

const problemsText = (problems: readonly Problem[]) => problems.map((p) => (p.pointer ? `${p.pointer}: ${p.message}` : p.message)).join('; ');

/**
 * `civicflow migrate dry-run|apply|status <program>`: the operators' view of migrations of open cases, through a
 * server's HTTP API (`/v1/programs/{id}/migrations…`).
 *
 * @returns 0 done (a dry run or a finished run without failures; status), 1 the server refused, or cases would fail or
 *   failed, 2 usage error or a server that cannot be reached.
 */
export async function runMigrate(options: MigrateOptions, io: CliIo): Promise<number> {
  const locale = options.locale ?? 'en';
  const say = (key: Parameters<typeof cliMessage>[1], params: object = {}) =>
    cliMessage(locale, key, Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<string, string | number>);
  const base = URL.canParse(options.server) ? new URL(options.server) : undefined;
  if (!base || (base.protocol !== 'http:' && base.protocol !== 'https:')) {
    throw new CliError('USAGE', say('serverUnreachable', { server: options.server, detail: 'not an http or https URL' }));
  }
  const root = base.href.endsWith('/') ? base.href : `${base.href}/`;
  const call = async (path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    let res: Response;
    try {
      res = await (options.fetch ?? fetch)(new URL(path.replace(/^\//, ''), root).href, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'accept-language': locale, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      const cause = (e as { cause?: { message?: string } }).cause?.message;
      throw new CliError('SERVER_UNAVAILABLE', say('serverUnreachable', { server: base.origin, detail: cause ?? (e as Error).message }));
    }
    let answer: unknown;
    try {
      answer = await res.json();
    } catch {
      answer = undefined;
    }
    if (!answer || typeof answer !== 'object') throw new CliError('SERVER_UNAVAILABLE', say('serverAnswerInvalid', { server: base.origin, status: res.status }));
    return { status: res.status, body: answer as Record<string, unknown> };
  };
  const refused = (answer: Record<string, unknown>) => {
    if (options.json) io.stdout(JSON.stringify(answer, null, 2) + '\n');
    else {
      for (const p of (answer['problems'] as Problem[] | undefined) ?? []) io.stdout(`  ${p.pointer}: ${p.message}\n`);
      io.stderr(say('migrateRefused', { message: answer['message'], code: answer['code'] }) + '\n');
    }
    return 1;
  };
  const programPath = `v1/programs/${encodeURIComponent(options.program)}/migrations`;
  const versions = { ...(options.from !== undefined ? { from: options.from } : {}), ...(options.to !== undefined ? { to: options.to } : {}) };

  if (options.command === 'dry-run') {
    const { status, body } = await call(`${programPath}/dry-run`, versions);
    if (status !== 200) return refused(body);
    const run = body as unknown as { from: string; to: string; total: number; migrating: number; failing: number; more: number; cases: { reference: string; fromState: string; toState: string; ok: boolean; problems?: Problem[] }[] };
    if (options.json) io.stdout(JSON.stringify(run, null, 2) + '\n');
    else {
      io.stdout(say('migrateDryRun', run) + '\n');
      for (const c of run.cases) io.stdout((c.ok ? say('migrateCase', c) : say('migrateCaseFails', { ...c, problems: problemsText(c.problems ?? []) })) + '\n');
      if (run.more > 0) io.stdout(say('migrateMore', { count: run.more }) + '\n');
    }
    return run.failing > 0 ? 1 : 0;
  }

  const printRun = (run: RunAnswer, program: string) => {
    if (options.json) return;
    const from = `${program}@${run.from}`;
    const to = `${program}@${run.to}`;
    io.stdout((run.finishedAt ? say('migrateFinished', { ...run, at: run.finishedAt, from, to }) : say('migrateProgress', run)) + '\n');
    for (const f of run.failures) io.stdout(say('migrateFailure', { ...f, problems: problemsText(f.problems) }) + '\n');
  };

  if (options.command === 'status') {
    if (options.run !== undefined) {
      const { status, body } = await call(`${programPath}/${encodeURIComponent(options.run)}`);
      if (status !== 200) return refused(body);
      if (options.json) io.stdout(JSON.stringify(body, null, 2) + '\n');
      printRun(body as unknown as RunAnswer, options.program);
      return 0;
    }
    const { status, body } = await call(programPath);
    if (status !== 200) return refused(body);
    if (options.json) {
      io.stdout(JSON.stringify(body, null, 2) + '\n');
      return 0;
    }
    for (const v of body['versions'] as { version: string; current: boolean; openCases: number; cases: number }[]) {
      io.stdout(say('migrateVersion', { version: `${options.program}@${v.version}`, current: v.current ? ' *' : '', open: v.openCases, cases: v.cases }) + '\n');
    }
    for (const run of body['runs'] as RunAnswer[]) {
      if (options.from !== undefined && run.from !== options.from) continue;
      io.stdout(`${run.id} (${run.from} → ${run.to}): `);
      printRun({ ...run, failures: [] }, options.program);
    }
    return 0;
  }

  const { status, body } = await call(programPath, versions);
  if (status !== 202 && status !== 200) return refused(body);
  let run = body['run'] as RunAnswer;
  if (!options.json) io.stdout(say(status === 202 ? 'migrateStarted' : 'migrateRunning', { from: `${options.program}@${run.from}`, to: `${options.program}@${run.to}`, total: run.total, run: run.id }) + '\n');
  if (options.wait === false) {
    if (options.json) io.stdout(JSON.stringify(body, null, 2) + '\n');
    return 0;
  }
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let last = '';
  while (!run.finishedAt) {
    await sleep(options.pollMs ?? 1000);
    const next = await call(run.links.self);
    if (next.status !== 200) return refused(next.body);
    run = next.body as unknown as RunAnswer;
    const line = `${run.migrated}/${run.failed}/${run.remaining}`;
    if (!options.json && !run.finishedAt && line !== last) io.stdout(say('migrateProgress', run) + '\n');
    last = line;
  }
  if (options.json) io.stdout(JSON.stringify(run, null, 2) + '\n');
  printRun(run, options.program);
  return run.failed > 0 ? 1 : 0;
}
