import type { UiStrings } from './en.js';
import type { CaseStatusStrings } from '../case-strings.js';

/**
 * The widget's words in a locale that is loaded on demand (`locale-words.ts`): the form's, and the applicant's
 * part of the case status page. The types ask for every key, so a key added to English and German is missing
 * here until it is translated.
 */
export interface LocaleStrings {
  readonly ui: UiStrings;
  readonly caseStatus: CaseStatusStrings;
}
