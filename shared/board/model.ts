import type * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../protocol/origins';
import * as links from './commands/links';
import * as meeting from './commands/meeting';
import * as meta from './commands/meta';
import * as notes from './commands/notes';
import type { NewNote, NoteImport, NoteMove } from './commands/notes';
import * as votes from './commands/votes';
import type { LinkKind } from './links';
import type { Phase } from './meeting';
import type { NoteView } from './note';
import { BoardStore } from './store/boardStore';
import { BoardHistory } from './store/history';
import type { BoardState } from './store/boardState';
import type { Zone } from './zones';

// The model's public types stay importable from here (docs/format.md, clients, tests).
export { BoardCommandError, BOARD_COMMAND_ERROR_CODES, type BoardCommandErrorCode } from './commandError';
export type { NewNote, NoteImport, NoteMove } from './commands/notes';
export type { BoardState } from './store/boardState';

export interface BoardModelOptions {
  /** Transaction origin of this model's edits; defaults to LOCAL_ORIGIN. */
  origin?: unknown;
  /** Track this model's own edits for undo/redo (a person's client); servers and tools leave it off. */
  undo?: boolean;
  /**
   * The current time in server-clock milliseconds, used for every timestamp the model writes
   * (notes, links, votes, timer, private round). Defaults to `Date.now`; a client passes one
   * corrected by its measured offset from the server, so the shared timer agrees across devices.
   */
  now?: () => number;
}

/**
 * The typed model over one board's Y.Doc: the one door through which interfaces change a board.
 * Each method is one user gesture: it checks its input (throwing BoardCommandError, with a `code`,
 * and changing nothing), then makes exactly one transaction tagged with the model's origin, so undo
 * works per gesture. Readers use `subscribe`/`getSnapshot` (React's useSyncExternalStore names), which
 * returns the current `BoardState`.
 *
 * The work is done elsewhere: `store/` keeps the board's state, `commands/` holds the commands by record
 * type (notes, links, votes, meeting, meta), beside their readers (note.ts, links.ts, votes.ts…).
 */
export class BoardModel {
  readonly doc: Y.Doc;
  private readonly store: BoardStore;
  private readonly undoHistory: BoardHistory | null;

  constructor(doc: Y.Doc, options: BoardModelOptions = {}) {
    this.doc = doc;
    const origin = options.origin ?? LOCAL_ORIGIN;
    // Before the store, so the undo stack is current when the store's listeners run.
    this.undoHistory = options.undo ? new BoardHistory(doc, origin) : null;
    this.store = new BoardStore(doc, { origin, now: options.now ?? Date.now });
  }

  destroy(): void {
    this.store.destroy();
    this.undoHistory?.destroy();
  }

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  getSnapshot = (): BoardState => this.store.getSnapshot();

  getNote(id: string): NoteView | undefined {
    return notes.getNote(this.store, id);
  }

  // Notes.

  addNote(input: NewNote): string {
    return notes.addNote(this.store, input);
  }

  /**
   * Adds several notes as one gesture (one transaction, one undo step), in the given order; notes
   * without a position go to the first free spot of their zone, clear of each other. An input whose
   * id is already on the board (or earlier in the list) is skipped, which makes re-adding the same
   * batch harmless. Any invalid input refuses the whole batch. Returns the ids added.
   */
  addNotes(inputs: readonly NoteImport[]): string[] {
    return notes.addNotes(this.store, inputs);
  }

  moveNote(id: string, x: number, y: number): void {
    notes.moveNotes(this.store, [{ id, x, y }]);
  }

  /** Moves several notes as one gesture (one undo step); each note's zone follows its new position. */
  moveNotes(moves: readonly NoteMove[]): void {
    notes.moveNotes(this.store, moves);
  }

  /** Moves a note into another zone at the first free spot there (keyboard and outline gesture). */
  setNoteZone(id: string, zone: Zone): void {
    notes.setNoteZone(this.store, id, zone);
  }

  setNoteText(id: string, text: string): void {
    notes.setNoteText(this.store, id, text);
  }

  setNoteColor(id: string, color: string): void {
    notes.setNoteColor(this.store, id, color);
  }

  /** Marks notes large (their text sized on its own, as large as it fits) or back to their zone's size. */
  setNotesLarge(ids: readonly string[], large: boolean): void {
    notes.setNotesLarge(this.store, ids, large);
  }

  resizeNote(id: string, w: number, h: number): void {
    notes.resizeNote(this.store, id, w, h);
  }

  deleteNote(id: string): void {
    notes.deleteNotes(this.store, [id]);
  }

  /**
   * Deletes several notes as one gesture; ids that are already gone are skipped. Links touching
   * those notes are deleted in the same transaction, so one undo brings both back.
   */
  deleteNotes(ids: readonly string[]): void {
    notes.deleteNotes(this.store, ids);
  }

