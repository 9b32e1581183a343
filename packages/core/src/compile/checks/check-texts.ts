import type { ProgramCheck } from './context.js';
import { formLayout } from '../../runtime/layout.js';
import { textKeys } from '../../runtime/text-keys.js';
import { escapePointerToken } from '../../runtime/pointer.js';
import { periodTextKeys } from '../../runtime/periods.js';
import { localeFallbacks } from '../../runtime/locale.js';
import { noticeTextKeys } from '../../runtime/notices.js';

/** Keys of the program texts that name the parts of a workflow. */
export const workflowTextKeys = {
  stateTitle: (state: string) => `workflow.states.${state}.title`,
  eventTitle: (event: string) => `workflow.events.${event}.title`,
  role: (role: string) => `workflow.roles.${role}`,
  outcome: (outcome: string) => `workflow.outcomes.${outcome}`,
  places: (places: string) => `workflow.places.${places}`,
};

/**
 * The declared locale a locale's missing texts come from (`de` for `de-x-ls` and for `de-CH`), if there is one:
 * such a locale may leave out any text.
 */
export function fallbackLocaleOf(locale: string, locales: readonly string[]): string | undefined {
  return localeFallbacks(locale).slice(1).find((f) => locales.includes(f));
}

/**
 * Texts exist for every declared locale: the title, each form's title, each page's title and each field's
 * label, and each workflow state's and event's title, role's and outcome's name; and any key given in one
 * locale is given in all of them. A locale that falls back to another declared one (`fallbackLocaleOf`) takes
 * what it lacks from there.
 */
export const checkTexts: ProgramCheck = (ctx) => {
  const { definition: def } = ctx;
  const locales = def.locales;
  const complete = locales.filter((l) => fallbackLocaleOf(l, locales) === undefined);
  const texts = def.texts ?? {};
  for (const locale of Object.keys(texts)) {
    if (!locales.includes(locale)) ctx.report('TEXT_LOCALE_UNKNOWN', `/texts/${locale}`, { locale });
  }
  for (const [prop, value] of [['title', def.title], ['description', def.description]] as const) {
    if (!value) continue;
    for (const locale of complete) if (!value[locale]) ctx.report('TEXT_MISSING', `/${prop}`, { key: prop, locale });
    for (const locale of Object.keys(value)) if (!locales.includes(locale)) ctx.report('TEXT_LOCALE_UNKNOWN', `/${prop}/${locale}`, { locale });
  }
  const required = new Set<string>();
  for (const [formId, form] of Object.entries(def.forms)) {
    required.add(textKeys.formTitle(formId));
    const layout = formLayout(form);
    if (form.ui?.pages) for (const page of layout.pages) required.add(textKeys.pageTitle(formId, page.id));
    for (const field of layout.fields) required.add(textKeys.fieldLabel(formId, field.path));
  }
  const wf = def.workflow;
  if (wf) {
    for (const state of Object.keys(wf.states)) required.add(workflowTextKeys.stateTitle(state));
    for (const event of Object.keys(wf.events)) required.add(workflowTextKeys.eventTitle(event));
    for (const role of wf.roles) required.add(workflowTextKeys.role(role));
    for (const outcome of wf.outcomes ?? []) required.add(workflowTextKeys.outcome(outcome));
    for (const places of Object.keys(wf.places ?? {})) required.add(workflowTextKeys.places(places));
  }
  for (const period of Object.keys(def.periods ?? {})) required.add(periodTextKeys.title(period)).add(periodTextKeys.instead(period));
  for (const indicator of Object.keys(def.monitoring?.indicators ?? {})) required.add(`monitoring.indicators.${indicator}.title`);
  for (const notice of Object.keys(def.notices?.messages ?? {})) required.add(noticeTextKeys.subject(notice)).add(noticeTextKeys.text(notice));
  const anyLocale = new Set<string>(required);
  for (const locale of locales) for (const key of Object.keys(texts[locale] ?? {})) anyLocale.add(key);
  for (const locale of complete) {
    const own = texts[locale] ?? {};
    for (const key of anyLocale) {
      if (typeof own[key] !== 'string' || own[key] === '') ctx.report('TEXT_MISSING', `/texts/${locale}/${escapePointerToken(key)}`, { key, locale });
    }
  }
};
