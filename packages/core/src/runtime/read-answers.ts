import type { Program } from '../model/program.js';
import type { FieldInfo } from './form-fields.js';
import type { LaidOutField } from './layout.js';
import type { AnswerText } from './format-answer.js';
import { answerWords, type AnswerWords } from '../messages/answer-words.js';
import { fillMessage } from '../messages/loadable.js';
import { chooseControl, type ControlKind } from './controls/choose-control.js';
import { formatAnswer, isEmptyAnswer } from './format-answer.js';
import { layoutOf } from './layout.js';
import { isUnderAny } from './pointer.js';
import { getAt } from './pointer-data.js';
import { escapePointerToken } from './pointer.js';
import { textKeys } from './text-keys.js';
import { textLookupFor } from './locale.js';

/** One answer: the field's label and how its value reads. */
export interface AnswerItem extends AnswerText {
  readonly kind: 'answer';
  readonly label: string;
  /** Where the value sits in the data (JSON Pointer), e.g. to go back to the field. */
  readonly pointer: string;
  readonly control: ControlKind;
}

/** A group of fields, under its label. */
export interface AnswerGroup {
  readonly kind: 'group';
  readonly label: string;
  readonly pointer: string;
  readonly children: readonly AnswerNode[];
}

/** A list: each entry a section of its own, titled with the list's label and the entry's number. */
export interface AnswerList {
  readonly kind: 'list';
  readonly label: string;
  readonly pointer: string;
  /** Empty when the list has no entries; `empty` then says so. */
  readonly entries: readonly AnswerGroup[];
  readonly empty: boolean;
  /** The words for a list without entries. */
  readonly text: string;
}

export type AnswerNode = AnswerItem | AnswerGroup | AnswerList;

/** The answers of one page of a form, under the page's title (the form's, for a form of one page). */
export interface AnswerSection {
  readonly page: string;
  readonly title: string;
  readonly children: readonly AnswerNode[];
}

/** A form's answers, page by page. */
export interface FormAnswers {
  readonly form: string;
  readonly title: string;
  readonly sections: readonly AnswerSection[];
}

/** What `readAnswers` needs of a program: a `Program`, or a program version as the API answers it. */
export type ProgramSource = Pick<Program, 'id' | 'locales' | 'definition'>;

export interface ReadAnswersOptions {
  /** The reader's locale: of the program's texts (else its default locale), of the words, dates and numbers. */
  readonly locale: string;
  /** Pointers of what a condition hides (`FormVisibility.hidden`): left out, with everything inside. */
  readonly hidden?: readonly string[];
  /** Ids of the pages shown (`FormVisibility.pages`); by default every page. */
  readonly pages?: readonly string[];
  /** Leave out what holds no answer: a case's data holds the answers of several forms, some not given yet. */
  readonly answeredOnly?: boolean;
  /** Own words, over the built-in ones. */
  readonly words?: Partial<AnswerWords>;
  /** A file's name by its pointer, when the caller knows it. */
  readonly fileName?: (pointer: string) => string | undefined;
}

type Lookup = (key: string) => string | undefined;

function textLookup(program: ProgramSource, locale: string): Lookup {
  return textLookupFor(program.definition.texts, program.locales, locale);
}

/**
 * How a form's answers read: every answer with its field's label, option labels instead of values, dates and
 * numbers in the reader's locale, groups and list entries as sections, files by name with an address; hidden
 * pages and fields, and fields the UI marks `hidden`, left out. Pure: the same input gives the same tree, which
 * the widget's review, the case view, the status page and the printout all draw.
 * Throws `UnknownFormError` for a form the program lacks.
 */
export function readAnswers(program: ProgramSource, formId: string, data: unknown, options: ReadAnswersOptions): FormAnswers {
  const layout = layoutOf(program, formId);
  const text = textLookup(program, options.locale);
  const words: AnswerWords = { ...answerWords(options.locale), ...options.words };
  const hidden = options.hidden ?? [];
  const formTitle = text(textKeys.formTitle(formId)) ?? formId;
  const label = (info: FieldInfo) => text(textKeys.fieldLabel(formId, info.path)) ?? info.name;
  const childrenOf = (info: FieldInfo, entry: LaidOutField): readonly LaidOutField[] =>
    entry.children ?? layout.fields.filter((f) => f.parent === info.path).map((f) => ({ path: f.path, pointer: f.schemaPointer }));

  const read = (entries: readonly LaidOutField[], base: string, parentPath: string): AnswerNode[] => {
    const out: AnswerNode[] = [];
    for (const entry of entries) {
      const info = layout.fieldsByPath.get(entry.path);
      if (!info) continue;
      const rel = parentPath ? entry.path.slice(parentPath.length + 1) : entry.path;
      const pointer = `${base}/${rel.split('.').map(escapePointerToken).join('/')}`;
      const control = chooseControl(info, entry);
      if (control === 'hidden' || isUnderAny(pointer, hidden)) continue;
      const value = getAt(data, pointer);
      if (control === 'group') {
        const children = read(childrenOf(info, entry), pointer, info.path);
        if (children.length > 0 || !options.answeredOnly) out.push({ kind: 'group', label: label(info), pointer, children });
      } else if (control === 'list') {
        const items = Array.isArray(value) ? value : [];
        if (items.length === 0 && options.answeredOnly) continue;
        const entriesRead = items.map((_, i): AnswerGroup => ({
          kind: 'group',
          label: fillMessage(words.entry, { n: i + 1 }),
          pointer: `${pointer}/${i}`,
          children: read(childrenOf(info, entry), `${pointer}/${i}`, info.path),
        }));
        out.push({ kind: 'list', label: label(info), pointer, entries: entriesRead, empty: items.length === 0, text: items.length === 0 ? words.notAnswered : '' });
      } else {
        if (options.answeredOnly && isEmptyAnswer(value)) continue;
        const optionLabel = (v: unknown) => text(textKeys.fieldOption(formId, info.path, v as string)) ?? String(v);
        const field = { control, schema: info.schema, optionLabel };
        out.push({ kind: 'answer', label: label(info), pointer, control, ...formatAnswer(field, value, options.locale, words, options.fileName?.(pointer)) });
      }
    }
    return out;
  };

  const shown = options.pages ? new Set(options.pages) : undefined;
  const sections = layout.pages
    .filter((page) => !shown || shown.has(page.id))
    .map((page): AnswerSection => ({
      page: page.id,
      title: text(textKeys.pageTitle(formId, page.id)) ?? formTitle,
      children: read(page.fields, '', ''),
    }))
    .filter((s) => s.children.length > 0 || !options.answeredOnly);
  return { form: formId, title: formTitle, sections };
}
