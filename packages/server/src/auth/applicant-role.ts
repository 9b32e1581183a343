import type { Program } from '@civicflow/core';

/**
 * The workflow role of the person a case is about (who submits without an account and holds the applicant token):
 * the role named `applicant`, else `participant`; undefined when the workflow has neither, and for programs
 * without a workflow. Pass your own to `createApp` when a program names it otherwise.
 */
export function defaultApplicantRole(program: Program): string | undefined {
  const roles = program.definition.workflow?.roles ?? [];
  return ['applicant', 'participant'].find((r) => roles.includes(r));
}
