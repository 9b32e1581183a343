import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Program } from '@civicflow/core';
import type { Case } from '@civicflow/workflow';

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

/** How long an applicant token keeps opening its case after the case closed, by default: 90 days. */
export const DEFAULT_APPLICANT_TOKEN_DAYS = 90;

/** The longest lifetime the setting takes: 100 years. */
export const MAX_APPLICANT_TOKEN_DAYS = 36_500;

/** Whether `days` is a lifetime the setting takes: a whole number of days from 0 to 36,500. */
export function isApplicantTokenDays(days: unknown): days is number {
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 && days <= MAX_APPLICANT_TOKEN_DAYS;
}

/**
 * When a case closed: the time of the history entry that took it into the final state it is in, or undefined while
 * it is open. A case of a program without a workflow takes no events, so nothing about it changes after the
 * submission: it counts as closed when it was submitted. Undefined for a program version the server lacks, whose
 * states it cannot tell.
 */
export function caseClosedAt(program: Program | undefined, c: Pick<Case, 'state' | 'history'>): Date | undefined {
  if (!program) return undefined;
  const wf = program.definition.workflow;
  if (wf && !(Object.hasOwn(wf.states, c.state) && wf.states[c.state]!.final)) return undefined;
  // A final state takes no events, so entries after the one that entered it (retention's) keep the state.
  for (let i = c.history.length - 1; i >= 0; i--) {
    const entry = c.history[i]!;
    if (entry.from !== entry.to) return new Date(entry.at);
  }
  return undefined;
}

/**
 * Whether an applicant token no longer opens its case at `now`: `days` after the case closed (0: as soon as it
 * closes). Decided from the case alone, so tokens stay stateless and the same case keeps the same token.
 */
export function applicantTokenExpired(program: Program | undefined, c: Pick<Case, 'state' | 'history'>, now: Date, days: number): boolean {
  const closedAt = caseClosedAt(program, c);
  return closedAt !== undefined && now.getTime() >= closedAt.getTime() + days * 86_400_000;
}
