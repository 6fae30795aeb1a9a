import { textColorOn } from '../../shared/board/contrast';
import type { Participant, PresenceUser } from '../board/presence';
import { useTranslation } from '../i18n';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[1]?.[0] ?? ''}` : name.slice(0, 2)).toUpperCase();
}

/** Avatars of who is here, me first. Colours come from each person's client, so the initials take black or white, whichever reads. */
export function PresenceList({ me, participants }: { me: PresenceUser; participants: readonly Participant[] }) {
  const { t } = useTranslation();
  const people = [{ key: 'me', user: me, label: t('presence.you', { name: me.name }) }, ...participants.map((participant) => ({ key: String(participant.clientId), user: participant.user, label: participant.user.name }))];
  return (
    <ul className="presence-list" data-testid="presence-list" aria-label={t('presence.here', { count: people.length })}>
      {people.map(({ key, user, label }) => (
        <li key={key} className="avatar" style={{ background: user.color, color: textColorOn(user.color) }} title={`${label}${user.role === 'lead' ? t('presence.leader') : user.role === 'view' ? t('presence.viewing') : ''}`} data-testid="presence-avatar">
          {initials(user.name)}
          <span className="visually-hidden">{label}</span>
        </li>
      ))}
    </ul>
  );
}