  // Board: title and prompts.

  setTitle(title: string): void {
    meta.setTitle(this.store, title);
  }

  setZonePrompt(zone: Zone, prompt: string): void {
    meta.setZonePrompt(this.store, zone, prompt);
  }

  // Links.

  /**
   * Links two notes: `served-by` from a note in `need` to one in `there`, `can-serve` from a note
   * in `who` to one in `need`. Without `kind` it follows from the notes' zones. Refuses unknown
   * notes, a note linked to itself, a pair of zones the kind does not join, and a link that already
   * exists (same from, to and kind). Returns the new link's id.
   */
  addLink(from: string, to: string, kind?: LinkKind, author = ''): string {
    return links.addLink(this.store, from, to, kind, author);
  }

  /** Deletes a link; a link that is already gone is skipped (someone else may have removed it). */
  deleteLink(id: string): void {
    links.deleteLink(this.store, id);
  }

  // Meeting: phases.

  /** Moves the meeting to a phase (which highlights its zone, see PHASE_ZONES), or out of the agenda. */
  setPhase(phase: Phase | null): void {
    meeting.setPhase(this.store, phase);
  }

  // Meeting: dot voting.

  /**
   * Starts a vote with `budget` dots per person (an integer 1–20), clearing every note's dots from
   * any earlier vote. Refused while a vote is running.
   */
  startVote(budget: number): void {
    votes.startVote(this.store, budget);
  }

  /** Lets everyone see the totals (during or after the vote). Refused when there has been no vote. */
  revealVotes(): void {
    votes.revealVotes(this.store);
  }

  /** Closes the vote: no more dots may be cast or removed. The dots stay (records list them). */
  endVote(): void {
    votes.endVote(this.store);
  }

  /** Puts one of the voter's dots on a note. Refused when no vote is running or the voter has none left. */
  castVote(noteId: string, voterId: string): void {
    votes.castVote(this.store, noteId, voterId);
  }

  /** Takes one of the voter's dots back off a note. Refused when no vote is running or they have none there. */
  removeVote(noteId: string, voterId: string): void {
    votes.removeVote(this.store, noteId, voterId);
  }

  /** Dots the voter may still place in the running vote (0 when none is running). */
  votesLeft(voterId: string): number {
    return this.store.getSnapshot().votesLeft(voterId);
  }

  // Meeting: timer.

  /** Starts the shared countdown at `durationMs` (1 s to 4 h), replacing any timer. */
  startTimer(durationMs: number): void {
    meeting.startTimer(this.store, durationMs);
  }

  /** Stops the countdown where it is. Refused unless it is running. */
  pauseTimer(): void {
    meeting.pauseTimer(this.store);
  }

  /** Continues a paused countdown from what was left. Refused unless it is paused with time left. */
  resumeTimer(): void {
    meeting.resumeTimer(this.store);
  }

  /** Stops the countdown and sets it back to its full duration. Refused when there is no timer. */
  resetTimer(): void {
    meeting.resetTimer(this.store);
  }

  /** Removes the timer from everyone's screen. */
  clearTimer(): void {
    meeting.clearTimer(this.store);
  }

  // Meeting: shared screen.

  /**
   * How the shared screen goes through the zones when it cannot show every note legibly at once:
   * every `seconds` (an integer 5–600), or, with `null`, following the phase's zone.
   */
  setDisplayCycle(seconds: number | null): void {
    meeting.setDisplayCycle(this.store, seconds);
  }

  // Meeting: private writing.

  /** Starts a private-writing round and returns its id. Refused while one is running. */
  startPrivateRound(): string {
    return meeting.startPrivateRound(this.store);
  }

  /** Ends the round: every client then commits its drafts (privateDrafts.ts). Refused unless one is running. */
  revealPrivateRound(): void {
    meeting.revealPrivateRound(this.store);
  }

  // Undo (own edits only).

  undo(): void {
    this.history().undo();
  }

  redo(): void {
    this.history().redo();
  }

  canUndo(): boolean {
    return this.history().canUndo();
  }

  canRedo(): boolean {
    return this.history().canRedo();
  }

  /** Ends the current undo step, so the next edit is undone separately even if it follows quickly. */
  stopCapturing(): void {
    this.history().stopCapturing();
  }

  /** Whether this model tracks its own edits for undo (`{ undo: true }`); the other undo methods throw otherwise. */
  get tracksUndo(): boolean {
    return this.undoHistory !== null;
  }

  private history(): BoardHistory {
    if (!this.undoHistory) throw new Error('this BoardModel was created without { undo: true }');
    return this.undoHistory;
  }
}
