import * as Y from 'yjs';
import { Root, MetaField } from '../../shared/board/meta';
import { NoteField } from '../../shared/board/note';
import { malformed, missing, type DecodedUpdate, type Struct } from './updateContent';

/**
 * Where the items of an update land, for updateGuard. What an item means depends on its parent type
 * and map key. New items name their parent directly (a root name or the id of the type's item) or
 * implicitly through their left or right neighbour, which may be in the document or earlier in the
 * same update. `newSlot` follows those links to one of the places the format defines.
 */

/** Where a Y type sits in the board document. */
export type Container =
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

/** The place an item lands: the container it is in and its map key (null inside texts and arrays). */
export interface Slot {
  readonly container: Container;
  readonly key: string | null;
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

export class UpdatePlaces {
  private readonly runs = new Map<number, ClientRun>();
  private readonly slotOfNew = new Map<Y.Item, Slot>();
  private readonly containerOfDocType = new Map<Y.AbstractType<unknown>, Container>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly decoded: DecodedUpdate,
  ) {}

  stateOf(client: number): number {
    return Y.getState(this.doc.store, client);
  }

  isNew(struct: Struct): boolean {
    return struct.id.clock + struct.length > this.stateOf(struct.id.client);
  }

  /** The clock after the last struct this update brings for a client; 0 if none. */
  runEnd(client: number): number {
    return this.runs.get(client)?.end ?? 0;
  }

  /**
   * Groups structs by client and checks that each client's run continues what the document has:
   * a gap (or a Skip, which marks one) means the update depends on structs the server lacks.
   * Adds to `clients` the ids under which the update brings new structs.
   */
  collectRuns(clients: Set<number>): void {
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
      if (run.end > this.stateOf(client)) clients.add(client);
    }
  }

  /** Where an item of the document sits. */
  docSlot(item: Y.Item): Slot {
    return { container: this.docContainer(item.parent as Y.AbstractType<unknown>), key: item.parentSub };
  }

  /**
   * Where a new item lands. Iterative, because a typed run of text is a chain of items each
   * naming the one before as its origin, and a chain may be thousands long.
   */
  newSlot(start: Y.Item): Slot {
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
      // Types nested where the format has plain values: refused when written (updateGuard's checkItem).
      return { kind: 'root', name: `${parent.kind}.${key ?? ''}` };
    case 'gone':
      return GONE;
  }
}
