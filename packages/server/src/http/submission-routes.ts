import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { applicantDueAt, maxErrors, type Api, type Program } from '@civicflow/core';
import { submissionForms, submissionRoute, type Actor, type Case, type LimitUsage, type SubmissionRoute } from '@civicflow/workflow';
import type { AppContext, AppEnv, Services } from './http-context.js';
import type { StoredCase, SubmissionReceipt } from '../store/case-store.js';
import { errorResponse, principalOf, programFrom, programIdOf, rememberName } from './http-context.js';
import { ProgramsChangedError, ServerError } from '../errors.js';
import { negotiateLocale } from './server-messages.js';
import { readJsonBody, turnAfterLargeBody } from './read-json-body.js';
import { openCase, type OpenCaseResult } from '../cases/open-case.js';
import { programLimits } from '../cases/program-limits.js';
import { validateSubmission } from '../cases/validate-submission.js';
import { newReference } from '../cases/new-reference.js';
import { programRoles } from '../auth/principal.js';
import { refusalResponse } from './refusal-response.js';
import { messagesOnSubmission } from '../outbox/notices.js';
import { refuseIfSuperseded } from './version-routes.js';

const KEY = /^[A-Za-z0-9._:-]{8,200}$/;

/** Attempts at one submission while program versions are published meanwhile (see `submit`). */
const SUBMIT_ATTEMPTS = 3;

/** Why a submission opened no case: the data's errors, or the workflow's refusal. */
type Failed = Exclude<OpenCaseResult, { ok: true }>;

/** Where a submission goes: the `?form=` asked for (or the default one) and the roles the sender has. */
function routeFor(c: AppContext, program: Program, roles: readonly string[]): SubmissionRoute {
  const asked = c.req.query('form');
  const route = submissionRoute(program, asked, roles);
  if (!route) throw new ServerError('PARAMETER_INVALID', `No submission form ${asked ?? ''}`, 400, { parameter: 'form', forms: submissionForms(program) });
  return route;
}

/** Where the case stands now, for the receipt: its state and the date that state tells the applicant, if a timer gives one. */
type Standing = Pick<StoredCase, 'program' | 'state' | 'timers'>;

function receiptResponse(c: AppContext, s: Services, receipt: SubmissionReceipt, standing: Standing): Response {
  c.header('Location', `/v1/cases/${receipt.caseId}`);
  c.header('Cache-Control', 'no-store');
  if (!receipt.created) c.header('Idempotent-Replayed', 'true');
  const [programId, version] = [programIdOf(standing.program), standing.program.slice(standing.program.lastIndexOf('@') + 1)];
  const due = applicantDueAt(s.programs.get(programId, version)?.definition.workflow, standing.state, standing.timers);
  const answer: Api.Receipt = { reference: receipt.reference, caseId: receipt.caseId, token: s.tokens.issue(receipt.caseId), state: standing.state, ...(due ? { due } : {}) };
  return c.json(answer, 201);
}

