import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@civicflow/workflow';
import { applicantTokenExpired, caseClosedAt, createApplicantTokens, isApplicantTokenDays } from './applicant-tokens.js';
import { loadCasework, loadPlainIntake } from '../test-support/fixtures.js';

describe('createApplicantTokens', () => {
  const tokens = createApplicantTokens('secret-one');

  it('issues the same token for a case every time, and verifies it', () => {
    const t = tokens.issue('case-1');
    expect(t).toMatch(/^cfa1\.case-1\.[\w-]{43}$/);
    expect(tokens.issue('case-1')).toBe(t);
    expect(tokens.verify(t)).toBe('case-1');
  });

  it('refuses tokens of another secret, another case, or any other shape', () => {
    const t = tokens.issue('case-1');
    const [, , mac] = t.split('.');
    expect(createApplicantTokens('secret-two').verify(t)).toBeUndefined();
    expect(tokens.verify(`cfa1.case-2.${mac}`)).toBeUndefined();
    expect(tokens.verify(`${t}.x`)).toBeUndefined();
    expect(tokens.verify(`cfa2.case-1.${mac}`)).toBeUndefined();
    expect(tokens.verify(t.slice(0, -2))).toBeUndefined();
    expect(tokens.verify('')).toBeUndefined();
  });
});

describe('applicant token lifetime', () => {
  const casework = loadCasework();
  const day = 86_400_000;
  const entry = (at: string, event: string | null, from: string | null, to: string): AuditEntry => ({ seq: 0, at, actor: 'x', roles: [], event, from, to, changed: [] });
  const opened = entry('2025-03-01T09:00:00.000Z', null, null, 'received');
  const accepted = entry('2025-03-02T09:00:00.000Z', 'ACCEPT', 'received', 'coaching');
  const closed = entry('2025-03-10T12:00:00.000Z', 'CLOSE', 'coaching', 'closed');
  const retention = entry('2026-04-01T00:00:00.000Z', 'civicflow:retention', 'closed', 'closed');
  const closedAt = new Date(closed.at).getTime();

  it('never ends while the case is open', () => {
    const open = { state: 'coaching', history: [opened, accepted] };
    expect(caseClosedAt(casework, open)).toBeUndefined();
    expect(applicantTokenExpired(casework, open, new Date('2040-01-01T00:00:00Z'), 0)).toBe(false);
  });

  it('counts from the entry that took the case into its final state, not from later retention entries', () => {
    const c = { state: 'closed', history: [opened, accepted, closed, retention] };
    expect(caseClosedAt(casework, c)).toEqual(new Date(closed.at));
    expect(applicantTokenExpired(casework, c, new Date(closedAt + 90 * day - 1), 90)).toBe(false);
    expect(applicantTokenExpired(casework, c, new Date(closedAt + 90 * day), 90)).toBe(true);
    expect(applicantTokenExpired(casework, c, new Date(closedAt), 0)).toBe(true);
    expect(applicantTokenExpired(casework, c, new Date(closedAt - 1), 0)).toBe(false);
  });

  it('counts a case of a program without a workflow as closed when it was submitted', () => {
    const plain = loadPlainIntake();
    const c = { state: 'submitted', history: [entry('2025-03-01T09:00:00.000Z', null, null, 'submitted')] };
    expect(caseClosedAt(plain, c)).toEqual(new Date('2025-03-01T09:00:00.000Z'));
    expect(applicantTokenExpired(plain, c, new Date(Date.parse('2025-03-01T09:00:00Z') + 30 * day), 30)).toBe(true);
    expect(applicantTokenExpired(plain, c, new Date(Date.parse('2025-03-01T09:00:00Z') + 29 * day), 30)).toBe(false);
  });

  it('never ends for a case of a program version the server does not have', () => {
    expect(applicantTokenExpired(undefined, { state: 'closed', history: [opened, accepted, closed] }, new Date('2040-01-01T00:00:00Z'), 0)).toBe(false);
  });

  it('takes whole days from 0 to 36,500', () => {
    for (const ok of [0, 1, 90, 36_500]) expect(isApplicantTokenDays(ok), String(ok)).toBe(true);
    for (const bad of [-1, 0.5, 36_501, NaN, Infinity, '90', undefined]) expect(isApplicantTokenDays(bad), String(bad)).toBe(false);
  });
});
