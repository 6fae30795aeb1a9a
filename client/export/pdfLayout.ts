import { linkTableRows, votedNotes, type BoardRecord } from '../../shared/board/record';
import { isZone } from '../../shared/board/zones';
import { t } from '../i18n';
import { shownPrompt } from '../i18n/boardText';

/** "3 dots", in the active language. */
function dotsLabel(count: number): string {
  return t('common.dots', { count });
}

/** One piece of a record's text pages, in order; `pdf.ts` gives each kind its font and spacing. */
export type PdfBlock =
  | { kind: 'title'; text: string }
  | { kind: 'meta'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'prompt'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'empty'; text: string };

/** The distinct authors of a record's notes, in alphabetical order: who took part. */
export function participantsOf(record: BoardRecord): string[] {
  const names = new Set<string>();
  for (const zone of record.zones) for (const note of zone.notes) if (note.author.trim()) names.add(note.author.trim());
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** Whether the PDF's built-in Helvetica can show `text`: its encoding covers Latin-1 only. */
export function isLatin1(text: string): boolean {
  return /^[\u0020-\u00ff]*$/.test(text);
}

/**
 * A note's text as one line of the PDF, every character kept as written: line breaks inside a
 * note become spaces, control characters and invisible direction marks go (the PDF lays out
 * right-to-left text itself), and the text is composed (NFC), so `ớ` is one character a font has
 * rather than `o` with two marks to position.
 */
export function pdfSafeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
}

/**
 * The record as text blocks: title, label and date, participants, then each zone with its notes.
 * What Discern writes (zone names, default prompts, headings) is in the active language; the
 * record itself keeps its stored English zone titles, which are its format (docs/format.md).
 */
export function recordPdfBlocks(record: BoardRecord, date: string): PdfBlock[] {
  const participants = participantsOf(record);
  const zoneTitles = new Map(record.zones.map((zone) => [zone.title, isZone(zone.key) ? t(`zones.${zone.key}`) : zone.title]));
  const blocks: PdfBlock[] = [
    { kind: 'title', text: pdfSafeText(record.title) },
    { kind: 'meta', text: pdfSafeText(`${record.label} - ${date}`) },
    { kind: 'meta', text: pdfSafeText(t('pdf.participants', { names: participants.length > 0 ? participants.join(', ') : t('pdf.nobody') })) },
  ];
  for (const zone of record.zones) {
    blocks.push({ kind: 'heading', text: pdfSafeText(zoneTitles.get(zone.title) ?? zone.title) });
    const prompt = isZone(zone.key) ? shownPrompt(zone.key, zone.prompt, t) : zone.prompt;
    if (prompt.trim()) blocks.push({ kind: 'prompt', text: pdfSafeText(prompt) });
    if (zone.notes.length === 0) blocks.push({ kind: 'empty', text: t('pdf.noNotes') });
    for (const note of zone.notes) {
      const text = pdfSafeText(note.text) || t('common.emptyNote');
      const author = pdfSafeText(note.author);
      let line = author ? `${text} - ${author}` : text;
      if (note.addedBy) line += ` (${t('pdf.addedBy', { name: pdfSafeText(note.addedBy) })})`;
      if (note.votes) line += ` - ${dotsLabel(note.votes)}`;
      blocks.push({ kind: 'note', text: line });
    }
  }
  const rows = linkTableRows(record);
  if (rows.length > 0) {
    const servedBy = t('linkKinds.served-by');
    const canServe = t('linkKinds.can-serve');
    blocks.push({ kind: 'heading', text: t('pdf.needHeading', { servedBy: servedBy.toLowerCase(), canServe: canServe.toLowerCase() }) });
    for (const row of rows) {
      const parts = [pdfSafeText(row.need) || t('common.emptyNote')];
      if (row.servedBy.length > 0) parts.push(`${servedBy}: ${row.servedBy.map(pdfSafeText).join('; ')}`);
      if (row.canServe.length > 0) parts.push(`${canServe}: ${row.canServe.map(pdfSafeText).join('; ')}`);
      blocks.push({ kind: 'note', text: parts.join(' - ') });
    }
  }
  const voted = votedNotes(record);
  if (voted.length > 0) {
    blocks.push({ kind: 'heading', text: t('pdf.votes') });
    for (const { note, zoneTitle } of voted) {
      const zone = pdfSafeText(zoneTitles.get(zoneTitle) ?? zoneTitle);
      blocks.push({ kind: 'note', text: `${dotsLabel(note.votes ?? 0)}: ${pdfSafeText(note.text) || t('common.emptyNote')} (${zone})` });
    }
  }
  return blocks;
}
