import { randomFillSync } from 'node:crypto';

// Crockford's base 32: no I, L, O or U, so a reference read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// Random bytes are drawn for 256 references at a time: a call into the system's generator per submission cost more
// than making the reference (Node's randomUUID keeps such a pool for the same reason).
const POOL = Buffer.alloc(8 * 256);
let used = POOL.length;

/**
 * A case reference such as `CF-7K3M-Q9TX`: 40 random bits, short enough to quote, never derived from personal data.
 * The store's unique index catches the rare repeat; the client then retries with the same idempotency key.
 */
export function newReference(): string {
  if (used === POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  let out = '';
  for (let i = 0; i < 8; i++) out += ALPHABET[POOL[used + i]! & 31];
  used += 8;
  return `CF-${out.slice(0, 4)}-${out.slice(4)}`;
}
