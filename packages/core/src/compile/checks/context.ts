import type { DeepReadonly, ProgramDefinition } from '../../model/program.js';
import type { Issue, IssueCode } from '../../runtime/errors.js';
import { issueMessage } from '../../messages/issues.js';
import { fillMessage } from '../../messages/index.js';

/** What every check gets: the definition (already matching the meta-schema) and a way to report problems. */
export interface CheckContext {
  readonly definition: DeepReadonly<ProgramDefinition>;
  readonly locale: string;
  report(code: IssueCode, pointer: string, params?: Record<string, unknown>): void;
}

/** A check of rules the meta-schema cannot express. */
export type ProgramCheck = (ctx: CheckContext) => void;

export function createCheckContext(definition: DeepReadonly<ProgramDefinition>, locale: string, issues: Issue[]): CheckContext {
  return {
    definition,
    locale,
    report(code, pointer, params = {}) {
      issues.push({ code, pointer, message: fillMessage(issueMessage(locale, code), params), params });
    },
  };
}
