import type { NoteView } from '../../../shared/board/note';
import { handleRect, noteAt, pointInRect } from '../hitTest';
import { connectorAt, deleteButton, inCircle, linkHandle, type Connector, type Point } from '../linkGeometry';
import { voteButtonAt } from '../voteGeometry';

/** What a press lands on, in the order the canvas draws its controls above the notes. */
export type HitTarget =
  | { kind: 'link-delete'; linkId: string }
  | { kind: 'link-handle'; note: NoteView }
  | { kind: 'resize-handle'; note: NoteView }
  | { kind: 'vote-button'; noteId: string; delta: 1 | -1 }
  | { kind: 'more'; note: NoteView }
  | { kind: 'note'; note: NoteView }
  | { kind: 'link'; linkId: string }
  | { kind: 'board' };

/** What is drawn where, as the canvas shows it at the moment of the press. */
export interface HitContext {
  /** The notes in stacking order, newest last. */
  notes: readonly NoteView[];
  scale: number;
  /** The connectors drawn now. */
  connectors: readonly Connector[];
  /** The selected connector when its delete button is drawn (links may be deleted here). */
  deletableLink: Connector | null;
  /** The single selected note whose link handle is drawn. */
  linkSource: NoteView | null;
  /** The single selected note whose resize handle is drawn. */
  resizable: NoteView | null;
  /** This voter's dots per note while the notes' dot buttons are drawn; null when they are not. */
  voteButtons: ReadonlyMap<string, number> | null;
  /** Whether a board point is on a note's "+ more" marker (it depends on the note's text layout). */
  onMoreMarker(note: NoteView, point: Point, scale: number): boolean;
}

/**
 * The one place that says which control wins where several overlap: the small controls drawn over
 * a note (a link's delete button, the link handle, the resize handle, the dot buttons, "+ more")
 * before the note itself, and a note before a connector running under it.
 */
export function hitTarget(point: Point, context: HitContext): HitTarget {
  const { scale, deletableLink, linkSource, resizable, voteButtons } = context;
  if (deletableLink && inCircle(point, deleteButton(deletableLink, scale), 1.2)) return { kind: 'link-delete', linkId: deletableLink.id };
  if (linkSource && inCircle(point, linkHandle(linkSource, scale))) return { kind: 'link-handle', note: linkSource };
  if (resizable && pointInRect(point, handleRect(resizable, scale))) return { kind: 'resize-handle', note: resizable };
  if (voteButtons) {
    const button = voteButtonAt(context.notes, point, scale, voteButtons);
    if (button) return { kind: 'vote-button', ...button };
  }
  const note = noteAt(context.notes, point);
  if (note) return context.onMoreMarker(note, point, scale) ? { kind: 'more', note } : { kind: 'note', note };
  const link = connectorAt(context.connectors, point, scale);
  return link ? { kind: 'link', linkId: link.id } : { kind: 'board' };
}
