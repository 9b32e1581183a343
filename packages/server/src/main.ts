import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { submissionForms } from '@civicflow/workflow';
import type { CaseStore } from './store/case-store.js';
import { createPgliteCaseStore } from './store/pglite-case-store.js';
import { createPostgresCaseStore } from './store/postgres-case-store.js';
import { createProgramRegistry } from './programs/program-registry.js';
import { createApp } from './http/create-app.js';
import { startServer } from './start-server.js';
import { createScheduler } from './cases/scheduler.js';
import { createMigrationWorker } from './migrations-of-cases/run-migrations.js';
import { applyRetention } from './cases/apply-retention.js';
import { createTokenAuthenticator, readTokenFile } from './auth/token-authenticator.js';
import { readOidcConfig } from './auth/oidc-config.js';
import { createJsonLogger, describeError, silentLogger } from './logger.js';
import { loadPrograms } from './programs/load-programs.js';
import { createProgramSync, seedPrograms } from './programs/program-sync.js';
import { definitionUrls } from './http/program-routes.js';
import { ServerError } from './errors.js';
import { createApplicantTokens, DEFAULT_APPLICANT_TOKEN_DAYS, MAX_APPLICANT_TOKEN_DAYS } from './auth/applicant-tokens.js';
import { createNoticeLinks, EMAIL, noticesOnChange } from './outbox/notices.js';
import { createMailer, createMailLog } from './outbox/mailer.js';
import { createOutboxWorker } from './outbox/outbox-worker.js';
import { createServerMetrics } from './http/metrics.js';
import { createOpsApp } from './http/health-routes.js';
import { WEBHOOK } from './outbox/outbox-store.js';
import { createWebhookSender } from './webhooks/webhook-sender.js';

const USAGE = `Usage: civicflow-server [serve] [options]
       civicflow-server retention [options]

serve (default) answers the HTTP API on 127.0.0.1 and fires due deadlines.
retention removes personal data past its x-retention from every case, records it in each case's
audit trail, prints a JSON summary and exits.

Store (one of):
  --data <dir>         PGlite in this folder (default .cf-data; env CIVICFLOW_DATA)
  --memory             PGlite in memory: everything is gone when the process ends
  --postgres <url>     PostgreSQL (env CIVICFLOW_PG_URL); several processes may share it
  --schema <name>      PostgreSQL schema for civicflow's tables (default public)

Programs:
  --programs <path>    a program.json, or a folder of <name>/program.json (default examples); repeatable.
                       Each file's version is published to the store if the store lacks it; the server
                       serves every version in the store (see docs/versions.md). A file whose version
                       the store holds with another definition stops the start: give it a new version.

serve options:
  --host <host>        default 127.0.0.1 (env HOST)
  --port <port>        default 8080 (env PORT); 0 picks a free port
  --oidc <file>        sign caseworkers in with an OpenID Connect provider: issuer, client, redirect URI and
                       the claim -> role mapping, as JSON (env CIVICFLOW_OIDC_CONFIG; the client secret may
                       come from CIVICFLOW_OIDC_CLIENT_SECRET instead). See docs/operating.md.
  --tokens <file>      fixed bearer tokens per role, such as examples/demo-tokens.json (demos only; not
                       together with --oidc)
  --applicant-token-days <days>  how long an applicant's link keeps opening a case after it
                       closed: 0 to 36500, default 90 (env CIVICFLOW_APPLICANT_TOKEN_DAYS)
  --no-scheduler       do not fire deadlines in this process
  --scheduler-interval <ms>  default 5000
  --no-migrations      do not carry out migrations of open cases in this process (others on the database do)
  --migration-interval <ms>  how often to look for a migration to carry out; default 2000
  --migration-batch <n>  cases read per batch of a migration; default 200
  --no-rate-limit      for benchmarks, or behind a proxy that limits already
  --pool-size <n>      most PostgreSQL connections this process opens; default 10 (env CIVICFLOW_PG_POOL)
  --no-prepared-statements  parse the submission statement anew for every request instead of keeping it
                       prepared on each connection: behind a PgBouncer in transaction mode that keeps no
                       prepared statements (before 1.21, or without max_prepared_statements)
  --shutdown-grace <ms>  on SIGTERM or SIGINT, how long requests in flight may take to finish before
                       their connections are cut; default 25000. A second signal ends the process at once.

Operations (see docs/operating.md):
  GET /healthz and GET /readyz answer on the API's address (liveness; readiness: database and schema).
  --metrics-port <port>  serve /metrics (Prometheus), /healthz and /readyz on a second address, never on the
                       API's (env CIVICFLOW_METRICS_PORT); 0 picks a free port
  --metrics-host <host>  the second address's host; default 127.0.0.1

Notices and webhooks (e-mails the programs' notices send, and the events webhook subscriptions ask for, through the outbox):
  --smtp <url>         SMTP server, such as smtp://user:pass@mail.example.org:587 (env CIVICFLOW_SMTP_URL)
  --mail-from <addr>   sender (env CIVICFLOW_MAIL_FROM; default civicflow@localhost)
  --mail-log           write each e-mail to the log instead of sending it (demos; the log then holds personal data)
  --status-url <url>   the applicant's status page, {token} where the token goes (env CIVICFLOW_STATUS_URL)
  --no-outbox          do not deliver the outbox in this process (messages wait for another)
  --outbox-interval <ms>  default 2000
  --outbox-lease <ms>  how long a process holds a message it is sending; default 60000
  Without --smtp or --mail-log no e-mail is sent: e-mails wait in the outbox until a process can send them.
  Webhooks (subscribed through the API, see docs/integrating.md) go out from every process that delivers the outbox.
  --quiet              no request log
  -h, --help           show this help

Prints "civicflow-server listening on <url>" on standard output when ready; logs JSON lines on standard error.`;

