import type { Program } from '@civicflow/core';
import type { StoredCase } from '../store/case-store.js';

/** What the applicant sent on a case: the forms, in the order sent, and when the first of them came in. */
export interface ApplicantSubmission {
  readonly forms: readonly string[];
  readonly sentAt: string;
}

/**
 * The forms a case's applicant sent, read from its history: the opening form when they opened it, and the form of
 * each event they sent. Undefined when they sent none yet (a case a caseworker opened and the applicant has not
 * filled in). Only these go into the applicant's copy; what the office added is not theirs to download.
 */
export function applicantSubmission(program: Program, c: StoredCase): ApplicantSubmission | undefined {
  const wf = program.definition.workflow;
  const applicant = `applicant:${c.id}`;
  const forms: string[] = [];
  let sentAt: string | undefined;
  for (const h of c.history) {
    if (h.actor !== applicant) continue;
    const opened = h.event === null;
    // Without a workflow a case is one submission, of any of the program's forms: those holding answers are shown.
    const sent = opened ? (wf ? (wf.open?.form === undefined ? [] : [wf.open.form]) : Object.keys(program.definition.forms)) : [wf?.events[h.event!]?.form].filter((f): f is string => f !== undefined);
    if (sent.length === 0) continue;
    sentAt ??= h.at;
    for (const f of sent) if (!forms.includes(f)) forms.push(f);
  }
  return sentAt === undefined ? undefined : { forms, sentAt };
}
