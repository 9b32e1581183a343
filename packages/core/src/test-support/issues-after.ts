// For the tests of the program checks: what `loadProgram` reports about a definition after a test edits a copy.
import { loadProgram } from '../compile/load-program.js';
import { ProgramError, type Issue } from '../runtime/errors.js';

/** The issues `loadProgram` reports after `change` edits `program` (a fresh copy the caller owns); none if it loads. */
export function issuesAfter<T>(program: T, change: (p: T) => void, locale = 'en'): Issue[] {
  change(program);
  try {
    loadProgram(program, { locale });
    return [];
  } catch (e) {
    if (e instanceof ProgramError) return [...e.issues];
    throw e;
  }
}

/** Each issue as `CODE /pointer`, for compact expectations. */
export const codesAt = (issues: readonly Issue[]): string[] => issues.map((i) => `${i.code} ${i.pointer}`);
