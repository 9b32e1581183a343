import type { Hono } from 'hono';
import type { Api, DeepReadonly, Program } from '@civicflow/core';
import { missingWords, monitoringPlan, readParticipant } from '@civicflow/core';
import type { AppContext, AppEnv, Services } from './http-context.js';
import type { CaseQuery, CaseSort, DueFilter } from '../store/case-store.js';
import type { Principal } from '../auth/principal.js';
import { CASE_SORTS } from '../store/case-store.js';
import { programFrom, programIdOf, rememberName, requirePrincipal } from './http-context.js';
import { ServerError } from '../errors.js';
import { negotiateLocale } from './server-messages.js';
import { readJsonBody } from './read-json-body.js';
import { programRoles } from '../auth/principal.js';
import { nameSearchPaths, seesPersonalData } from '../cases/personal-access.js';
import { csvExport } from '../cases/case-export.js';
import { notFound, requireCaseworker } from './case-routes.js';

const STATE = /^[A-Za-z_][A-Za-z0-9_]{0,99}$/;
const DUE: readonly DueFilter[] = ['overdue', 'soon'];
/** The longest search text: a reference or a few words of a name. */
const SEARCH_MAX = 100;

const invalid = (parameter: string, why: string) => new ServerError('PARAMETER_INVALID', why, 400, { parameter });

function parseLimit(value: string | undefined): number {
  if (value === undefined) return 50;
  const n = /^\d{1,3}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= 500)) throw invalid('limit', 'limit must be 1 to 500');
  return n;
}

/** The workflow roles of a program prefixed with its id: whoever holds one is a colleague there. */
const programRoleNames = (program: Program) => (program.definition.workflow?.roles ?? []).map((r) => `${program.id}:${r}`);

/**
 * The filters of a case list or export from the query string: `state`, `due` (overdue, soon), `assignee` (me, none or
 * an actor id), `q` (a reference, or words of a name for roles that see personal data) and, in a program with
 * monitoring, `countable` (yes: participants with nothing missing; no: participants who lack something). Searching names is reported
 * with `searchedNames`, so the caller records it in the office audit.
 */
function readFilters(c: AppContext, s: Services, program: Program, principal: Principal, roles: readonly string[]) {
  const query: Omit<CaseQuery, 'limit'> = { programId: program.id };
  const state = c.req.query('state');
  if (state !== undefined && state !== '') {
    if (!STATE.test(state)) throw invalid('state', 'Bad state');
    query.state = state;
  }
  const due = c.req.query('due');
  if (due !== undefined && due !== '') {
    if (!DUE.includes(due as DueFilter)) throw invalid('due', 'due must be overdue or soon');
    query.due = { kind: due as DueFilter, now: s.clock() };
  }
  const assignee = c.req.query('assignee');
  if (assignee !== undefined && assignee !== '') {
    if (assignee.length > 200) throw invalid('assignee', 'assignee is too long');
    query.assignee = assignee === 'me' ? principal.actor : assignee === 'none' ? null : assignee;
  }
  const countable = c.req.query('countable');
  if (countable !== undefined && countable !== '') {
    const plan = monitoringPlan(program);
    if (!plan) throw invalid('countable', 'This program has no monitoring');
    if (countable !== 'yes' && countable !== 'no') throw invalid('countable', 'countable must be yes or no');
    query.participants = {
      want: countable === 'yes' ? 'countable' : 'incomplete',
      moments: plan.moments.map((m) => ({ date: m.date.split('.'), needs: m.needs.map((n) => n.path.split('.')) })),
    };
  }
  const text = c.req.query('q')?.trim().replace(/\s+/g, ' ');
  let searchedNames = false;
  if (text) {
    if (text.length > SEARCH_MAX) throw invalid('q', `q is longer than ${SEARCH_MAX} characters`);
    const namePaths = seesPersonalData(program, roles) ? nameSearchPaths(program) : [];
    searchedNames = namePaths.length > 0;
    query.search = { text, ...(searchedNames ? { namePaths } : {}) };
  }
  return { query, text, searchedNames };
}

/**
 * The inbox's part of the API: a program's cases listed, sorted, filtered and searched; its colleagues; assigning a
 * case; and the export of a program's cases as CSV.
 */
