import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { BoardModel } from '../../shared/board/model';
import type { NoteView } from '../../shared/board/note';
import type { Zone } from '../../shared/board/zones';
import { actionForKey, addDotAction, linkNotesAction, removeDotAction, runAction, type BoardAction } from '../actions';
import { refusalOf } from '../board/commandErrors';
import { useBoardState } from '../board/useNotes';
import { t as translate, useTranslation } from '../i18n';
import { FocusRequestProvider, FocusRequests } from './focusRequest';
import { LinkPicker } from './LinkPicker';
import { linkedNotesByNote, linkedNotesOf, type LinkedNotesByNote } from './linkedNotes';
import { LINK_TARGETS } from './NoteLinks';
import { OutlineBar } from './OutlineBar';
import { OutlineList } from './OutlineList';
import { dotsLeft, noteLabel } from './noteLabel';
import type { OutlineActions } from './outlineActions';
import { zoneOrder, type ZoneOrder } from './outlineOrder';
import { outlineRows, zoneRowKey } from './outlineRows';
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

function isTextField(target: EventTarget): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
}

/**
 * The board as an accessible, editable text outline: zones as headings, notes as list items, every
 * gesture a native control. It reads the same live model as the canvas, so edits show in both.
 * The list is virtual (OutlineList): a board of 5,000 notes renders a screenful of them.
 */
