import type { Role } from '../../shared/protocol/ids';
import type { Participant, PresenceUser } from '../board/presence';
import { useTranslation } from '../i18n';
import { DisplayResults } from './DisplayResults';
import { JoinInfo } from './JoinInfo';
import './display.css';

export interface DisplayPanelProps {
  boardId: string;
  boardKey: string;
  title: string;
  role: Role;
  me: PresenceUser;
  participants: readonly Participant[];
  following: boolean;
  leaderName: string | null;
  editing: boolean;
  canWrite: boolean;
  onFollow(on: boolean): void;
  onEdit(on: boolean): void;
  onExit(): void;
}

/**
 * The side column of the shared-screen display: how to join, who is here, and the screen's own
 * switches (follow the leader, edit from the keyboard at the screen, leave display mode).
 */
export default function DisplayPanel(props: DisplayPanelProps) {
  const { t } = useTranslation();
  // The screen itself is not a person in the room.
  const people = props.participants.filter((participant) => !participant.follow);
  return (
    <aside className="display-panel" data-testid="display-mode" aria-label={t('display.panel')}>
      <h1 className="display-title">{props.title || t('common.appName')}</h1>
      <JoinInfo boardId={props.boardId} boardKey={props.boardKey} role={props.role} />
      <DisplayResults />
      <section aria-label={t('display.whoIsHere')}>
        <h2>{t('display.here', { count: people.length })}</h2>
        <ul className="display-present" data-testid="display-present">
          {people.map((participant) => (
            <li key={participant.clientId}>
              <span className="display-dot" style={{ background: participant.user.color }} aria-hidden="true" />
              {participant.user.name}
              {participant.user.role === 'lead' ? t('display.leaderSuffix') : ''}
            </li>
          ))}
        </ul>
      </section>
      <div className="display-switches">
        <button type="button" data-testid="follow-toggle" aria-pressed={props.following} onClick={() => props.onFollow(!props.following)}>
          {props.following ? t('display.following', { name: props.leaderName ?? t('display.theLeader') }) : t('display.follow')}
        </button>
        {props.canWrite && (
          <button type="button" data-testid="display-edit-toggle" aria-pressed={props.editing} title={t('display.editTitle')} onClick={() => props.onEdit(!props.editing)}>
            {props.editing ? t('display.editing') : t('display.editHere')}
          </button>
        )}
        <button type="button" data-testid="display-exit" onClick={props.onExit}>
          {t('display.leave')}
        </button>
      </div>
    </aside>
  );
}
