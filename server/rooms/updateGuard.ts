import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Refusal } from './refusal';
import { Role } from '../../shared/protocol/ids';
import { Root, MetaField } from '../../shared/board/meta';
import { NoteField, MAX_NOTE_TEXT } from '../../shared/board/note';
import { CURRENT_SCHEMA_VERSION } from '../../shared/board/migrations';
import { MAX_DISPLAY_CYCLE_SECONDS, MIN_DISPLAY_CYCLE_SECONDS, MeetingField, isDisplayCycleSeconds } from '../../shared/board/meeting';
import {
  checkLinkValue,
  checkNoteValue,
  isDotCount,
  isMetaValue,
  isPromptValue,
  isRecordId,
} from '../../shared/board/fieldRules';

/**
 * Reads an update before it is applied and decides whether its sender may make it. Everything here
 * works on the decoded structs and the room's document as it is, so a refused update leaves no
 * trace: nothing applied, stored or forwarded.
 *
 * What an item means depends on where it lands: its parent type and map key. New items name their
 * parent directly (a root name or the id of the type's item) or implicitly through their left or
 * right neighbour, which may be in the document or earlier in the same update. `placeOf` follows
 * those links to one of the places the format defines.
 */


/** Who is writing: their role and the voter id the server derived for their socket. */
export interface Writer {
  readonly role: Role;
  readonly voterId: string | null;
}

/** Where a Y type sits in the board document. */
type Container =
  | { readonly kind: 'root'; readonly name: string }
  | { readonly kind: 'note'; readonly noteId: string }
  | { readonly kind: 'noteText'; readonly noteId: string }
  | { readonly kind: 'noteVotes'; readonly noteId: string }
  | { readonly kind: 'link'; readonly linkId: string }
  | { readonly kind: 'metaPrompts' }
  /** Anything inside `meeting`: the leader's. */
  | { readonly kind: 'meeting' }
  /** A type under a field the format does not name: later versions may use it; opaque here. */
  | { readonly kind: 'extra'; readonly noteId: string | null }
  /** The parent was garbage-collected or deleted: Yjs turns what lands there into tombstones. */
  | { readonly kind: 'gone' };

const GONE: Container = { kind: 'gone' };
const MEETING: Container = { kind: 'meeting' };
const KNOWN_ROOTS = new Set<string>(Object.values(Root));

/** What an accepted update touches, for the checks that need the document after it is applied. */
export interface UpdatePlan {
  /** Client ids under which the update brings new structs: the sender's own ids. */
  readonly clients: Set<number>;
  /** Note ids written at the notes root (new notes, or a note replaced). */
  readonly newNotes: Set<string>;
  /** Notes whose fields changed or lost a value: they must still be valid notes afterwards. */
  readonly touchedNotes: Set<string>;
  readonly newLinks: Set<string>;
  readonly touchedLinks: Set<string>;
  /** Notes on which the writer's own dots changed; empty when no dots changed. */
  readonly votedNotes: Set<string>;
}

/** Yjs' struct types as `decodeUpdate` returns them (GC and Skip carry no content). */
type Struct = Y.Item | Y.GC | Y.Skip;
/** Yjs does not export these two type names, only the values that carry them. */
type Content = Y.Item['content'];
type DeleteSet = Parameters<typeof Y.isDeleted>[0];

interface DecodedUpdate {
  structs: Struct[];
  ds: DeleteSet;
}