export function registerCaseListRoutes(app: Hono<AppEnv>, s: Services): void {
  app.get('/v1/programs/:programId/cases', async (c) => {
    const program = programFrom(c, s);
    const principal = await requirePrincipal(c, s);
    const actor = requireCaseworker(principal, program);
    const sort = c.req.query('sort') ?? 'newest';
    if (!CASE_SORTS.includes(sort as CaseSort)) throw invalid('sort', `sort must be one of ${CASE_SORTS.join(', ')}`);
    const { query, text, searchedNames } = readFilters(c, s, program, principal, actor.roles);
    const cursor = c.req.query('cursor');
    const plan = monitoringPlan(program);
    const listQuery = { ...query, sort: sort as CaseSort, limit: parseLimit(c.req.query('limit')), ...(cursor ? { cursor } : {}) };
    // With monitoring, each line says whether the participant can be counted and what is missing; the data stays here.
    const locale = plan ? negotiateLocale(c.req.header('accept-language'), program.locales) : '';
    const page = plan
      ? await s.store.listCases(listQuery, true).then((p) => ({
          next: p.next,
          items: p.items.map(({ data, ...item }) => {
            const r = readParticipant(plan, data);
            return { ...item, monitoring: { participant: r.participant, countable: r.countable, missing: missingWords(plan, r.missing, locale) } };
          }),
        }))
      : await s.store.listCases(listQuery);
    const now = s.clock();
    // Looking for a person in the cases is itself personal data processing: who searched for what, and how much it found.
    if (searchedNames) await s.store.audit({ at: now, actor: principal.actor, programId: program.id, action: 'search', detail: { q: text, found: page.items.length, page: cursor ? 'next' : 'first' } });
    await rememberName(s, principal, now);
    const names = await s.store.names([...new Set(page.items.flatMap((i) => (i.assignee ? [i.assignee] : [])))]);
    c.header('Cache-Control', 'no-store');
    return c.json({
      items: page.items.map((i) => ({ ...i, assigneeName: i.assignee ? (names[i.assignee] ?? null) : null })),
      next: page.next,
    } satisfies DeepReadonly<Api.CasePage>);
  });

  app.get('/v1/programs/:programId/colleagues', async (c) => {
    const program = programFrom(c, s);
    const principal = await requirePrincipal(c, s);
    requireCaseworker(principal, program);
    await rememberName(s, principal, s.clock());
    const found = await s.store.colleagues(programRoleNames(program));
    c.header('Cache-Control', 'no-store');
    return c.json({ items: found.map((p) => ({ id: p.actor, name: p.name, self: p.actor === principal.actor })) } satisfies DeepReadonly<Api.Colleagues>);
  });

  app.put('/v1/cases/:caseId/assignee', async (c) => {
    const principal = await requirePrincipal(c, s);
    const id = c.req.param('caseId');
    const body = (await readJsonBody(c.req.raw, s.limits)) as { assignee?: unknown };
    const shaped = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).every((k) => k === 'assignee');
    if (!shaped || !(body.assignee === null || (typeof body.assignee === 'string' && body.assignee.length > 0 && body.assignee.length <= 200))) {
      throw new ServerError('BODY_INVALID', 'Expected { "assignee": "<actor id>" | null }', 400, { reason: '{ "assignee": "<actor id>" } or { "assignee": null }' });
    }
    const stored = await s.store.getCase(id);
    const program = stored && s.programs.byRef(stored.program);
    const roles = stored && principal.caseId === undefined ? programRoles(principal, programIdOf(stored.program)) : [];
    if (!stored || !program || roles.length === 0) throw notFound(id);
    const now = s.clock();
    await rememberName(s, principal, now);
    const assignee = body.assignee as string | null;
    if (assignee !== null && assignee !== principal.actor) {
      const known = await s.store.colleagues(programRoleNames(program));
      if (!known.some((p) => p.actor === assignee)) throw new ServerError('ASSIGNEE_UNKNOWN', `No colleague ${assignee} in ${program.id}`, 422, {});
    }
    const done = await s.store.assign(id, assignee, principal.actor, now);
    if (!done) throw notFound(id);
    const names = await s.store.names([done.assignee, done.assignedBy].filter((a): a is string => !!a));
    c.header('Cache-Control', 'no-store');
    return c.json({
      caseId: done.caseId,
      assignee: done.assignee,
      assigneeName: done.assignee ? (names[done.assignee] ?? null) : null,
      assignedBy: done.assignedBy,
      assignedAt: done.assignedAt,
    } satisfies DeepReadonly<Api.Assignment>);
  });

  app.get('/v1/programs/:programId/cases.csv', async (c) => {
    const program = programFrom(c, s);
    const principal = await requirePrincipal(c, s);
    const actor = requireCaseworker(principal, program);
    const { query, text, searchedNames } = readFilters(c, s, program, principal, actor.roles);
    const personal = seesPersonalData(program, actor.roles);
    const locale = negotiateLocale(c.req.header('accept-language'), program.locales);
    const now = s.clock();
    // An export takes the data out of the system: who took which cases, with or without personal data, is recorded.
    const filters = { ...(query.state ? { state: query.state } : {}), ...(query.due ? { due: query.due.kind } : {}), ...(query.assignee !== undefined ? { assignee: query.assignee } : {}) };
    await s.store.audit({ at: now, actor: principal.actor, programId: program.id, action: 'export', detail: { format: 'csv', personal, ...filters, ...(text ? { q: text, names: searchedNames } : {}) } });
    const body = csvExport({ store: s.store, program, query, locale, personal, names: (ids) => s.store.names(ids) });
    const day = now.toISOString().slice(0, 10);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="${program.id}-${day}.csv"`);
    c.header('Content-Language', locale);
    c.header('Cache-Control', 'no-store');
    return c.body(body);
  });
}
