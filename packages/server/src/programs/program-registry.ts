import type { Program } from '@civicflow/core';
import { buildValidatorsModule } from '@civicflow/build';
import { ServerError } from '../errors.js';

/** Who published a program version, and when (ISO 8601): known for versions from the store. */
export interface Publication {
  publishedBy: string;
  publishedAt: string;
}

/** The programs a server serves, by id and version. */
export interface ProgramRegistry {
  /** Every program, each id's versions newest first. */
  list(): readonly Program[];
  /** The newest version of a program. */
  latest(id: string): Program | undefined;
  /** One version of a program. */
  get(id: string, version: string): Program | undefined;
  /** The program a case follows (`id@version`). */
  byRef(ref: string): Program | undefined;
  /** Ids of all programs. */
  ids(): string[];
  /** Every program version, as cases name it (`id@version`). */
  refs(): string[];
  /**
   * Serves one more version (a version published while the server runs). The same version again with the same hash
   * changes nothing but records its publication if it had none; another hash throws `ServerError` `PROGRAM_CONFLICT`.
   */
  add(program: Program, publication?: Publication): void;
  /** Who published a version and when; undefined for a version the registry was given without (from files only). */
  publication(ref: string): Publication | undefined;
  /** The precompiled validators module of a program (built once, then kept). */
  validatorsModule(program: Program): Promise<string>;
  /**
   * The compact validators module of a program for browsers: only `forms` (default: all; they must be forms of the
   * program), minified, without the definition, which it fetches per locale from `definitionUrls`. Built once per
   * program, forms and URLs, then kept (the 64 used last).
   */
  browserModule(program: Program, forms: readonly string[] | undefined, definitionUrls: Readonly<Record<string, string>>): Promise<string>;
}

/**
 * How many browser modules a registry keeps. Each program version has one per list of forms that pages ask for
 * (usually a few); the bound holds memory steady however many lists requests try.
 */
const BROWSER_MODULES_KEPT = 64;

/** Compares semantic versions by their numbers; a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('+')[0]!.split(/-(.*)/s);
    return { nums: core.split('.').map((n) => Number(n)), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

/**
 * Holds loaded programs for serving. Throws `ServerError` `PROGRAM_CONFLICT` when two different definitions share
 * an id and version: a version is immutable once published, and cases refer to it.
 */
export function createProgramRegistry(programs: readonly Program[]): ProgramRegistry {
  const byRef = new Map<string, Program>();
  const byId = new Map<string, Program[]>();
  const publications = new Map<string, Publication>();
  const add = (p: Program, publication?: Publication) => {
    const known = byRef.get(p.ref);
    if (known && known.hash !== p.hash) {
      throw new ServerError('PROGRAM_CONFLICT', `Two different definitions of ${p.ref}`, 500, { program: p.ref });
    }
    if (publication && !publications.has(p.ref)) publications.set(p.ref, publication);
    if (known) return;
    byRef.set(p.ref, p);
    // A new list, not a change of the old one: a request that is reading the old list meanwhile keeps its view.
    byId.set(p.id, [...(byId.get(p.id) ?? []), p].sort((a, b) => compareVersions(b.version, a.version)));
  };
  for (const p of programs) add(p);
  const modules = new Map<string, Promise<string>>();
  // Least recently used first: each use moves its key to the end, and the first key goes when the map is full.
  const browserModules = new Map<string, Promise<string>>();
  // One build at a time: each takes a second or so of CPU on the event loop, and a burst of requests for
  // modules not built yet must queue rather than run them all at once.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = (build: () => Promise<string>): Promise<string> => {
    const next = queue.then(build, build);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    list: () => [...byId.values()].flat(),
    latest: (id) => byId.get(id)?.[0],
    get: (id, version) => byRef.get(`${id}@${version}`),
    byRef: (ref) => byRef.get(ref),
    ids: () => [...byId.keys()],
    refs: () => [...byRef.keys()],
    add,
    publication: (ref) => publications.get(ref),
    validatorsModule(program) {
      let m = modules.get(program.ref);
      if (!m) {
        m = inTurn(() => buildValidatorsModule(program, { minify: true }));
        // A failed build is not cached, so the next request tries again.
        m.catch(() => modules.delete(program.ref));
        modules.set(program.ref, m);
      }
      return m;
    },
    browserModule(program, forms, definitionUrls) {
      const key = JSON.stringify([program.ref, forms ?? null, definitionUrls]);
      let m = browserModules.get(key);
      if (!m) {
        const built = inTurn(() => buildValidatorsModule(program, { ...(forms ? { forms } : {}), compact: true, minify: true, definitionUrls }));
        built.catch(() => {
          if (browserModules.get(key) === built) browserModules.delete(key);
        });
        m = built;
      }
      browserModules.delete(key);
      if (browserModules.size >= BROWSER_MODULES_KEPT) browserModules.delete(browserModules.keys().next().value!);
      browserModules.set(key, m);
      return m;
    },
  };
}
