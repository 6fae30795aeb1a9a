import fc from 'fast-check';
import { BoardCommandError, BoardModel } from '../../shared/board/model';
import { LINK_ZONES, LINK_KINDS } from '../../shared/board/links';
import { ZONES, ZONE_HEADER_HEIGHT, ZONE_HEIGHT, zoneRect, type Zone } from '../../shared/board/zones';
import type { NoteView } from '../../shared/board/note';

/**
 * One random step of the convergence fuzz. Steps name notes and links by `pick`, an index into what
 * the acting client sees when the step runs (modulo its length), so a recorded sequence replays the
 * same way against fresh random ids.
 */
export type FuzzStep =
  | { type: 'addNote'; client: number; zone: Zone; text: string }
  | { type: 'moveNote'; client: number; pick: number; fx: number; fy: number }
  | { type: 'editText'; client: number; pick: number; text: string }
  | { type: 'deleteNote'; client: number; pick: number }
  | { type: 'addLink'; client: number; kind: number; from: number; to: number }
  | { type: 'deleteLink'; client: number; pick: number }
  | { type: 'castVote'; client: number; pick: number }
  | { type: 'removeVote'; client: number; pick: number }
  | { type: 'startVote'; budget: number }
  | { type: 'endVote' }
  | { type: 'disconnect'; client: number }
  | { type: 'reconnect'; client: number }
  | { type: 'pause'; ms: number };

/** Steps a client's model runs on its own replica; the rest are the harness's (network, lead, time). */
export type ModelStep = Extract<FuzzStep, { client: number }> & {
  type: 'addNote' | 'moveNote' | 'editText' | 'deleteNote' | 'addLink' | 'deleteLink' | 'castVote' | 'removeVote';
};

export function isModelStep(step: FuzzStep): step is ModelStep {
  return 'client' in step && step.type !== 'disconnect' && step.type !== 'reconnect';
}

const words = fc.constantFrom('food', 'bank', 'youth', 'club', 'prayer', 'garden', 'nurse', 'café', '🙂', ' ', '\n');
const noteText = fc.array(words, { maxLength: 6 }).map((parts) => parts.join(' '));

export const voteBudget = fc.integer({ min: 1, max: 5 });

/** Arbitrary steps for `clients` clients; note-level commands dominate, as in a real meeting. */
export function fuzzStep(clients: number): fc.Arbitrary<FuzzStep> {
  const client = fc.nat({ max: clients - 1 });
  const pick = fc.nat({ max: 1000 });
  const fraction = fc.nat({ max: 100 });
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ type: fc.constant('addNote' as const), client, zone: fc.constantFrom(...ZONES), text: noteText }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('moveNote' as const), client, pick, fx: fraction, fy: fraction }) },
    { weight: 5, arbitrary: fc.record({ type: fc.constant('editText' as const), client, pick, text: noteText }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('deleteNote' as const), client, pick }) },
    { weight: 4, arbitrary: fc.record({ type: fc.constant('addLink' as const), client, kind: fc.nat({ max: 1 }), from: pick, to: pick }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('deleteLink' as const), client, pick }) },
    { weight: 5, arbitrary: fc.record({ type: fc.constant('castVote' as const), client, pick }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('removeVote' as const), client, pick }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('startVote' as const), budget: voteBudget }) },
    { weight: 1, arbitrary: fc.constant({ type: 'endVote' as const }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('disconnect' as const), client }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('reconnect' as const), client }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('pause' as const), ms: fc.nat({ max: 15 }) }) },
  );
}

function pickFrom<T>(items: readonly T[], index: number): T | undefined {
  return items.length === 0 ? undefined : items[index % items.length];
}

/**
 * Runs one model step as an honest client would: on notes it can see, under its own voter id.
 * Moves keep a note inside its own zone, so a link that was valid when drawn stays valid. Returns
 * false when there was nothing to act on or the model refused (BoardCommandError), which the
 * fuzz skips; any other error is a failure.
 */
export function runModelStep(model: BoardModel, step: ModelStep, author: string, voterId: string): boolean {
  const { notes, links } = model.getSnapshot();
  try {
    switch (step.type) {
      case 'addNote':
        model.addNote({ zone: step.zone, author, text: step.text });
        return true;
      case 'moveNote': {
        const note = pickFrom(notes, step.pick);
        if (!note) return false;
        const zone = zoneRect(note.zone);
        const x = zone.x + ((zone.w - note.w) * step.fx) / 100;
        const y = ZONE_HEADER_HEIGHT + ((ZONE_HEIGHT - ZONE_HEADER_HEIGHT - note.h) * step.fy) / 100;
        model.moveNote(note.id, Math.round(x), Math.round(y));
        return true;
      }
      case 'editText': {
        const note = pickFrom(notes, step.pick);
        if (!note) return false;
        model.setNoteText(note.id, `${note.text.slice(0, 40)}${step.text}`);
        return true;
      }
      case 'deleteNote': {
        const note = pickFrom(notes, step.pick);
        if (!note) return false;
        model.deleteNote(note.id);
        return true;
      }
      case 'addLink': {
        const kind = LINK_KINDS[step.kind] ?? LINK_KINDS[0]!;
        const inZone = (zone: Zone): NoteView[] => notes.filter((note) => note.zone === zone);
        const from = pickFrom(inZone(LINK_ZONES[kind].from), step.from);
        const to = pickFrom(inZone(LINK_ZONES[kind].to), step.to);
        if (!from || !to) return false;
        model.addLink(from.id, to.id, kind, author);
        return true;
      }
      case 'deleteLink': {
        const link = pickFrom(links, step.pick);
        if (!link) return false;
        model.deleteLink(link.id);
        return true;
      }
      case 'castVote': {
        const note = pickFrom(notes, step.pick);
        if (!note) return false;
        model.castVote(note.id, voterId);
        return true;
      }
      case 'removeVote': {
        const mine = [...model.getSnapshot().votesBy(voterId).keys()];
        const noteId = pickFrom(mine, step.pick);
        if (!noteId) return false;
        model.removeVote(noteId, voterId);
        return true;
      }
    }
  } catch (error) {
    if (error instanceof BoardCommandError) return false;
    throw error;
  }
}
