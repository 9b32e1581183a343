/**
 * Who sends a request, as the authentication hook says. Roles are scoped to a program: `zweite-chance:coach` lets
 * its holder work on Zweite Chance cases as a coach, and on no other program.
 */
export interface Principal {
  /** Stable id of the person or service, kept in the audit trail. Not a name or an e-mail address. */
  actor: string;
  /** How colleagues know the person ("Anna Becker"): shown beside their steps in a case's history. Optional. */
  name?: string;
  /** `<program id>:<workflow role>` for each program the principal works on. */
  roles: readonly string[];
  /** Set for an applicant's token: the one case it opens. */
  caseId?: string;
}

/**
 * The integrator's authentication hook: who sent this request, or null when it carries no valid credentials.
 * It gets the standard `Request`, so any scheme (session cookie, OIDC bearer token, mTLS header) fits.
 */
export type Authenticate = (request: Request) => Principal | null | Promise<Principal | null>;

/** The workflow roles a principal holds in one program. */
export function programRoles(principal: Principal, programId: string): string[] {
  const prefix = `${programId}:`;
  return principal.roles.filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
}
