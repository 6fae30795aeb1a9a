import * as Y from 'yjs';
import { Root } from '../meta';

/** Undo and redo of one store's own edits (a person's client); other people's edits are never undone. */
export class BoardHistory {
  private readonly undoManager: Y.UndoManager;

  /**
   * Made before the BoardStore of the same doc, so that the undo stack is up to date by the time the
   * store tells its listeners about a transaction (they ask `canUndo`).
   */
  constructor(doc: Y.Doc, origin: unknown) {
    // Links are tracked so that deleting a note and its links is undone as one; the meeting root
    // so that undoing `startVote` also brings back the dots it cleared.
    this.undoManager = new Y.UndoManager([doc.getMap(Root.Notes), doc.getMap(Root.Meta), doc.getMap(Root.Links), doc.getMap(Root.Meeting)], {
      trackedOrigins: new Set([origin]),
      captureTimeout: 400,
    });
  }

  undo(): void {
    this.undoManager.undo();
  }

  redo(): void {
    this.undoManager.redo();
  }

  canUndo(): boolean {
    return this.undoManager.canUndo();
  }

  canRedo(): boolean {
    return this.undoManager.canRedo();
  }

  /** Ends the current undo step, so the next edit is undone separately even if it follows quickly. */
  stopCapturing(): void {
    this.undoManager.stopCapturing();
  }

  destroy(): void {
    this.undoManager.destroy();
  }
}
