import type { BoardModel, BoardState } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import { toRecord, type RecordHeader } from '../../shared/board/record';
import { diffRecords, type RecordDiff } from '../../shared/board/recordDiff';
import { t } from '../i18n';

/** How a note shown in a comparison changed; a note can be both edited and moved to another zone. */
export interface NoteChange {
  readonly edited: boolean;
  readonly moved: boolean;
}

/** What the canvas marks in a comparison, by note id, over the later board's notes. */
export interface CompareMarks {
  /** Outlined green. */
  readonly added: ReadonlySet<string>;
  /** Outlined amber with a badge. */
  readonly changed: ReadonlyMap<string, NoteChange>;
  /** Notes of the earlier board that are gone, drawn ghosted where they were. */
  readonly removed: readonly NoteView[];
}

export interface Comparison {
  readonly diff: RecordDiff;
  readonly marks: CompareMarks;
}

/** The canvas marks of a diff; `fromNotes` are the earlier board's notes, which still know their place. */
export function compareMarks(diff: RecordDiff, fromNotes: readonly NoteView[]): CompareMarks {
  const changed = new Map<string, NoteChange>();
  for (const edit of diff.edited) changed.set(edit.id, { edited: true, moved: false });
  for (const move of diff.moved) changed.set(move.id, { edited: changed.get(move.id)?.edited ?? false, moved: true });
  const removedIds = new Set(diff.removed.map((note) => note.id));
  return {
    added: new Set(diff.added.map((note) => note.id)),
    changed,
    removed: fromNotes.filter((note) => removedIds.has(note.id)),
  };
}

/** "1 added, 0 removed, 2 edited, 0 moved". */
export function diffCounts(diff: RecordDiff): string {
  return t('records.counts', { added: diff.added.length, removed: diff.removed.length, edited: diff.edited.length, moved: diff.moved.length });
}

/** The badge on a changed note. */
export function changeBadge(change: NoteChange): string {
  return [change.edited ? t('records.badgeEdited') : '', change.moved ? t('records.badgeMoved') : ''].filter(Boolean).join(' · ');
}

/** One side of a comparison: a board model and the header its record is named by. */
export interface CompareSide {
  model: BoardModel;
  header: RecordHeader;
}

/**
 * Compares two boards note by note, with the same `diffRecords` the server's diff route uses.
 * Results are kept for the last pair of board states, so the summary and the canvas marks, which both
 * ask after every live change, compute it once.
 */
export function createComparer(): (from: CompareSide, to: CompareSide) => Comparison {
  let last: { from: BoardState; to: BoardState; result: Comparison } | null = null;
  return (from, to) => {
    const fromState = from.model.getSnapshot();
    const toState = to.model.getSnapshot();
    if (last && last.from === fromState && last.to === toState) return last.result;
    const diff = diffRecords(toRecord(from.model.doc, from.header), toRecord(to.model.doc, to.header));
    const result = { diff, marks: compareMarks(diff, fromState.notes) };
    last = { from: fromState, to: toState, result };
    return result;
  };
}
