import { memo } from 'react';
import type { Zone } from '../../shared/board/zones';
import { useTranslation } from '../i18n';
import { AddNoteForm } from './AddNoteForm';
import { useFocusTarget } from './focusRequest';
import type { OutlineActions } from './outlineActions';

export interface ZoneHeaderProps {
  zone: Zone;
  prompt: string;
  count: number;
  canEdit: boolean;
  actions: OutlineActions;
}

/** Id of a zone's heading, which names its list of notes. */
export function zoneHeadingId(zone: Zone): string {
  return `outline-heading-${zone}`;
}

/**
 * A zone's header row: its question as a heading, its prompt, and the form to add a note. The form
 * comes before the notes so that on a board of thousands it is at hand, not at the end of the zone.
 */
export const ZoneHeader = memo(function ZoneHeader({ zone, prompt, count, canEdit, actions }: ZoneHeaderProps) {
  const heading = useFocusTarget<HTMLHeadingElement>(`heading:${zone}`);
  const { t } = useTranslation();
  const title = t(`zones.${zone}`);
  return (
    <>
      {/* tabIndex -1: focus lands here when the last note of the zone is deleted, or from the zone menu. */}
      <h2 id={zoneHeadingId(zone)} ref={heading} tabIndex={-1}>
        {title} <span className="outline-zone-count">{t('outline.zoneCount', { count })}</span>
      </h2>
      {prompt && <p className="outline-prompt">{prompt}</p>}
      {canEdit && <AddNoteForm zone={zone} zoneTitle={title} onAdd={(text, forName) => actions.addNote(zone, text, forName)} />}
      {count === 0 && <p className="outline-empty">{t('outline.noNotes')}</p>}
    </>
  );
});
