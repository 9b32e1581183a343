import type { ControlKind } from './controls/choose-control.js';
import type { AnswerWords } from '../messages/answer-words.js';

/** An answer as words, and for a file where to fetch it. */
export interface AnswerText {
  readonly text: string;
  /** No answer was given: `text` is the words for that. */
  readonly empty: boolean;
  /** For a file: an `https:`, `http:` or `data:` address to open or download it. */
  readonly href?: string;
}

/** What `formatAnswer` needs to know of the field beyond its value. */
export interface AnswerField {
  readonly control: ControlKind;
  readonly schema: Readonly<Record<string, unknown>>;
  /** The label of an option value (radio, select, checkboxes). */
  optionLabel(value: unknown): string;
}

export const isEmptyAnswer = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

// A data: address of a media type that browsers render as a page could run script; such files are only downloaded.
const SHOWN_INLINE = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/plain)$/;

/** The file name at the end of an address, decoded where it can be. */
function lastSegment(url: string): string {
  const raw = url.replace(/[?#].*$/, '').replace(/^.*\//, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function fileAnswer(value: unknown, schema: Readonly<Record<string, unknown>>, words: AnswerWords, name: string | undefined): AnswerText {
  const o = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const url = typeof value === 'string' ? value : typeof o?.['url'] === 'string' ? (o['url'] as string) : undefined;
  const ownName = typeof o?.['name'] === 'string' ? (o['name'] as string) : undefined;
  const text = name ?? ownName ?? words.file;
  if (url !== undefined && /^https?:\/\//i.test(url)) return { text: name ?? ownName ?? (lastSegment(url) || words.file), empty: false, href: url };
  if (typeof value === 'string' && schema['contentEncoding'] === 'base64' && /^[A-Za-z0-9+/=\s]*$/.test(value)) {
    const declared = typeof schema['contentMediaType'] === 'string' ? schema['contentMediaType'] : '';
    const type = SHOWN_INLINE.test(declared) ? declared : 'application/octet-stream';
    return { text, empty: false, href: `data:${type};base64,${value.replace(/\s+/g, '')}` };
  }
  return { text, empty: false };
}

// Making an Intl formatter costs far more than using one: a case list or an export reads thousands of answers.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function dateFormat(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `d|${withTime}|${locale}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, withTime ? { dateStyle: 'long', timeStyle: 'short' } : { dateStyle: 'long', timeZone: 'UTC' });
    formatters.set(key, f);
  }
  return f;
}

function numberFormat(locale: string): Intl.NumberFormat {
  const key = `n|${locale}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    // 'min2' groups from five digits on: an amount of 12.500 gets its separator, a year such as 2012 does not.
    f = new Intl.NumberFormat(locale, { useGrouping: 'min2' } as Intl.NumberFormatOptions);
    formatters.set(key, f);
  }
  return f;
}

function dateAnswer(value: string, locale: string, withTime: boolean): string {
  if (withTime) {
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : dateFormat(locale, true).format(at);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return dateFormat(locale, false).format(date);
}

/** Any other value without JSON: the plain values in it, in order, separated by commas. */
function plainText(value: unknown, locale: string): string {
  if (typeof value === 'number') return numberFormat(locale).format(value);
  if (typeof value !== 'object' || value === null) return String(value);
  return Object.values(value as object)
    .filter((v) => !isEmptyAnswer(v))
    .map((v) => plainText(v, locale))
    .join(', ');
}

/**
 * How one answer reads in a locale: option labels instead of values, yes or no, dates and numbers as the locale
 * writes them, a file by its name with an address to open it; the words for "no answer" when there is none.
 * `fileName` is the file's name when the caller knows it (the widget keeps the name of a file it read).
 */
export function formatAnswer(field: AnswerField, value: unknown, locale: string, words: AnswerWords, fileName?: string): AnswerText {
  if (isEmptyAnswer(value)) return { text: words.notAnswered, empty: true };
  const text = (t: string): AnswerText => ({ text: t, empty: false });
  switch (field.control) {
    case 'checkbox':
    case 'consent':
      return text(value === true ? words.yes : value === false ? words.no : plainText(value, locale));
    case 'radio':
    case 'select':
      return text(field.optionLabel(value));
    case 'checkboxes':
      return text(Array.isArray(value) ? value.map((v) => field.optionLabel(v)).join(', ') : field.optionLabel(value));
    case 'file':
      return fileAnswer(value, field.schema, words, fileName);
    case 'derived':
      // A value worked out from other answers: a yes or no as words, a number with at most two decimals.
      if (typeof value === 'boolean') return text(value ? words.yes : words.no);
      if (typeof value === 'number') return text(new Intl.NumberFormat(locale, { useGrouping: 'min2', maximumFractionDigits: 2 } as Intl.NumberFormatOptions).format(value));
      return text(typeof value === 'string' && field.schema['format'] === 'date' ? dateAnswer(value, locale, false) : plainText(value, locale));
    default:
      if (typeof value === 'string' && (field.schema['format'] === 'date' || field.schema['format'] === 'date-time')) {
        return text(dateAnswer(value, locale, field.schema['format'] === 'date-time'));
      }
      return text(plainText(value, locale));
  }
}
