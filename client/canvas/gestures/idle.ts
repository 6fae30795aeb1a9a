import type { NoteView } from '../../../shared/board/note';
import { noteAt } from '../hitTest';
import { openAt, type TapTracker } from './doubleTap';
import { hitTarget, type HitTarget } from './hitTarget';
import { startLinkDrag } from './linkDrag';
import { startMarquee } from './marquee';
import { startMoreMarker } from './moreMarker';
import { startPan } from './pan';
import { startPinch } from './pinch';
import { startPress } from './press';
import { startResize } from './resize';
import type { Gesture, GestureContext, PointerInput } from './types';

/**
 * The canvas at rest, when a pointer goes down: the gesture that the pointer, its button and what
 * it lands on (hitTarget) call for, or `null` for a click that is done on the spot (a dot, a link
 * selected or deleted, a note toggled in the selection).
 */
export function startGesture(input: PointerInput, context: GestureContext, taps: TapTracker): Gesture | null {
  // A second finger turns whatever the first started into a pinch (the canvas cancels that first).
  if (input.pointers.length === 2) return startPinch(input.pointers, context.viewport);
  if (input.pointers.length > 2) return null;
  if (input.pointerType === 'touch' && taps.isDoubleTap(input.screen, input.time)) {
    openAt(input.board, context);
    return null;
  }
  if (input.button === 1 || context.panMode) return startPan(input.screen, context.viewport);
  if (input.button === 2) {
    // Right-click takes one of your dots back off a note while a vote runs.
    const note = context.canVote ? noteAt(context.notes, input.board) : null;
    if (note) context.vote(note.id, -1);
    return null;
  }
  if (input.button !== 0) return null;
  const target = hitTarget(input.board, context.hit);
  return context.readOnly ? pressReadOnly(target, input, context) : pressOn(target, input, context);
}

/** A board only to look at: a note's full text still opens and a finger still pans; nothing is selected. */
function pressReadOnly(target: HitTarget, input: PointerInput, context: GestureContext): Gesture | null {
  if (target.kind === 'more') return startMoreMarker(target.note.id);
  if (target.kind === 'board' && input.pointerType === 'touch') return startPan(input.screen, context.viewport);
  return null;
}

function pressOn(target: HitTarget, input: PointerInput, context: GestureContext): Gesture | null {
  switch (target.kind) {
    case 'link-delete':
      context.deleteLink(target.linkId);
      context.selectLink(null);
      return null;
    case 'link-handle':
      return startLinkDrag(target.note.id, input.board, context);
    case 'resize-handle':
      return startResize(target.note, input.board);
    case 'vote-button':
      context.vote(target.noteId, target.delta);
      return null;
    case 'more': {
      // Shift+click on the marker adds the note to the selection like anywhere else on it.
      if (input.shiftKey) return pressNote(target.note, input, context);
      const { selection } = context;
      context.selectLink(null);
      if (!selection.has(target.note.id) || selection.size > 1) context.select([target.note.id]);
      return startMoreMarker(target.note.id);
    }
    case 'note':
      return pressNote(target.note, input, context);
    case 'link':
      context.selectLink(target.linkId);
      if (context.selection.size > 0) context.select([]);
      return null;
    case 'board':
      return pressBoard(input, context);
  }
}

function pressNote(note: NoteView, input: PointerInput, context: GestureContext): Gesture | null {
  const { selection } = context;
  if (context.canVote && input.altKey) {
    context.vote(note.id, input.shiftKey ? -1 : 1);
    return null;
  }
  context.selectLink(null);
  if (input.shiftKey) {
    const next = new Set(selection);
    if (next.has(note.id)) next.delete(note.id);
    else next.add(note.id);
    context.select([...next]);
    return null;
  }
  const ids = selection.has(note.id) ? [...selection] : [note.id];
  if (!selection.has(note.id)) context.select(ids);
  return context.canEdit ? startPress(input.screen, input.board, ids) : null;
}

function pressBoard(input: PointerInput, context: GestureContext): Gesture | null {
  const { selection } = context;
  context.selectLink(null);
  if (input.pointerType === 'touch') {
    // One finger on empty board pans, as on every map a phone user knows.
    if (!input.shiftKey) context.select([]);
    return startPan(input.screen, context.viewport);
  }
  const base = input.shiftKey ? [...selection] : [];
  if (!input.shiftKey && selection.size > 0) context.select([]);
  return startMarquee(input.board, base);
}
