import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { fillMessage, forLocale, type AnswerNode, type FormAnswers } from '@civicflow/core';

/** What a submission's PDF says: whose program, which case, when it was sent, and every answer as it reads. */
export interface SubmissionPdfInput {
  readonly programTitle: string;
  readonly reference: string;
  /** When the applicant sent it (ISO 8601). */
  readonly sentAt: string;
  readonly locale: string;
  /** The time zone the time of sending is given in (IANA name). Default `Europe/Berlin`. */
  readonly timeZone?: string;
  readonly forms: readonly FormAnswers[];
}

const words = {
  de: { reference: 'Aktenzeichen', sent: 'Gesendet am', page: 'Seite {n} von {total}', keep: 'Bitte bewahren Sie dieses Dokument auf. Geben Sie bei Fragen Ihr Aktenzeichen an.' },
  en: { reference: 'Reference', sent: 'Sent on', page: 'Page {n} of {total}', keep: 'Please keep this document. Give your reference when you have questions.' },
};

let fontBytes: { regular: Uint8Array; bold: Uint8Array } | undefined;

// DejaVu Sans covers Latin with every diacritic, Greek, Cyrillic, Armenian, Georgian, Hebrew and basic Arabic letters;
// a script it lacks shows as empty boxes, never as other letters.
function fonts(): { regular: Uint8Array; bold: Uint8Array } {
  if (!fontBytes) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontBytes = { regular: readFileSync(path.join(dir, 'DejaVuSans.ttf')), bold: readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')) };
  }
  return fontBytes;
}

/** Splits text into lines no wider than `width`: at spaces, and inside a word only when the word alone is too wide. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Writes top to bottom on A4 pages, starting a new page where the next block would not fit. */
class Writer {
  readonly margin = 56;
  page!: PDFPage;
  y = 0;
  constructor(readonly doc: PDFDocument, readonly regular: PDFFont, readonly bold: PDFFont) {
    this.newPage();
  }
  get width(): number {
    return this.page.getWidth() - 2 * this.margin;
  }
  newPage(): void {
    this.page = this.doc.addPage([595.28, 841.89]);
    this.y = this.page.getHeight() - this.margin;
  }
  /** Makes room for `height` points, on a new page if needed. */
  room(height: number): void {
    if (this.y - height < this.margin + 24) this.newPage();
  }
  lines(lines: readonly string[], x: number, font: PDFFont, size: number): void {
    for (const line of lines) {
      this.room(size * 1.4);
      this.y -= size * 1.4;
      this.page.drawText(line, { x, y: this.y, font, size, color: rgb(0.1, 0.1, 0.1) });
    }
  }
  heading(text: string, size: number): void {
    this.room(size * 1.4 * 3);
    this.y -= size * 0.6;
    this.lines(wrapText(text, this.bold, size, this.width), this.margin, this.bold, size);
    this.y -= size * 0.3;
  }
  /** An answer: its label on the left, its value beside it, both wrapped, line by line (so a long one may go on over a page). */
  row(label: string, value: string, indent: number): void {
    const size = 10;
    const lineHeight = size * 1.4;
    const labelWidth = (this.width - indent) * 0.4;
    const x = this.margin + indent;
    const left = wrapText(label, this.bold, size, labelWidth - 8);
    const right = wrapText(value, this.regular, size, this.width - indent - labelWidth);
    const count = Math.max(left.length, right.length);
    // Short answers stay on one page with their label.
    this.room(Math.min(count, 4) * lineHeight);
    for (let i = 0; i < count; i++) {
      this.room(lineHeight);
      this.y -= lineHeight;
      const color = rgb(0.1, 0.1, 0.1);
      if (left[i]) this.page.drawText(left[i]!, { x, y: this.y, font: this.bold, size, color });
      if (right[i]) this.page.drawText(right[i]!, { x: x + labelWidth, y: this.y, font: this.regular, size, color });
    }
    this.y -= 6;
  }
}

function writeNodes(w: Writer, nodes: readonly AnswerNode[], indent: number): void {
  for (const node of nodes) {
    if (node.kind === 'answer') w.row(node.label, node.text, indent);
    else if (node.kind === 'list' && node.empty) w.row(node.label, node.text, indent);
    else if (node.kind === 'group') {
      w.heading(node.label, 11);
      writeNodes(w, node.children, indent + 12);
    } else if (node.kind === 'list') {
      for (const entry of node.entries) {
        w.heading(`${node.label}: ${entry.label}`, 11);
        writeNodes(w, entry.children, indent + 12);
      }
    }
  }
}

/**
 * A submission as a PDF the applicant can keep: the program, the reference, when it was sent and every answer with
 * its label, as `readAnswers` reads it. The fonts are embedded (only the letters used), so it prints the same anywhere.
 */
export async function createSubmissionPdf(input: SubmissionPdfInput): Promise<Uint8Array> {
  const t = forLocale(words, input.locale) ?? words.en;
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const { regular: regularBytes, bold: boldBytes } = fonts();
  const regular = await doc.embedFont(regularBytes, { subset: true });
  const bold = await doc.embedFont(boldBytes, { subset: true });
  doc.setTitle(`${input.programTitle} – ${input.reference}`);
  doc.setLanguage(input.locale);
  doc.setCreator('civicflow');
  const sent = new Intl.DateTimeFormat(input.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: input.timeZone ?? 'Europe/Berlin' }).format(new Date(input.sentAt));

  const w = new Writer(doc, regular, bold);
  w.heading(input.programTitle, 18);
  w.row(t.reference, input.reference, 0);
  w.row(t.sent, sent, 0);
  w.lines(wrapText(t.keep, regular, 9, w.width), w.margin, regular, 9);
  for (const form of input.forms) {
    w.heading(form.title, 15);
    for (const section of form.sections) {
      if (section.title !== form.title) w.heading(section.title, 13);
      writeNodes(w, section.children, 0);
    }
  }
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const footer = `${input.reference} · ${fillMessage(t.page, { n: i + 1, total: pages.length })}`;
    page.drawText(footer, { x: w.margin, y: w.margin - 24, font: regular, size: 8, color: rgb(0.3, 0.3, 0.3) });
  });
  return doc.save();
}
