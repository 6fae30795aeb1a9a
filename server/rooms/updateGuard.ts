import * as Y from 'yjs';
import { Role } from '../../shared/protocol/ids';
import { Root } from '../../shared/board/meta';
import { isRecordId } from '../../shared/board/fieldRules';
import { decode, forbidden, isTypeContent, missing, type Content, type DecodedUpdate } from './updateContent';
import { UpdatePlaces } from './updatePlaces';
import { checkMeetingEntry, checkMetaEntry, checkPromptEntry, requireRoleFor } from './metaChecks';
import { checkNoteField, checkNoteTextItem } from './noteChecks';
import { checkLinkField } from './linkChecks';
import { checkDot, checkDotRemoval } from './voteChecks';

/**
 * Reads an update before it is applied and decides whether its sender may make it. Everything here
 * works on the decoded structs and the room's document as it is, so a refused update leaves no
 * trace: nothing applied, stored or forwarded.
 *
 * This is the entry point: it finds where each new item lands and what each deletion removes
 * (updatePlaces) and hands it to the checks of the record it belongs to (metaChecks, noteChecks,
 * linkChecks, voteChecks).
 */

/** Who is writing: their role and the voter id the server derived for their socket. */
export interface Writer {
  readonly role: Role;
  readonly voterId: string | null;
}

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

const KNOWN_ROOTS = new Set<string>(Object.values(Root));

class Inspection {
  private readonly places: UpdatePlaces;
  /** Characters this update adds to each note's text. */
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
  ) {
    this.places = new UpdatePlaces(doc, decoded);
  }

  run(): UpdatePlan {
    this.places.collectRuns(this.plan.clients);
    for (const struct of this.decoded.structs) {
      if (struct instanceof Y.Item && this.places.isNew(struct)) this.checkItem(struct);
    }
    this.checkDeletions();
    return this.plan;
  }

  private checkItem(item: Y.Item): void {
    const { container, key } = this.places.newSlot(item);
    const content = item.content;
    if (content instanceof Y.ContentDoc) forbidden('subdocuments are not part of the board format');
    const deleted = content instanceof Y.ContentDeleted;
    requireRoleFor(container, this.writer);
    switch (container.kind) {
      case 'gone':
        return;
      case 'root':
        this.checkRootItem(container.name, key, content, deleted);
        return;
      case 'meeting':
        return;
      case 'metaPrompts':
        checkPromptEntry(key, content, deleted);
        return;
      case 'note':
        checkNoteField(this.plan, container.noteId, key, content, deleted);
        return;
      case 'noteText':
        checkNoteTextItem(this.plan, this.textAdded, container.noteId, key, content, deleted);
        return;
      case 'noteVotes':
        checkDot(this.plan, this.writer, container.noteId, key, content, deleted);
        return;
      case 'link':
        checkLinkField(this.plan, container.linkId, key, content, deleted);
        return;
      case 'extra':
        if (container.noteId !== null) this.plan.touchedNotes.add(container.noteId);
        return;
    }
  }

  private checkRootItem(root: string, key: string | null, content: Content, deleted: boolean): void {
    if (!KNOWN_ROOTS.has(root)) forbidden(`unknown root "${root.slice(0, 40)}"`);
    if (key === null) forbidden(`root "${root}" is a map`);
    switch (root) {
      case Root.Meta:
        checkMetaEntry(key, content, deleted);
        return;
      case Root.Meeting:
        checkMeetingEntry(key, content, deleted);
        return;
      case Root.Notes:
        checkRecord('note', key, content, deleted, this.plan.newNotes);
        return;
      case Root.Links:
        checkRecord('link', key, content, deleted, this.plan.newLinks);
        return;
    }
  }

  /**
   * Every deleted range must be known to the server (in the document or in this update), and the
   * sender must be allowed to remove what is in it.
   */
  private checkDeletions(): void {
    for (const [client, ranges] of this.decoded.ds.clients) {
      const docState = this.places.stateOf(client);
      const known = Math.max(docState, this.places.runEnd(client));
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
    const { container, key } = this.places.docSlot(item);
    requireRoleFor(container, this.writer);
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
        checkDotRemoval(this.plan, this.writer, this.decoded.ds, item, container.noteId, key);
        return;
      case 'noteText':
      case 'extra':
      case 'gone':
        return;
    }
  }
}

/** A note or link written at its root: a `Y.Map` under an id of 1–100 characters. */
function checkRecord(kind: 'note' | 'link', key: string, content: Content, deleted: boolean, added: Set<string>): void {
  if (!isRecordId(key)) forbidden(`a ${kind} id must be 1–100 characters`);
  if (deleted) return;
  if (!isTypeContent(content, Y.Map)) forbidden(`a ${kind} must be a Y.Map`);
  added.add(key);
}

/**
 * Checks an update against the format and the writer's role without applying it. Throws
 * `Refusal`; otherwise returns what the update touches for `checkOutcome`.
 */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, writer: Writer): UpdatePlan {
  return new Inspection(doc, writer, decode(update)).run();
}
