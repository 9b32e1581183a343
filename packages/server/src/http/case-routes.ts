import type { Hono } from 'hono';
import type { Api, DeepReadonly, Program } from '@civicflow/core';
import { forLocale, readCaseAnswers } from '@civicflow/core';
import { workflowTexts, type Actor, type LimitUsage, type Refusal } from '@civicflow/workflow';
import type { AppContext, AppEnv, Services } from './http-context.js';
import type { StoredCase } from '../store/case-store.js';
import type { Principal } from '../auth/principal.js';
import { programFrom, programIdOf, rememberName, requirePrincipal } from './http-context.js';
import { ServerError, VersionConflictError } from '../errors.js';
import { negotiateLocale, serverLocales } from './server-messages.js';
import { readJsonBody } from './read-json-body.js';
import { programRoles } from '../auth/principal.js';
import { applyCaseEvent } from '../cases/apply-case-event.js';
import { limitsOfCase, programLimits } from '../cases/program-limits.js';
import { applicantView, caseworkerView } from '../cases/case-views.js';
import { refusalResponse } from './refusal-response.js';
import { applicantTokenExpired } from '../auth/applicant-tokens.js';
import { applicantSubmission } from '../cases/applicant-submission.js';
import { createSubmissionPdf } from '../cases/submission-pdf.js';
import { inReportRange, reportRange } from './report-range.js';
import { noticesOnChange } from '../outbox/notices.js';

const EVENT_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;

/** The actor a principal is on a case, or undefined when the case is none of their business. */
function actorOn(s: Services, principal: Principal, c: Pick<StoredCase, 'id' | 'program'>): Actor | undefined {
  if (principal.caseId !== undefined) {
    if (principal.caseId !== c.id) return undefined;
    const program = s.programs.byRef(c.program);
    const role = program && s.applicantRole(program);
    return { id: principal.actor, roles: role ? [role] : [] };
  }
  const roles = programRoles(principal, programIdOf(c.program));
  return roles.length > 0 ? { id: principal.actor, roles } : undefined;
}

/** A caseworker's roles in a program; 403 `FORBIDDEN` without any. */
export function requireCaseworker(principal: Principal, program: Program): Actor {
  const roles = principal.caseId === undefined ? programRoles(principal, program.id) : [];
  if (roles.length === 0) throw new ServerError('FORBIDDEN', `No role in ${program.id}`, 403, { program: program.id });
  return { id: principal.actor, roles };
}

/** The display names of the people in a case's history (applicants and the system are words the reader's screen knows). */
function peopleOn(s: Services, c: StoredCase): Promise<Record<string, string>> {
  const actors = [...c.history.map((h) => h.actor), c.assignee, c.assignedBy].filter((a): a is string => !!a && a !== 'system' && !a.startsWith('applicant:'));
  return s.store.names([...new Set(actors)]);
}

/** The other cases' use of the program's places and budgets, for the steps a view offers; undefined without limits. */
async function usageOn(s: Services, program: Program | undefined, c: StoredCase): Promise<LimitUsage | undefined> {
  const limits = program && programLimits(program, s.programs);
  return limits ? s.store.limitUsage(limits, c.id) : undefined;
}

// Unknown and not-yours look the same, so case ids cannot be probed.
export const notFound = (id: string) => new ServerError('NOT_FOUND', `No case ${id}`, 404);

const erased = () => new ServerError('CASE_ERASED', 'The case was erased on request', 410);

/**
 * 410 when the principal's applicant token no longer opens this case (its own): `CASE_ERASED` once its data was erased
 * on request, `TOKEN_EXPIRED` when the case closed longer ago than the server keeps such links. The answer says that
 * and nothing else about the case.
 */
function checkTokenLife(s: Services, principal: Principal, c: StoredCase, now: Date): void {
  if (principal.caseId !== c.id) return;
  if (c.erasedAt) throw erased();
  if (applicantTokenExpired(s.programs.byRef(c.program), c, now, s.applicantTokenDays)) throw new ServerError('TOKEN_EXPIRED', 'Applicant token expired', 410);
}

function parseIfMatch(header: string | undefined): number {
  if (header === undefined) throw new ServerError('PRECONDITION_REQUIRED', 'If-Match missing', 428);
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!m) throw new ServerError('PARAMETER_INVALID', 'If-Match is not a case version', 400, { parameter: 'If-Match' });
  return Number(m[1]);
}