/** Submissions (validate, store, open a case) and validation alone. */
export function registerSubmissionRoutes(app: Hono<AppEnv>, s: Services): void {
  /**
   * One attempt at a submission, decided with the programs this process serves now. With `publishedMark` the store
   * keeps it only if no version was published since (else `ProgramsChangedError`).
   */
  const submitOnce = async (c: AppContext, readBody: () => Promise<unknown>, publishedMark: string | undefined) => {
    const program = programFrom(c, s);
    const principal = await principalOf(c, s);
    const caseId = randomUUID();
    // Without credentials (or with another case's applicant token) the sender is the applicant of the new case.
    const role = s.applicantRole(program);
    const actor: Actor =
      principal && !principal.caseId ? { id: principal.actor, roles: programRoles(principal, program.id) } : { id: `applicant:${caseId}`, roles: role ? [role] : [] };
    const route = routeFor(c, program, actor.roles);
    const formId = route.form;
    const key = c.req.header('idempotency-key');
    if (key !== undefined && !KEY.test(key)) throw new ServerError('IDEMPOTENCY_KEY_INVALID', 'Malformed Idempotency-Key', 400);
    const body = await readBody();
    const locale = negotiateLocale(c.req.header('accept-language'), program.locales);
    // The digest reads the whole body: worked out only when a key or a stored submission needs it, not for a refused body.
    let digest: string | undefined;
    const hash = () => (digest ??= s.requestDigest(program, formId, principal, body));
    // A key whose digest is gone (stored before digests were kept) cannot be shown to be the same request: refused.
    // A key of an erased case is kept so that a retry cannot open it again, and answers only that it was erased.
    const replay = async (prior: SubmissionReceipt) => {
      if (prior.erased) return errorResponse(c, new ServerError('CASE_ERASED', 'The case was erased on request', 410));
      if (prior.requestHash !== hash()) return errorResponse(c, new ServerError('IDEMPOTENCY_KEY_REUSED', 'Key reused with another body or sender', 422));
      // The case may have moved on since it was opened: the receipt tells where it stands now.
      const stored = await s.store.getCase(prior.caseId);
      if (!stored) throw new ServerError('NOT_FOUND', 'The case of this submission is gone', 404);
      return receiptResponse(c, s, prior, stored);
    };
    // A repeated key is not looked up before storing: the store's statement inserts nothing for it and gives the
    // stored receipt (one round trip fewer for every new submission). Only a submission that would be refused looks
    // it up first, so that a repeat of one stored in time answers with its receipt whatever changed since: the
    // program's version, the period, the limits.
    const prior = async () => (key === undefined ? undefined : s.store.findSubmission(program.id, key));
    const now = s.clock();
    try {
      refuseIfSuperseded(s, program, now);
    } catch (err) {
      const stored = await prior();
      if (stored) return replay(stored);
      throw err;
    }
    const refused = async (opened: Failed) => {
      const stored = await prior();
      if (stored) return replay(stored);
      if ('refusal' in opened) return refusalResponse(c, opened.refusal, principal === null || principal.caseId !== undefined);
      const more = opened.moreErrors ?? 0;
      // A list cut at the cap says so: the count of all problems, the cap, and how many more there were.
      const count = opened.errors.length + more;
      const err = new ServerError('SUBMISSION_INVALID', 'Invalid submission', 422, more > 0 ? { count, maxErrors } : { count });
      return errorResponse(c, err, more > 0 ? { errors: opened.errors, moreErrors: more } : { errors: opened.errors });
    };
    // A program with places or budgets opens the case in the store's transaction, with the limits counted there.
    const limits = programLimits(program, s.programs);
    const attempt: { failed?: Failed; case?: Case } = {};
    const open = (usage: LimitUsage): Case | undefined => {
      const result = openCase(program, caseId, actor, now, route, body, locale, usage);
      if (result.ok) return (attempt.case = result.case);
      attempt.failed = result;
      return undefined;
    };
    const opened = limits ? open : open({});
    // Validating a large body took the thread for milliseconds (with limits it comes later, in the store's
    // transaction): the requests that arrived meanwhile take a step first.
    await turnAfterLargeBody(c.req.raw);
    if (!opened) return refused(attempt.failed!);
    await rememberName(s, principal, now);
    const receipt = await s.store.submit({
      programId: program.id,
      idempotencyKey: key ?? `server:${caseId}`,
      requestHash: hash(),
      formId,
      reference: newReference(),
      case: opened,
      ...(limits ? { limits } : {}),
      now,
      locale,
      messages: (c, reference) => messagesOnSubmission(program, c, reference, locale, s.noticeLinks),
      ...(publishedMark !== undefined ? { publishedMark } : {}),
    });
    if (!receipt) return refused(attempt.failed!);
    // The case as it was opened: in the store's transaction when the program has limits.
    return receipt.created ? receiptResponse(c, s, receipt, attempt.case!) : replay(receipt);
  };
  /** Whether a look (as often as the server looks) finds versions published since `served`; they are then served. */
  const programsChanged = async (served: string | undefined) => {
    await s.programSync.refresh();
    return s.programSync.mark() !== served;
  };
  // No look for new versions before a submission (see create-app.ts): the statement that stores it checks that none
  // was published since this process last looked, and any other answer is given after a look. When something was
  // published, the programs are brought up to date and the submission decided again; the last attempt stores
  // without the check, as the look before each request did (a publish may come between the two).
  const submit = async (c: AppContext) => {
    let body: Promise<unknown> | undefined;
    const readBody = () => (body ??= readJsonBody(c.req.raw, s.limits));
    for (let attempt = 1; ; attempt++) {
      const last = attempt === SUBMIT_ATTEMPTS;
      const served = s.programSync.mark();
      let answer: Response;
      try {
        answer = await submitOnce(c, readBody, last ? undefined : served);
      } catch (err) {
        if (err instanceof ProgramsChangedError) {
          await s.programSync.refresh({ now: true });
          continue;
        }
        if (last || !(await programsChanged(served))) throw err;
        continue;
      }
      if (answer.status < 300 || last || !(await programsChanged(served))) return answer;
    }
  };
  app.post('/v1/programs/:programId/submissions', submit);
  app.post('/v1/programs/:programId/versions/:version/submissions', submit);

  // The same reading and validation as a submission, without storing anything: for integrators' own back ends.
  const check = async (c: AppContext) => {
    const program = programFrom(c, s);
    const asked = c.req.query('form');
    const formId = asked ?? submissionRoute(program, undefined, [])?.form;
    if (formId === undefined || !Object.hasOwn(program.definition.forms, formId)) {
      throw new ServerError('PARAMETER_INVALID', 'Unknown form', 400, { parameter: 'form', forms: Object.keys(program.definition.forms) });
    }
    const body = await readJsonBody(c.req.raw, s.limits);
    const locale = negotiateLocale(c.req.header('accept-language'), program.locales);
    const result = validateSubmission(program, formId, body, { locale });
    await turnAfterLargeBody(c.req.raw);
    return c.json((result.moreErrors ? { ...result, maxErrors } : result) satisfies Api.ValidationResult);
  };
  app.post('/v1/programs/:programId/validate', check);
  app.post('/v1/programs/:programId/versions/:version/validate', check);
}