const options = {
  data: { type: 'string' },
  memory: { type: 'boolean' },
  postgres: { type: 'string' },
  schema: { type: 'string' },
  programs: { type: 'string', multiple: true },
  host: { type: 'string' },
  port: { type: 'string' },
  tokens: { type: 'string' },
  oidc: { type: 'string' },
  'applicant-token-days': { type: 'string' },
  'no-scheduler': { type: 'boolean' },
  'scheduler-interval': { type: 'string' },
  'no-migrations': { type: 'boolean' },
  'migration-interval': { type: 'string' },
  'migration-batch': { type: 'string' },
  'no-rate-limit': { type: 'boolean' },
  'pool-size': { type: 'string' },
  'no-prepared-statements': { type: 'boolean' },
  'shutdown-grace': { type: 'string' },
  'metrics-port': { type: 'string' },
  'metrics-host': { type: 'string' },
  smtp: { type: 'string' },
  'mail-from': { type: 'string' },
  'mail-log': { type: 'boolean' },
  'status-url': { type: 'string' },
  'no-outbox': { type: 'boolean' },
  'outbox-interval': { type: 'string' },
  'outbox-lease': { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

function openStore(v: Values): Promise<CaseStore> {
  const url = v.postgres ?? process.env.CIVICFLOW_PG_URL;
  const pool = v['pool-size'] ?? (process.env.CIVICFLOW_PG_POOL || undefined);
  if (url) {
    return createPostgresCaseStore({
      connectionString: url,
      ...(v.schema ? { schema: v.schema } : {}),
      ...(pool ? { maxConnections: Number(pool) } : {}),
      ...(v['no-prepared-statements'] ? { preparedStatements: false } : {}),
      logger: v.quiet ? silentLogger : createJsonLogger(),
    });
  }
  if (v.memory) return createPgliteCaseStore();
  return createPgliteCaseStore({ dir: v.data ?? process.env.CIVICFLOW_DATA ?? '.cf-data' });
}

/** Days from the option or the environment (an empty variable counts as unset); undefined when the value is not 0 to 36,500. */
function applicantTokenDays(v: Values): number | undefined {
  const given = v['applicant-token-days'] ?? (process.env.CIVICFLOW_APPLICANT_TOKEN_DAYS || undefined);
  if (given === undefined) return DEFAULT_APPLICANT_TOKEN_DAYS;
  const days = /^\s*\d{1,5}\s*$/.test(given) ? Number(given) : NaN;
  return days <= MAX_APPLICANT_TOKEN_DAYS ? days : undefined;
}

function describeStore(v: Values, store: CaseStore): string {
  if (store.engine === 'postgres') return `PostgreSQL${v.schema ? ` schema ${v.schema}` : ''}`;
  return v.memory ? 'PGlite in memory' : `PGlite ${v.data ?? process.env.CIVICFLOW_DATA ?? '.cf-data'}`;
}

/** Runs the command line; resolves to the exit code (serve resolves when the process is told to stop). */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const command = positionals[0] ?? 'serve';
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!['serve', 'retention'].includes(command) || positionals.length > 1) {
    process.stderr.write(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}\n`);
    return 2;
  }
  const programPaths = v.programs ?? ['examples'];
  const missing = programPaths.find((p) => !existsSync(p));
  if (missing) {
    process.stderr.write(`civicflow-server: no such program file or folder: ${missing}\n`);
    return 2;
  }
  const tokenDays = applicantTokenDays(v);
  if (command === 'serve' && tokenDays === undefined) {
    const given = v['applicant-token-days'] !== undefined ? `--applicant-token-days ${v['applicant-token-days']}` : `CIVICFLOW_APPLICANT_TOKEN_DAYS=${process.env.CIVICFLOW_APPLICANT_TOKEN_DAYS}`;
    process.stderr.write(`civicflow-server: ${given}: the days an applicant's link stays open after the case closed must be a whole number from 0 to ${MAX_APPLICANT_TOKEN_DAYS}\n`);
    return 2;
  }
  const numbers: [string, string | undefined, number][] = [
    ['--pool-size', v['pool-size'] ?? (process.env.CIVICFLOW_PG_POOL || undefined), 1],
    ['--shutdown-grace', v['shutdown-grace'], 0],
    ['--metrics-port', v['metrics-port'] ?? (process.env.CIVICFLOW_METRICS_PORT || undefined), 0],
  ];
  for (const [name, given, min] of numbers) {
    if (given !== undefined && !(/^\d{1,7}$/.test(given) && Number(given) >= min && (name !== '--metrics-port' || Number(given) <= 65535))) {
      process.stderr.write(`civicflow-server: ${name} ${given}: expected a whole number${min > 0 ? ` from ${min}` : ''}${name === '--metrics-port' ? ' up to 65535' : ''}\n`);
      return 2;
    }
  }
  // The sign-in settings are checked before the store opens: a typing error there stops the start at once.
  const oidcFile = command === 'serve' ? (v.oidc ?? (process.env.CIVICFLOW_OIDC_CONFIG || undefined)) : undefined;
  if (oidcFile && v.tokens) {
    process.stderr.write('civicflow-server: --tokens (fixed demo tokens) and --oidc (sign-in with a provider) do not go together: a server with real sign-in takes no demo tokens\n');
    return 2;
  }
  let oidc;
  try {
    oidc = oidcFile ? readOidcConfig(oidcFile) : undefined;
  } catch (err) {
    process.stderr.write(`civicflow-server: ${(err as Error).message}\n`);
    return 1;
  }
  let store: CaseStore;
  let programs;
  let programSync;
  try {
    const files = loadPrograms(programPaths);
    // Two files with one version and different definitions are refused before anything is stored.
    createProgramRegistry(files);
    store = await openStore(v);
    try {
      // The files seed the store: a version it lacks is published (by "files"); the server then serves every
      // version the store holds, those published through the API included.
      await seedPrograms(store.programVersions, files, new Date());
      programs = createProgramRegistry([]);
      programSync = createProgramSync(store.programVersions, programs, { logger: v.quiet ? silentLogger : createJsonLogger() });
      await programSync.refresh();
    } catch (err) {
      await store.close();
      throw err;
    }
  } catch (err) {
    if (err instanceof ServerError && err.code === 'PROGRAM_VERSION_EXISTS') {
      const { program, version, publishedAt } = err.params as { program: string; version: string; publishedAt: string };
      process.stderr.write(
        `civicflow-server: the file of ${program} has version ${version}, which was published on ${publishedAt} with another definition [${err.code}].\n` +
          `A published version never changes, because cases refer to it: give the changed file a new "version" (such as the next patch number) and start again.\n`,
      );
      return 1;
    }
    const code = err instanceof ServerError ? ` [${err.code}]` : '';
    process.stderr.write(`civicflow-server: ${(err as Error).message}${code}\n`);
    return 1;
  }

  if (command === 'retention') {
    try {
      const summary = await applyRetention({ store, programs, now: new Date() });
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  }

  const logger = v.quiet ? silentLogger : createJsonLogger();
  const tokens = v.tokens ? readTokenFile(v.tokens) : [];
  if (tokens.length > 0) logger.log({ level: 'warn', msg: 'fixed bearer tokens in use: for demos only', file: v.tokens, count: tokens.length });
  const statusUrl = v['status-url'] ?? (process.env.CIVICFLOW_STATUS_URL || undefined);
  let stopping = false;
  const metricsPort = v['metrics-port'] ?? (process.env.CIVICFLOW_METRICS_PORT || undefined);
  const metrics = metricsPort !== undefined ? createServerMetrics({ store: store.health }) : undefined;
  let app;
  try {
    app = await createApp({
      stopping: () => stopping,
      ...(metrics ? { metrics } : {}),
      store,
      programs,
      authenticate: createTokenAuthenticator(tokens),
      ...(oidc ? { oidc } : {}),
      logger,
      applicantTokenDays: tokenDays!,
      ...(statusUrl ? { statusUrl } : {}),
      ...(designerBundlePath() ? { designerBundle: designerBundlePath()! } : {}),
      ...(v['no-rate-limit'] ? { rateLimit: false as const } : {}),
    });
  } catch (err) {
    // Such as a provider that cannot be reached (SIGN_IN_UNAVAILABLE).
    await store.close();
    const code = err instanceof ServerError ? ` [${err.code}]` : '';
    process.stderr.write(`civicflow-server: ${(err as Error).message}${code}\n`);
    return 1;
  }
  const server = await startServer(app, { host: v.host ?? process.env.HOST ?? '127.0.0.1', port: Number(v.port ?? process.env.PORT ?? 8080) });
  const opsServer = metrics
    ? await startServer(createOpsApp({ store: store.health, metrics, stopping: () => stopping }), { host: v['metrics-host'] ?? '127.0.0.1', port: Number(metricsPort) })
    : undefined;
  const links = createNoticeLinks(createApplicantTokens(await store.secret('applicant-token')), statusUrl);
  const outboxOf = noticesOnChange((ref) => programs.byRef(ref), links);
  const scheduler = createScheduler({ store, programs, logger, outboxOf, intervalMs: Number(v['scheduler-interval'] ?? 5000), refreshPrograms: () => programSync.refresh() });
  const smtpUrl = v.smtp ?? (process.env.CIVICFLOW_SMTP_URL || undefined);
  const from = v['mail-from'] ?? (process.env.CIVICFLOW_MAIL_FROM || 'civicflow@localhost');
  const mailer = smtpUrl ? createMailer({ smtpUrl, from }) : undefined;
  const email = mailer ?? (v['mail-log'] ? createMailLog(logger, from) : undefined);
  // Webhooks always go out from a process that delivers the outbox; e-mails only from one with an SMTP server (or the log).
  const deliverers = { [WEBHOOK]: createWebhookSender({ webhooks: store.webhooks }), ...(email ? { [EMAIL]: email } : {}) };
  const worker = !v['no-outbox']
    ? createOutboxWorker({ outbox: store.outbox, deliverers, logger, intervalMs: Number(v['outbox-interval'] ?? 2000), leaseMs: Number(v['outbox-lease'] ?? 60_000) })
    : undefined;
  if (!email && !v['no-outbox']) logger.log({ level: 'warn', msg: 'no SMTP server (--smtp): e-mails wait in the outbox' });
  if (!v['no-scheduler']) {
    // Deadlines that fell due while no server ran fire right away.
    await scheduler.runOnce().catch((err) => logger.log({ level: 'error', msg: 'scheduler run failed', ...describeError(err) }));
    scheduler.start();
  }
  const migrations = v['no-migrations']
    ? undefined
    : createMigrationWorker({ store, programs, logger, intervalMs: Number(v['migration-interval'] ?? 2000), batchSize: Number(v['migration-batch'] ?? 200), refreshPrograms: () => programSync.refresh() });
  // A migration a process was killed in the middle of goes on now (in the background: it may be long).
  migrations?.start();
  if (worker) {
    // Messages left by a process that stopped (or was killed) go out now.
    await worker.runOnce().catch((err) => logger.log({ level: 'error', msg: 'outbox run failed', ...describeError(err) }));
    worker.start();
  }
  // Built in the background now, so the first browser to ask does not wait for rollup.
  // So are the pages' modules of each form people submit (one form each, as a page shows one); others on request.
  void (async () => {
    for (const p of programs.list()) {
      const failed = (err: unknown) => logger.log({ level: 'error', msg: 'validators build failed', program: p.ref, ...describeError(err) });
      await programs.validatorsModule(p).catch(failed);
      for (const form of submissionForms(p)) await programs.browserModule(p, [form], definitionUrls(p, [form])).catch(failed);
    }
  })();
  process.stdout.write(`civicflow-server listening on ${server.url} (${describeStore(v, store)}; programs ${programs.list().map((p) => p.ref).join(', ')})\n`);
  if (opsServer) process.stdout.write(`civicflow-server metrics on ${opsServer.url}/metrics\n`);

  const graceMs = Number(v['shutdown-grace'] ?? 25_000);
  return new Promise<number>((resolve) => {
    // Stopping: /readyz answers 503 from now on, new connections are refused, requests in flight finish (for up to
    // the grace), the scheduler and the outbox worker finish their run and start no other; then the store closes.
    const stop = async (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.log({ level: 'info', msg: 'stopping', signal, graceMs });
      const started = performance.now();
      try {
        await Promise.all([server.close({ graceMs }), scheduler.stop(), migrations?.stop(), worker?.stop()]);
        mailer?.close();
        await opsServer?.close();
        await store.close();
        logger.log({ level: 'info', msg: 'stopped', ms: Math.round(performance.now() - started) });
        resolve(0);
      } catch (err) {
        logger.log({ level: 'error', msg: 'stopping failed', ...describeError(err) });
        resolve(1);
      }
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The designer's bundle where `@civicflow/designer` is installed beside the server and built; otherwise undefined. */
function designerBundlePath(): string | undefined {
  try {
    const file = path.join(path.dirname(createRequire(import.meta.url).resolve('@civicflow/designer/package.json')), 'dist/cf-program-designer.bundle.js');
    return existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}
