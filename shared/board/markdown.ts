import { linkTableRows, votedNotes } from './record';
// The shapes it writes are the record's one declaration (TypeBox schema and type together).
import type { BoardRecord, RecordDiff, RecordHeader, RecordZone } from './recordSchema';
import { LINK_KIND_TITLES, type LinkKind } from './links';
import { dotsLabel } from './votes';
import { ZONE_TITLES, Zone } from './zones';

/**
 * The words a record's Markdown is written with, besides the board's own text. The server and the
 * English interface use `ENGLISH_MARKDOWN_LABELS` (the documented format); the client passes its
 * translations when a person exports in another language. Labels are Discern's own words and go in
 * as written; zone titles and prompts come from the record, and are escaped like all board text.
 */
export interface MarkdownLabels {
  zoneTitle(zone: RecordZone): string;
  /** The zone's prompt as shown (a default prompt may be shown translated). */
  prompt(zone: RecordZone): string;
  noNotes: string;
  emptyNote: string;
  /** `name` arrives escaped. */
  addedBy(name: string): string;
  dots(count: number): string;
  linkKinds: Readonly<Record<LinkKind, string>>;
  need: string;
  votes: string;
}

export const ENGLISH_MARKDOWN_LABELS: MarkdownLabels = {
  zoneTitle: (zone) => zone.title,
  prompt: (zone) => zone.prompt,
  noNotes: '(no notes)',
  emptyNote: '(empty note)',
  addedBy: (name) => `added by ${name}`,
  dots: dotsLabel,
  linkKinds: LINK_KIND_TITLES,
  need: 'Need',
  votes: 'Votes',
};

/**
 * Makes untrusted text safe to put inside one Markdown line: it renders as the same words and
 * never as markup. Newlines become spaces (a note is one bullet), HTML is turned into entities
 * (so `<script>` is inert text), and every character Markdown gives meaning to is backslash-escaped,
 * as are block markers (`-`, `+`, `1.`) and formula starters (`=`, `@`) at the start of the line.
 */
