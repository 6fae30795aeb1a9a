import { jsPDF } from 'jspdf';
import type { BoardRecord } from '../../shared/board/record';
import type { BoardImage } from './boardImage';
import { recordPdfBlocks, type PdfBlock } from './pdfLayout';

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

  pdf.addPage('a4', 'portrait');
  const textW = pdf.internal.pageSize.getWidth() - 2 * MARGIN;
  const bottom = pdf.internal.pageSize.getHeight() - MARGIN;
  let y = MARGIN;
  for (const block of recordPdfBlocks(record, date)) {
    const style = STYLES[block.kind];
    pdf.setFont('helvetica', style.bold ? 'bold' : style.italic ? 'italic' : 'normal');
    pdf.setFontSize(style.size);
    const lineH = style.size * 1.3;
    const prefix = block.kind === 'note' ? '\u2022 ' : '';
    const lines = pdf.splitTextToSize(block.text, textW - style.indent - 10) as string[];
    y += style.before;
    // A heading never sits alone at the bottom of a page.
    const keep = block.kind === 'heading' ? 3 * lineH : lineH;
    if (y + keep > bottom) {
      pdf.addPage('a4', 'portrait');
      y = MARGIN;
    }
    lines.forEach((line, index) => {
      if (y + lineH > bottom) {
        pdf.addPage('a4', 'portrait');
        y = MARGIN;
      }
      pdf.text(index === 0 ? `${prefix}${line}` : line, MARGIN + style.indent + (index === 0 ? 0 : 10), y + style.size);
      y += lineH;
    });
  }
  return pdf.output('blob');
}