function decode(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update) as DecodedUpdate;
  } catch (error) {
    throw new Refusal(CloseCode.MalformedMessage, `update cannot be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function malformed(reason: string): never {
  throw new Refusal(CloseCode.MalformedMessage, reason);
}

function missing(reason = 'update depends on changes the server does not have'): never {
  throw new Refusal(CloseCode.NeedsResync, reason);
}

function forbidden(reason: string): never {
  throw new Refusal(CloseCode.ForbiddenChange, reason);
}

/** The structs of one client in an update, in clock order, for finding the one that holds a clock. */
class ClientRun {
  readonly structs: Struct[] = [];
  get start(): number {
    return this.structs[0]!.id.clock;
  }
  get end(): number {
    const last = this.structs.at(-1)!;
    return last.id.clock + last.length;
  }
  find(clock: number): Struct | null {
    let low = 0;
    let high = this.structs.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const struct = this.structs[mid]!;
      if (clock < struct.id.clock) high = mid - 1;
      else if (clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct;
    }
    return null;
  }
}

/** The place an item lands: the container it is in and its map key (null inside texts and arrays). */
interface Slot {
  readonly container: Container;
  readonly key: string | null;
}

class Inspection {
  private readonly runs = new Map<number, ClientRun>();
  private readonly slotOfNew = new Map<Y.Item, Slot>();
  private readonly containerOfDocType = new Map<Y.AbstractType<unknown>, Container>();
  private readonly textAdded = new Map<string, number>();
  readonly plan: UpdatePlan = {
    clients: new Set(),
    newNotes: new Set(),
    touchedNotes: new Set(),
    newLinks: new Set(),
    touchedLinks: new Set(),
    votedNotes: new Set(),
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly writer: Writer,
    private readonly decoded: DecodedUpdate,
  ) {}

  run(): UpdatePlan {
    this.collectRuns();
    for (const struct of this.decoded.structs) {
      if (struct instanceof Y.Item && this.isNew(struct)) this.checkItem(struct);
    }
    this.checkDeletions();
    return this.plan;
  }

  private stateOf(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  private isNew(struct: Struct): boolean {
    return struct.id.clock + struct.length > this.stateOf(struct.id.client);
  }

  /**
   * Groups structs by client and checks that each client's run continues what the document has:
   * a gap (or a Skip, which marks one) means the update depends on structs the server lacks.
   */
  private collectRuns(): void {
    for (const struct of this.decoded.structs) {
      const client = struct.id.client;
      let run = this.runs.get(client);
      if (!run) {
        run = new ClientRun();
        this.runs.set(client, run);
      } else if (struct.id.clock !== run.end) {
        malformed('update structs are out of order');
      }
      if (struct instanceof Y.Skip && struct.id.clock + struct.length > this.stateOf(client)) {
        missing();
      }
      run.structs.push(struct);
    }
    for (const [client, run] of this.runs) {
      if (run.start > this.stateOf(client)) missing();
      if (run.end > this.stateOf(client)) this.plan.clients.add(client);
    }
  }

  /** The struct holding an id, in the document or in this update; null if neither has it. */
  private structAt(id: Y.ID): { struct: Struct; inDoc: boolean } | null {
    if (id.clock < this.stateOf(id.client)) return { struct: Y.getItem(this.doc.store, id) as Struct, inDoc: true };
    const struct = this.runs.get(id.client)?.find(id.clock) ?? null;
    return struct ? { struct, inDoc: false } : null;
  }

  private docContainer(type: Y.AbstractType<unknown>): Container {
    const known = this.containerOfDocType.get(type);
    if (known) return known;
    const item = type._item;
    let container: Container;
    if (item === null) container = { kind: 'root', name: Y.findRootTypeKey(type) };
    else if (item.deleted) container = GONE;
    else container = childContainer(this.docContainer(item.parent as Y.AbstractType<unknown>), item.parentSub);
    this.containerOfDocType.set(type, container);
    return container;
  }

  /** Where an item of the document sits. */
  private docSlot(item: Y.Item): Slot {
    return { container: this.docContainer(item.parent as Y.AbstractType<unknown>), key: item.parentSub };
  }

  /**
   * Where a new item lands. Iterative, because a typed run of text is a chain of items each
   * naming the one before as its origin, and a chain may be thousands long.
   */
  private newSlot(start: Y.Item): Slot {
    const chain: Y.Item[] = [];
    let item: Y.Item = start;
    let slot: Slot | null = null;
    for (;;) {
      const known = this.slotOfNew.get(item);
      if (known) {
        slot = known;
        break;
      }
      const parent: unknown = item.parent;
      if (typeof parent === 'string') {
        slot = { container: { kind: 'root', name: parent }, key: item.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        slot = { container: this.typeContainerAt(parent), key: item.parentSub };
        break;
      }
      // No parent written: it is the parent of the left (origin) or right neighbour.
      const neighbourId = item.origin ?? item.rightOrigin;
      if (!neighbourId) malformed('an item has no parent');
      const found = this.structAt(neighbourId);
      if (!found) missing();
      if (!(found.struct instanceof Y.Item)) {
        slot = { container: GONE, key: null };
        break;
      }
      if (found.inDoc) {
        slot = this.docSlot(found.struct);
        break;
      }
      if (found.struct === item) malformed('an item is its own neighbour');
      chain.push(item);
      item = found.struct;
      if (chain.length > this.decoded.structs.length) malformed('item neighbours form a cycle');
    }
    this.slotOfNew.set(item, slot);
    for (const linked of chain) this.slotOfNew.set(linked, slot);
    this.slotOfNew.set(start, slot);
    return slot;
  }

  /** The container that the type held by the item with this id stands for. */
  private typeContainerAt(id: Y.ID): Container {
    const found = this.structAt(id);
    if (!found) missing();
    const { struct, inDoc } = found;
    if (!(struct instanceof Y.Item) || struct.content instanceof Y.ContentDeleted) return GONE;
    if (!(struct.content instanceof Y.ContentType)) malformed('an item names a parent that is not a type');
    if (inDoc) return struct.deleted ? GONE : this.docContainer(struct.content.type as Y.AbstractType<unknown>);
    const slot = this.newSlot(struct);
    return childContainer(slot.container, slot.key);
  }

  private checkItem(item: Y.Item): void {
    const { container, key } = this.newSlot(item);
    const content = item.content;
    if (content instanceof Y.ContentDoc) forbidden('subdocuments are not part of the board format');
    const deleted = content instanceof Y.ContentDeleted;
    this.requireRoleFor(container);
    switch (container.kind) {
      case 'gone':
        return;
      case 'root':
        this.checkRootItem(container.name, key, content, deleted);
        return;
      case 'meeting':
        return;
      case 'metaPrompts':
        if (!deleted && (key === null || !isPromptValue(key, singleValue(content)))) forbidden('a zone prompt breaks the format');
        return;
      case 'note':
        this.checkNoteField(container.noteId, key, content, deleted);
        return;
      case 'noteText':
        if (key !== null) forbidden('a note text has no keys');
        if (content instanceof Y.ContentString) {
          const added = (this.textAdded.get(container.noteId) ?? 0) + content.getLength();
          if (added > MAX_NOTE_TEXT) throw new Refusal(CloseCode.TooLarge, `a note text is over ${MAX_NOTE_TEXT} characters`);
          this.textAdded.set(container.noteId, added);
        } else if (!deleted && !(content instanceof Y.ContentFormat)) {
          forbidden('a note text holds only characters');
        }
        this.plan.touchedNotes.add(container.noteId);
        return;
      case 'noteVotes':
        this.checkDot(container.noteId, key, content, deleted);
        return;
      case 'link':
        this.checkLinkField(container.linkId, key, content, deleted);
        return;
      case 'extra':
        if (container.noteId !== null) this.plan.touchedNotes.add(container.noteId);
        return;
    }
  }

  /** `meta` (title, version, prompts) and `meeting` are the leader's: written or deleted, item by item. */
  private requireRoleFor(container: Container): void {
    if (this.writer.role === Role.Lead) return;
    const isMeta = container.kind === 'metaPrompts' || (container.kind === 'root' && container.name === Root.Meta);
    const isMeeting = container.kind === 'meeting' || (container.kind === 'root' && container.name === Root.Meeting);
    if (isMeta) forbidden("only the leader's key may change the board title and prompts");
    if (isMeeting) forbidden("only the leader's key may change the meeting");
  }

  private checkRootItem(root: string, key: string | null, content: Content, deleted: boolean): void {
    if (!KNOWN_ROOTS.has(root)) forbidden(`unknown root "${root.slice(0, 40)}"`);
    if (key === null) forbidden(`root "${root}" is a map`);
    switch (root) {
      case Root.Meta:
        if (deleted) return;
        if (key === MetaField.Prompts) {
          if (!isTypeContent(content, Y.Map)) forbidden('meta.prompts must be a Y.Map');
        } else if (!isMetaValue(key, singleValue(content), CURRENT_SCHEMA_VERSION)) {
          forbidden(`meta.${key.slice(0, 40)} breaks the format`);
        }
        return;
      case Root.Meeting:
        // The other meeting fields are read leniently (malformed reads as absent); this one is
        // checked because it is a plain value with nothing to gain from being anything else.
        if (!deleted && key === MeetingField.DisplayCycleSeconds && !isDisplayCycleSeconds(singleValue(content))) {
          forbidden(`meeting.displayCycleSeconds must be an integer from ${MIN_DISPLAY_CYCLE_SECONDS} to ${MAX_DISPLAY_CYCLE_SECONDS}`);
        }
        return;
      case Root.Notes:
        this.checkRecord('note', key, content, deleted, this.plan.newNotes);
        return;
      case Root.Links:
        this.checkRecord('link', key, content, deleted, this.plan.newLinks);
        return;
    }
  }

  /** A note or link written at its root: a `Y.Map` under an id of 1–100 characters. */
  private checkRecord(kind: 'note' | 'link', key: string, content: Content, deleted: boolean, added: Set<string>): void {
    if (!isRecordId(key)) forbidden(`a ${kind} id must be 1–100 characters`);
    if (deleted) return;
    if (!isTypeContent(content, Y.Map)) forbidden(`a ${kind} must be a Y.Map`);
    added.add(key);
  }

  private checkNoteField(noteId: string, key: string | null, content: Content, deleted: boolean): void {
    if (key === null) forbidden('a note is a map');
    this.plan.touchedNotes.add(noteId);
    if (deleted) return;
    if (key === NoteField.Text) {
      if (!isTypeContent(content, Y.Text)) forbidden('a note text must be a Y.Text');
      return;
    }
    if (key === NoteField.Votes) {
      if (!isTypeContent(content, Y.Map)) forbidden('note votes must be a Y.Map');
      return;
    }
    if (content instanceof Y.ContentType) return; // an unknown field holding a type: opaque (see childContainer)
    const verdict = checkNoteValue(key, singleValue(content));
    if (verdict === 'invalid') forbidden(`note field "${key}" breaks the format`);
  }

  private checkLinkField(linkId: string, key: string | null, content: Content, deleted: boolean): void {
    if (key === null) forbidden('a link is a map');
    this.plan.touchedLinks.add(linkId);
    if (deleted || content instanceof Y.ContentType) return;
    if (checkLinkValue(key, singleValue(content)) === 'invalid') forbidden(`link field "${key}" breaks the format`);
  }

  private checkDot(noteId: string, voter: string | null, content: Content, deleted: boolean): void {
    if (voter === null) forbidden('note votes are a map');
    if (this.writer.voterId === null) forbidden('casting dots needs a voter secret (?voter=)');
    if (voter !== this.writer.voterId) forbidden("dots may only be cast under the sender's own voter id");
    if (!deleted && !isDotCount(singleValue(content))) forbidden('a dot count is an integer 1–20');
    this.plan.votedNotes.add(noteId);
  }

  /**
   * Every deleted range must be known to the server (in the document or in this update), and the
   * sender must be allowed to remove what is in it.
   */
  private checkDeletions(): void {
    for (const [client, ranges] of this.decoded.ds.clients) {
      const docState = this.stateOf(client);
      const known = Math.max(docState, this.runs.get(client)?.end ?? 0);
      const structs = this.doc.store.clients.get(client);
      for (const { clock, len } of ranges) {
        if (len <= 0 || clock + len > known) missing('update deletes changes the server does not have');
        if (!structs || clock >= docState) continue;
        const end = Math.min(clock + len, docState);
        for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
          const struct = structs[index]!;
          if (struct.id.clock >= end) break;
          if (struct instanceof Y.Item && !struct.deleted) this.checkDeletion(struct);
        }
      }
    }
  }

  private checkDeletion(item: Y.Item): void {
    const { container, key } = this.docSlot(item);
    this.requireRoleFor(container);
    switch (container.kind) {
      case 'root':
        if (!KNOWN_ROOTS.has(container.name)) forbidden('unknown root');
        return;
      case 'meeting':
      case 'metaPrompts':
        return;
      case 'note':
        this.plan.touchedNotes.add(container.noteId);
        return;
      case 'link':
        this.plan.touchedLinks.add(container.linkId);
        return;
      case 'noteVotes':
        // Deleting a note takes its dots with it, and starting a vote (the leader) clears them all.
        if (this.writer.role === Role.Lead || this.noteIsDeleted(item)) return;
        if (key !== this.writer.voterId) forbidden("only a voter may take their own dots off");
        this.plan.votedNotes.add(container.noteId);
        return;
      case 'noteText':
      case 'extra':
      case 'gone':
        return;
    }
  }

  /** Whether the note that holds this dot entry is already deleted or deleted by this update. */
  private noteIsDeleted(dot: Y.Item): boolean {
    const votesSlot = (dot.parent as Y.AbstractType<unknown>)._item;
    const noteSlot = votesSlot ? (votesSlot.parent as Y.AbstractType<unknown>)._item : null;
    if (!noteSlot) return false;
    return noteSlot.deleted || Y.isDeleted(this.decoded.ds, noteSlot.id);
  }
}

/** The container a type stands for, given the container and key of the item that holds it. */
function childContainer(parent: Container, key: string | null): Container {
  switch (parent.kind) {
    case 'root':
      if (key === null) return GONE;
      if (parent.name === Root.Notes) return { kind: 'note', noteId: key };
      if (parent.name === Root.Links) return { kind: 'link', linkId: key };
      if (parent.name === Root.Meeting) return MEETING;
      if (parent.name === Root.Meta && key === MetaField.Prompts) return { kind: 'metaPrompts' };
      return { kind: 'root', name: `${parent.name}.${key}` };
    case 'note':
      if (key === NoteField.Text) return { kind: 'noteText', noteId: parent.noteId };
      if (key === NoteField.Votes) return { kind: 'noteVotes', noteId: parent.noteId };
      return { kind: 'extra', noteId: parent.noteId };
    case 'meeting':
      return MEETING;
    case 'link':
      return { kind: 'extra', noteId: null };
    case 'extra':
      return parent;
    case 'noteText':
    case 'noteVotes':
    case 'metaPrompts':
      // Types nested where the format has plain values: refused when written (checkItem).
      return { kind: 'root', name: `${parent.kind}.${key ?? ''}` };
    case 'gone':
      return GONE;
  }
}

function isTypeContent(content: Content, type: typeof Y.Map | typeof Y.Text): boolean {
  return content instanceof Y.ContentType && content.type instanceof type;
}

/** The one plain value a map entry holds; anything else (a type, several values) is `undefined`. */
function singleValue(content: Content): unknown {
  return content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined;
}

/**
 * Checks an update against the format and the writer's role without applying it. Throws
 * `Refusal`; otherwise returns what the update touches for `checkOutcome`.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, writer: Writer): UpdatePlan {
  return new Inspection(doc, writer, decode(update)).run();
}