function readEvent(body: unknown): { type: string; data?: unknown } {
  const e = body as { type?: unknown; data?: unknown };
  const shaped = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).every((k) => k === 'type' || k === 'data');
  if (!shaped || typeof e.type !== 'string' || !EVENT_NAME.test(e.type)) {
    throw new ServerError('BODY_INVALID', 'Expected { "type": "<EVENT>", "data"?: {...} }', 400, { reason: '{ "type": "EVENT", "data": { … } }' });
  }
  if (e.data !== undefined && (typeof e.data !== 'object' || e.data === null || Array.isArray(e.data))) {
    throw new ServerError('BODY_INVALID', 'data must be an object', 400, { reason: '"data" must be an object' });
  }
  return e.data === undefined ? { type: e.type } : { type: e.type, data: e.data };
}


/** Cases for caseworkers (list, read, send events), the applicant's status, and reports. */
export function registerCaseRoutes(app: Hono<AppEnv>, s: Services): void {
  const localeFor = (c: AppContext, program: Program | undefined) => negotiateLocale(c.req.header('accept-language'), program?.locales ?? serverLocales);

  app.get('/v1/cases/:caseId', async (c) => {
    const principal = await requirePrincipal(c, s);
    const stored = await s.store.getCase(c.req.param('caseId'));
    const actor = stored && actorOn(s, principal, stored);
    if (!stored || !actor) throw notFound(c.req.param('caseId'));
    checkTokenLife(s, principal, stored, s.clock());
    const program = s.programs.byRef(stored.program);
    const locale = localeFor(c, program);
    c.header('ETag', `"${stored.version}"`);
    c.header('Cache-Control', 'no-store');
    const usage = await usageOn(s, program, stored);
    return c.json(principal.caseId ? applicantView(program, stored, actor, locale, usage) : caseworkerView(program, stored, actor, locale, await peopleOn(s, stored), usage));
  });

  /** The case an applicant's token opens, while the token is still valid for it. */
  const applicantCase = async (c: AppContext) => {
    const principal = await requirePrincipal(c, s);
    if (principal.caseId === undefined) throw new ServerError('FORBIDDEN', 'Not an applicant token', 403);
    const stored = await s.store.getCase(principal.caseId);
    if (!stored) throw notFound(principal.caseId);
    checkTokenLife(s, principal, stored, s.clock());
    return { principal, stored };
  };

  app.get('/v1/status', async (c) => {
    const { principal, stored } = await applicantCase(c);
    const program = s.programs.byRef(stored.program);
    c.header('ETag', `"${stored.version}"`);
    c.header('Cache-Control', 'no-store');
    return c.json(applicantView(program, stored, actorOn(s, principal, stored)!, localeFor(c, program), await usageOn(s, program, stored)));
  });

  app.get('/v1/status/submission.pdf', async (c) => {
    const { stored } = await applicantCase(c);
    const program = s.programs.byRef(stored.program);
    const sent = program && applicantSubmission(program, stored);
    if (!program || !sent) throw new ServerError('NOT_FOUND', 'Nothing sent yet', 404);
    const locale = localeFor(c, program);
    const pdf = await createSubmissionPdf({
      programTitle: forLocale(program.definition.title, locale) ?? program.definition.title[program.locales[0]!] ?? program.id,
      reference: stored.reference,
      sentAt: sent.sentAt,
      locale,
      forms: readCaseAnswers(program, stored.data, { locale, forms: sent.forms }),
    });
    c.header('Content-Type', 'application/pdf');
    c.header('Content-Disposition', `attachment; filename="${stored.reference.replace(/[^\w.-]/g, '_')}.pdf"`);
    c.header('Content-Language', locale);
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(pdf));
  });

  app.post('/v1/cases/:caseId/events', async (c) => {
    const principal = await requirePrincipal(c, s);
    const expected = parseIfMatch(c.req.header('if-match'));
    const event = readEvent(await readJsonBody(c.req.raw, s.limits));
    const id = c.req.param('caseId');
    const now = s.clock();
    let program: Program | undefined;
    let actor: Actor | undefined;
    let locale = 'de';
    let before: StoredCase | undefined;
    const result = await s.store.updateCase(id, undefined, now, (current, usage) => {
      before = current;
      actor = actorOn(s, principal, current);
      if (!actor) throw notFound(id);
      checkTokenLife(s, principal, current, now);
      if (current.erasedAt) throw erased();
      if (current.version !== expected) throw new VersionConflictError(id, expected, current.version);
      program = s.programs.byRef(current.program);
      locale = localeFor(c, program);
      if (!program?.definition.workflow) return { applied: [], refusal: noWorkflow(current, event.type, locale) };
      return applyCaseEvent(program, current, event, actor, now, locale, usage);
    }, limitsOfCase(s.programs), noticesOnChange((ref) => s.programs.byRef(ref), s.noticeLinks));
    if (!result) throw notFound(id);
    const last = result.applied[result.applied.length - 1];
    if (last) c.header('ETag', `"${last.case.version}"`);
    if (result.refusal) return refusalResponse(c, result.refusal, false, { version: last?.case.version ?? expected });
    const updated: StoredCase = { ...before!, ...last!.case, updatedAt: now.toISOString() };
    if (result.applied.some((a) => a.audit.changed.length > 0)) updated.dataChangedAt = updated.updatedAt;
    await rememberName(s, principal, now);
    const usage = await usageOn(s, program, updated);
    const view = principal.caseId ? applicantView(program, updated, actor!, locale, usage) : caseworkerView(program, updated, actor!, locale, await peopleOn(s, updated), usage);
    c.header('Cache-Control', 'no-store');
    return c.json({ case: view, applied: result.applied.map((a) => a.audit) } satisfies DeepReadonly<Api.EventAnswer>);
  });

  app.get('/v1/programs/:programId/report', async (c) => {
    const program = programFrom(c, s);
    requireCaseworker(await requirePrincipal(c, s), program);
    const range = reportRange((name) => c.req.query(name));
    const within = <T extends { month: string }>(rows: readonly T[]) => rows.filter((r) => inReportRange(r.month, range));
    const now = s.clock();
    const declared = Object.entries(program.definition.workflow?.sums ?? {});
    const places = Object.entries(program.definition.workflow?.places ?? {});
    const report = await s.store.report(
      program.id,
      now,
      declared.map(([name, sum]) => ({ name, outcome: sum.outcome, field: sum.field, releasedIn: sum.releasedIn ?? [] })),
      places.map(([name, p]) => ({ name, heldIn: p.heldIn, ...(p.waitingList ? { waiting: p.waitingList.state } : {}) })),
    );
    const texts = program.definition.workflow ? workflowTexts(program, localeFor(c, program)) : undefined;
    c.header('Cache-Control', 'no-store');
    return c.json({
      program: program.id,
      generatedAt: now.toISOString(),
      ...(places.length > 0
        ? {
            places: places.map(([name, p]) => {
              const counted = report.places.find((r) => r.name === name) ?? { held: 0, waiting: 0 };
              const title = texts?.places(name) ?? name;
              const free = Math.max(0, p.count - counted.held);
              return { name, title, count: p.count, held: counted.held, free, ...(p.waitingList ? { waiting: counted.waiting } : {}) };
            }),
          }
        : {}),
      casesPerState: report.casesPerState.map((r) => ({ ...r, title: texts?.state(r.state) ?? r.state })),
      openedPerMonth: within(report.openedPerMonth),
      outcomesPerMonth: within(report.outcomesPerMonth).map((r) => ({ ...r, title: texts?.outcome(r.outcome) ?? r.outcome })),
      deadlines: report.deadlines.map((r) => ({ ...r, title: texts?.event(r.event) ?? r.event })),
      sums: declared.map(([name, sum]) => {
        const perMonth = within(report.sums.find((r) => r.name === name)?.perMonth ?? []);
        return {
          name,
          outcome: sum.outcome,
          title: texts?.outcome(sum.outcome) ?? sum.outcome,
          ...(sum.budget !== undefined ? { budget: sum.budget } : {}),
          ...(sum.currency !== undefined ? { currency: sum.currency } : {}),
          count: perMonth.reduce((n, r) => n + r.count, 0),
          total: perMonth.reduce((n, r) => n + r.amount, 0),
          perMonth,
        };
      }),
    } satisfies DeepReadonly<Api.ProgramReport>);
  });
}

function noWorkflow(c: StoredCase, event: string, locale: string): Refusal {
  const message = locale.startsWith('de') ? `Zu ${c.program} gibt es keinen Ablauf; der Fall nimmt keine Schritte an.` : `${c.program} has no workflow; its cases take no events.`;
  return { ok: false, code: 'EVENT_UNKNOWN', message, details: { event } };
}
