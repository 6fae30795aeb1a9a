import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { LinkView } from '../../shared/board/links';
import { BoardCommandError, type BoardModel } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import { ZONES, ZONE_TITLES, type Zone } from '../../shared/board/zones';
import { useBoardSnapshot } from '../board/useNotes';
import { FocusRequestProvider } from './focusRequest';
import { OutlineHistory } from './OutlineHistory';
import { OutlineZone } from './OutlineZone';
import { dots, noteLabel } from './noteLabel';
import type { OutlineActions, OutlineVote } from './outlineActions';
import { notesByZone } from './outlineOrder';
import './outline.css';

export interface OutlineViewProps {
  model: BoardModel;
  /** False for view-only keys and read-only records: the outline then has no fields or actions. */
  canEdit: boolean;
  /** This person's display name: the author of their notes, or "added by" on notes written for others. */
  myName: string;
  /** Stable per-browser id that this person's dots are counted under (identity.ts voterId). */
  voterId: string;
  /** Told when this person starts (note id) or stops (null) editing a note's text, for presence. */
  onEditing?(noteId: string | null): void;
  /**
   * Set while a private-writing round runs: new notes then go to this person's private drafts
   * (shown in the private-writing panel) instead of the shared board.
   */
  onAddPrivate?: ((zone: Zone, text: string) => void) | null;
}

function leftText(left: number): string {
  return left === 0 ? 'No dots left' : `${dots(left)} left`;
}

function isTextField(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
}

/**
 * The board as an accessible, editable text outline: zones as headings, notes as list items, every
 * gesture a native control. It reads the same live model as the canvas, so edits show in both.
 */
