import { DesignerError, type DesignerErrorCode } from '../errors.js';

/** The code of the designer's refusal that `run` throws, or undefined when it throws none. */
export function codeOf(run: () => unknown): DesignerErrorCode | undefined {
  try {
    run();
  } catch (e) {
    if (e instanceof DesignerError) return e.code;
    throw e;
  }
  return undefined;
}
