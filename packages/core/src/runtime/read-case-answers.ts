import type { AnswerNode, FormAnswers, ProgramSource, ReadAnswersOptions } from './read-answers.js';
import { readAnswers } from './read-answers.js';

/** Drops what an earlier form showed already; groups and lists left with nothing go too. */
function unseen(nodes: readonly AnswerNode[], seen: Set<string>): AnswerNode[] {
  const out: AnswerNode[] = [];
  for (const node of nodes) {
    if (seen.has(node.pointer)) continue;
    if (node.kind === 'group') {
      const children = unseen(node.children, seen);
      if (children.length > 0) out.push({ ...node, children });
    } else {
      out.push(node);
    }
  }
  for (const node of out) seen.add(node.pointer);
  return out;
}

export interface ReadCaseAnswersOptions extends Omit<ReadAnswersOptions, 'answeredOnly' | 'pages'> {
  /** Only these forms (say, those the applicant sent); by default every form of the program. */
  readonly forms?: readonly string[];
}

/**
 * How a case's data reads, by the form that holds each answer: a case collects the answers of several forms
 * (the application, then each step's), merged into one object. Forms come in the definition's order; an answer
 * two forms share is shown under the first; fields without an answer and forms with none are left out.
 */
export function readCaseAnswers(program: ProgramSource, data: unknown, options: ReadCaseAnswersOptions): FormAnswers[] {
  const seen = new Set<string>();
  const out: FormAnswers[] = [];
  const only = options.forms && new Set(options.forms);
  for (const formId of Object.keys(program.definition.forms)) {
    if (only && !only.has(formId)) continue;
    const read = readAnswers(program, formId, data, { ...options, answeredOnly: true });
    const sections = read.sections.map((s) => ({ ...s, children: unseen(s.children, seen) })).filter((s) => s.children.length > 0);
    if (sections.length > 0) out.push({ ...read, sections });
  }
  return out;
}
