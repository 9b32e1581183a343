/** Codes of the failures that stop an import or an export. Callers branch on these, never on the message. */
export type FimErrorCode =
  | 'XML_TOO_LARGE'
  | 'XML_DOCTYPE'
  | 'XML_MALFORMED'
  | 'XML_TOO_DEEP'
  | 'NOT_XDATENFELDER'
  | 'MESSAGE_UNSUPPORTED'
  | 'STRUCTURE_CYCLE'
  | 'STRUCTURE_INVALID'
  | 'CODELIST_INVALID'
  | 'NOT_FIM_PROGRAM'
  | 'SUBMISSION_INVALID'
  | 'AGE_ON_INVALID';

/**
 * A FIM file that cannot be turned into a program, or a submission that cannot be exported. Problems the
 * import can work around (a missing code list, a rule it does not understand) are not errors: they are
 * listed in the import report.
 */
export class FimError extends Error {
  constructor(
    readonly code: FimErrorCode,
    message: string,
    /** Extra data: the line and column of an XML syntax error, the FIM id of a structure, validation issues. */
    readonly detail?: { line?: number; column?: number; id?: string; issues?: readonly unknown[] },
  ) {
    super(`${message} [${code}]`);
    this.name = 'FimError';
  }
}
