import { useCallback, useRef, useState } from 'react';
import { DEFAULT_NOTE_COLOR } from '../../shared/board/colors';
import { DEFAULT_NOTE_HEIGHT, DEFAULT_NOTE_WIDTH } from '../../shared/board/note';
import { BOARD_WIDTH, ZONE_HEADER_HEIGHT, zoneAtX, type Zone } from '../../shared/board/zones';
import { useBoard } from '../board/BoardContext';
import { toBoard, type Viewport } from '../canvas/viewport';
import type { DraftRequest } from '../meeting/PrivateWriting';
import { usePrivateDrafts, type PrivateDrafts } from '../meeting/usePrivateDrafts';

export interface NoteCreation {
  /** The colour new notes get (and the toolbar shows). */
  readonly color: string;
  setColor(color: string): void;
  /** This person's private drafts; a running round turns new notes into drafts. */
  readonly drafts: PrivateDrafts;
  /** The last request to write a draft, for the private-writing panel to answer. */
  readonly draftRequest: DraftRequest | null;
  /**
   * A new note in `zone` (else the zone in the middle of the screen, else the last one used), at
   * `point` if given, opened in the editor; during private writing, a request for a draft instead.
   */
  addNote(point?: { x: number; y: number }, zone?: Zone): void;
}

interface NoteCreationInput {
  boardId: string;
  author: string;
  canEdit: boolean;
  viewport: Viewport;
  size: { width: number; height: number };
  startEditing(id: string): void;
}

/** New notes from N, the toolbar's "+ Note" and a double-click on the canvas. */
export function useNoteCreation({ boardId, author, canEdit, viewport, size, startEditing }: NoteCreationInput): NoteCreation {
  const { model } = useBoard();
  const [color, setColor] = useState<string>(DEFAULT_NOTE_COLOR);
  const drafts = usePrivateDrafts(boardId, author, color);
  const [draftRequest, setDraftRequest] = useState<DraftRequest | null>(null);
  const lastZone = useRef<Zone>('who');

  const addNote = useCallback(
    (point?: { x: number; y: number }, zone?: Zone) => {
      if (!canEdit) return;
      let target = zone;
      if (!target) {
        const centre = toBoard(viewport, { x: size.width / 2, y: size.height / 2 });
        target = centre.x >= 0 && centre.x <= BOARD_WIDTH ? zoneAtX(centre.x) : lastZone.current;
      }
      lastZone.current = target;
      // During private writing a new note is a draft in this browser, written in the private panel.
      if (drafts.round) {
        const zoneForDraft = target;
        setDraftRequest((current) => ({ zone: zoneForDraft, seq: (current?.seq ?? 0) + 1 }));
        return;
      }
      const placed = point
        ? { x: Math.round(point.x - DEFAULT_NOTE_WIDTH / 2), y: Math.round(Math.max(point.y - DEFAULT_NOTE_HEIGHT / 2, ZONE_HEADER_HEIGHT)) }
        : {};
      model.stopCapturing();
      const id = model.addNote({ zone: target, author, color, ...placed });
      model.stopCapturing();
      startEditing(id);
    },
    [canEdit, viewport, size, model, author, color, startEditing, drafts.round],
  );

  return { color, setColor, drafts, draftRequest, addNote };
}
