import { readAnswers, type AnswerSection, type FormSessionBase } from '@civicflow/core/runtime';
import type { UiStrings } from './ui-strings.js';

/**
 * The review: the answers of every shown page, without what a condition hides, read as core's `readAnswers`
 * reads them, in the widget's own words (which a page may have overridden) and with the names of the files read.
 */
export function reviewSections(session: FormSessionBase, strings: UiStrings, fileLabels: ReadonlyMap<string, string>): readonly AnswerSection[] {
  const { pages, hidden } = session.visibility;
  return readAnswers(session.compiled.program, session.formId, session.data, {
    locale: session.locale,
    pages,
    hidden,
    words: { yes: strings.yes, no: strings.no, notAnswered: strings.notAnswered, entry: strings.entry, file: strings.fileKept },
    fileName: (pointer) => fileLabels.get(pointer),
  }).sections;
}