export function OutlineView({ model, canEdit, myName, voterId, onEditing, onAddPrivate }: OutlineViewProps) {
  const { t } = useTranslation();
  const state = useBoardState(model);
  const [status, setStatus] = useState('');
  const [sortByVotes, setSortByVotes] = useState(false);
  const [linkingId, setLinkingId] = useState<string | null>(null);
  const [focusRequests] = useState(() => new FocusRequests());
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

  const { notes, links, byId, meeting, meta } = state;
  const shownVote = meeting.vote;
  // Kept by value: the meeting is re-read on any change to it (a timer, a phase), and every row takes the vote.
  const vote = useMemo(
    () => shownVote,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the vote's fields are its value
    [shownVote?.active, shownVote?.revealed, shownVote?.budget, shownVote?.startedAt, shownVote === null],
  );
  const sorted = sortByVotes && vote?.revealed === true;
  const orderRef = useRef<ZoneOrder | null>(null);
  const order = useMemo(() => zoneOrder(notes, sorted, orderRef.current), [notes, sorted]);
  const rows = useMemo(() => outlineRows(order.ids), [order.ids]);
  const linkedRef = useRef<LinkedNotesByNote>(new Map());
  const linkedByNote = useMemo(() => linkedNotesByNote(links, byId, linkedRef.current), [links, byId]);
  useLayoutEffect(() => {
    orderRef.current = order;
    linkedRef.current = linkedByNote;
  }, [order, linkedByNote]);
  const mine = state.votesBy(voterId);
  const left = state.votesLeft(voterId);

  // The gestures read the latest props and order through a ref, so `actions` is made once and
  // every row can keep it as a prop without re-rendering when the board page does.
  const latest = useRef({ myName, voterId, canEdit, onEditing, onAddPrivate, order });
  useLayoutEffect(() => {
    latest.current = { myName, voterId, canEdit, onEditing, onAddPrivate, order };
  });

  const actions: OutlineActions = useMemo(() => {
    /** One gesture = one undo step; a refusal from the model (someone deleted the note meanwhile, no dots left…) is announced. */
    const perform = (gesture: () => void, announce?: () => string): boolean => {
      const refusal = refusalOf(() => {
        model.stopCapturing();
        gesture();
        model.stopCapturing();
      });
      if (refusal !== null) {
        setStatus(`${refusal}.`);
        return false;
      }
      if (announce) setStatus(announce());
      return true;
    };
    /** A registered action on one note, as the canvas and toolbar run it on the selection. */
    const runOn = (action: BoardAction, note: NoteView, announce?: () => string, value?: string) => {
      const { myName, voterId, canEdit } = latest.current;
      const outcome = runAction(action, { model, noteIds: [note.id], canEdit, myName, voterId }, value);
      if (!outcome.done) {
        if (outcome.refusal) setStatus(`${outcome.refusal}.`);
      } else {
        setStatus(announce ? announce() : (outcome.announce ?? ''));
      }
      return outcome;
    };
    return {
      addNote(zone: Zone, text: string, forName: string) {
        const { myName, onAddPrivate } = latest.current;
        if (!text.trim()) {
          setStatus(translate('outline.typeFirst'));
          return false;
        }
        const author = forName.trim();
        if (onAddPrivate) {
          onAddPrivate(zone, text);
          setStatus(translate('outline.keptPrivate', { note: noteLabel({ text }) }));
          return true;
        }
        return perform(
          () => model.addNote(author ? { zone, text, author, addedBy: myName } : { zone, text, author: myName }),
          () =>
            author
              ? translate('outline.addedFor', { note: noteLabel({ text }), zone: translate(`zones.${zone}`), author })
              : translate('outline.added', { note: noteLabel({ text }), zone: translate(`zones.${zone}`) }),
        );
      },
      setText(note: NoteView, text: string) {
        perform(() => model.setNoteText(note.id, text), () => translate('outline.saved'));
      },
      move(note: NoteView, zone: Zone) {
        if (perform(() => model.setNoteZone(note.id, zone), () => translate('outline.moved', { note: noteLabel(note), zone: translate(`zones.${zone}`) }))) {
          focusRequests.request({ target: `move:${note.id}`, row: note.id });
        }
      },
      remove(note: NoteView) {
        // The neighbour is looked up now rather than passed to every row: rows then need not re-render when it changes.
        const ids = latest.current.order.ids[note.zone];
        const at = ids.indexOf(note.id);
        const neighbour = at < 0 ? undefined : (ids[at + 1] ?? ids[at - 1]);
        if (perform(() => model.deleteNote(note.id), () => translate('outline.deleted', { note: noteLabel(note) }))) {
          setActionsOpen(note.id, false);
          focusRequests.request(
            neighbour ? { target: `edit:${neighbour}`, row: neighbour } : { target: `heading:${note.zone}`, row: zoneRowKey(note.zone) },
          );
        }
      },
      addDot(note: NoteView) {
        runOn(addDotAction, note, () => translate('outline.dotAdded', { note: noteLabel(note), left: dotsLeft(model.votesLeft(latest.current.voterId)) }));
      },
      removeDot(note: NoteView) {
        runOn(removeDotAction, note, () => translate('outline.dotRemoved', { note: noteLabel(note), left: dotsLeft(model.votesLeft(latest.current.voterId)) }));
      },
      run(action: BoardAction, note: NoteView) {
        const outcome = runOn(action, note);
        // A note the action made (a copy) takes focus, as a new note does.
        const made = outcome.done ? outcome.select?.[0] : undefined;
        if (made) focusRequests.request({ target: `edit:${made}`, row: made });
      },
      openLinkPicker(note: NoteView) {
        setLinkingId(note.id);
      },
      link(from: NoteView, to: NoteView) {
        return runOn(linkNotesAction, from, () => translate('outline.linked', { from: noteLabel(from), to: noteLabel(to) }), to.id).done;
      },
      unlink(link, note, other) {
        perform(() => model.deleteLink(link.id), () => translate('outline.unlinked', { note: noteLabel(note), other: noteLabel(other) }));
      },
      setActionsOpen,
      editing(id: string | null) {
        latest.current.onEditing?.(id);
      },
    };
  }, [model, setActionsOpen, focusRequests]);

  // Focus goes back to the note's "Link…" button, scrolled back into view if the board moved meanwhile.
  const closeLinkPicker = useCallback(() => {
    if (linkingId) focusRequests.request({ target: `link:${linkingId}`, row: linkingId });
    setLinkingId(null);
  }, [linkingId, focusRequests]);

  const linking = linkingId === null ? undefined : byId.get(linkingId);
  const linkTarget = linking && LINK_TARGETS[linking.zone];
  const linkCandidates = useMemo(() => {
    if (!linkTarget) return [];
    return order.ids[linkTarget.zone].flatMap((id) => byId.get(id) ?? []);
  }, [linkTarget, order.ids, byId]);
  const linkedIds = useMemo(
    () => new Set(linking ? linkedNotesOf(linkedByNote, linking.id).filter((entry) => entry.fromHere).map((entry) => entry.other.id) : []),
    [linking, linkedByNote],
  );

  // Undo here rather than through the board's window shortcuts, so it works in the outline alone;
  // text fields keep their own undo.
  const onKeyDown = (event: KeyboardEvent) => {
    if (!canEdit || !(event.ctrlKey || event.metaKey) || isTextField(event.target)) return;
    // A registered action's shortcut (Ctrl+D…) acts on the note that has focus, as on the canvas's selection.
    const row = event.target instanceof Element ? event.target.closest('[data-note-id]') : null;
    const note = row ? byId.get(row.getAttribute('data-note-id') ?? '') : undefined;
    const action = note && actionForKey(event.nativeEvent, { model, noteIds: [note.id], canEdit, myName, voterId });
    if (note && action) {
      event.preventDefault();
      event.stopPropagation();
      actions.run(action, note);
      return;
    }
    const key = event.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    event.preventDefault();
    event.stopPropagation();
    if (key === 'y' || event.shiftKey) model.redo();
    else model.undo();
  };

  return (
    // A region, not `main`: it sits inside the board page's main landmark (BoardScreen).
    <section className="outline-view" data-testid="outline-view" aria-label={t('outline.label')} onKeyDown={onKeyDown}>
      <OutlineBar
        model={model}
        canEdit={canEdit}
        vote={vote}
        left={left}
        sortByVotes={sortByVotes}
        onSortByVotes={setSortByVotes}
        status={status}
        focusRequests={focusRequests}
      />
      <FocusRequestProvider requests={focusRequests}>
        <OutlineList
          rows={rows}
          byId={byId}
          prompts={meta.prompts}
          linkedByNote={linkedByNote}
          vote={vote}
          mine={mine}
          canEdit={canEdit}
          openActions={openActions}
          actions={actions}
        />
      </FocusRequestProvider>
      {linking && canEdit && (
        <LinkPicker
          note={linking}
          candidates={linkCandidates}
          linkedIds={linkedIds}
          onClose={closeLinkPicker}
          onLink={(other) => {
            const made = actions.link(linking, other);
            if (made) closeLinkPicker();
            return made;
          }}
        />
      )}
    </section>
  );
}

export default OutlineView;
