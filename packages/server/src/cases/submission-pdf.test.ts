import { describe, expect, it } from 'vitest';
import { extractText, getDocumentProxy } from 'unpdf';
import { readCaseAnswers } from '@civicflow/core';
import { loadExample, readCaseFile } from '@civicflow/test-support';
import { createSubmissionPdf, wrapText } from './submission-pdf.js';
import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';

const program = loadExample('zweite-chance');
const sabine = readCaseFile<{ data: Record<string, unknown> }>('zweite-chance', 'valid-fixed-address.json').data;

/** The PDF's text as a reader gets it back, whitespace folded, and its page count. */
async function readBack(pdf: Uint8Array): Promise<{ text: string; pages: number }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(doc, { mergePages: true });
  return { text: text.replace(/\s+/g, ' '), pages: totalPages };
}

/** Every font a PDF uses, by its base name, and whether its file is inside the PDF. */
async function fontsIn(pdf: Uint8Array): Promise<{ name: string; embedded: boolean }[]> {
  const doc = await PDFDocument.load(pdf);
  const out: { name: string; embedded: boolean }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const name = object.get(PDFName.of('FontName'));
    out.push({ name: name instanceof PDFName ? name.decodeText() : '?', embedded: object.has(PDFName.of('FontFile2')) || object.has(PDFName.of('FontFile3')) });
  }
  return out;
}

async function pdfFor(data: Record<string, unknown>, locale: string): Promise<Uint8Array> {
  return createSubmissionPdf({
    programTitle: locale === 'de' ? 'Zweite Chance' : 'Second Chance',
    reference: 'ZC-2025-000123',
    sentAt: '2025-03-04T09:30:00Z',
    locale,
    forms: readCaseAnswers(program, data, { locale, forms: ['intake'] }),
  });
}

describe('createSubmissionPdf', () => {
  it('holds the reference, the time it was sent and every answer with its label, read back from the PDF', async () => {
    const { text, pages } = await readBack(await pdfFor(sabine, 'de'));
    expect(text).toContain('Zweite Chance');
    expect(text).toContain('Aktenzeichen ZC-2025-000123');
    expect(text).toContain('Gesendet am 4. März 2025 um 10:30');
    // A long label wraps beside its value, so the two interleave line by line in the text read back.
    expect(text).toMatch(/Bekommen Sie Geld vom Ja, Bürgergeld vom Jobcenter \(SGB II\) Jobcenter oder vom Sozialamt\?/);
    expect(text).toContain('Geburtsdatum 14. Juni 1979');
    expect(text).toContain('Menschen, die zu Ihrem Haushalt gehören: Eintrag 1');
    expect(text).toContain(`Seite 1 von ${pages}`);
    expect(text).not.toMatch(/\bsgb2\b|\bownFlatAtRisk\b/);
  });

  it('writes umlauts and other scripts with the embedded font, and uses no font it does not carry', async () => {
    const data = { ...sabine, work: { ...(sabine['work'] as object), goal: 'Straße, Ærø, Ελλάδα, Работа рядом с домом, עבודה' } };
    const pdf = await pdfFor(data, 'en');
    const { text } = await readBack(pdf);
    expect(text).toContain('Straße, Ærø, Ελλάδα, Работа рядом с домом');
    expect(text).toContain('Reference ZC-2025-000123');
    const fonts = await fontsIn(pdf);
    // pdf-lib tags a subset's name with a number: DejaVuSans-Bold-1234.
    expect(fonts.map((f) => f.name.replace(/-\d+$/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    // Only the letters used are embedded: far less than the two font files (over 1.3 MB together).
    expect(pdf.byteLength).toBeLessThan(250_000);
  });

  it('goes on over as many pages as the answers need', async () => {
    const long = { ...sabine, work: { ...(sabine['work'] as object), goal: 'Eine feste Stelle. '.repeat(400) } };
    const { text, pages } = await readBack(await pdfFor(long, 'de'));
    expect(pages).toBeGreaterThan(2);
    expect(text).toContain(`Seite ${pages} von ${pages}`);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, and inside a word only when the word alone is too wide', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const width = font.widthOfTextAtSize('abcdefghij', 10);
    expect(wrapText('abc def ghi jkl', font, 10, width)).toEqual(['abc def', 'ghi jkl']);
    const broken = wrapText('abcdefghijabcdefghijab', font, 10, width);
    expect(broken.join('')).toBe('abcdefghijabcdefghijab');
    expect(broken.every((l) => font.widthOfTextAtSize(l, 10) <= width)).toBe(true);
    expect(wrapText('one\ntwo', font, 10, width)).toEqual(['one', 'two']);
  });
});
