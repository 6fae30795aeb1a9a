import type { LinkView } from '../../shared/board/links';
import type { BoardAction } from '../actions/types';
import type { NoteView } from '../../shared/board/note';
import type { Zone } from '../../shared/board/zones';

/**
 * The outline's gestures, each one model command; refusals are announced, not thrown. The object
 * keeps its identity for the life of the outline, so passing it to every row costs no re-render.
 */
export interface OutlineActions {
  /** Returns whether the note was added (the form clears only then). */
  addNote(zone: Zone, text: string, forName: string): boolean;
  setText(note: NoteView, text: string): void;
  move(note: NoteView, zone: Zone): void;
  /** Focus goes to the note's neighbour in its zone, or to the zone's heading when it was the last. */
  remove(note: NoteView): void;
  addDot(note: NoteView): void;
  removeDot(note: NoteView): void;
  /** Runs a registered action (client/actions) on this note, as its menu item. */
  run(action: BoardAction, note: NoteView): void;
  /** Opens the link picker (one dialog for the outline) for this note. */
  openLinkPicker(note: NoteView): void;
  /** Returns whether the link was made. */
  link(from: NoteView, to: NoteView): boolean;
  unlink(link: LinkView, note: NoteView, other: NoteView): void;
  /** Shows or hides a note's less frequent actions; kept per note id so it survives a move to another zone. */
  setActionsOpen(noteId: string, open: boolean): void;
  /** This person started (id) or stopped (null) editing a note's text, for others' presence. */
  editing(id: string | null): void;
}
