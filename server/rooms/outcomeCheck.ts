import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Root } from '../../shared/board/meta';
import { readNote, MAX_NOTE_TEXT } from '../../shared/board/note';
import { readLink } from '../../shared/board/links';
import { MeetingField } from '../../shared/board/meeting';
import { readBallot, readVote } from '../../shared/board/votes';
import { NoteField } from '../../shared/board/note';
import type { Limits } from '../config';
import { Refusal } from './refusal';
import type { UpdatePlan, Writer } from './updateGuard';

/**
 * The rules that can only be judged on the board as an update leaves it: a new note must be a
 * whole note, a new link must join two notes of the board, the board's counts stay under
 * their caps, and a voter's dots stay within the running vote's budget. Each check looks only at
 * what the update touched (plus the notes that carry dots), never at every note.
 */
export class OutcomeCheck {
  private readonly notes: Y.Map<unknown>;
  private readonly links: Y.Map<unknown>;
  private readonly meeting: Y.Map<unknown>;
  /** Notes that have carried dots; a voter's total is summed over these, not over the whole board. */
  private readonly votedNotes = new Set<string>();

  constructor(
    doc: Y.Doc,
    private readonly limits: Pick<Limits, 'maxNotesPerBoard' | 'maxLinksPerBoard'>,
  ) {
    this.notes = doc.getMap(Root.Notes);
    this.links = doc.getMap(Root.Links);
    this.meeting = doc.getMap(Root.Meeting);
    this.notes.forEach((note, id) => {
      if (note instanceof Y.Map && readBallot(note.get(NoteField.Votes)).size > 0) this.votedNotes.add(id);
    });
  }

  /** The first rule the board now breaks because of this update, or null. */
  check(plan: UpdatePlan, writer: Writer): Refusal | null {
    if (plan.newNotes.size > 0 && liveEntries(this.notes) > this.limits.maxNotesPerBoard) {
      return new Refusal(CloseCode.TooLarge, `a board holds at most ${this.limits.maxNotesPerBoard} notes`);
    }
    if (plan.newLinks.size > 0 && liveEntries(this.links) > this.limits.maxLinksPerBoard) {
      return new Refusal(CloseCode.TooLarge, `a board holds at most ${this.limits.maxLinksPerBoard} links`);
    }
    for (const id of plan.newNotes) plan.touchedNotes.add(id);
    for (const id of plan.touchedNotes) {
      const refusal = this.checkNote(id);
      if (refusal) return refusal;
    }
    for (const id of plan.newLinks) {
      const refusal = this.checkNewLink(id);
      if (refusal) return refusal;
    }
    for (const id of plan.touchedLinks) {
      if (!plan.newLinks.has(id) && this.links.has(id) && !readLink(id, this.links.get(id))) {
        return new Refusal(CloseCode.ForbiddenChange, 'a link lost a field it needs');
      }
    }
    if (plan.votedNotes.size > 0) return this.checkDots(plan, writer);
    return null;
  }

  private checkNote(id: string): Refusal | null {
    const value = this.notes.get(id);
    if (value === undefined) return null; // deleted
    const note = readNote(id, value);
    if (!note) return new Refusal(CloseCode.ForbiddenChange, 'a note must have every field of the format, each valid');
    if (note.text.length > MAX_NOTE_TEXT) return new Refusal(CloseCode.TooLarge, `a note text is over ${MAX_NOTE_TEXT} characters`);
    return null;
  }

  /**
   * A new link must name two notes the board has or had. A note deleted, or moved to another zone,
   * while the link's writer was offline is honest concurrency (readers ignore such links, or keep
   * them with their kind), so neither is refused; a note that never existed, or is broken, is.
   */
  private checkNewLink(id: string): Refusal | null {
    if (!this.links.has(id)) return null;
    const link = readLink(id, this.links.get(id));
    if (!link) return new Refusal(CloseCode.ForbiddenChange, 'a link needs from, to and kind, each valid, and from ≠ to');
    for (const noteId of [link.from, link.to]) {
      const slot = this.notes._map.get(noteId);
      if (!slot) return new Refusal(CloseCode.ForbiddenChange, 'a link must join two notes of the board');
      if (!slot.deleted && !readNote(noteId, this.notes.get(noteId))) return new Refusal(CloseCode.ForbiddenChange, 'a link must join two valid notes');
    }
    return null;
  }

  private checkDots(plan: UpdatePlan, writer: Writer): Refusal | null {
    for (const id of plan.votedNotes) this.votedNotes.add(id);
    const vote = readVote(this.meeting.get(MeetingField.Vote));
    if (!vote?.active) return new Refusal(CloseCode.ForbiddenChange, 'dots may be cast or taken off only while a vote runs');
    const voter = writer.voterId;
    if (voter === null) return new Refusal(CloseCode.ForbiddenChange, 'casting dots needs a voter secret');
    let used = 0;
    for (const id of this.votedNotes) {
      const note = this.notes.get(id);
      if (!(note instanceof Y.Map)) {
        this.votedNotes.delete(id);
        continue;
      }
      used += readBallot(note.get(NoteField.Votes)).get(voter) ?? 0;
    }
    if (used > vote.budget) return new Refusal(CloseCode.ForbiddenChange, `over the vote's budget of ${vote.budget} dots`);
    return null;
  }
}

/** Live entries of a root map, counted only when an update adds some. Deleted keys stay in `_map`. */
function liveEntries(map: Y.Map<unknown>): number {
  let count = 0;
  for (const item of map._map.values()) if (!item.deleted) count++;
  return count;
}
