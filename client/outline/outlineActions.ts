import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import type { VoteView } from '../../shared/board/votes';
import type { Zone } from '../../shared/board/zones';

/** The outline's gestures, each one model command; refusals are announced, not thrown. */
export interface OutlineActions {
  /** Returns whether the note was added (the form clears only then). */
  addNote(zone: Zone, text: string, forName: string): boolean;
  setText(note: NoteView, text: string): void;
  move(note: NoteView, zone: Zone): void;
  /** `focusAfter` is the focus key of what should take focus once the note's controls are gone. */
  remove(note: NoteView, focusAfter: string): void;
  addDot(note: NoteView): void;
  removeDot(note: NoteView): void;
  /** Returns whether the link was made. */
  link(from: NoteView, to: NoteView): boolean;
  unlink(link: LinkView, from: NoteView, to: NoteView): void;
  /** Shows or hides a note's less frequent actions; kept per note id so it survives a move to another zone. */
  setActionsOpen(noteId: string, open: boolean): void;
  /** This person started (id) or stopped (null) editing a note's text, for others' presence. */
  editing(id: string | null): void;
}

/** The running (or last) vote as this person sees it. */
export interface OutlineVote {
  vote: VoteView | null;
  /** This person's dots per note id. */
  mine: ReadonlyMap<string, number>;
  left: number;
}
