import { createHmac } from 'node:crypto';
import { canonicalJson, type Program } from '@civicflow/core';
import type { Principal } from '../auth/principal.js';

/** The digest of a submission that an idempotency key is stored with. */
export type RequestDigest = (program: Program, formId: string, principal: Principal | null, body: unknown) => string;

/**
 * Digests of submissions: HMAC-SHA256, under a secret the store keeps, of the program version, the form, who sent it
 * (the principal's actor, or nobody) and the canonical body. A repeat of a key is the same request only when all of
 * these are equal, so neither another body nor another sender gets the first sender's receipt and applicant token.
 *
 * Keyed rather than a plain hash: a plain hash of a body is a fingerprint anyone who reads the table can test guessed
 * data against. The digest reveals nothing of the body, so it is kept when retention removes the personal data and
 * keeps telling a true repeat from a reused key; only an erasure on request removes it.
 */
export function createRequestDigest(secret: string): RequestDigest {
  return (program, formId, principal, body) =>
    createHmac('sha256', secret)
      .update(`${program.ref}\n${formId}\n${principal?.actor ?? ''}\n${canonicalJson(body)}`)
      .digest('base64url');
}
