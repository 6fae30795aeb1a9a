import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { LOCAL_ORIGIN } from '../protocol/origins';
import { DEFAULT_NOTE_COLOR, isHexColor } from './colors';
import { MAX_PROMPT_LENGTH, MAX_TITLE_LENGTH, MetaField, Root, readMeta, type BoardMeta } from './meta';
import {
  DEFAULT_NOTE_HEIGHT,
  DEFAULT_NOTE_WIDTH,
  MAX_AUTHOR_LENGTH,
  MAX_NOTE_SIZE,
  MAX_NOTE_TEXT,
  MIN_NOTE_SIZE,
  NoteField,
  readNote,
  type NoteView,
} from './note';
import { isValidId } from '../protocol/ids';
import { LINK_ZONES, LinkField, inferLinkKind, isLinkKind, readLink, selectLinks, type LinkKind, type LinkView } from './links';
import {
  EMPTY_MEETING,
  MAX_TIMER_MS,
  MIN_TIMER_MS,
  MeetingField,
  PrivateRoundField,
  TimerField,
  isPhase,
  readMeeting,
  timerRemaining,
  type MeetingView,
  type Phase,
} from './meeting';
import { findFreeSpot } from './placement';
import { NoteIndex } from './noteIndex';
import { replaceText } from './text';
import {
  MAX_VOTE_BUDGET,
  MIN_VOTE_BUDGET,
  VoteField,
  isVoteBudget,
  isVoterId,
  readBallot,
  votesLeftIn,
  votesOf,
} from './votes';
import { isZone, zoneOfRect, type Rect, type Zone } from './zones';

/** A command was given input that the document format does not allow; nothing was changed. */
export class BoardCommandError extends Error {
  override readonly name = 'BoardCommandError';
}

/** What React and other readers render. Unchanged notes keep their object identity between snapshots. */
export interface BoardSnapshot {
  readonly meta: BoardMeta;
  /** Valid notes in stacking order (oldest first, so newer notes draw on top). */
  readonly notes: readonly NoteView[];
  readonly byId: NoteIndex;
  /** Valid links only (both notes exist; duplicates collapsed), oldest first. Kept while unchanged. */
  readonly links: readonly LinkView[];
  /** Phase, vote, timer and private round. Kept (same object) while the meeting root is unchanged. */
  readonly meeting: MeetingView;
  /** One voter's dots per note id (notes they left alone are absent). */
  votesBy(voterId: string): ReadonlyMap<string, number>;
  /** Dots the voter may still place: 0 when no vote is active, never negative. */
  votesLeft(voterId: string): number;
}

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

export interface NewNote {
  zone: Zone;
  author: string;
  text?: string;
  color?: string;
  /** Top-left corner in board coordinates; omitted means the first free spot in the zone. */
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  /** Who typed the note in, when it is not `author` (a leader writing for someone without a device). */
  addedBy?: string;
}

/** A note added with a chosen id and time, as `addNotes` takes them (private drafts, imports). */
export interface NoteImport extends NewNote {
  /** A nanoid-style id (`[A-Za-z0-9_-]{21,64}`); omitted means a fresh one. */
  id?: string;
  /** Milliseconds since the epoch; omitted means now. */
  createdAt?: number;
}

export interface NoteMove {
  id: string;
  x: number;
  y: number;
}

function checkCoordinate(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new BoardCommandError(`${name} must be a finite number`);
}

function checkSize(name: string, value: number): void {
  checkCoordinate(name, value);
  if (value < MIN_NOTE_SIZE || value > MAX_NOTE_SIZE) {
    throw new BoardCommandError(`${name} must be between ${MIN_NOTE_SIZE} and ${MAX_NOTE_SIZE}`);
  }
}

function checkText(text: string): void {
  if (typeof text !== 'string') throw new BoardCommandError('text must be a string');
  if (text.length > MAX_NOTE_TEXT) throw new BoardCommandError(`text is longer than ${MAX_NOTE_TEXT} characters`);
}

function checkAuthor(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') throw new BoardCommandError(`${name} must be a string`);
}

function checkVoter(voterId: unknown): asserts voterId is string {
  if (!isVoterId(voterId)) throw new BoardCommandError('voterId must be a non-empty string of at most 100 characters');
}

