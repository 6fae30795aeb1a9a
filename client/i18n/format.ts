import { activeLanguage } from './language';

/**
 * A record's moment for documents everyone shares (the PDF), in the active language's words but in
 * UTC, as the Markdown and the server's files give it, so every reader of the file sees the same time.
 */
export function formatDocumentDate(at: number): string {
  const when = new Intl.DateTimeFormat(activeLanguage(), { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(at);
  return `${when} UTC`;
}
