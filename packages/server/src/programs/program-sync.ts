import { loadProgram, type Program } from '@civicflow/core';
import type { ProgramVersionStore, PublishedMark, PublishResult } from '../store/program-version-store.js';
import type { ProgramRegistry } from './program-registry.js';
import type { Logger } from '../logger.js';
import { describeError } from '../logger.js';
import { ServerError } from '../errors.js';

/** Who a version seeded from a program file was published by. */
export const SEEDED_BY = 'files';

/** What `seedPrograms` did, by `id@version`. */
export interface SeedResult {
  /** Versions the store did not have and now has. */
  inserted: string[];
  /** Versions the store had already, with the same definition. */
  unchanged: string[];
}

/**
 * Publishes the versions of program files that the store lacks (by `files`, at `now`); a version stored already with
 * the same hash is left as it is. Throws `ServerError` `PROGRAM_VERSION_EXISTS` for a file whose version is stored
 * with another definition: a published version never changes, so a changed file needs a new version number.
 */
export async function seedPrograms(store: ProgramVersionStore, programs: readonly Program[], now: Date): Promise<SeedResult> {
  const result: SeedResult = { inserted: [], unchanged: [] };
  for (const p of programs) {
    const done: PublishResult = await store.publish({ programId: p.id, version: p.version, definition: JSON.stringify(p.definition), hash: p.hash, publishedBy: SEEDED_BY, publishedAt: now });
    (done.created ? result.inserted : result.unchanged).push(p.ref);
  }
  return result;
}

/** Keeps a registry in step with the store's published versions. */
export interface ProgramSync {
  /**
   * Asks the store whether anything was published since the last look (one cheap query, shared by the requests that
   * ask meanwhile), and if so adds the new versions to the registry, each loaded and compiled once. With `now`, looks
   * whenever it was last done (and after a look under way, which may have started before what the caller knows of).
   */
  refresh(options?: { now?: boolean }): Promise<void>;
  /**
   * The store's mark of the published versions as of the last look: every version it stands for is in the registry
   * (a version the look is still adding may be there too). A statement that compares it with the store's own mark
   * (`PUBLISHED_MARK`) knows whether this process serves every published version, without a look of its own.
   */
  mark(): PublishedMark | undefined;
}

export interface ProgramSyncOptions {
  /** At most one look per this many milliseconds; 0 looks on every call, Infinity only on the first. Default 0. */
  checkEveryMs?: number;
  logger?: Logger;
}

/** Loads a stored version and checks it is what was published: the hash of its canonical JSON is the stored one. */
export function loadStoredVersion(definition: string, hash: string, ref: string): Program {
  const program = loadProgram(definition);
  if (program.hash !== hash || program.ref !== ref) {
    throw new ServerError('PROGRAM_CONFLICT', `The stored definition of ${ref} does not match its hash`, 500, { program: ref });
  }
  return program;
}

/**
 * A sync of `registry` with `store`. The first `refresh` throws when a stored version cannot be served (it does not
 * load, or the registry holds another definition of it from files); later ones log such a version and go on.
 */
export function createProgramSync(store: ProgramVersionStore, registry: ProgramRegistry, options: ProgramSyncOptions = {}): ProgramSync {
  const every = options.checkEveryMs ?? 0;
  let seen: string | undefined;
  let lastLook = -Infinity;
  let running: Promise<void> | undefined;
  let first = true;
  const look = async () => {
    lastLook = performance.now();
    const mark = await store.mark();
    if (mark === seen) return;
    const known = new Set(registry.refs().filter((ref) => registry.publication(ref) !== undefined));
    for (const v of await store.list(known)) {
      const ref = `${v.programId}@${v.version}`;
      try {
        registry.add(loadStoredVersion(v.definition, v.hash, ref), { publishedBy: v.publishedBy, publishedAt: v.publishedAt });
      } catch (err) {
        if (first) throw err;
        options.logger?.log({ level: 'error', msg: 'stored program version not served', program: ref, ...describeError(err) });
      }
    }
    seen = mark;
    first = false;
  };
  const start = () => {
    const started: Promise<void> = look().finally(() => {
      if (running === started) running = undefined;
    });
    return (running = started);
  };
  return {
    async refresh(options) {
      if (options?.now) {
        await running?.catch(() => {});
        return running ?? start();
      }
      if (running) return running;
      if (performance.now() - lastLook < every) return;
      return start();
    },
    mark: () => seen,
  };
}
