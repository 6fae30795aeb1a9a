import { useBoard } from '../board/BoardContext';
import { useTranslation } from '../i18n';
import { DisplayCycleSetting } from '../display/DisplayCycleSetting';
import { PhaseBar } from './PhaseBar';
import { TimerControls } from './TimerControls';
import { useMeeting } from './useMeeting';
import './meeting.css';

/**
 * The meeting strip under the header: phase and timer for everyone, and the leader's gestures
 * (private round, summon). Leader-only: the server undoes meeting changes sent with an edit key
 * (summon, which travels in awareness, is the client's rule alone).
 */
export function MeetingBar({ onSaveRecord, onSummon }: { onSaveRecord(): void; onSummon(): void }) {
  const { model, role } = useBoard();
  const { t } = useTranslation();
  const meeting = useMeeting();
  const lead = role === 'lead';
  if (!lead && !meeting.phase && !meeting.timer) return null;
  return (
    <div className="meeting-bar" role="region" aria-label={t('meeting.region')}>
      <PhaseBar onSaveRecord={onSaveRecord} />
      <TimerControls />
      {lead && (
        <div className="meeting-lead" role="group" aria-label={t('meeting.leader')}>
          {!meeting.privateRound?.active && (
            <button type="button" data-testid="private-start" title={t('meeting.privateStartTitle')} onClick={() => model.startPrivateRound()}>
              {t('meeting.privateStart')}
            </button>
          )}
          <button type="button" data-testid="summon" title={t('meeting.summonTitle')} onClick={onSummon}>
            {t('meeting.summon')}
          </button>
          <DisplayCycleSetting />
        </div>
      )}
    </div>
  );
}
