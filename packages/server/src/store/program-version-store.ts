import type { Database } from './database.js';
import { ServerError } from '../errors.js';

/** A program version as the store keeps it: the definition's JSON text as published, never changed. */
export interface StoredProgramVersion {
  programId: string;
  version: string;
  /** The definition's JSON text, as it was published. */
  definition: string;
  /** SHA-256 (hex) of the definition's canonical JSON: core's `Program.hash`. */
  hash: string;
  /** Who published it: an actor id, or `files:<name>` for a version seeded from a program file. */
  publishedBy: string;
  /** ISO 8601. */
  publishedAt: string;
}

/** What `publish` stores. The caller has checked the definition (`loadProgram`) and worked out its hash. */
export interface NewProgramVersion {
  programId: string;
  version: string;
  definition: string;
  hash: string;
  publishedBy: string;
  publishedAt: Date;
  /**
   * Whether to write a `publish` entry to the office audit in the same transaction (default true). A version that is
   * stored already writes none.
   */
  audit?: boolean;
  /** More for the audit entry's detail, beside the version and hash (such as the draft it was published from). */
  auditDetail?: Record<string, unknown>;
}

/** What a publish did: `created` is false when the same version with the same hash was stored before. */
export interface PublishResult {
  created: boolean;
  stored: StoredProgramVersion;
}

/** Where a version of the published set stands: changes when anything is published, cheap to ask for. */
export type PublishedMark = string;

/** The published program versions: append-only, one definition per program and version. */
export interface ProgramVersionStore {
  /**
   * Stores a version, or finds it stored already with the same hash (then stores nothing). Throws `ServerError`
   * `PROGRAM_VERSION_EXISTS` (409) when the version is stored with another hash: a published version never changes.
   */
  publish(version: NewProgramVersion): Promise<PublishResult>;
  /** Every stored version, in the order they were published; without the refs in `skip` (ones the caller has). */
  list(skip?: ReadonlySet<string>): Promise<StoredProgramVersion[]>;
  /** One stored version, or undefined. */
  get(programId: string, version: string): Promise<StoredProgramVersion | undefined>;
  /** A mark that differs whenever a version was published since: one index-only query. */
  mark(): Promise<PublishedMark>;
}

interface VersionRow {
  program_id: string;
  version: string;
  definition: string;
  hash: string;
  published_by: string;
  published_at: Date;
}

const COLUMNS = 'program_id, version, definition, hash, published_by, published_at';

/**
 * @internal The mark of the published versions, over `cf_program_versions`: count and newest sequence number together
 * (a version whose transaction took a lower number but committed later still changes the count).
 */
export const PUBLISHED_MARK = `count(*)::text || ':' || COALESCE(max(seq), 0)::text`;

const SQL = {
  insert: `INSERT INTO cf_program_versions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)
    ON CONFLICT (program_id, version) DO NOTHING RETURNING ${COLUMNS}`,
  get: `SELECT ${COLUMNS} FROM cf_program_versions WHERE program_id = $1 AND version = $2`,
  list: `SELECT ${COLUMNS} FROM cf_program_versions WHERE NOT ((program_id || '@' || version) = ANY($1::text[])) ORDER BY seq`,
  mark: `SELECT ${PUBLISHED_MARK} AS mark FROM cf_program_versions`,
  audit: `INSERT INTO cf_office_audit (at, actor, program_id, case_id, action, detail) VALUES ($1, $2, $3, NULL, 'publish', $4::jsonb)`,
};

const toVersion = (r: VersionRow): StoredProgramVersion => ({
  programId: r.program_id,
  version: r.version,
  definition: r.definition,
  hash: r.hash,
  publishedBy: r.published_by,
  publishedAt: new Date(r.published_at).toISOString(),
});

/** @internal The store's part for program versions, over the same database as its cases. */
export function createSqlProgramVersions(db: Database): ProgramVersionStore {
  return {
    publish(v) {
      return db.transaction(async (tx) => {
        const [inserted] = await tx.query<VersionRow>(SQL.insert, [v.programId, v.version, v.definition, v.hash, v.publishedBy, v.publishedAt]);
        if (inserted) {
          if (v.audit !== false) await tx.query(SQL.audit, [v.publishedAt, v.publishedBy, v.programId, JSON.stringify({ ...v.auditDetail, version: v.version, hash: v.hash })]);
          return { created: true, stored: toVersion(inserted) };
        }
        const [found] = await tx.query<VersionRow>(SQL.get, [v.programId, v.version]);
        const stored = toVersion(found!);
        if (stored.hash !== v.hash) {
          throw new ServerError('PROGRAM_VERSION_EXISTS', `${v.programId}@${v.version} is published already with another definition`, 409, {
            program: v.programId,
            version: v.version,
            hash: stored.hash,
            publishedAt: stored.publishedAt,
          });
        }
        return { created: false, stored };
      });
    },
    async list(skip = new Set()) {
      return (await db.query<VersionRow>(SQL.list, [[...skip]])).map(toVersion);
    },
    async get(programId, version) {
      const [row] = await db.query<VersionRow>(SQL.get, [programId, version]);
      return row && toVersion(row);
    },
    async mark() {
      const [row] = await db.query<{ mark: string }>(SQL.mark);
      return row!.mark;
    },
  };
}
