/** Codes of the errors the server's functions throw and its HTTP API answers with. Callers branch on these, never on messages. */
export type ServerErrorCode =
  /** The request body is not JSON, or not the JSON object the endpoint expects. */
  | 'BODY_INVALID'
  /** The request body is larger than the limit. */
  | 'BODY_TOO_LARGE'
  /** The request body nests objects or arrays deeper than the limit. */
  | 'BODY_TOO_DEEP'
  /** The request body holds a key such as `__proto__` that could pollute prototypes. */
  | 'BODY_FORBIDDEN_KEY'
  /** The request body holds more values (scalars, objects and arrays) than the limit. */
  | 'BODY_TOO_MANY_VALUES'
  /** The request's content type is not `application/json`. */
  | 'CONTENT_TYPE_UNSUPPORTED'
  /** The submitted data does not match the form; `errors` holds core's validation errors. */
  | 'SUBMISSION_INVALID'
  /** An `Idempotency-Key` header is missing or malformed. */
  | 'IDEMPOTENCY_KEY_INVALID'
  /** The same idempotency key was used before with a different body or by another sender. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** A query parameter or path segment is malformed. */
  | 'PARAMETER_INVALID'
  /** A report's `from` or `to` is not a month (`YYYY-MM`), or `from` comes after `to`. */
  | 'REPORT_RANGE_INVALID'
  /** No such program, version, form, case or route. */
  | 'NOT_FOUND'
  /** The request needs credentials, and has none or unknown ones. */
  | 'UNAUTHENTICATED'
  /** The credentials do not allow this. */
  | 'FORBIDDEN'
  /** A case was to be assigned to someone who is not known as a colleague in its program (no name, or no role there). */
  | 'ASSIGNEE_UNKNOWN'
  /** An applicant token whose case closed longer ago than the server keeps such links open. */
  | 'TOKEN_EXPIRED'
  /** The case's personal data was erased on request: it takes no more events, its applicant token and its submission's key open nothing. */
  | 'CASE_ERASED'
  /** An event was sent without `If-Match: <case version>`. */
  | 'PRECONDITION_REQUIRED'
  /** The case changed since the version in `If-Match`. */
  /** A program version's migration does not fit the older version (`problems` lists what, with pointers into the newer one). */
  | 'MIGRATION_INVALID'
  /** The open cases of that older version are moving to another version already; one run per older version at a time. */
  | 'MIGRATION_RUNNING'
  | 'VERSION_CONFLICT'
  /** The workflow refused the event; `refusal` holds its code, message and details. */
  | 'EVENT_REFUSED'
  /** The client sent too many requests; retry after `Retry-After` seconds. */
  | 'RATE_LIMITED'
  /** Something went wrong on the server; nothing was stored. */
  | 'INTERNAL'
  /** The embedded database folder is in use by another process. */
  | 'DATA_DIR_LOCKED'
  /** A program given to the server cannot be served (for example two different definitions with one id and version). */
  | 'PROGRAM_CONFLICT'
  /** An option given to the server's functions is outside what they accept (such as `applicantTokenDays` or a schema name). */
  | 'OPTION_INVALID'
  /** A token file does not have the shape `{ "tokens": [{ "token", "actor", "roles" }] }`. */
  | 'TOKEN_FILE_INVALID'
  /** The sign-in configuration (OpenID Connect) is incomplete or wrong; `details.field` names the setting. */
  | 'OIDC_CONFIG_INVALID'
  /** The OpenID Connect provider cannot be reached, or does not answer as a provider should. */
  | 'SIGN_IN_UNAVAILABLE'
  /** The return from the OpenID Connect provider was refused (expired, tampered with, or the provider reported an error); nothing was signed in. */
  | 'SIGN_IN_FAILED'
  /** A request that changes something came with a sign-in cookie from a page of another origin (cross-site request forgery protection). */
  | 'ORIGIN_REFUSED'
  /** Only a dead outbox message (one that gave up) can be sent again; this one is pending or sent. */
  | 'OUTBOX_MESSAGE_NOT_DEAD'
  /** A webhook subscription sent to be created is not valid: `details.field` names what is wrong (`url`, `events`, `includeData`, `description`). */
  | 'WEBHOOK_INVALID'
  /** Only a webhook message that gave up, or one sent whose body was kept (no personal data), can be sent again. */
  | 'WEBHOOK_MESSAGE_NOT_REPLAYABLE'
  /** A program version is published already with another definition: a published version never changes; give the new one another version. */
  | 'PROGRAM_VERSION_EXISTS'
  /** A definition sent to be published has problems; `problems` lists each with its code, JSON pointer and message. */
  | 'PROGRAM_INVALID'
  /** A draft was to be saved or published without `If-Match: <draft version>` (the version the designer last loaded). */
  | 'DRAFT_VERSION_REQUIRED'
  /** Another designer saved the program's draft since the version in `If-Match`; nothing was changed (`details.current`, `savedBy`, `savedAt`). */
  | 'DRAFT_CONFLICT'
  /** The draft to be published does not have a version number newer than the current version's: a new version needs a new number. */
  | 'DRAFT_VERSION_NOT_NEWER'
  /** The program version submitted to no longer accepts submissions: a newer one is live; `details.links` says where to submit now. */
  | 'VERSION_SUPERSEDED'
  /** `/readyz`: the process is stopping, the database does not answer, or its schema is not the one this code needs (`details.reason`). */
  | 'NOT_READY';

/** An error with a code, an HTTP status and data that explains it; the HTTP API turns it into a JSON body. */
export class ServerError extends Error {
  constructor(
    readonly code: ServerErrorCode,
    message: string,
    readonly status: number = 400,
    readonly params: Record<string, unknown> = {},
  ) {
    super(`${message} [${code}]`);
    this.name = 'ServerError';
  }
}

/** Thrown by a store when a case changed since the version the caller read. */
export class VersionConflictError extends ServerError {
  constructor(readonly caseId: string, readonly expected: number, readonly actual: number) {
    super('VERSION_CONFLICT', `Case ${caseId} is at version ${actual}, not ${expected}`, 409, { expected, actual });
    this.name = 'VersionConflictError';
  }
}

/**
 * A submission was not stored because a program version was published (through another process) that this process
 * does not serve yet: the caller brings its programs up to date and decides again. Never an answer.
 */
export class ProgramsChangedError extends Error {
  readonly code = 'PROGRAMS_CHANGED' as const;
  constructor() {
    super('A program version was published since this process last looked');
    this.name = 'ProgramsChangedError';
  }
}