function checkZone(zone: unknown): asserts zone is Zone {
  if (!isZone(zone)) throw new BoardCommandError(`unknown zone: ${String(zone)}`);
}

function stackingOrder(a: NoteView, b: NoteView): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}


type Ballots = ReadonlyMap<string, ReadonlyMap<string, number>>;

const NO_BALLOTS: Ballots = new Map();

/** A prepared note: checked input, ready to be written. */
interface NoteDraft {
  id: string;
  zone: Zone;
  text: string;
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
  author: string;
  createdAt: number;
  addedBy: string | undefined;
}

function makeSnapshot(
  parts: Pick<BoardSnapshot, 'meta' | 'notes' | 'byId' | 'links' | 'meeting'>,
  ballots: Ballots,
): BoardSnapshot {
  const byVoter = new Map<string, ReadonlyMap<string, number>>();
  const votesBy = (voterId: string): ReadonlyMap<string, number> => {
    let mine = byVoter.get(voterId);
    if (!mine) {
      mine = votesOf(ballots, voterId);
      byVoter.set(voterId, mine);
    }
    return mine;
  };
  return { ...parts, votesBy, votesLeft: (voterId) => votesLeftIn(parts.meeting.vote, votesBy(voterId)) };
}

function sameLink(a: LinkView, b: LinkView): boolean {
  return a.from === b.from && a.to === b.to && a.kind === b.kind && a.author === b.author && a.createdAt === b.createdAt;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * The typed model over one board's Y.Doc. Each method is one user gesture: it checks its input,
 * then makes exactly one transaction tagged with the model's origin, so undo works per gesture.
 * Readers use `subscribe`/`getSnapshot` (shaped for React's useSyncExternalStore).
 */
export class BoardModel {
  readonly doc: Y.Doc;
  private readonly notesMap: Y.Map<unknown>;
  private readonly metaMap: Y.Map<unknown>;
  private readonly linksMap: Y.Map<unknown>;
  private readonly meetingMap: Y.Map<unknown>;
  private readonly origin: unknown;
  private readonly now: () => number;
  private snapshot: BoardSnapshot;
  /** Note id → that note's valid votes, for the notes in `snapshot.byId`. Replaced, never mutated. */
  private ballots: Ballots = NO_BALLOTS;
  /** Link id → link whose own fields are valid (its notes may be gone); filtered into `snapshot.links`. */
  private readonly linkCandidates = new Map<string, LinkView>();
  private readonly dirtyNotes = new Set<string>();
  private readonly dirtyLinks = new Set<string>();
  private metaDirty = false;
  private meetingDirty = false;
  private readonly listeners = new Set<() => void>();
  private undoManager: Y.UndoManager | null = null;

  constructor(doc: Y.Doc, options: BoardModelOptions = {}) {
    this.doc = doc;
    this.origin = options.origin ?? LOCAL_ORIGIN;
    this.now = options.now ?? Date.now;
    this.notesMap = doc.getMap(Root.Notes);
    this.metaMap = doc.getMap(Root.Meta);
    this.linksMap = doc.getMap(Root.Links);
    this.meetingMap = doc.getMap(Root.Meeting);
    if (options.undo) {
      // Links are tracked so that deleting a note and its links is undone as one; the meeting root
      // so that undoing `startVote` also brings back the dots it cleared.
      this.undoManager = new Y.UndoManager([this.notesMap, this.metaMap, this.linksMap, this.meetingMap], {
        trackedOrigins: new Set([this.origin]),
        captureTimeout: 400,
      });
    }
    this.snapshot = this.readAll();
    this.notesMap.observeDeep(this.onNotesChanged);
    this.metaMap.observeDeep(this.onMetaChanged);
    this.linksMap.observeDeep(this.onLinksChanged);
    this.meetingMap.observeDeep(this.onMeetingChanged);
    doc.on('afterTransaction', this.onAfterTransaction);
  }

  destroy(): void {
    this.notesMap.unobserveDeep(this.onNotesChanged);
    this.metaMap.unobserveDeep(this.onMetaChanged);
    this.linksMap.unobserveDeep(this.onLinksChanged);
    this.meetingMap.unobserveDeep(this.onMeetingChanged);
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.undoManager?.destroy();
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BoardSnapshot => this.snapshot;

  getNote(id: string): NoteView | undefined {
    return this.snapshot.byId.get(id);
  }

  // --- notes ------------------------------------------------------------------------------------

  addNote(input: NewNote): string {
    const draft = this.prepareNote({ ...input, id: undefined, createdAt: undefined }, this.snapshot.notes);
    this.transact(() => this.writeNote(draft));
    return draft.id;
  }

  /**
   * Adds several notes as one gesture (one transaction, one undo step), in the given order; notes
   * without a position go to the first free spot of their zone, clear of each other. An input whose
   * id is already on the board (or earlier in the list) is skipped, which makes re-adding the same
   * batch harmless. Any invalid input refuses the whole batch. Returns the ids added.
   */
  addNotes(inputs: readonly NoteImport[]): string[] {
    const occupied: Rect[] = [...this.snapshot.notes];
    const seen = new Set<string>();
    const drafts: NoteDraft[] = [];
    for (const input of inputs) {
      if (input.id !== undefined && (this.notesMap.has(input.id) || seen.has(input.id))) continue;
      const draft = this.prepareNote(input, occupied);
      seen.add(draft.id);
      occupied.push(draft);
      drafts.push(draft);
    }
    if (drafts.length === 0) return [];
    this.transact(() => {
      for (const draft of drafts) this.writeNote(draft);
    });
    return drafts.map((draft) => draft.id);
  }

  moveNote(id: string, x: number, y: number): void {
    this.moveNotes([{ id, x, y }]);
  }

  /** Moves several notes as one gesture (one undo step); each note's zone follows its new position. */
  moveNotes(moves: readonly NoteMove[]): void {
    for (const move of moves) {
      checkCoordinate('x', move.x);
      checkCoordinate('y', move.y);
      this.requireNote(move.id);
    }
    this.transact(() => {
      for (const move of moves) {
        const note = this.requireNoteMap(move.id);
        const view = this.requireNote(move.id);
        note.set(NoteField.X, move.x);
        note.set(NoteField.Y, move.y);
        const zone = zoneOfRect({ x: move.x, y: move.y, w: view.w, h: view.h });
        if (zone !== view.zone) note.set(NoteField.Zone, zone);
      }
    });
  }

  /** Moves a note into another zone at the first free spot there (keyboard and outline gesture). */
  setNoteZone(id: string, zone: Zone): void {
    checkZone(zone);
    const view = this.requireNote(id);
    if (view.zone === zone) return;
    const others = this.snapshot.notes.filter((note) => note.id !== id);
    const { x, y } = findFreeSpot(zone, others, view.w, view.h);
    this.transact(() => {
      const note = this.requireNoteMap(id);
      note.set(NoteField.X, x);
      note.set(NoteField.Y, y);
      note.set(NoteField.Zone, zone);
    });
  }

  setNoteText(id: string, text: string): void {
    checkText(text);
    this.requireNote(id);
    const ytext = this.requireNoteMap(id).get(NoteField.Text);
    if (!(ytext instanceof Y.Text)) throw new BoardCommandError(`note ${id} has no text field`);
    this.transact(() => replaceText(ytext, text));
  }

  setNoteColor(id: string, color: string): void {
    if (!isHexColor(color)) throw new BoardCommandError(`color must be #rrggbb, got ${String(color)}`);
    const note = this.requireNoteMap(id);
    this.requireNote(id);
    this.transact(() => note.set(NoteField.Color, color.toLowerCase()));
  }

  /** Marks notes large (their text sized on its own, as large as it fits) or back to their zone's size. */
  setNotesLarge(ids: readonly string[], large: boolean): void {
    const maps = ids.map((id) => {
      this.requireNote(id);
      return this.requireNoteMap(id);
    });
    this.transact(() => {
      for (const note of maps) {
        if (large) note.set(NoteField.Large, true);
        else if (note.has(NoteField.Large)) note.delete(NoteField.Large);
      }
    });
  }

  resizeNote(id: string, w: number, h: number): void {
    checkSize('w', w);
    checkSize('h', h);
    const view = this.requireNote(id);
    const note = this.requireNoteMap(id);
    this.transact(() => {
      note.set(NoteField.W, w);
      note.set(NoteField.H, h);
      const zone = zoneOfRect({ x: view.x, y: view.y, w, h });
      if (zone !== view.zone) note.set(NoteField.Zone, zone);
    });
  }

  deleteNote(id: string): void {
    this.deleteNotes([id]);
  }

  /**
   * Deletes several notes as one gesture; ids that are already gone are skipped. Links touching
   * those notes are deleted in the same transaction, so one undo brings both back.
   */
  deleteNotes(ids: readonly string[]): void {
    const present = new Set(ids.filter((id) => this.notesMap.has(id)));
    if (present.size === 0) return;
    const links: string[] = [];
    this.linksMap.forEach((value, linkId) => {
      if (!(value instanceof Y.Map)) return;
      const from: unknown = value.get(LinkField.From);
      const to: unknown = value.get(LinkField.To);
      if ((typeof from === 'string' && present.has(from)) || (typeof to === 'string' && present.has(to))) links.push(linkId);
    });
    this.transact(() => {
      for (const id of present) this.notesMap.delete(id);
      for (const linkId of links) this.linksMap.delete(linkId);
    });
  }

  // --- board ------------------------------------------------------------------------------------

  setTitle(title: string): void {
    if (typeof title !== 'string') throw new BoardCommandError('title must be a string');
    const trimmed = title.trim();
    if (!trimmed) throw new BoardCommandError('title must not be empty');
    if (trimmed.length > MAX_TITLE_LENGTH) throw new BoardCommandError(`title is longer than ${MAX_TITLE_LENGTH} characters`);
    this.transact(() => this.metaMap.set(MetaField.Title, trimmed));
  }

  setZonePrompt(zone: Zone, prompt: string): void {
    checkZone(zone);
    if (typeof prompt !== 'string') throw new BoardCommandError('prompt must be a string');
    if (prompt.length > MAX_PROMPT_LENGTH) throw new BoardCommandError(`prompt is longer than ${MAX_PROMPT_LENGTH} characters`);
    this.transact(() => {
      let prompts = this.metaMap.get(MetaField.Prompts);
      if (!(prompts instanceof Y.Map)) {
        prompts = new Y.Map<unknown>();
        this.metaMap.set(MetaField.Prompts, prompts);
      }
      (prompts as Y.Map<unknown>).set(zone, prompt);
    });
  }

  // --- links ------------------------------------------------------------------------------------

  /**
   * Links two notes: `served-by` from a note in `need` to one in `there`, `can-serve` from a note
   * in `who` to one in `need`. Without `kind` it follows from the notes' zones. Refuses unknown
   * notes, a note linked to itself, a pair of zones the kind does not join, and a link that already
   * exists (same from, to and kind). Returns the new link's id.
   */
  addLink(from: string, to: string, kind?: LinkKind, author = ''): string {
    const fromNote = this.requireNote(from);
    const toNote = this.requireNote(to);
    if (from === to) throw new BoardCommandError('a note cannot be linked to itself');
    checkAuthor('author', author);
    let linkKind: LinkKind;
    if (kind === undefined) {
      const inferred = inferLinkKind(fromNote.zone, toNote.zone);
      if (!inferred) throw new BoardCommandError(`no kind of link goes from ${fromNote.zone} to ${toNote.zone}`);
      linkKind = inferred;
    } else {
      if (!isLinkKind(kind)) throw new BoardCommandError(`unknown link kind: ${String(kind)}`);
      const zones = LINK_ZONES[kind];
      if (fromNote.zone !== zones.from || toNote.zone !== zones.to) {
        throw new BoardCommandError(`a ${kind} link goes from ${zones.from} to ${zones.to}`);
      }
      linkKind = kind;
    }
    if (this.snapshot.links.some((link) => link.from === from && link.to === to && link.kind === linkKind)) {
      throw new BoardCommandError('these notes are already linked');
    }
    const id = nanoid();
    this.transact(() => {
      const link = new Y.Map<unknown>();
      link.set(LinkField.From, from);
      link.set(LinkField.To, to);
      link.set(LinkField.Kind, linkKind);
      link.set(LinkField.Author, author.slice(0, MAX_AUTHOR_LENGTH));
      link.set(LinkField.CreatedAt, this.now());
      this.linksMap.set(id, link);
    });
    return id;
  }

  /** Deletes a link; a link that is already gone is skipped (someone else may have removed it). */
  deleteLink(id: string): void {
    if (typeof id !== 'string') throw new BoardCommandError('link id must be a string');
    if (!this.linksMap.has(id)) return;
    this.transact(() => this.linksMap.delete(id));
  }

  // --- meeting: phases --------------------------------------------------------------------------

  /** Moves the meeting to a phase (which highlights its zone, see PHASE_ZONES), or out of the agenda. */
  setPhase(phase: Phase | null): void {
    if (phase !== null && !isPhase(phase)) throw new BoardCommandError(`unknown phase: ${String(phase)}`);
    if (this.snapshot.meeting.phase === phase) return;
    this.transact(() => {
      if (phase === null) this.meetingMap.delete(MeetingField.Phase);
      else this.meetingMap.set(MeetingField.Phase, phase);
    });
  }

  // --- meeting: dot voting ----------------------------------------------------------------------

  /**
   * Starts a vote with `budget` dots per person (an integer 1–20), clearing every note's dots from
   * any earlier vote. Refused while a vote is running.
   */
  startVote(budget: number): void {
    if (!isVoteBudget(budget)) {
      throw new BoardCommandError(`budget must be a whole number from ${MIN_VOTE_BUDGET} to ${MAX_VOTE_BUDGET}`);
    }
    if (this.snapshot.meeting.vote?.active) throw new BoardCommandError('a vote is already running; end it first');
    this.transact(() => {
      const vote = new Y.Map<unknown>();
      vote.set(VoteField.Active, true);
      vote.set(VoteField.Budget, budget);
      vote.set(VoteField.Revealed, false);
      vote.set(VoteField.StartedAt, this.now());
      this.meetingMap.set(MeetingField.Vote, vote);
      this.notesMap.forEach((note) => {
        if (!(note instanceof Y.Map)) return;
        const votes = note.get(NoteField.Votes);
        // Clearing keys rather than replacing the map keeps one map per note for everyone's dots.
        if (votes instanceof Y.Map) for (const voter of [...votes.keys()]) votes.delete(voter);
        else note.set(NoteField.Votes, new Y.Map<unknown>());
      });
    });
  }

  /** Lets everyone see the totals (during or after the vote). Refused when there has been no vote. */
  revealVotes(): void {
    const vote = this.snapshot.meeting.vote;
    if (!vote) throw new BoardCommandError('there is no vote to reveal');
    if (vote.revealed) return;
    this.transact(() => this.requireMeetingPart(MeetingField.Vote).set(VoteField.Revealed, true));
  }

  /** Closes the vote: no more dots may be cast or removed. The dots stay (records list them). */
  endVote(): void {
    if (!this.snapshot.meeting.vote?.active) throw new BoardCommandError('no vote is running');
    this.transact(() => this.requireMeetingPart(MeetingField.Vote).set(VoteField.Active, false));
  }

  /** Puts one of the voter's dots on a note. Refused when no vote is running or the voter has none left. */
  castVote(noteId: string, voterId: string): void {
    checkVoter(voterId);
    if (!this.snapshot.meeting.vote?.active) throw new BoardCommandError('no vote is running');
    this.requireNote(noteId);
    if (this.snapshot.votesLeft(voterId) <= 0) throw new BoardCommandError('no dots left');
    const current = this.ballots.get(noteId)?.get(voterId) ?? 0;
    const note = this.requireNoteMap(noteId);
    this.transact(() => {
      let votes = note.get(NoteField.Votes);
      if (!(votes instanceof Y.Map)) {
        votes = new Y.Map<unknown>();
        note.set(NoteField.Votes, votes);
      }
      (votes as Y.Map<unknown>).set(voterId, current + 1);
    });
  }

  /** Takes one of the voter's dots back off a note. Refused when no vote is running or they have none there. */
  removeVote(noteId: string, voterId: string): void {
    checkVoter(voterId);
    if (!this.snapshot.meeting.vote?.active) throw new BoardCommandError('no vote is running');
    this.requireNote(noteId);
    const current = this.ballots.get(noteId)?.get(voterId) ?? 0;
    if (current <= 0) throw new BoardCommandError('no dot of this voter on this note');
    const votes = this.requireNoteMap(noteId).get(NoteField.Votes);
    if (!(votes instanceof Y.Map)) throw new BoardCommandError('no dot of this voter on this note');
    this.transact(() => {
      if (current === 1) votes.delete(voterId);
      else votes.set(voterId, current - 1);
    });
  }

  /** Dots the voter may still place in the running vote (0 when none is running). */
  votesLeft(voterId: string): number {
    return this.snapshot.votesLeft(voterId);
  }

  // --- meeting: timer ---------------------------------------------------------------------------

  /** Starts the shared countdown at `durationMs` (1 s to 4 h), replacing any timer. */
  startTimer(durationMs: number): void {
    if (typeof durationMs !== 'number' || !Number.isFinite(durationMs) || durationMs < MIN_TIMER_MS || durationMs > MAX_TIMER_MS) {
      throw new BoardCommandError(`duration must be between ${MIN_TIMER_MS} and ${MAX_TIMER_MS} ms`);
    }
    const duration = Math.round(durationMs);
    this.transact(() => {
      const timer = new Y.Map<unknown>();
      timer.set(TimerField.DurationMs, duration);
      timer.set(TimerField.EndsAt, this.now() + duration);
      timer.set(TimerField.RemainingMs, duration);
      timer.set(TimerField.Running, true);
      this.meetingMap.set(MeetingField.Timer, timer);
    });
  }

  /** Stops the countdown where it is. Refused unless it is running. */
  pauseTimer(): void {
    const timer = this.snapshot.meeting.timer;
    if (!timer?.running) throw new BoardCommandError('the timer is not running');
    const remaining = timerRemaining(timer, this.now());
    this.transact(() => {
      const map = this.requireMeetingPart(MeetingField.Timer);
      map.set(TimerField.Running, false);
      map.set(TimerField.EndsAt, null);
      map.set(TimerField.RemainingMs, remaining);
    });
  }

  /** Continues a paused countdown from what was left. Refused unless it is paused with time left. */
  resumeTimer(): void {
    const timer = this.snapshot.meeting.timer;
    if (!timer || timer.running) throw new BoardCommandError('the timer is not paused');
    if (timer.remainingMs <= 0) throw new BoardCommandError('the timer has no time left; reset it');
    this.transact(() => {
      const map = this.requireMeetingPart(MeetingField.Timer);
      map.set(TimerField.EndsAt, this.now() + timer.remainingMs);
      map.set(TimerField.Running, true);
    });
  }

  /** Stops the countdown and sets it back to its full duration. Refused when there is no timer. */
  resetTimer(): void {
    const timer = this.snapshot.meeting.timer;
    if (!timer) throw new BoardCommandError('there is no timer');
    this.transact(() => {
      const map = this.requireMeetingPart(MeetingField.Timer);
      map.set(TimerField.Running, false);
      map.set(TimerField.EndsAt, null);
      map.set(TimerField.RemainingMs, timer.durationMs);
    });
  }

  /** Removes the timer from everyone's screen. */
  clearTimer(): void {
    if (!this.meetingMap.has(MeetingField.Timer)) return;
    this.transact(() => this.meetingMap.delete(MeetingField.Timer));
  }

  // --- meeting: private writing -----------------------------------------------------------------

  /** Starts a private-writing round and returns its id. Refused while one is running. */
  startPrivateRound(): string {
    if (this.snapshot.meeting.privateRound?.active) throw new BoardCommandError('a private round is already running');
    const round = nanoid();
    this.transact(() => {
      const map = new Y.Map<unknown>();
      map.set(PrivateRoundField.Active, true);
      map.set(PrivateRoundField.StartedAt, this.now());
      map.set(PrivateRoundField.RevealedAt, null);
      map.set(PrivateRoundField.Round, round);
      this.meetingMap.set(MeetingField.PrivateRound, map);
    });
    return round;
  }

  /** Ends the round: every client then commits its drafts (privateDrafts.ts). Refused unless one is running. */
  revealPrivateRound(): void {
    if (!this.snapshot.meeting.privateRound?.active) throw new BoardCommandError('no private round is running');
    this.transact(() => {
      const map = this.requireMeetingPart(MeetingField.PrivateRound);
      map.set(PrivateRoundField.Active, false);
      map.set(PrivateRoundField.RevealedAt, this.now());
    });
  }

  // --- undo (own edits only) --------------------------------------------------------------------

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

  private history(): Y.UndoManager {
    if (!this.undoManager) throw new Error('this BoardModel was created without { undo: true }');
    return this.undoManager;
  }

  // --- internals --------------------------------------------------------------------------------

  private transact(fn: () => void): void {
    this.doc.transact(fn, this.origin);
  }

  /** Checks one note's input and settles its id, place and time; throws BoardCommandError. */
  private prepareNote(input: NoteImport, occupied: readonly Rect[]): NoteDraft {
    checkZone(input.zone);
    const text = input.text ?? '';
    checkText(text);
    const color = input.color ?? DEFAULT_NOTE_COLOR;
    if (!isHexColor(color)) throw new BoardCommandError(`color must be #rrggbb, got ${String(color)}`);
    checkAuthor('author', input.author);
    if (input.addedBy !== undefined) checkAuthor('addedBy', input.addedBy);
    if (input.id !== undefined && !isValidId(input.id)) throw new BoardCommandError('note id must match [A-Za-z0-9_-]{21,64}');
    if (input.createdAt !== undefined) checkCoordinate('createdAt', input.createdAt);
    const w = input.w ?? DEFAULT_NOTE_WIDTH;
    const h = input.h ?? DEFAULT_NOTE_HEIGHT;
    checkSize('w', w);
    checkSize('h', h);
    let zone = input.zone;
    let x: number;
    let y: number;
    if (input.x === undefined || input.y === undefined) {
      ({ x, y } = findFreeSpot(zone, occupied, w, h));
    } else {
      checkCoordinate('x', input.x);
      checkCoordinate('y', input.y);
      x = input.x;
      y = input.y;
      // A note placed by position lands in the zone under it, keeping zone and position in step.
      zone = zoneOfRect({ x, y, w, h });
    }
    return {
      id: input.id ?? nanoid(),
      zone,
      text,
      x,
      y,
      w,
      h,
      color: color.toLowerCase(),
      author: input.author.slice(0, MAX_AUTHOR_LENGTH),
      createdAt: input.createdAt ?? this.now(),
      addedBy: input.addedBy ? input.addedBy.slice(0, MAX_AUTHOR_LENGTH) : undefined,
    };
  }

  private writeNote(draft: NoteDraft): void {
    const note = new Y.Map<unknown>();
    note.set(NoteField.Zone, draft.zone);
    note.set(NoteField.Text, new Y.Text(draft.text));
    note.set(NoteField.X, draft.x);
    note.set(NoteField.Y, draft.y);
    note.set(NoteField.W, draft.w);
    note.set(NoteField.H, draft.h);
    note.set(NoteField.Color, draft.color);
    note.set(NoteField.Author, draft.author);
    note.set(NoteField.CreatedAt, draft.createdAt);
    // Created with the note, so two people's first dots land in one map instead of racing to make it.
    note.set(NoteField.Votes, new Y.Map<unknown>());
    if (draft.addedBy) note.set(NoteField.AddedBy, draft.addedBy);
    this.notesMap.set(draft.id, note);
  }

  private requireNoteMap(id: string): Y.Map<unknown> {
    const note = this.notesMap.get(id);
    if (!(note instanceof Y.Map)) throw new BoardCommandError(`no note with id ${id}`);
    return note;
  }

  private requireNote(id: string): NoteView {
    const view = this.snapshot.byId.get(id);
    if (!view) throw new BoardCommandError(`no note with id ${id}`);
    return view;
  }

  /** The meeting sub-map a gesture edits in place; the snapshot already vouched that it is valid. */
  private requireMeetingPart(field: MeetingField): Y.Map<unknown> {
    const part = this.meetingMap.get(field);
    if (!(part instanceof Y.Map)) throw new BoardCommandError(`no ${field} in this meeting`);
    return part;
  }

  private readAll(): BoardSnapshot {
    const views = new Map<string, NoteView>();
    const ballots = new Map<string, ReadonlyMap<string, number>>();
    this.notesMap.forEach((value, id) => {
      const view = readNote(id, value);
      if (!view) return;
      views.set(id, view);
      if (view.votes > 0) ballots.set(id, readBallot((value as Y.Map<unknown>).get(NoteField.Votes)));
    });
    this.ballots = ballots;
    const byId = NoteIndex.from(views);
    this.linksMap.forEach((value, id) => {
      const link = readLink(id, value);
      if (link) this.linkCandidates.set(id, link);
    });
    return makeSnapshot(
      {
        meta: readMeta(this.metaMap),
        notes: [...byId.values()].sort(stackingOrder),
        byId,
        links: selectLinks(this.linkCandidates.values(), byId),
        meeting: this.meetingMap.size > 0 ? readMeeting(this.meetingMap) : EMPTY_MEETING,
      },
      ballots,
    );
  }

  private readonly onNotesChanged = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    for (const event of events) {
      if (event.target === this.notesMap) {
        for (const key of event.changes.keys.keys()) this.dirtyNotes.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') this.dirtyNotes.add(id);
      }
    }
  };

  private readonly onLinksChanged = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>): void => {
    for (const event of events) {
      if (event.target === this.linksMap) {
        for (const key of event.changes.keys.keys()) this.dirtyLinks.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') this.dirtyLinks.add(id);
      }
    }
  };

  private readonly onMetaChanged = (): void => {
    this.metaDirty = true;
  };

  private readonly onMeetingChanged = (): void => {
    this.meetingDirty = true;
  };

  /** Recomputes only what the transaction touched, once per transaction, then notifies. */
  private readonly onAfterTransaction = (): void => {
    if (this.dirtyNotes.size === 0 && this.dirtyLinks.size === 0 && !this.metaDirty && !this.meetingDirty) return;
    const previous = this.snapshot;
    let notes = previous.notes;
    let byId = previous.byId;
    let ballots = this.ballots;
    let membershipChanged = false;
    if (this.dirtyNotes.size > 0) {
      const nextBallots = new Map(this.ballots);
      const changes = new Map<string, NoteView | null>();
      // New notes are nearly always the newest, so they go on the end without sorting the board.
      const appended: NoteView[] = [];
      let reordered = false;
      const newest = previous.notes.at(-1);
      for (const id of this.dirtyNotes) {
        const raw = this.notesMap.get(id);
        const view = readNote(id, raw);
        const before = previous.byId.get(id);
        if (view) {
          changes.set(id, view);
          if (view.votes > 0) nextBallots.set(id, readBallot((raw as Y.Map<unknown>).get(NoteField.Votes)));
          else nextBallots.delete(id);
          if (!before && (!newest || stackingOrder(newest, view) < 0)) appended.push(view);
          else if (!before || before.createdAt !== view.createdAt) reordered = true;
          if (!before || before.createdAt !== view.createdAt) membershipChanged = true;
        } else if (before) {
          reordered = true;
          changes.set(id, null);
          nextBallots.delete(id);
          membershipChanged = true;
        }
      }
      this.dirtyNotes.clear();
      byId = previous.byId.with(changes);
      ballots = nextBallots;
      if (reordered) {
        notes = [...byId.values()].sort(stackingOrder);
      } else {
        notes = previous.notes.map((note) => changes.get(note.id) ?? note);
        if (appended.length > 0) notes = notes.concat(appended.sort(stackingOrder));
      }
    }
    let links = previous.links;
    if (this.dirtyLinks.size > 0 || membershipChanged) {
      for (const id of this.dirtyLinks) {
        const link = readLink(id, this.linksMap.get(id));
        const old = this.linkCandidates.get(id);
        if (!link) this.linkCandidates.delete(id);
        else if (!old || !sameLink(old, link)) this.linkCandidates.set(id, link);
      }
      this.dirtyLinks.clear();
      const selected = selectLinks(this.linkCandidates.values(), byId);
      if (!sameItems(selected, previous.links)) links = selected;
    }
    const meta = this.metaDirty ? readMeta(this.metaMap) : previous.meta;
    this.metaDirty = false;
    const meeting = this.meetingDirty ? readMeeting(this.meetingMap) : previous.meeting;
    this.meetingDirty = false;
    this.ballots = ballots;
    this.snapshot = makeSnapshot({ meta, notes, byId, links, meeting }, ballots);
    for (const listener of [...this.listeners]) listener();
  };
}
