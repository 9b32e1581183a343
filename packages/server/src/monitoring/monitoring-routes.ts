import type { Hono } from 'hono';
import { stringify } from 'csv-stringify/sync';
import { indicatorTitle, missingWords, monitoringPlan, MONITORING_MOMENTS, type Api, type DeepReadonly, type MonitoringPlan, type Program } from '@civicflow/core';
import type { AppContext, AppEnv, Services } from '../http/http-context.js';
import { programFrom, requirePrincipal } from '../http/http-context.js';
import { requireCaseworker } from '../http/case-routes.js';
import { negotiateLocale } from '../http/server-messages.js';
import { ServerError } from '../errors.js';
import { aggregateIndicators, GENDER_GROUPS, readParticipantTable } from './participant-table.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A day the calendar has, as YYYY-MM-DD (not 2025-02-30). */
const isCalendarDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;

/** The program's monitoring, or 404 when it has none. */
function planOf(program: Program): MonitoringPlan {
  const plan = monitoringPlan(program);
  if (!plan) throw new ServerError('NOT_FOUND', `${program.id} has no monitoring`, 404);
  return plan;
}

/** The reporting date asked for (`date`), or else the program's reporting dates that have come and today. */
function reportingDates(c: AppContext, plan: MonitoringPlan, today: string): string[] {
  const asked = c.req.query('date');
  if (asked !== undefined && asked !== '') {
    if (!isCalendarDate(asked)) throw new ServerError('PARAMETER_INVALID', 'date must be YYYY-MM-DD', 400, { parameter: 'date' });
    return [asked];
  }
  const past = plan.reportingDates.filter((d) => d <= today);
  return past.includes(today) ? past : [...past, today];
}

const csvBody = (rows: (string | number)[][]) => stringify(rows.map((r) => r.map(String)), { bom: true, escape_formulas: true, record_delimiter: 'windows' });

function sendCsv(c: AppContext, name: string, body: string) {
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(body);
}

/**
 * Participant monitoring: the indicators by gender and reporting date, who is not yet countable and why (JSON, for the
 * report and the team); per participant one row of indicator data under a pseudonymous id (CSV); the identity table
 * that links pseudonyms to people (CSV, only for the roles in `monitoring.identityRoles`); and the aggregated figures
 * (CSV). Every CSV is recorded in the office audit.
 */
export function registerMonitoringRoutes(app: Hono<AppEnv>, s: Services): void {
  const load = async (c: AppContext) => {
    const program = programFrom(c, s);
    const principal = await requirePrincipal(c, s);
    const actor = requireCaseworker(principal, program);
    const plan = planOf(program);
    const table = await readParticipantTable(s.store, plan, await s.store.secret('monitoring-pseudonym'));
    return { program, principal, actor, plan, table, now: s.clock() };
  };

  app.get('/v1/programs/:programId/monitoring', async (c) => {
    const { program, plan, table, now } = await load(c);
    const locale = negotiateLocale(c.req.header('accept-language'), program.locales);
    const dates = reportingDates(c, plan, now.toISOString().slice(0, 10));
    const counts = aggregateIndicators(plan, table.rows, dates);
    const incomplete = table.rows.filter((r) => !r.countable);
    c.header('Cache-Control', 'no-store');
    c.header('Content-Language', locale);
    return c.json({
      dates,
      participants: table.rows.length,
      countable: table.rows.length - incomplete.length,
      reentries: table.rows.reduce((n, r) => n + r.reentries.length, 0),
      indicators: plan.indicators.map((ind) => ({
        id: ind.id,
        title: indicatorTitle(plan, ind.id, locale),
        moment: ind.moment,
        counts: counts.filter((k) => k.indicator === ind.id).map(({ date, women, men, nonBinary, noAnswer, total }) => ({ date, women, men, nonBinary, noAnswer, total })),
      })),
      incomplete: incomplete.map((r) => ({ caseId: r.caseId, reference: r.reference, missing: missingWords(plan, r.missing, locale) })),
    } satisfies DeepReadonly<Api.MonitoringSummary>);
  });

  app.get('/v1/programs/:programId/monitoring/indicators.csv', async (c) => {
    const { program, principal, plan, table, now } = await load(c);
    const dates = reportingDates(c, plan, now.toISOString().slice(0, 10));
    await s.store.audit({ at: now, actor: principal.actor, programId: program.id, action: 'export', detail: { format: 'csv', monitoring: 'indicators', dates } });
    const head = ['reporting_date', 'indicator', 'moment', ...GENDER_GROUPS.map((g) => g), 'total'];
    const rows = aggregateIndicators(plan, table.rows, dates).map((k) => [k.date, k.indicator, k.moment, k.women, k.men, k.nonBinary, k.noAnswer, k.total]);
    return sendCsv(c, `${program.id}-indicators`, csvBody([head, ...rows]));
  });

  app.get('/v1/programs/:programId/monitoring/participants.csv', async (c) => {
    const { program, principal, plan, table, now } = await load(c);
    const rows = table.rows.filter((r) => r.countable);
    await s.store.audit({ at: now, actor: principal.actor, programId: program.id, action: 'export', detail: { format: 'csv', monitoring: 'participants', rows: rows.length } });
    const moments = MONITORING_MOMENTS.filter((m) => plan.moments.some((x) => x.name === m));
    const head = ['pseudonym', 'gender', ...moments.map((m) => `${m}_date`), ...plan.indicators.map((i) => i.id)];
    const lines = rows.map((r) => [r.pseudonym, r.gender, ...moments.map((m) => r.dates[m] ?? ''), ...plan.indicators.map((i) => (r.indicators.has(i.id) ? 1 : 0))]);
    return sendCsv(c, `${program.id}-participants`, csvBody([head, ...lines]));
  });

  app.get('/v1/programs/:programId/monitoring/identities.csv', async (c) => {
    const { program, principal, actor, plan, table, now } = await load(c);
    const allowed = plan.identityRoles ?? [];
    if (!actor.roles.some((r) => allowed.includes(r))) {
      throw new ServerError('FORBIDDEN', `The identity table of ${program.id} is for ${allowed.join(', ') || 'nobody'}`, 403, { program: program.id });
    }
    await s.store.audit({ at: now, actor: principal.actor, programId: program.id, action: 'export', detail: { format: 'csv', monitoring: 'identities', rows: table.rows.length } });
    const head = ['pseudonym', 'reference', ...plan.person, 'reentries'];
    const lines = table.rows.map((r) => [r.pseudonym, r.reference, ...r.identity, r.reentries.join(' ')]);
    return sendCsv(c, `${program.id}-identities`, csvBody([head, ...lines]));
  });
}
