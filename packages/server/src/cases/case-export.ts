import { stringify } from 'csv-stringify/sync';
import { personalFields, readAnswers, type AnswerNode, type Program } from '@civicflow/core';
import { workflowTexts } from '@civicflow/workflow';
import type { CaseQuery, CaseStore, CaseWithData } from '../store/case-store.js';
import { withoutAnyPersonalData } from './personal-access.js';

/** One column of an export: its head, and where its value sits in a form's answers. */
interface FieldColumn {
  head: string;
  form: string;
  pointer: string;
  /** A list: the cell holds every entry. */
  list: boolean;
}

/** How many cases an export reads per query: the memory it holds at once. */
export const EXPORT_BATCH = 250;

const WORDS = {
  de: { reference: 'Aktenzeichen', state: 'Stand', opened: 'Eröffnet', changed: 'Zuletzt geändert', due: 'Nächste Frist', assignee: 'Zuständig' },
  en: { reference: 'Reference', state: 'State', opened: 'Opened', changed: 'Last changed', due: 'Next deadline', assignee: 'Assigned to' },
};

/** A time as a spreadsheet reads it, `2026-03-01 14:05`, on the clock of Germany (the programs' default zone). */
const clockTime = (() => {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (iso: string | null): string => {
    if (!iso) return '';
    const p = Object.fromEntries(format.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
    return `${p['year']}-${p['month']}-${p['day']} ${p['hour']}:${p['minute']}`;
  };
})();

const isUnder = (path: string, personal: readonly string[]) => personal.some((p) => path === p || path.startsWith(`${p}.`));
const pathOf = (pointer: string) => pointer.slice(1).split('/').join('.');

/**
 * The field columns of a program in a locale: every answer outside lists, and every list as one column, in the order
 * of the forms and their pages; an answer two forms share once. Heads are the labels, under their group's label; a head
 * that would repeat gets its form's title in front. Without `personal`, fields marked personal data are left out.
 */
export function exportColumns(program: Program, locale: string, personal: boolean): FieldColumn[] {
  const columns: FieldColumn[] = [];
  const seen = new Set<string>();
  for (const formId of Object.keys(program.definition.forms)) {
    const hidden = personal ? [] : personalFields(program, formId).map((f) => f.path);
    const read = readAnswers(program, formId, {}, { locale });
    const walk = (nodes: readonly AnswerNode[], prefix: string) => {
      for (const node of nodes) {
        if (seen.has(node.pointer) || isUnder(pathOf(node.pointer), hidden)) continue;
        if (node.kind === 'group') walk(node.children, `${prefix}${node.label} – `);
        else {
          seen.add(node.pointer);
          columns.push({ head: `${prefix}${node.label}`, form: formId, pointer: node.pointer, list: node.kind === 'list' });
        }
      }
    };
    for (const section of read.sections) walk(section.children, '');
  }
  const count = new Map<string, number>();
  for (const c of columns) count.set(c.head, (count.get(c.head) ?? 0) + 1);
  for (const c of columns) {
    if (count.get(c.head)! > 1) c.head = `${readAnswers(program, c.form, {}, { locale }).title}: ${c.head}`;
  }
  return columns;
}

/** The answers of a case's data as text by pointer: each answer, and each list as its entries (`; ` between them). */
function answerTexts(program: Program, data: unknown, locale: string): Map<string, string> {
  const out = new Map<string, string>();
  const itemsOf = (nodes: readonly AnswerNode[]): string[] =>
    nodes.flatMap((n) => (n.kind === 'answer' ? [`${n.label}: ${n.text}`] : n.kind === 'group' ? itemsOf(n.children) : n.entries.map((e) => itemsOf(e.children).join(', '))));
  const walk = (nodes: readonly AnswerNode[]) => {
    for (const n of nodes) {
      if (out.has(n.pointer)) continue;
      if (n.kind === 'answer') out.set(n.pointer, n.text);
      else if (n.kind === 'group') walk(n.children);
      else out.set(n.pointer, n.entries.map((e) => itemsOf(e.children).join(', ')).join('; '));
    }
  };
  for (const formId of Object.keys(program.definition.forms)) {
    for (const section of readAnswers(program, formId, data, { locale, answeredOnly: true }).sections) walk(section.children);
  }
  return out;
}

export interface CsvExportOptions {
  store: CaseStore;
  program: Program;
  /** The cases to export: the list's filters; the export reads them oldest first, a batch at a time. */
  query: Omit<CaseQuery, 'limit' | 'cursor' | 'sort'>;
  locale: string;
  /** Whether the caller may see personal data: without it, personal columns are left out and list cells lose it. */
  personal: boolean;
  /** Display names by actor id, for the assignee column. */
  names: (actors: readonly string[]) => Promise<Record<string, string>>;
}

/**
 * A program's cases as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets read umlauts): one line per case,
 * the heads in the request's language, option labels instead of codes, dates and numbers as people read them. A cell
 * that a spreadsheet would run as a formula starts with an apostrophe. The stream reads the next batch of cases from
 * the store only when the reader has taken the last one, so memory stays flat however many cases there are.
 */
export function csvExport(o: CsvExportOptions): ReadableStream<Uint8Array> {
  const { program, locale, personal } = o;
  const w = locale.startsWith('de') ? WORDS.de : WORDS.en;
  const texts = program.definition.workflow ? workflowTexts(program, locale) : undefined;
  const columns = exportColumns(program, locale, personal);
  const encoder = new TextEncoder();
  const csv = (rows: string[][], bom = false) => encoder.encode(stringify(rows, { bom, escape_formulas: true, record_delimiter: 'windows' }));
  let cursor: string | undefined;
  let started = false;
  const line = (c: CaseWithData, names: Record<string, string>): string[] => {
    const answers = answerTexts(program, personal ? c.data : withoutAnyPersonalData(program, c.data), locale);
    return [
      c.reference,
      texts?.state(c.state) ?? c.state,
      clockTime(c.createdAt),
      clockTime(c.updatedAt),
      clockTime(c.nextDue),
      c.assignee ? (names[c.assignee] ?? '') : '',
      ...columns.map((col) => answers.get(col.pointer) ?? ''),
    ];
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(csv([[w.reference, w.state, w.opened, w.changed, w.due, w.assignee, ...columns.map((c) => c.head)]], true));
          return;
        }
        const page = await o.store.listCases({ ...o.query, sort: 'oldest', limit: EXPORT_BATCH, ...(cursor ? { cursor } : {}) }, true);
        const names = await o.names([...new Set(page.items.flatMap((c) => (c.assignee ? [c.assignee] : [])))]);
        if (page.items.length > 0) controller.enqueue(csv(page.items.map((c) => line(c, names))));
        if (page.next) cursor = page.next;
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
