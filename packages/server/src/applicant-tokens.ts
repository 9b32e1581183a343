import { createHmac, timingSafeEqual } from 'node:crypto';

export interface ApplicantTokens {
  /** The token for a case. The same case always gets the same token, so a repeated submission can answer with it. */
  issue(caseId: string): string;
  /** The case a token opens, or undefined for anything that is not a token this secret issued. */
  verify(token: string): string | undefined;
}

const PREFIX = 'cfa1';

/**
 * Applicant tokens: `cfa1.<case id>.<HMAC-SHA256 of the case id>`. Nothing is stored per token; every server process
 * that shares the secret (the store keeps it) can check any token.
 */
export function createApplicantTokens(secret: string): ApplicantTokens {
  const mac = (caseId: string) => createHmac('sha256', secret).update(`applicant:${caseId}`).digest();
  return {
    issue: (caseId) => `${PREFIX}.${caseId}.${mac(caseId).toString('base64url')}`,
    verify(token) {
      const [prefix, caseId, sig, extra] = token.split('.');
      if (prefix !== PREFIX || !caseId || !sig || extra !== undefined || caseId.length > 100) return undefined;
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(caseId);
      return given.length === expected.length && timingSafeEqual(given, expected) ? caseId : undefined;
    },
  };
}