export function OutlineView({ model, canEdit, myName, voterId, onEditing, onAddPrivate }: OutlineViewProps) {
  const snapshot = useBoardSnapshot(model);
  const [status, setStatus] = useState('');
  const [sortByVotes, setSortByVotes] = useState(false);
  const [focusRequest, setFocusRequest] = useState<string | null>(null);
  const focusDone = useCallback(() => setFocusRequest(null), []);
  // Lifted out of the notes: a moved note remounts in its new zone, and must keep its actions open
  // so that focus can stay on the move control it was used from.
  const [openActions, setOpenActions] = useState<ReadonlySet<string>>(() => new Set());
  const setActionsOpen = useCallback((noteId: string, open: boolean) => {
    setOpenActions((current) => {
      if (current.has(noteId) === open) return current;
      const next = new Set(current);
      if (open) next.add(noteId);
      else next.delete(noteId);
      return next;
    });
  }, []);

  const { notes, links, byId, meeting, meta } = snapshot;
  const vote = meeting.vote;
  const sorted = sortByVotes && vote?.revealed === true;
  const zoneNotes = useMemo(() => notesByZone(notes, sorted), [notes, sorted]);
  const linksByNote = useMemo(() => {
    const map = new Map<string, LinkView[]>();
    for (const link of links) {
      for (const id of [link.from, link.to]) {
        const list = map.get(id);
        if (list) list.push(link);
        else map.set(id, [link]);
      }
    }
    return map;
  }, [links]);
  const mine = snapshot.votesBy(voterId);
  const left = snapshot.votesLeft(voterId);
  const outlineVote: OutlineVote = useMemo(() => ({ vote, mine, left }), [vote, mine, left]);

  const actions: OutlineActions = useMemo(() => {
    /** One gesture = one undo step; a refusal from the model (someone deleted the note meanwhile, no dots left…) is announced. */
    const perform = (gesture: () => void, announce?: () => string, refused?: () => string): boolean => {
      try {
        model.stopCapturing();
        gesture();
        model.stopCapturing();
      } catch (error) {
        if (!(error instanceof BoardCommandError)) throw error;
        setStatus(refused ? refused() : `Not done: ${error.message}.`);
        return false;
      }
      if (announce) setStatus(announce());
      return true;
    };
    return {
      addNote(zone: Zone, text: string, forName: string) {
        if (!text.trim()) {
          setStatus('Type the note first.');
          return false;
        }
        const author = forName.trim();
        if (onAddPrivate) {
          onAddPrivate(zone, text);
          setStatus(`Kept ${noteLabel({ text })} private until the leader reveals the round.`);
          return true;
        }
        return perform(
          () => model.addNote(author ? { zone, text, author, addedBy: myName } : { zone, text, author: myName }),
          () => `Added ${noteLabel({ text })} to ${ZONE_TITLES[zone]}${author ? ` for ${author}` : ''}.`,
        );
      },
      setText(note: NoteView, text: string) {
        perform(() => model.setNoteText(note.id, text), () => 'Saved.');
      },
      move(note: NoteView, zone: Zone) {
        if (perform(() => model.setNoteZone(note.id, zone), () => `Moved ${noteLabel(note)} to ${ZONE_TITLES[zone]}.`)) {
          setFocusRequest(`move:${note.id}`);
        }
      },
      remove(note: NoteView, focusAfter: string) {
        if (perform(() => model.deleteNote(note.id), () => `Deleted ${noteLabel(note)}. Press Ctrl+Z (⌘Z) or Undo to bring it back.`)) {
          setActionsOpen(note.id, false);
          setFocusRequest(focusAfter);
        }
      },
      addDot(note: NoteView) {
        perform(
          () => model.castVote(note.id, voterId),
          () => `Dot added to ${noteLabel(note)}. ${leftText(model.votesLeft(voterId))}.`,
          // The model holds the budget; its refusal is reworded for someone who just pressed +.
          () => (model.getSnapshot().meeting.vote?.active ? 'No dots left: take one off another note first.' : 'The vote is not running.'),
        );
      },
      removeDot(note: NoteView) {
        perform(() => model.removeVote(note.id, voterId), () => `Dot taken off ${noteLabel(note)}. ${leftText(model.votesLeft(voterId))}.`);
      },
      link(from: NoteView, to: NoteView) {
        return perform(() => model.addLink(from.id, to.id, undefined, myName), () => `Linked ${noteLabel(from)} to ${noteLabel(to)}.`);
      },
      unlink(link: LinkView, from: NoteView, to: NoteView) {
        perform(() => model.deleteLink(link.id), () => `Removed the link between ${noteLabel(from)} and ${noteLabel(to)}.`);
      },
      setActionsOpen,
      editing(id: string | null) {
        onEditing?.(id);
      },
    };
  }, [model, myName, voterId, onEditing, onAddPrivate, setActionsOpen]);

  // Undo here rather than through the board's window shortcuts, so it works in the outline alone;
  // text fields keep their own undo.
  const onKeyDown = (event: KeyboardEvent) => {
    if (!canEdit || !(event.ctrlKey || event.metaKey) || isTextField(event.target)) return;
    const key = event.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    event.preventDefault();
    event.stopPropagation();
    if (key === 'y' || event.shiftKey) model.redo();
    else model.undo();
  };

  return (
    <main className="outline-view" data-testid="outline-view" aria-label="Board outline" onKeyDown={onKeyDown}>
      <div className="outline-bar">
        {vote && (
          <p className="outline-vote-summary" data-testid="outline-vote-summary">
            {vote.active
              ? `Dot vote: ${leftText(left).toLowerCase()} of ${dots(vote.budget)}.`
              : 'The dot vote has ended.'}
            {vote.revealed ? ' Totals are shown.' : ' Totals are hidden until the leader reveals them.'}
          </p>
        )}
        {vote?.revealed && (
          <button type="button" data-testid="outline-sort-votes" aria-pressed={sortByVotes} onClick={() => setSortByVotes(!sortByVotes)}>
            Sort by votes
          </button>
        )}
        {canEdit && <OutlineHistory model={model} />}
      </div>
      <p className="outline-status" role="status" data-testid="outline-status">
        {status}
      </p>
      <FocusRequestProvider request={focusRequest} done={focusDone}>
        {ZONES.map((zone) => (
          <OutlineZone
            key={zone}
            zone={zone}
            prompt={meta.prompts[zone]}
            notes={zoneNotes[zone]}
            linksByNote={linksByNote}
            byId={byId}
            zoneNotes={zoneNotes}
            vote={outlineVote}
            canEdit={canEdit}
            openActions={openActions}
            actions={actions}
          />
        ))}
      </FocusRequestProvider>
    </main>
  );
}

export default OutlineView;
