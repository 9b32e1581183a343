import type { Database } from './database.js';

/** A signed-in person's session, as the store keeps it. The cookie holds a random id; the store only its SHA-256. */
export interface StoredSession {
  actor: string;
  name?: string;
  /** `<program>:<role>`, mapped from the provider's claims when the person signed in. */
  roles: string[];
  /** The provider's ID token, sent back as `id_token_hint` when the person signs out. */
  idToken?: string;
  expiresAt: Date;
}

/** Sessions of people signed in with OpenID Connect, shared by every server process on the database. */
export interface SessionStore {
  /** Keeps a session under the digest of its id, and removes sessions that ran out by `now`. */
  create(idDigest: string, session: StoredSession, now: Date): Promise<void>;
  /** The session with this digest, unless it ran out by `now`. */
  get(idDigest: string, now: Date): Promise<StoredSession | undefined>;
  /** Ends a session; resolves with what it held (for the sign-out at the provider), or undefined when there was none. */
  remove(idDigest: string): Promise<StoredSession | undefined>;
}

interface SessionRow {
  actor: string;
  name: string | null;
  roles: string[];
  id_token: string | null;
  expires_at: Date | string;
}

const SQL = {
  insert: `INSERT INTO cf_sessions (id_digest, actor, name, roles, id_token, created_at, expires_at) VALUES ($1, $2, $3, $4::text[], $5, $6, $7)`,
  purge: `DELETE FROM cf_sessions WHERE expires_at <= $1`,
  get: `SELECT actor, name, roles, id_token, expires_at FROM cf_sessions WHERE id_digest = $1 AND expires_at > $2`,
  remove: `DELETE FROM cf_sessions WHERE id_digest = $1 RETURNING actor, name, roles, id_token, expires_at`,
};

const fromRow = (r: SessionRow): StoredSession => ({
  actor: r.actor,
  ...(r.name !== null ? { name: r.name } : {}),
  roles: [...r.roles],
  ...(r.id_token !== null ? { idToken: r.id_token } : {}),
  expiresAt: new Date(r.expires_at),
});

export function createSqlSessions(db: Database): SessionStore {
  return {
    async create(idDigest, s, now) {
      await db.query(SQL.purge, [now]);
      await db.query(SQL.insert, [idDigest, s.actor, s.name ?? null, [...s.roles], s.idToken ?? null, now, s.expiresAt]);
    },
    async get(idDigest, now) {
      const [row] = await db.query<SessionRow>(SQL.get, [idDigest, now]);
      return row ? fromRow(row) : undefined;
    },
    async remove(idDigest) {
      const [row] = await db.query<SessionRow>(SQL.remove, [idDigest]);
      return row ? fromRow(row) : undefined;
    },
  };
}
