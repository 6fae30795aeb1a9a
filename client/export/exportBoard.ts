import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import { recordToMarkdown } from '../../shared/board/markdown';
import type { BoardRecord } from '../../shared/board/record';
import type { Zone } from '../../shared/board/zones';
import { formatDocumentDate } from '../i18n/format';
import { activeLanguage } from '../i18n/language';
import { markdownLabels } from '../i18n/markdownLabels';
import { downloadBlob } from './download';
import { EXPORT_MIME_TYPES, ExportFormat, exportFileName } from './fileName';

/**
 * What to export: the board as drawn (notes with their places, prompts) and as a record (the
 * server's record format). `serverText`, when given, fetches the server's own Markdown or JSON of
 * a saved record; the live board has no saved record, so its files are made here with the same
 * `recordToMarkdown` the server uses. The JSON is the record's document format (English zone
 * titles, as stored); the PNG, PDF and Markdown are for people, with Discern's words in their language.
 */
export interface ExportSource {
  notes: readonly NoteView[];
  links: readonly LinkView[];
  prompts: Readonly<Record<Zone, string>>;
  record: BoardRecord;
  serverText?: (format: 'md' | 'json') => Promise<string>;
}

async function contentOf(source: ExportSource, format: ExportFormat): Promise<Blob> {
  const { record } = source;
  switch (format) {
    case ExportFormat.Png: {
      const { renderBoardImage } = await import('./boardImage');
      return (await renderBoardImage(source)).blob;
    }
    case ExportFormat.Pdf: {
      // jsPDF is large and only needed here: it loads on the first PDF export.
      const [{ renderBoardImage }, { buildRecordPdf }] = await Promise.all([import('./boardImage'), import('./pdf')]);
      const image = await renderBoardImage(source, { mimeType: 'image/jpeg', quality: 0.92 });
      return buildRecordPdf(record, image, formatDocumentDate(record.createdAt));
    }
    case ExportFormat.Markdown: {
      // In English, the server's own file; in another language, the same format with its words translated.
      const english = activeLanguage() === 'en';
      const text = english && source.serverText ? await source.serverText('md') : recordToMarkdown(record, english ? undefined : markdownLabels());
      return new Blob([text], { type: EXPORT_MIME_TYPES.md });
    }
    case ExportFormat.Json: {
      const text = source.serverText ? await source.serverText('json') : `${JSON.stringify(record, null, 2)}\n`;
      return new Blob([text], { type: EXPORT_MIME_TYPES.json });
    }
  }
}

/** Makes the file and hands it to the browser as a download named after the board and the day. */
export async function exportBoard(source: ExportSource, format: ExportFormat): Promise<string> {
  const blob = await contentOf(source, format);
  const fileName = exportFileName(source.record.title, source.record.createdAt, format);
  downloadBlob(blob, fileName);
  return fileName;
}
