import { memo, useId, useRef, type KeyboardEvent } from 'react';
import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import { ZONES, ZONE_TITLES, type Zone } from '../../shared/board/zones';
import { useFocusTarget } from './focusRequest';
import { NoteLinkAdd, NoteLinks } from './NoteLinks';
import { NoteTextField } from './NoteTextField';
import { NoteVotes } from './NoteVotes';
import { authorLine, noteLabel } from './noteLabel';
import type { OutlineActions, OutlineVote } from './outlineActions';

export interface OutlineNoteProps {
  note: NoteView;
  links: readonly LinkView[];
  byId: ReadonlyMap<string, NoteView>;
  zoneNotes: Readonly<Record<Zone, readonly NoteView[]>>;
  vote: OutlineVote;
  canEdit: boolean;
  /** Whether the note's less frequent actions (link, move, delete) are shown. */
  actionsOpen: boolean;
  /** Focus key of what takes focus if this note is deleted (its neighbour, or the zone heading). */
  focusAfterDelete: string;
  actions: OutlineActions;
}

/**
 * One note as a list item: text, links, author and dots, with Edit and the dot buttons at hand. Linking,
 * moving and deleting sit behind a "More" disclosure, so a phone screen shows several notes at once.
 */
export const OutlineNote = memo(function OutlineNote({ note, links, byId, zoneNotes, vote, canEdit, actionsOpen, focusAfterDelete, actions }: OutlineNoteProps) {
  const moveSelect = useFocusTarget<HTMLSelectElement>(`move:${note.id}`);
  const moreButton = useRef<HTMLButtonElement>(null);
  const moveId = useId();
  const panelId = useId();
  const label = noteLabel(note);
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    actions.setActionsOpen(note.id, false);
    moreButton.current?.focus();
  };
  return (
    <li className="outline-note" data-testid="outline-note" data-note-id={note.id} style={{ borderLeftColor: note.color }}>
      <NoteTextField
        note={note}
        canEdit={canEdit}
        onSave={(text) => actions.setText(note, text)}
        onEditing={(editing) => actions.editing(editing ? note.id : null)}
      />
      <NoteLinks note={note} links={links} byId={byId} canEdit={canEdit} onUnlink={actions.unlink} />
      <div className="outline-note-meta">
        <span className="outline-note-author" data-testid="outline-note-author">{authorLine(note)}</span>
        <NoteVotes note={note} vote={vote} canEdit={canEdit} onAdd={() => actions.addDot(note)} onRemove={() => actions.removeDot(note)} />
        {canEdit && (
          <button
            type="button"
            ref={moreButton}
            className="outline-more"
            data-testid="outline-more"
            aria-expanded={actionsOpen}
            aria-controls={panelId}
            onClick={() => actions.setActionsOpen(note.id, !actionsOpen)}
          >
            More<span className="visually-hidden"> actions for {label}</span>
            <span className="outline-more-mark" aria-hidden="true" />
          </button>
        )}
      </div>
      {canEdit && (
        <div id={panelId} className="outline-note-actions" data-testid="outline-actions" hidden={!actionsOpen} onKeyDown={closeOnEscape}>
          <NoteLinkAdd note={note} links={links} byId={byId} zoneNotes={zoneNotes} onLink={actions.link} />
          <div className="outline-move">
            <label htmlFor={moveId}>
              Move <span className="visually-hidden">{label}</span> to
            </label>
            <select
              id={moveId}
              ref={moveSelect}
              data-testid="outline-move"
              value={note.zone}
              onChange={(event) => actions.move(note, event.target.value as Zone)}
            >
              {ZONES.map((zone) => (
                <option key={zone} value={zone}>
                  {ZONE_TITLES[zone]}
                </option>
              ))}
            </select>
          </div>
          <button type="button" data-testid="outline-delete" aria-label={`Delete ${label}`} onClick={() => actions.remove(note, focusAfterDelete)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
});
