import { issueMessage, type Issue } from '@civicflow/core';
import { fillMessage } from '@civicflow/core/runtime';
import type { ProgramDocument } from '../document/program-document.js';
import { textsOf } from './form-model.js';

/** The text key of the title of what a problem's parameter names, by parameter. */
const TITLE_KEYS: Readonly<Record<string, (key: string) => string>> = {
  state: (k) => `workflow.states.${k}.title`,
  target: (k) => `workflow.states.${k}.title`,
  event: (k) => `workflow.events.${k}.title`,
  role: (k) => `workflow.roles.${k}`,
  outcome: (k) => `workflow.outcomes.${k}`,
  places: (k) => `workflow.places.${k}`,
  period: (k) => `periods.${k}.title`,
};

/**
 * The problems `loadProgram` reports, with the states, events, roles, outcomes, places and periods they name called by
 * their titles in the designer's language (the program's first locale where it has not that one) instead of their
 * keys: "Nobody can send the event "Widerspruch einlegen"" rather than "SUSTAINED". A key without a title stays (it
 * names something the program lacks), and so do the problems about older versions, whose states are not this
 * version's. Code, pointer and params stay as they were; only the message changes. `civicflow check` keeps the keys,
 * which a person fixing the file searches for.
 */
export function problemsWithTitles(doc: ProgramDocument, issues: readonly Issue[], locale: string): Issue[] {
  const cache = new Map<string, string | undefined>();
  const title = (key: string): string | undefined => {
    if (!cache.has(key)) {
      const t = textsOf(doc, key);
      cache.set(key, t[locale] ?? Object.entries(t).find(([l]) => l.startsWith(locale))?.[1] ?? Object.values(t)[0]);
    }
    return cache.get(key);
  };
  return issues.map((issue) => {
    if (issue.code.startsWith('MIGRATION_')) return issue;
    let changed = false;
    const params: Record<string, unknown> = { ...issue.params };
    for (const [name, keyOf] of Object.entries(TITLE_KEYS)) {
      const v = params[name];
      if (typeof v !== 'string') continue;
      const t = title(keyOf(v));
      if (t !== undefined && t.trim() !== '') {
        params[name] = t;
        changed = true;
      }
    }
    return changed ? { ...issue, message: fillMessage(issueMessage(locale, issue.code), params) } : issue;
  });
}
