import type { Database } from './database.js';
import { ServerError } from '../errors.js';

/** A program's draft as the store keeps it: the text as its designer sent it, and the version of that save. */
export interface StoredDraft {
  programId: string;
  /** The definition's JSON text, byte for byte as it was sent. */
  text: string;
  /** 1 for the first save, one more with each save after. */
  version: number;
  /** Who saved it last: an actor id. */
  savedBy: string;
  /** ISO 8601. */
  savedAt: string;
}

/** The drafts of program definitions, one per program, that designers edit on the server before it is published. */
export interface ProgramDraftStore {
  /** The program's draft, or undefined when nobody saved one. */
  get(programId: string): Promise<StoredDraft | undefined>;
  /**
   * Saves the draft over the version `expected` (0: there is no draft yet). Throws `ServerError` `DRAFT_CONFLICT`
   * (412) when the stored draft is at another version (someone saved in between); its details name that version and
   * who saved it, and nothing is changed.
   */
  save(programId: string, text: string, expected: number, savedBy: string, savedAt: Date): Promise<StoredDraft>;
}

interface DraftRow {
  program_id: string;
  text: string;
  version: number;
  saved_by: string;
  saved_at: Date;
}

const COLUMNS = 'program_id, text, version, saved_by, saved_at';

const SQL = {
  get: `SELECT ${COLUMNS} FROM cf_program_drafts WHERE program_id = $1`,
  insert: `INSERT INTO cf_program_drafts (${COLUMNS}) VALUES ($1, $2, 1, $3, $4) ON CONFLICT (program_id) DO NOTHING RETURNING ${COLUMNS}`,
  update: `UPDATE cf_program_drafts SET text = $2, version = version + 1, saved_by = $3, saved_at = $4
    WHERE program_id = $1 AND version = $5 RETURNING ${COLUMNS}`,
};

const toDraft = (r: DraftRow): StoredDraft => ({
  programId: r.program_id,
  text: r.text,
  version: Number(r.version),
  savedBy: r.saved_by,
  savedAt: new Date(r.saved_at).toISOString(),
});

/** @internal The store's part for drafts, over the same database as its cases. */
export function createSqlProgramDrafts(db: Database): ProgramDraftStore {
  return {
    async get(programId) {
      const [row] = await db.query<DraftRow>(SQL.get, [programId]);
      return row && toDraft(row);
    },
    async save(programId, text, expected, savedBy, savedAt) {
      // One statement either way: the insert or the update that names the version is atomic, so of two designers who
      // read the same version only the first one's save takes; the second finds no row to change.
      const [row] =
        expected === 0
          ? await db.query<DraftRow>(SQL.insert, [programId, text, savedBy, savedAt])
          : await db.query<DraftRow>(SQL.update, [programId, text, savedBy, savedAt, expected]);
      if (row) return toDraft(row);
      const [current] = await db.query<DraftRow>(SQL.get, [programId]);
      const now = current ? toDraft(current) : undefined;
      throw new ServerError('DRAFT_CONFLICT', `The draft of ${programId} is at version ${now?.version ?? 0}, not ${expected}`, 412, {
        program: programId,
        expected,
        current: now?.version ?? 0,
        ...(now ? { savedBy: now.savedBy, savedAt: now.savedAt } : {}),
      });
    },
  };
}
