import { memo, useId } from 'react';
import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import { ZONES, ZONE_TITLES, type Zone } from '../../shared/board/zones';
import { useFocusTarget } from './focusRequest';
import { NoteLinks } from './NoteLinks';
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
  /** Focus key of what takes focus if this note is deleted (its neighbour, or the zone heading). */
  focusAfterDelete: string;
  actions: OutlineActions;
}

/** One note as a list item: text, author, dots, links, and its actions. */
export const OutlineNote = memo(function OutlineNote({ note, links, byId, zoneNotes, vote, canEdit, focusAfterDelete, actions }: OutlineNoteProps) {
  const moveSelect = useFocusTarget<HTMLSelectElement>(`move:${note.id}`);
  const moveId = useId();
  const label = noteLabel(note);
  return (
    <li className="outline-note" data-testid="outline-note" data-note-id={note.id} style={{ borderLeftColor: note.color }}>
      <NoteTextField
        note={note}
        canEdit={canEdit}
        onSave={(text) => actions.setText(note, text)}
        onEditing={(editing) => actions.editing(editing ? note.id : null)}
      />
      <p className="outline-note-meta">
        <span data-testid="outline-note-author">{authorLine(note)}</span>
        <NoteVotes note={note} vote={vote} canEdit={canEdit} onAdd={() => actions.addDot(note)} onRemove={() => actions.removeDot(note)} />
      </p>
      <NoteLinks
        note={note}
        links={links}
        byId={byId}
        zoneNotes={zoneNotes}
        canEdit={canEdit}
        onLink={actions.link}
        onUnlink={actions.unlink}
      />
      {canEdit && (
        <div className="outline-note-actions">
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
          <button type="button" data-testid="outline-delete" aria-label={`Delete ${label}`} onClick={() => actions.remove(note, focusAfterDelete)}>
            Delete
          </button>
        </div>
      )}
    </li>
  );
});