export function escapeMarkdown(text: string): string {
  const oneLine = text
    // Control characters have no business in a record and can confuse renderers.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join(' ');
  return oneLine
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_#[\]()!|~]/g, '\\$&')
    // `-` and `+` would start a list; `=`, `+`, `-` and `@` start a formula in a spreadsheet that the
    // links table is pasted into (CSV injection), so a cell never begins with one unescaped.
    .replace(/^([-+=@])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A record's timestamp as people read it, in UTC so every reader of the file sees the same. */
export function formatRecordDate(createdAt: number): string {
  const iso = new Date(createdAt).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function noteLine(text: string, author: string, addedBy?: string, votes?: number, labels: MarkdownLabels = ENGLISH_MARKDOWN_LABELS): string {
  const body = escapeMarkdown(text) || `*${labels.emptyNote}*`;
  const by = escapeMarkdown(author);
  const helper = addedBy ? escapeMarkdown(addedBy) : '';
  let line = by ? `- ${body} — ${by}` : `- ${body}`;
  if (helper) line += ` (${labels.addedBy(helper)})`;
  if (votes) line += ` · ${labels.dots(votes)}`;
  return line;
}

function tableCell(texts: readonly string[], labels: MarkdownLabels): string {
  const cells = texts.map((text) => escapeMarkdown(text) || `*${labels.emptyNote}*`);
  return cells.length > 0 ? cells.join('; ') : '—';
}

function linksTable(record: BoardRecord, labels: MarkdownLabels): string[] {
  const rows = linkTableRows(record);
  if (rows.length === 0) return [];
  const needZone = record.zones.find((zone) => zone.key === Zone.Need);
  const needTitle = needZone ? labels.zoneTitle(needZone) : ZONE_TITLES.need;
  const servedBy = labels.linkKinds['served-by'];
  const canServe = labels.linkKinds['can-serve'];
  return [
    '',
    `## ${escapeMarkdown(needTitle)} — ${servedBy.toLowerCase()} / ${canServe.toLowerCase()}`,
    '',
    `| ${labels.need} | ${servedBy} | ${canServe} |`,
    '| --- | --- | --- |',
    ...rows.map((row) => `| ${tableCell([row.need], labels)} | ${tableCell(row.servedBy, labels)} | ${tableCell(row.canServe, labels)} |`),
  ];
}

function voteTotals(record: BoardRecord, labels: MarkdownLabels): string[] {
  const voted = votedNotes(record);
  if (voted.length === 0) return [];
  const titles = new Map(record.zones.map((zone) => [zone.title, labels.zoneTitle(zone)]));
  return [
    '',
    `## ${labels.votes}`,
    '',
    ...voted.map(
      ({ note, zoneTitle }) =>
        `- ${labels.dots(note.votes ?? 0)}: ${escapeMarkdown(note.text) || `*${labels.emptyNote}*`} (${escapeMarkdown(titles.get(zoneTitle) ?? zoneTitle)})`,
    ),
  ];
}

/**
 * A record as a Markdown document: title, label and date, then a heading and bullets per zone
 * (`- text — author (added by …) · n dots`), then, when there are any, the links table and the
 * vote totals. Every piece of board text is escaped.
 */
export function recordToMarkdown(record: BoardRecord, labels: MarkdownLabels = ENGLISH_MARKDOWN_LABELS): string {
  const lines: string[] = [
    `# ${escapeMarkdown(record.title)}`,
    '',
    `**${escapeMarkdown(record.label)}** — ${formatRecordDate(record.createdAt)}`,
  ];
  for (const zone of record.zones) {
    lines.push('', `## ${escapeMarkdown(labels.zoneTitle(zone))}`, '');
    const prompt = escapeMarkdown(labels.prompt(zone));
    if (prompt) lines.push(`*${prompt}*`, '');
    if (zone.notes.length === 0) lines.push(`*${labels.noNotes}*`);
    for (const note of zone.notes) lines.push(noteLine(note.text, note.author, note.addedBy, note.votes, labels));
  }
  lines.push(...linksTable(record, labels), ...voteTotals(record, labels));
  return `${lines.join('\n')}\n`;
}

export interface DiffMarkdownOptions {
  /** The earlier and later record; their labels and dates head the document. */
  from: RecordHeader;
  to: RecordHeader;
  /** The board's title, if it should appear in the heading. */
  title?: string;
}

/** A diff as Markdown: a section per kind of change, each note escaped like in `recordToMarkdown`. */
export function diffToMarkdown(diff: RecordDiff, options: DiffMarkdownOptions): string {
  const { from, to } = options;
  const heading = options.title ? `# ${escapeMarkdown(options.title)}: what changed` : '# What changed';
  const lines: string[] = [
    heading,
    '',
    `From **${escapeMarkdown(from.label)}** (${formatRecordDate(from.createdAt)}) ` +
      `to **${escapeMarkdown(to.label)}** (${formatRecordDate(to.createdAt)})`,
  ];
  const section = (name: string, items: string[]): void => {
    if (items.length === 0) return;
    lines.push('', `## ${name} (${items.length})`, '', ...items);
  };
  section('Added', diff.added.map((note) => `${noteLine(note.text, note.author)} (${ZONE_TITLES[note.zone]})`));
  section('Removed', diff.removed.map((note) => `${noteLine(note.text, note.author)} (${ZONE_TITLES[note.zone]})`));
  section(
    'Edited',
    diff.edited.map(
      (edit) =>
        `- ${escapeMarkdown(edit.before) || '*(empty)*'} → ${escapeMarkdown(edit.after) || '*(empty)*'} (${ZONE_TITLES[edit.zone]})`,
    ),
  );
  section(
    'Moved',
    diff.moved.map(
      (move) => `- ${escapeMarkdown(move.text) || '*(empty note)*'}: ${ZONE_TITLES[move.from]} → ${ZONE_TITLES[move.to]}`,
    ),
  );
  if (diff.added.length + diff.removed.length + diff.edited.length + diff.moved.length === 0) lines.push('', 'No changes.');
  return `${lines.join('\n')}\n`;
}
