import type { FirstWords, LaterWords } from './en.js';
import type { CaseStatusStrings } from '../case-strings.js';

/**
 * The widget's words in a locale that is loaded on demand (`locale-words.ts`), in two files: what the form's first
 * screen may show (`LocaleStrings`), and the rest of the form's words with the applicant's part of the case status
 * page (`LaterLocaleStrings`). The types ask for every key, so a key added to English and German is missing here
 * until it is translated.
 */
export interface LocaleStrings {
  readonly ui: FirstWords;
}

/**
 * The rest of a locale's words, fetched with the code that checks answers (or by the case status page, whose words
 * a locale beyond German and English has here; German and English have theirs in the case status page itself).
 */
export interface LaterLocaleStrings {
  readonly ui: LaterWords;
  readonly caseStatus?: CaseStatusStrings;
}
