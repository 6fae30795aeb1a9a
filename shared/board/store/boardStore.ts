import * as Y from 'yjs';
import { EMPTY_MEETING, readMeeting, type MeetingField } from '../meeting';
import { Root, readMeta } from '../meta';
import type { NoteView } from '../note';
import { BoardCommandError } from '../commandError';
import { LinkCandidates } from './linkCandidates';
import { NO_BALLOTS, makeBoardState, readAllNotes, updateNotes, type Ballots, type BoardState } from './boardState';

export interface BoardStoreOptions {
  /** Transaction origin of this store's edits. */
  origin: unknown;
  /** The current time in server-clock milliseconds, for every timestamp the commands write. */
  now: () => number;
}

type DeepEvents = Array<Y.YEvent<Y.AbstractType<unknown>>>;

/**
 * One board's Y.Doc as the commands and readers see it: its four root maps, the transaction every
 * command makes, and the current snapshot. The snapshot is rebuilt incrementally: observers mark
 * what each transaction touched, and after it only those notes and links are read again, so an
 * edit costs as much as the change, not as much as the board.
 */
export class BoardStore {
  readonly doc: Y.Doc;
  readonly notes: Y.Map<unknown>;
  readonly meta: Y.Map<unknown>;
  readonly links: Y.Map<unknown>;
  readonly meeting: Y.Map<unknown>;
  readonly origin: unknown;
  readonly now: () => number;
  private snapshot: BoardState;
  private ballots: Ballots = NO_BALLOTS;
  private readonly linkCandidates = new LinkCandidates();
  private readonly dirtyNotes = new Set<string>();
  private readonly dirtyLinks = new Set<string>();
  private metaDirty = false;
  private meetingDirty = false;
  private readonly listeners = new Set<() => void>();
  private readonly onNotesChanged: (events: DeepEvents) => void;
  private readonly onLinksChanged: (events: DeepEvents) => void;

  constructor(doc: Y.Doc, options: BoardStoreOptions) {
    this.doc = doc;
    this.origin = options.origin;
    this.now = options.now;
    this.notes = doc.getMap(Root.Notes);
    this.meta = doc.getMap(Root.Meta);
    this.links = doc.getMap(Root.Links);
    this.meeting = doc.getMap(Root.Meeting);
    this.snapshot = this.readAll();
    this.onNotesChanged = markDirtyEntries(this.notes, this.dirtyNotes);
    this.onLinksChanged = markDirtyEntries(this.links, this.dirtyLinks);
    this.notes.observeDeep(this.onNotesChanged);
    this.meta.observeDeep(this.onMetaChanged);
    this.links.observeDeep(this.onLinksChanged);
    this.meeting.observeDeep(this.onMeetingChanged);
    doc.on('afterTransaction', this.onAfterTransaction);
  }

  destroy(): void {
    this.notes.unobserveDeep(this.onNotesChanged);
    this.meta.unobserveDeep(this.onMetaChanged);
    this.links.unobserveDeep(this.onLinksChanged);
    this.meeting.unobserveDeep(this.onMeetingChanged);
    this.doc.off('afterTransaction', this.onAfterTransaction);
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): BoardState => this.snapshot;

  /** The voter's dots on a note, as the current snapshot read them. */
  dotsOn(noteId: string, voterId: string): number {
    return this.ballots.get(noteId)?.get(voterId) ?? 0;
  }

  /** One command, one transaction tagged with the store's origin (so undo works per gesture). */
  transact(fn: () => void): void {
    this.doc.transact(fn, this.origin);
  }

  requireNoteMap(id: string): Y.Map<unknown> {
    const note = this.notes.get(id);
    if (!(note instanceof Y.Map)) throw new BoardCommandError('note-missing', `no note with id ${id}`);
    return note;
  }

  requireNote(id: string): NoteView {
    const view = this.snapshot.byId.get(id);
    if (!view) throw new BoardCommandError('note-missing', `no note with id ${id}`);
    return view;
  }

  /** The meeting sub-map a gesture edits in place; the snapshot already vouched that it is valid. */
  requireMeetingPart(field: MeetingField): Y.Map<unknown> {
    const part = this.meeting.get(field);
    if (!(part instanceof Y.Map)) throw new BoardCommandError('invalid-input', `no ${field} in this meeting`);
    return part;
  }

  private readAll(): BoardState {
    const { notes, byId, ballots } = readAllNotes(this.notes);
    this.ballots = ballots;
    this.linkCandidates.readAll(this.links);
    return makeBoardState(
      {
        meta: readMeta(this.meta),
        notes,
        byId,
        links: this.linkCandidates.select(byId),
        meeting: this.meeting.size > 0 ? readMeeting(this.meeting) : EMPTY_MEETING,
      },
      ballots,
    );
  }

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
    let { notes, byId } = previous;
    let ballots = this.ballots;
    let membershipChanged = false;
    if (this.dirtyNotes.size > 0 && byId.size === 0) {
      // The first notes to arrive (a client's first sync, often the whole board): one plain read,
      // without the per-note bookkeeping an edit needs.
      ({ notes, byId, ballots } = readAllNotes(this.notes));
      membershipChanged = notes.length > 0;
      this.dirtyNotes.clear();
    } else if (this.dirtyNotes.size > 0) {
      ({ notes, byId, ballots, membershipChanged } = updateNotes({ notes, byId, ballots }, this.dirtyNotes, this.notes));
      this.dirtyNotes.clear();
    }
    let links = previous.links;
    if (this.dirtyLinks.size > 0 || membershipChanged) {
      this.linkCandidates.update(this.dirtyLinks, this.links);
      this.dirtyLinks.clear();
      links = this.linkCandidates.select(byId, previous.links);
    }
    const meta = this.metaDirty ? readMeta(this.meta) : previous.meta;
    this.metaDirty = false;
    const meeting = this.meetingDirty ? readMeeting(this.meeting) : previous.meeting;
    this.meetingDirty = false;
    this.ballots = ballots;
    this.snapshot = makeBoardState({ meta, notes, byId, links, meeting }, ballots);
    for (const listener of [...this.listeners]) listener();
  };
}

/** Marks the root entries (notes or links) that a deep change touched, by their id. */
function markDirtyEntries(root: Y.Map<unknown>, dirty: Set<string>): (events: DeepEvents) => void {
  return (events) => {
    for (const event of events) {
      if (event.target === root) {
        for (const key of event.changes.keys.keys()) dirty.add(key);
      } else {
        const id = event.path[0];
        if (typeof id === 'string') dirty.add(id);
      }
    }
  };
}
