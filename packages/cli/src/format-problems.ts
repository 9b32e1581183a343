import { cliMessage } from './cli-messages.js';
import type { Problem } from './load-program-file.js';

/**
 * One line per problem in the `file:line:column: ...` shape that editors and CI annotate, then a count.
 * The line carries the code and the pointer too: a problem about something missing is placed at the
 * nearest thing that exists, and the pointer says exactly what is meant.
 */
export function formatProblems(file: string, problems: readonly Problem[], locale: string): string {
  const line = (p: Problem, pointer = p.pointer, message = p.message) => `${file}:${p.line}:${p.column}: ${p.code} ${pointer === '' ? '(root)' : pointer}: ${message}`;
  const missing = missingTextsByLocale(problems);
  const lines: string[] = [];
  for (const p of problems) {
    const group = missing.get(p);
    if (group === undefined) lines.push(line(p));
    else if (group.first === p) lines.push(line(p, `/texts/${group.locale}`, cliMessage(locale, 'textsMissing', { locale: group.locale, count: group.keys.length, keys: firstKeys(group.keys) })));
  }
  lines.push(cliMessage(locale, 'problems', { count: problems.length, file }));
  return lines.join('\n') + '\n';
}

/** More missing texts of one locale than this are told as one line, with the count and the first keys. */
const GROUP_OVER = 3;
const FIRST_KEYS = 5;

/** The first keys of a list, and an ellipsis when there are more. */
export function firstKeys(keys: readonly string[]): string {
  return keys.slice(0, FIRST_KEYS).join(', ') + (keys.length > FIRST_KEYS ? ', …' : '');
}

/**
 * The missing texts of each locale that lacks more than a few (a language a designer has only begun to write),
 * by problem: each such problem maps to its locale's group.
 */
function missingTextsByLocale(problems: readonly Problem[]): Map<Problem, { locale: string; keys: string[]; first: Problem }> {
  const groups = new Map<string, { locale: string; keys: string[]; first: Problem; members: Problem[] }>();
  for (const p of problems) {
    const locale = p.params?.['locale'];
    const key = p.params?.['key'];
    if (p.code !== 'TEXT_MISSING' || typeof locale !== 'string' || typeof key !== 'string' || !p.pointer.startsWith(`/texts/${locale}/`)) continue;
    const g = groups.get(locale) ?? { locale, keys: [], first: p, members: [] };
    g.keys.push(key);
    g.members.push(p);
    groups.set(locale, g);
  }
  const out = new Map<Problem, { locale: string; keys: string[]; first: Problem }>();
  for (const g of groups.values()) if (g.members.length > GROUP_OVER) for (const p of g.members) out.set(p, g);
  return out;
}
