import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';

/** One link as a note's row shows it: the link and the note at its other end. */
export interface LinkedNote {
  readonly link: LinkView;
  readonly other: NoteView;
  /** Whether the link starts at the row's note (a need "served by…") or ends there ("serves the need…"). */
  readonly fromHere: boolean;
}

export type LinkedNotesByNote = ReadonlyMap<string, readonly LinkedNote[]>;

const NONE: readonly LinkedNote[] = [];

/** A note's links, never undefined (the same empty array for every note without links). */
export function linkedNotesOf(byNote: LinkedNotesByNote, noteId: string): readonly LinkedNote[] {
  return byNote.get(noteId) ?? NONE;
}

function sameEntries(a: readonly LinkedNote[], b: readonly LinkedNote[]): boolean {
  return a.length === b.length && a.every((entry, index) => entry === b[index]);
}

/**
 * Each note's links with the notes at their other ends, built in one pass over the links. A note's
 * list (and each entry) keeps its identity from `previous` while its links and the notes they reach
 * are unchanged, so editing one note re-renders only its row and the rows of notes linked to it.
 */
export function linkedNotesByNote(links: readonly LinkView[], byId: ReadonlyMap<string, NoteView>, previous: LinkedNotesByNote): Map<string, readonly LinkedNote[]> {
  const next = new Map<string, LinkedNote[]>();
  const add = (noteId: string, link: LinkView, otherId: string, fromHere: boolean) => {
    const other = byId.get(otherId);
    if (!other) return;
    const list = next.get(noteId) ?? [];
    const index = list.length;
    const before = previous.get(noteId)?.[index];
    list.push(before && before.link === link && before.other === other ? before : { link, other, fromHere });
    next.set(noteId, list);
  };
  for (const link of links) {
    add(link.from, link, link.to, true);
    add(link.to, link, link.from, false);
  }
  const result = new Map<string, readonly LinkedNote[]>();
  for (const [noteId, list] of next) {
    const before = previous.get(noteId);
    result.set(noteId, before && sameEntries(before, list) ? before : list);
  }
  return result;
}
