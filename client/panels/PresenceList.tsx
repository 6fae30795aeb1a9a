import { textColorOn } from '../../shared/board/contrast';
import type { Peer, PresenceUser } from '../board/presence';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[1]?.[0] ?? ''}` : name.slice(0, 2)).toUpperCase();
}

/** Avatars of who is here, me first. Colours come from each person's client, so the initials take black or white, whichever reads. */
export function PresenceList({ me, peers }: { me: PresenceUser; peers: readonly Peer[] }) {
  const people = [{ key: 'me', user: me, label: `${me.name} (you)` }, ...peers.map((peer) => ({ key: String(peer.clientId), user: peer.user, label: peer.user.name }))];
  return (
    <ul className="presence-list" data-testid="presence-list" aria-label={`${people.length} here`}>
      {people.map(({ key, user, label }) => (
        <li key={key} className="avatar" style={{ background: user.color, color: textColorOn(user.color) }} title={`${label}${user.role === 'lead' ? ' · leader' : user.role === 'view' ? ' · viewing' : ''}`} data-testid="presence-avatar">
          {initials(user.name)}
          <span className="visually-hidden">{label}</span>
        </li>
      ))}
    </ul>
  );
}
