import { ZONE_HEADER_HEIGHT, zoneAtX } from '../../../shared/board/zones';
import { noteAt } from '../hitTest';
import type { Point } from '../linkGeometry';
import type { GestureContext } from './types';

/** Two taps closer in time (ms) and place (CSS px) than this are a double tap, as a double click is. */
const DOUBLE_TAP_MS = 350;
const DOUBLE_TAP_DISTANCE = 30;

export interface TapTracker {
  /** Records a touch press; true when it completes a double tap (the next tap then starts afresh). */
  isDoubleTap(point: Point, time: number): boolean;
}

/** Touch screens send no dblclick that the canvas can rely on, so taps are timed here. */
export function createTapTracker(): TapTracker {
  let last: { time: number; point: Point } | null = null;
  return {
    isDoubleTap(point, time) {
      if (last && time - last.time < DOUBLE_TAP_MS && Math.hypot(last.point.x - point.x, last.point.y - point.y) < DOUBLE_TAP_DISTANCE) {
        last = null;
        return true;
      }
      last = { time, point };
      return false;
    },
  };
}

/** What a double click or a double tap at a board point opens: the note's editor, the zone's prompts from its header, or a new note. */
export function openAt(point: Point, context: GestureContext): void {
  if (context.readOnly) return;
  const hit = noteAt(context.notes, point);
  if (hit) {
    context.editNote(hit.id);
    return;
  }
  const zone = zoneAtX(point.x);
  if (point.y >= 0 && point.y < ZONE_HEADER_HEIGHT) context.editPrompt(zone);
  else if (context.canEdit) context.addNoteAt(point, zone);
}
