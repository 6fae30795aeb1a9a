import type { BoardRecord, RecordHeader, RecordNote } from './record';
import type { RecordDiff } from './recordDiff';
import { LINK_KIND_TITLES } from './links';
import { ZONE_TITLES } from './zones';

/**
 * Makes untrusted text safe to put inside one Markdown line: it renders as the same words and
 * never as markup. Newlines become spaces (a note is one bullet), HTML is turned into entities
 * (so `<script>` is inert text), and every character Markdown gives meaning to is backslash-escaped,
 * as are block markers (`-`, `+`, `1.`) at the start of the line.
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
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** A record's timestamp as people read it, in UTC so every reader of the file sees the same. */
export function formatRecordDate(createdAt: number): string {
  const iso = new Date(createdAt).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function dots(count: number): string {
  return count === 1 ? '1 dot' : `${count} dots`;
}

function noteLine(text: string, author: string, addedBy?: string, votes?: number): string {
  const body = escapeMarkdown(text) || '*(empty note)*';
  const by = escapeMarkdown(author);
  const helper = addedBy ? escapeMarkdown(addedBy) : '';
  let line = by ? `- ${body} — ${by}` : `- ${body}`;
  if (helper) line += ` (added by ${helper})`;
  if (votes) line += ` · ${dots(votes)}`;
  return line;
}

function tableCell(texts: readonly string[]): string {
  const cells = texts.map((text) => escapeMarkdown(text) || '*(empty note)*');
  return cells.length > 0 ? cells.join('; ') : '—';
}

/**
 * The table "need — already served by / could partner with": one row per linked need, in the
 * need zone's reading order (needs whose note has since left that zone come last).
 */
function linksTable(record: BoardRecord): string[] {
  const links = record.links;
  if (!links || links.servedBy.length + links.canServe.length === 0) return [];
  const rows = new Map<string, { need: string; servedBy: string[]; canServe: string[] }>();
  const row = (needId: string, need: string): { need: string; servedBy: string[]; canServe: string[] } => {
    let entry = rows.get(needId);
    if (!entry) {
      entry = { need, servedBy: [], canServe: [] };
      rows.set(needId, entry);
    }
    return entry;
  };
  for (const link of links.servedBy) row(link.needId, link.need).servedBy.push(link.there);
  for (const link of links.canServe) row(link.needId, link.need).canServe.push(link.who);
  const needOrder = new Map(record.zones.find((zone) => zone.key === 'need')?.notes.map((note, index) => [note.id, index]));
  const ordered = [...rows.entries()]
    .map(([needId, entry], index) => ({ entry, rank: needOrder.get(needId) ?? Number.MAX_SAFE_INTEGER - rows.size + index }))
    .sort((a, b) => a.rank - b.rank);
  return [
    '',
    `## ${escapeMarkdown(ZONE_TITLES.need)} — ${LINK_KIND_TITLES['served-by'].toLowerCase()} / ${LINK_KIND_TITLES['can-serve'].toLowerCase()}`,
    '',
    `| Need | ${LINK_KIND_TITLES['served-by']} | ${LINK_KIND_TITLES['can-serve']} |`,
    '| --- | --- | --- |',
    ...ordered.map(({ entry }) => `| ${tableCell([entry.need])} | ${tableCell(entry.servedBy)} | ${tableCell(entry.canServe)} |`),
  ];
}

/** Notes with dots, most first: the vote's result, when the record carries totals. */
function voteTotals(record: BoardRecord): string[] {
  const voted: Array<{ note: RecordNote; zone: string }> = [];
  for (const zone of record.zones) {
    for (const note of zone.notes) if (note.votes) voted.push({ note, zone: zone.title });
  }
  if (voted.length === 0) return [];
  voted.sort((a, b) => (b.note.votes ?? 0) - (a.note.votes ?? 0));
  return [
    '',
    '## Votes',
    '',
    ...voted.map(({ note, zone }) => `- ${dots(note.votes ?? 0)}: ${escapeMarkdown(note.text) || '*(empty note)*'} (${escapeMarkdown(zone)})`),
  ];
}

/**
 * A record as a Markdown document: title, label and date, then a heading and bullets per zone
 * (`- text — author (added by …) · n dots`), then, when there are any, the links table and the
 * vote totals. Every piece of board text is escaped.
 */
export function recordToMarkdown(record: BoardRecord): string {
  const lines: string[] = [
    `# ${escapeMarkdown(record.title)}`,
    '',
    `**${escapeMarkdown(record.label)}** — ${formatRecordDate(record.createdAt)}`,
  ];
  for (const zone of record.zones) {
    lines.push('', `## ${escapeMarkdown(zone.title)}`, '');
    const prompt = escapeMarkdown(zone.prompt);
    if (prompt) lines.push(`*${prompt}*`, '');
    if (zone.notes.length === 0) lines.push('*(no notes)*');
    for (const note of zone.notes) lines.push(noteLine(note.text, note.author, note.addedBy, note.votes));
  }
  lines.push(...linksTable(record), ...voteTotals(record));
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
