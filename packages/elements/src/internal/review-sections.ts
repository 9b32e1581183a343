import type { FormSession, LaidOutField } from '@civicflow/core/runtime';
import { formTexts } from './form-texts.js';
import type { FieldSpec } from './field-specs.js';
import type { UiStrings } from './ui-strings.js';
import { fillString } from './ui-strings.js';

export interface ReviewRow {
  readonly label: string;
  readonly value: string;
  readonly empty: boolean;
  /** The field to go back to. */
  readonly pointer: string;
}

/** A run of answers, under a heading when it is a group or a list entry. */
export interface ReviewBlock {
  readonly heading?: string;
  readonly rows: ReviewRow[];
}

export interface ReviewSection {
  readonly page: number;
  readonly title: string;
  readonly blocks: ReviewBlock[];
}

/** A value of unknown kind (a derived one) as text in the person's language: numbers, yes/no, dates, text. */
export function formatValue(value: unknown, strings: UiStrings, locale: string): string {
  if (typeof value === 'number') return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
  if (typeof value === 'boolean') return value ? strings.yes : strings.no;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
  if (m) return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An answer as text in the person's language. */
export function formatAnswer(spec: FieldSpec, value: unknown, strings: UiStrings, locale: string, fileLabel?: string): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return strings.notAnswered;
  const choice = (v: unknown) => spec.choices?.find((c) => c.value === v)?.label ?? String(v);
  switch (spec.control) {
    case 'checkbox':
    case 'consent':
      return value === true ? strings.yes : strings.no;
    case 'radio':
    case 'select':
      return choice(value);
    case 'checkboxes':
      return Array.isArray(value) ? value.map(choice).join(', ') : String(value);
    case 'file':
      return fileLabel ?? strings.fileKept;
    case 'date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
      if (!m) return String(value);
      const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
      return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
    }
    case 'integer':
    case 'number':
      return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : String(value);
    case 'derived':
      return formatValue(value, strings, locale);
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

/** The review: every shown page with its shown answers; groups and list entries get their own headings. */
export function reviewSections(session: FormSession, strings: UiStrings, fileLabels: ReadonlyMap<string, string>): ReviewSection[] {
  const texts = formTexts(session);
  return session.visiblePages().map((page) => {
    const blocks: ReviewBlock[] = [{ rows: [] }];
    const walk = (entries: readonly LaidOutField[], base: string, parentPath: string, title?: string) => {
      let block: ReviewBlock = title ? { heading: title, rows: [] } : blocks[blocks.length - 1]!;
      if (title) blocks.push(block);
      for (const e of entries) {
        const spec = texts.specs.get(e.path);
        const rel = parentPath ? e.path.slice(parentPath.length + 1) : e.path;
        const pointer = `${base}/${rel.split('.').join('/')}`;
        if (!spec || spec.control === 'hidden' || session.isHidden(pointer)) continue;
        if (spec.control === 'group') {
          walk(spec.children, pointer, spec.path, spec.label);
          block = { rows: [] };
          blocks.push(block);
        } else if (spec.control === 'list') {
          const items = session.valueAt(pointer);
          const list = Array.isArray(items) ? items : [];
          if (list.length === 0) block.rows.push({ label: spec.label, value: strings.notAnswered, empty: true, pointer });
          list.forEach((_, i) => walk(spec.children, `${pointer}/${i}`, spec.path, `${spec.label}: ${fillString(strings.entry, { n: i + 1 })}`));
          block = { rows: [] };
          blocks.push(block);
        } else {
          const value = session.valueAt(pointer);
          const text = formatAnswer(spec, value, strings, session.locale, fileLabels.get(pointer));
          block.rows.push({ label: spec.label, value: text, empty: text === strings.notAnswered, pointer });
        }
      }
    };
    walk(session.page(page).fields, '', '');
    return { page, title: texts.pageTitle(page), blocks: blocks.filter((b) => b.rows.length > 0) };
  });
}
