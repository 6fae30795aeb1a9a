import type { LinkView } from '../../shared/board/links';
import type { NoteView } from '../../shared/board/note';
import type { Zone } from '../../shared/board/zones';
import { t, useTranslation } from '../i18n';
import { useFocusTarget } from './focusRequest';
import type { LinkedNote } from './linkedNotes';
import { noteLabel } from './noteLabel';

export interface NoteLinksProps {
  note: NoteView;
  /** Valid links touching this note, with the notes at their other ends. */
  linked: readonly LinkedNote[];
  canEdit: boolean;
  onUnlink(link: LinkView, note: NoteView, other: NoteView): void;
}

/** How a link reads from one of its notes. */
export function relation(link: LinkView, fromHere: boolean): string {
  if (link.kind === 'served-by') return fromHere ? t('outline.servedBy') : t('outline.servesNeed');
  return fromHere ? t('outline.couldServe') : t('outline.couldBeServedBy');
}

export interface LinkTarget {
  zone: Zone;
  /** The button that opens the picker. */
  label(): string;
  /** The picker's title for one note. */
  title(note: NoteView): string;
}

/** Where a note in each zone may link to, and how the choice is named (links.ts LINK_ZONES). */
export const LINK_TARGETS: Partial<Record<Zone, LinkTarget>> = {
  need: { zone: 'there', label: () => t('outline.linkToThere'), title: (note) => t('outline.linkToThereTitle', { note: noteLabel(note) }) },
  who: { zone: 'need', label: () => t('outline.couldServeButton'), title: (note) => t('outline.couldServeTitle', { note: noteLabel(note) }) },
};

export function plain(note: NoteView): string {
  return note.text.replace(/\s+/g, ' ').trim() || t('common.emptyNote');
}

/** A note's links, each removable by whoever can edit. */
export function NoteLinks({ note, linked, canEdit, onUnlink }: NoteLinksProps) {
  const { t } = useTranslation();
  if (linked.length === 0) return null;
  return (
    <ul className="outline-links" aria-label={t('outline.linksOf', { note: noteLabel(note) })}>
      {linked.map(({ link, other, fromHere }) => (
        <li key={link.id} data-testid="outline-link" data-link-id={link.id}>
          <span>
            {relation(link, fromHere)}: {plain(other)}
          </span>
          {canEdit && (
            <button
              type="button"
              data-testid="outline-link-remove"
              aria-label={t('outline.unlinkLabel', { note: noteLabel(note), relation: relation(link, fromHere).toLowerCase(), other: noteLabel(other) })}
              onClick={() => onUnlink(link, note, other)}
            >
              {t('outline.unlink')}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Opens the link picker for this note. The picker is one dialog for the whole outline, with a
 * search: a row never carries the list of notes it could link to (that made the outline quadratic).
 */
export function NoteLinkButton({ note, onOpen }: { note: NoteView; onOpen(note: NoteView): void }) {
  const { t } = useTranslation();
  const button = useFocusTarget<HTMLButtonElement>(`link:${note.id}`);
  const target = LINK_TARGETS[note.zone];
  if (!target) return null;
  return (
    <button type="button" ref={button} data-testid="outline-link-open" aria-haspopup="dialog" onClick={() => onOpen(note)}>
      {target.label()} <span className="visually-hidden">{t('outline.linkFor', { note: noteLabel(note) })}</span>
    </button>
  );
}
