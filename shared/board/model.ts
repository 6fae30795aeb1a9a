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
import { findFreeSpot } from './placement';
import { replaceText } from './text';
import { isZone, zoneOfRect, type Zone } from './zones';

/** A command was given input that the document format does not allow; nothing was changed. */
export class BoardCommandError extends Error {
  override readonly name = 'BoardCommandError';
}

/** What React and other readers render. Unchanged notes keep their object identity between snapshots. */
export interface BoardSnapshot {
  readonly meta: BoardMeta;
  /** Valid notes in stacking order (oldest first, so newer notes draw on top). */
  readonly notes: readonly NoteView[];
  readonly byId: ReadonlyMap<string, NoteView>;
}

export interface BoardModelOptions {
  /** Transaction origin of this model's edits; defaults to LOCAL_ORIGIN. */
  origin?: unknown;
  /** Track this model's own edits for undo/redo (a person's client); servers and tools leave it off. */
  undo?: boolean;
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

function checkZone(zone: unknown): asserts zone is Zone {
  if (!isZone(zone)) throw new BoardCommandError(`unknown zone: ${String(zone)}`);
}

function stackingOrder(a: NoteView, b: NoteView): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
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
  private readonly origin: unknown;
  private snapshot: BoardSnapshot;
  private readonly dirtyNotes = new Set<string>();
  private metaDirty = false;
  private readonly listeners = new Set<() => void>();
  private undoManager: Y.UndoManager | null = null;

  constructor(doc: Y.Doc, options: BoardModelOptions = {}) {
    this.doc = doc;
    this.origin = options.origin ?? LOCAL_ORIGIN;
    this.notesMap = doc.getMap(Root.Notes);
    this.metaMap = doc.getMap(Root.Meta);
    if (options.undo) {
      this.undoManager = new Y.UndoManager([this.notesMap, this.metaMap], {
        trackedOrigins: new Set([this.origin]),
        captureTimeout: 400,
      });
    }
    this.snapshot = this.readAll();
    this.notesMap.observeDeep(this.onNotesChanged);
    this.metaMap.observeDeep(this.onMetaChanged);
    doc.on('afterTransaction', this.onAfterTransaction);
  }

  destroy(): void {
    this.notesMap.unobserveDeep(this.onNotesChanged);
    this.metaMap.unobserveDeep(this.onMetaChanged);
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

  // --- commands -------------------------------------------------------------------------------

  addNote(input: NewNote): string {
    checkZone(input.zone);
    const text = input.text ?? '';
    checkText(text);
    const color = input.color ?? DEFAULT_NOTE_COLOR;
    if (!isHexColor(color)) throw new BoardCommandError(`color must be #rrggbb, got ${String(color)}`);
    if (typeof input.author !== 'string') throw new BoardCommandError('author must be a string');
    const w = input.w ?? DEFAULT_NOTE_WIDTH;
    const h = input.h ?? DEFAULT_NOTE_HEIGHT;
    checkSize('w', w);
    checkSize('h', h);
    let zone = input.zone;
    let x: number;
    let y: number;
    if (input.x === undefined || input.y === undefined) {
      ({ x, y } = findFreeSpot(zone, this.snapshot.notes, w, h));
    } else {
      checkCoordinate('x', input.x);
      checkCoordinate('y', input.y);
      x = input.x;
      y = input.y;
      // A note placed by position lands in the zone under it, keeping zone and position in step.
      zone = zoneOfRect({ x, y, w, h });
    }
    const id = nanoid();
    this.transact(() => {
      const note = new Y.Map<unknown>();
      note.set(NoteField.Zone, zone);
      note.set(NoteField.Text, new Y.Text(text));
      note.set(NoteField.X, x);
      note.set(NoteField.Y, y);
      note.set(NoteField.W, w);
      note.set(NoteField.H, h);
      note.set(NoteField.Color, color.toLowerCase());
      note.set(NoteField.Author, input.author.slice(0, MAX_AUTHOR_LENGTH));
      note.set(NoteField.CreatedAt, Date.now());
      this.notesMap.set(id, note);
    });
    return id;
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

  /** Deletes several notes as one gesture; ids that are already gone are skipped. */
  deleteNotes(ids: readonly string[]): void {
    const present = ids.filter((id) => this.notesMap.has(id));
    if (present.length === 0) return;
    this.transact(() => {
      for (const id of present) this.notesMap.delete(id);
    });
  }

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

  private readAll(): BoardSnapshot {
    const byId = new Map<string, NoteView>();
    this.notesMap.forEach((value, id) => {
      const view = readNote(id, value);
      if (view) byId.set(id, view);
    });
    return { meta: readMeta(this.metaMap), notes: [...byId.values()].sort(stackingOrder), byId };
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

  private readonly onMetaChanged = (): void => {
    this.metaDirty = true;
  };

  /** Recomputes only what the transaction touched, once per transaction, then notifies. */
  private readonly onAfterTransaction = (): void => {
    if (this.dirtyNotes.size === 0 && !this.metaDirty) return;
    const previous = this.snapshot;
    let notes = previous.notes;
    let byId = previous.byId;
    if (this.dirtyNotes.size > 0) {
      const nextById = new Map(previous.byId);
      let membershipChanged = false;
      const changed = new Map<string, NoteView>();
      for (const id of this.dirtyNotes) {
        const view = readNote(id, this.notesMap.get(id));
        const had = nextById.has(id);
        if (view) {
          nextById.set(id, view);
          changed.set(id, view);
          if (!had || previous.byId.get(id)?.createdAt !== view.createdAt) membershipChanged = true;
        } else if (had) {
          nextById.delete(id);
          membershipChanged = true;
        }
      }
      this.dirtyNotes.clear();
      byId = nextById;
      notes = membershipChanged
        ? [...nextById.values()].sort(stackingOrder)
        : previous.notes.map((note) => changed.get(note.id) ?? note);
    }
    const meta = this.metaDirty ? readMeta(this.metaMap) : previous.meta;
    this.metaDirty = false;
    this.snapshot = { meta, notes, byId };
    for (const listener of [...this.listeners]) listener();
  };
}
