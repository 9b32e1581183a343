import { randomBytes } from 'node:crypto';

// Crockford's base 32: no I, L, O or U, so a reference read out over the phone is not misheard.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A case reference such as `CF-7K3M-Q9TX`: 40 random bits, short enough to quote, never derived from personal data.
 * The store's unique index catches the rare repeat; the client then retries with the same idempotency key.
 */
export function newReference(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (let i = 0; i < 8; i++) out += ALPHABET[bytes[i]! & 31];
  return `CF-${out.slice(0, 4)}-${out.slice(4)}`;
}
