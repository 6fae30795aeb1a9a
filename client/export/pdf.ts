import { jsPDF } from 'jspdf';
import type { BoardRecord } from '../../shared/board/record';
import type { BoardImage } from './boardImage';
import { loadFontBook } from './pdfFonts';
import { isLatin1, recordPdfBlocks, type PdfBlock } from './pdfLayout';
import { drawPieces, textPieces, wrapPieces } from './pdfText';

const MARGIN = 40;

const STYLES: Readonly<Record<PdfBlock['kind'], { size: number; bold: boolean; italic: boolean; before: number; indent: number }>> = {
  title: { size: 20, bold: true, italic: false, before: 0, indent: 0 },
  meta: { size: 11, bold: false, italic: false, before: 4, indent: 0 },
  heading: { size: 15, bold: true, italic: false, before: 18, indent: 0 },
  prompt: { size: 10, bold: false, italic: true, before: 2, indent: 0 },
  note: { size: 11, bold: false, italic: false, before: 5, indent: 12 },
  empty: { size: 11, bold: false, italic: true, before: 5, indent: 12 },
};

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('could not read the board image'));
    reader.readAsDataURL(blob);
  });
}

/**
 * The record as a PDF: page 1 is the board picture (landscape, fitted), then the record as text,
 * zone by zone. The text is left uncompressed (jsPDF's default) so it stays searchable by tools
 * that do not inflate streams; the image is a JPEG, embedded as is, which keeps the file small.
 *
 * A block of Latin-1 text is set in the built-in Helvetica, as before. Any other block is set in
 * Noto fonts embedded for the characters it uses (subsets, loaded only when a record needs them:
 * see pdfFonts.ts), so Arabic, Hebrew, Chinese, Korean, Cyrillic and Vietnamese stay real text;
 * what no embedded font can draw (colour emoji, letters with combining marks, other scripts) is
 * drawn by the browser and placed as a picture. Nothing becomes `?`.
 */
export async function buildRecordPdf(record: BoardRecord, image: BoardImage, date: string): Promise<Blob> {
  const pdf = new jsPDF({ orientation: 'landscape', unit: 'pt', format: 'a4' });
  pdf.setProperties({ title: record.title, subject: `${record.label} - ${date}`, creator: 'Discern' });

  const pageW = pdf.internal.pageSize.getWidth();
  const pageH = pdf.internal.pageSize.getHeight();
  const fit = Math.min((pageW - 2 * MARGIN) / image.width, (pageH - 2 * MARGIN) / image.height);
  const w = image.width * fit;
  const h = image.height * fit;
  const format = image.blob.type === 'image/png' ? 'PNG' : 'JPEG';
  pdf.addImage(await blobToDataUrl(image.blob), format, (pageW - w) / 2, (pageH - h) / 2, w, h);

  const blocks = recordPdfBlocks(record, date);
  const unicode = blocks.filter((block) => !isLatin1(block.text));
  const book = unicode.length > 0 ? await loadFontBook(pdf, unicode.map((block) => ({ text: block.text, bold: STYLES[block.kind].bold }))) : null;

  pdf.addPage('a4', 'portrait');
  const textW = pdf.internal.pageSize.getWidth() - 2 * MARGIN;
  const bottom = pdf.internal.pageSize.getHeight() - MARGIN;
  let y = MARGIN;
  const nextLine = (lineH: number) => {
    if (y + lineH > bottom) {
      pdf.addPage('a4', 'portrait');
      y = MARGIN;
    }
  };
  for (const block of blocks) {
    const style = STYLES[block.kind];
    const helvetica = style.bold ? 'bold' : style.italic ? 'italic' : 'normal';
    pdf.setFont('helvetica', helvetica);
    pdf.setFontSize(style.size);
    const lineH = style.size * 1.3;
    const prefix = block.kind === 'note' ? '\u2022 ' : '';
    const x = MARGIN + style.indent;
    const room = textW - style.indent - 10;
    y += style.before;
    // A heading never sits alone at the bottom of a page.
    nextLine(block.kind === 'heading' ? 3 * lineH : lineH);
    if (!book || isLatin1(block.text)) {
      const lines = pdf.splitTextToSize(block.text, room) as string[];
      lines.forEach((line, index) => {
        nextLine(lineH);
        pdf.setFont('helvetica', helvetica);
        pdf.setFontSize(style.size);
        pdf.text(index === 0 ? `${prefix}${line}` : line, x + (index === 0 ? 0 : 10), y + style.size);
        y += lineH;
      });
      continue;
    }
    const prefixW = pdf.getStringUnitWidth(prefix) * style.size;
    const lines = wrapPieces(textPieces(pdf, book, block.text, style), room - prefixW, room);
    lines.forEach((line, index) => {
      nextLine(lineH);
      if (index === 0 && prefix) {
        pdf.setFont('helvetica', helvetica);
        pdf.setFontSize(style.size);
        pdf.text(prefix, x, y + style.size);
      }
      drawPieces(pdf, book, line, x + (index === 0 ? prefixW : 10), y + style.size, style);
      y += lineH;
    });
  }
  return pdf.output('blob');
}
