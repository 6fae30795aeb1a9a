/** The kinds of file a board or record can be exported as; the value is the file extension. */
export const ExportFormat = {
  Png: 'png',
  Pdf: 'pdf',
  Markdown: 'md',
  Json: 'json',
} as const;
export type ExportFormat = (typeof ExportFormat)[keyof typeof ExportFormat];

export const EXPORT_MIME_TYPES: Readonly<Record<ExportFormat, string>> = {
  png: 'image/png',
  pdf: 'application/pdf',
  md: 'text/markdown;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

const MAX_SLUG_LENGTH = 60;

/**
 * A title as a file-name part: lower case ASCII letters, digits and single dashes. Accents are
 * folded (`Église` → `eglise`); anything else becomes a dash, so a title can never reach outside
 * the name (`../`, `:` or `/`). A title with nothing usable left gives `fallback`.
 */
export function slugify(text: string, fallback = 'board'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug || fallback;
}

/** `YYYY-MM-DD` of a timestamp in the reader's own time zone: the day they held the meeting. */
export function localDate(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `riverside-discernment-2026-11-25.png`: the board title and the day of the board or record. */
export function exportFileName(title: string, at: number, format: ExportFormat): string {
  return `${slugify(title)}-${localDate(at)}.${format}`;
}
