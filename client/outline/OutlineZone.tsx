import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import { ZONE_TITLES, type Zone } from '../../shared/board/zones';
import { AddNoteForm } from './AddNoteForm';
import { useFocusTarget } from './focusRequest';
import { OutlineNote } from './OutlineNote';
import type { OutlineActions, OutlineVote } from './outlineActions';

export interface OutlineZoneProps {
  zone: Zone;
  prompt: string;
  notes: readonly NoteView[];
  linksByNote: ReadonlyMap<string, readonly LinkView[]>;
  byId: ReadonlyMap<string, NoteView>;
  zoneNotes: Readonly<Record<Zone, readonly NoteView[]>>;
  vote: OutlineVote;
  canEdit: boolean;
  /** Ids of the notes whose "More" actions are open. */
  openActions: ReadonlySet<string>;
  actions: OutlineActions;
}

const NO_LINKS: readonly LinkView[] = [];

/** One zone: its question as a heading, its prompt, its notes, and a form to add one. */
export function OutlineZone({ zone, prompt, notes, linksByNote, byId, zoneNotes, vote, canEdit, openActions, actions }: OutlineZoneProps) {
  const heading = useFocusTarget<HTMLHeadingElement>(`heading:${zone}`);
  const title = ZONE_TITLES[zone];
  const headingId = `outline-heading-${zone}`;
  return (
    <section className={`outline-zone zone-${zone}`} data-testid={`outline-zone-${zone}`} aria-labelledby={headingId}>
      {/* tabIndex -1: focus lands here when the last note of the zone is deleted. */}
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {prompt && <p className="outline-prompt">{prompt}</p>}
      {notes.length > 0 ? (
        <ul className="outline-notes">
          {notes.map((note, index) => {
            const neighbour = notes[index + 1] ?? notes[index - 1];
            return (
              <OutlineNote
                key={note.id}
                note={note}
                links={linksByNote.get(note.id) ?? NO_LINKS}
                byId={byId}
                zoneNotes={zoneNotes}
                vote={vote}
                canEdit={canEdit}
                actionsOpen={openActions.has(note.id)}
                focusAfterDelete={neighbour ? `edit:${neighbour.id}` : `heading:${zone}`}
                actions={actions}
              />
            );
          })}
        </ul>
      ) : (
        <p className="outline-empty">No notes yet.</p>
      )}
      {canEdit && <AddNoteForm zone={zone} zoneTitle={title} onAdd={(text, forName) => actions.addNote(zone, text, forName)} />}
    </section>
  );
}
