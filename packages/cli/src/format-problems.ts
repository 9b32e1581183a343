import { cliMessage } from './cli-messages.js';
import type { Problem } from './load-program-file.js';

/**
 * One line per problem in the `file:line:column: ...` shape that editors and CI annotate, then a count.
 * The line carries the code and the pointer too: a problem about something missing is placed at the
 * nearest thing that exists, and the pointer says exactly what is meant.
 */
export function formatProblems(file: string, problems: readonly Problem[], locale: string): string {
  const lines = problems.map((p) => `${file}:${p.line}:${p.column}: ${p.code} ${p.pointer === '' ? '(root)' : p.pointer}: ${p.message}`);
  lines.push(cliMessage(locale, 'problems', { count: problems.length, file }));
  return lines.join('\n') + '\n';
}
