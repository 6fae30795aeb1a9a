import { useId, useState } from 'react';
import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import type { Zone } from '../../shared/board/zones';
import { noteLabel } from './noteLabel';

export interface NoteLinksProps {
  note: NoteView;
  /** Valid links touching this note. */
  links: readonly LinkView[];
  byId: ReadonlyMap<string, NoteView>;
  canEdit: boolean;
  onUnlink(link: LinkView, from: NoteView, to: NoteView): void;
}

/** How a link reads from one of its notes. */
function relation(link: LinkView, fromHere: boolean): string {
  if (link.kind === 'served-by') return fromHere ? 'Served by' : 'Serves the need';
  return fromHere ? 'Could serve' : 'Could be served by';
}

/** Where a note in each zone may link to, and how the choice is named (links.ts LINK_ZONES). */
const LINK_TARGETS: Partial<Record<Zone, { zone: Zone; label: string }>> = {
  need: { zone: 'there', label: "Link to who's already there…" },
  who: { zone: 'need', label: 'Could serve…' },
};

function plain(note: NoteView): string {
  return note.text.replace(/\s+/g, ' ').trim() || '(empty note)';
}

export interface NoteLinkAddProps {
  note: NoteView;
  /** Valid links touching this note: notes it already links to are not offered again. */
  links: readonly LinkView[];
  byId: ReadonlyMap<string, NoteView>;
  /** Notes of each zone, for the "link to…" choices. */
  zoneNotes: Readonly<Record<Zone, readonly NoteView[]>>;
  onLink(from: NoteView, to: NoteView): boolean;
}

/** A note's links, each removable by whoever can edit. */
export function NoteLinks({ note, links, byId, canEdit, onUnlink }: NoteLinksProps) {
  if (links.length === 0) return null;
  return (
    <ul className="outline-links" aria-label={`Links of ${noteLabel(note)}`}>
      {links.map((link) => {
        const fromHere = link.from === note.id;
        const other = byId.get(fromHere ? link.to : link.from);
        const from = byId.get(link.from);
        const to = byId.get(link.to);
        if (!other || !from || !to) return null;
        return (
          <li key={link.id} data-testid="outline-link" data-link-id={link.id}>
            <span>
              {relation(link, fromHere)}: {plain(other)}
            </span>
            {canEdit && (
              <button
                type="button"
                data-testid="outline-link-remove"
                aria-label={`Unlink ${noteLabel(note)} ${relation(link, fromHere).toLowerCase()} ${noteLabel(other)}`}
                onClick={() => onUnlink(link, from, to)}
              >
                Unlink
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A choice of notes to link this one to (none when its zone links nowhere or every candidate is linked). */
export function NoteLinkAdd({ note, links, byId, zoneNotes, onLink }: NoteLinkAddProps) {
  const [choice, setChoice] = useState('');
  const selectId = useId();
  const target = LINK_TARGETS[note.zone];
  const linked = new Set(links.filter((link) => link.from === note.id).map((link) => link.to));
  const candidates = target ? zoneNotes[target.zone].filter((other) => !linked.has(other.id)) : [];
  if (!target || candidates.length === 0) return null;

  const add = () => {
    const other = byId.get(choice);
    if (other && onLink(note, other)) setChoice('');
  };

  return (
    <div className="outline-link-add">
      <label htmlFor={selectId}>
        {target.label} <span className="visually-hidden">for {noteLabel(note)}</span>
      </label>
      <select id={selectId} data-testid="outline-link-select" value={choice} onChange={(event) => setChoice(event.target.value)}>
        <option value="">Choose a note</option>
        {candidates.map((other) => (
          <option key={other.id} value={other.id}>
            {plain(other).slice(0, 80)}
          </option>
        ))}
      </select>
      <button type="button" data-testid="outline-link-add" disabled={!choice} onClick={add}>
        Link
      </button>
    </div>
  );
}
