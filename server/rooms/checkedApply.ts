import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Root } from '../../shared/board/meta';
import type { Limits } from '../config';
import { Refusal } from './refusal';
import { OutcomeCheck } from './outcomeCheck';
import type { UpdatePlan, Writer } from './updateGuard';

/** What applying a checked update did to the doc. */
export interface AppliedUpdate {
  /** The doc updates it caused (the update, and its undoing if a check failed) merged into one; null if none. */
  readonly caused: Uint8Array | null;
  /** Why it was undone, or null if it stands. */
  readonly refusal: Refusal | null;
}

/**
 * Applies an update that passed the checks made before applying (updateGuard), then checks the
 * board as it leaves it (outcomeCheck). If one of those fails, the update is undone at once, within
 * the same tick, so the stored row and the forwarded message hold the update and its undoing merged
 * into one, and no connection or row ever holds the broken state.
 */
export class CheckedApply {
  private readonly reverter: Y.UndoManager;
  private readonly outcome: OutcomeCheck;
  /** While an update is applied and checked, the doc updates it causes are collected here. */
  private captured: Uint8Array[] | null = null;

  /** Reads the doc: create it once the board is loaded. */
  constructor(
    private readonly doc: Y.Doc,
    limits: Pick<Limits, 'maxNotesPerBoard' | 'maxLinksPerBoard'>,
  ) {
    this.reverter = new Y.UndoManager(
      [Root.Meta, Root.Notes, Root.Links, Root.Meeting].map((name) => doc.getMap(name)),
      { trackedOrigins: new Set<unknown>(), captureTimeout: 0 },
    );
    this.outcome = new OutcomeCheck(doc, limits);
  }

  /** Edits from this origin (a writer's connection) can be undone. */
  track(origin: unknown): void {
    this.reverter.trackedOrigins.add(origin);
  }

  untrack(origin: unknown): void {
    this.reverter.trackedOrigins.delete(origin);
  }

  /** For the doc's update listener: true if the update belongs to the apply in progress (and is kept). */
  capture(update: Uint8Array): boolean {
    if (!this.captured) return false;
    this.captured.push(update);
    return true;
  }

  apply(origin: unknown, update: Uint8Array, plan: UpdatePlan, writer: Writer): AppliedUpdate {
    const captured: Uint8Array[] = [];
    this.captured = captured;
    let refusal: Refusal | null = null;
    try {
      Y.applyUpdate(this.doc, update, origin);
      const store = this.doc.store;
      refusal = store.pendingStructs !== null || store.pendingDs !== null
        ? new Refusal(CloseCode.NeedsResync, 'update depends on changes the server does not have')
        : this.outcome.check(plan, writer);
    } catch (error) {
      refusal = new Refusal(CloseCode.MalformedMessage, `update could not be applied: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (refusal && this.reverter.canUndo()) this.reverter.undo();
      this.reverter.clear();
      // What could not be integrated must not wait to be completed by a later message.
      this.doc.store.pendingStructs = null;
      this.doc.store.pendingDs = null;
      this.captured = null;
    }
    const caused = captured.length === 0 ? null : captured.length === 1 ? captured[0]! : Y.mergeUpdates(captured);
    return { caused, refusal };
  }

  destroy(): void {
    this.reverter.destroy();
  }
}
