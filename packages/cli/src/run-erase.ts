import { existsSync } from 'node:fs';
import path from 'node:path';
import { ProgramError } from '@civicflow/core';
import {
  createPgliteCaseStore,
  createPostgresCaseStore,
  createProgramRegistry,
  createProgramSync,
  eraseCase,
  ERASURE_REASON,
  ERASURE_ROLE,
  loadPrograms,
  ServerError,
  type CaseStore,
  type ProgramRegistry,
} from '@civicflow/server';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { cliMessage } from './cli-messages.js';

export interface EraseOptions {
  /** References (`CF-7K3M-Q9TX`) or ids of the cases to erase. */
  cases: readonly string[];
  /** The server's store: a PGlite folder, or a PostgreSQL URL (`postgres://…`). */
  store: string;
  /** The PostgreSQL schema of civicflow's tables, as the server was given it. */
  schema?: string;
  /** Program files or folders, as the server was given them. Default `examples`. */
  programs?: readonly string[];
  /** The office's reference for the request (a file or ticket number); it stays in the audit trail. */
  reason: string;
  /** Who erases, as the audit trail names them: an id, not a name. */
  actor: string;
  /** Language of the messages (`de` or `en`). */
  locale?: string;
  /** Print one JSON document instead of lines. */
  json?: boolean;
  /** The time of the erasure. Default now. */
  now?: Date;
}

/** What happened to one case asked for. */
export interface EraseOutcome {
  /** The reference or id as given. */
  case: string;
  status: 'erased' | 'alreadyErased' | 'notFound' | 'programMissing';
  caseId?: string;
  reference?: string;
  erasedAt?: string;
  /** The pointers removed (on `erased`, and on `alreadyErased` those of the first erasure). */
  changed?: string[];
  /** The pointers left because the law obliges keeping them until their retention has passed, with the program's basis. */
  kept?: { pointer: string; basis: string }[];
}

const POSTGRES_URL = /^postgres(ql)?:\/\//;

async function openStore(options: EraseOptions, cwd: string, locale: string): Promise<CaseStore> {
  try {
    if (POSTGRES_URL.test(options.store)) return await createPostgresCaseStore({ connectionString: options.store, ...(options.schema ? { schema: options.schema } : {}) });
    const dir = path.resolve(cwd, options.store);
    // PGlite would make a new, empty database in a folder that is not there: a typo must not look like "no such case".
    if (!existsSync(dir)) throw new CliError('STORE_UNAVAILABLE', cliMessage(locale, 'storeMissing', { store: options.store }));
    return await createPgliteCaseStore({ dir });
  } catch (e) {
    if (e instanceof CliError) throw e;
    const detail = e instanceof ServerError && e.code === 'DATA_DIR_LOCKED' ? cliMessage(locale, 'storeLocked') : e instanceof Error ? e.message : String(e);
    throw new CliError('STORE_UNAVAILABLE', cliMessage(locale, 'storeUnavailable', { store: POSTGRES_URL.test(options.store) ? 'PostgreSQL' : options.store, detail }));
  }
}

function readPrograms(paths: readonly string[], cwd: string, locale: string): ProgramRegistry {
  const resolved = paths.map((p) => path.resolve(cwd, p));
  const missing = resolved.findIndex((p) => !existsSync(p));
  if (missing >= 0) throw new CliError('FILE_NOT_FOUND', cliMessage(locale, 'fileNotFound', { file: paths[missing]! }));
  try {
    return createProgramRegistry(loadPrograms(resolved));
  } catch (e) {
    if (e instanceof ProgramError || e instanceof ServerError) throw new CliError('FILE_UNREADABLE', e.message);
    throw e;
  }
}

async function eraseOne(store: CaseStore, programs: ProgramRegistry, given: string, options: EraseOptions, now: Date): Promise<EraseOutcome> {
  const caseId = (await store.caseIdByReference(given)) ?? given;
  try {
    const result = await eraseCase({ store, programs, caseId, actor: { id: options.actor, roles: [ERASURE_ROLE] }, reason: options.reason, now });
    if (!result) return { case: given, status: 'notFound' };
    const { changed, kept } = result.entry;
    return { case: given, status: result.erased ? 'erased' : 'alreadyErased', caseId: result.caseId, reference: result.reference, erasedAt: result.erasedAt, changed, ...(kept ? { kept } : {}) };
  } catch (e) {
    if (e instanceof ServerError && e.code === 'NOT_FOUND') return { case: given, status: 'programMissing', caseId };
    throw e;
  }
}

/** One line per legal basis: what an erasure left in place, and why. */
function describeKept(o: EraseOutcome, locale: string): string {
  const byBasis = new Map<string, string[]>();
  for (const k of o.kept ?? []) byBasis.set(k.basis, [...(byBasis.get(k.basis) ?? []), k.pointer]);
  return [...byBasis].map(([basis, pointers]) => '\n' + cliMessage(locale, 'keptByLaw', { basis, pointers: pointers.join(', ') })).join('');
}

function describeOutcome(o: EraseOutcome, locale: string): string {
  switch (o.status) {
    case 'erased':
      return cliMessage(locale, 'erased', { reference: o.reference!, id: o.caseId!, fields: cliMessage(locale, 'fields', { count: o.changed!.length }) }) + describeKept(o, locale);
    case 'alreadyErased':
      return cliMessage(locale, 'alreadyErased', { reference: o.reference!, id: o.caseId!, at: o.erasedAt! }) + describeKept(o, locale);
    case 'notFound':
      return cliMessage(locale, 'caseNotFound', { case: o.case });
    case 'programMissing':
      return cliMessage(locale, 'caseProgramMissing', { case: o.case });
  }
}

/**
 * `civicflow erase`: erases the personal data of each case given on request (Art. 17 GDPR), directly in the server's
 * store, each case in its own transaction and with its own audit entry, as `POST /v1/cases/{caseId}/erasure` does.
 * A case erased before is left as it is.
 *
 * @returns the exit code: 0 when every case is erased (now or before), 1 when a case was not found or its program
 *   version was not given (the others are erased all the same), 2 for a usage error or a store or program that
 *   cannot be opened.
 */
export async function runErase(options: EraseOptions, io: CliIo): Promise<number> {
  const locale = options.locale ?? 'en';
  if (!ERASURE_REASON.test(options.reason)) throw new CliError('USAGE', cliMessage(locale, 'reasonInvalid'));
  if (options.actor.trim() === '') throw new CliError('USAGE', cliMessage(locale, 'actorMissing'));
  const programs = readPrograms(options.programs ?? ['examples'], io.cwd, locale);
  const store = await openStore(options, io.cwd, locale);
  const outcomes: EraseOutcome[] = [];
  try {
    // The versions published to the server (through its API) as well as those of the files given.
    await createProgramSync(store.programVersions, programs).refresh();
    const now = options.now ?? new Date();
    for (const given of options.cases) outcomes.push(await eraseOne(store, programs, given, options, now));
  } finally {
    await store.close();
  }
  if (options.json) io.stdout(JSON.stringify({ results: outcomes }, null, 2) + '\n');
  else {
    for (const o of outcomes) {
      const line = describeOutcome(o, locale) + '\n';
      if (o.status === 'erased' || o.status === 'alreadyErased') io.stdout(line);
      else io.stderr(line);
    }
  }
  return outcomes.every((o) => o.status === 'erased' || o.status === 'alreadyErased') ? 0 : 1;
}
