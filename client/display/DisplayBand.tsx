import { PHASES, PHASE_ZONES } from '../../shared/board/meeting';
import type { Zone } from '../../shared/board/zones';
import { useVoteUi } from '../board/useVoteUi';
import { useTranslation } from '../i18n';
import { formatRemaining, useMeeting, useTimerRemaining } from '../meeting/useMeeting';
import type { DisplayView } from './useDisplayView';
import './display.css';

export interface DisplayBandProps {
  view: DisplayView;
  prompts: Readonly<Record<Zone, string>>;
  /** The leader whose view the screen shows while they drive it. */
  leaderName: string | null;
}

function Timer() {
  const { t } = useTranslation();
  const remaining = useTimerRemaining();
  return (
    <p className={`display-timer${remaining === 0 ? ' is-done' : ''}`} data-testid="display-timer" role="timer" aria-label={t('display.timeLeft')}>
      {formatRemaining(remaining)}
    </p>
  );
}

/** What the room is looking at: the zone (or whose view), and which of how many. */
function Heading({ view, prompts, leaderName }: DisplayBandProps) {
  const { t } = useTranslation();
  const { frame, position } = view;
  if (view.leaderDriving) {
    return <h2 className="display-zone-name" data-testid="display-zone-name">{t('display.following', { name: leaderName ?? t('display.theLeader') })}</h2>;
  }
  if (view.holding) {
    return (
      <h2 className="display-zone-name" data-testid="display-zone-name">
        {view.holding === 'editing' ? t('display.editingHere') : t('display.notFollowing')}
      </h2>
    );
  }
  if (!frame) return null;
  if (frame.zone === null) {
    return <h2 className="display-zone-name" data-testid="display-zone-name">{t('display.allZones')}</h2>;
  }
  const paged = frame.pages > 1 ? t('display.part', { page: frame.page, pages: frame.pages }) : null;
  return (
    <div className="display-zone">
      <h2 className="display-zone-name" data-testid="display-zone-name">
        {t(`zones.${frame.zone}`)}
      </h2>
      <p className="display-zone-prompt">{prompts[frame.zone]}</p>
      {(paged || position.count > 1) && (
        <p className="display-zone-position" data-testid="display-zone-position">
          {[paged, position.count > 1 ? t('display.screenOf', { index: position.index, count: position.count }) : null].filter(Boolean).join(' · ')}
        </p>
      )}
    </div>
  );
}

/**
 * The top of the shared screen: the meeting's phase, what part of the board is shown (the zone name,
 * large), the timer (larger), and the state of a vote or a private round. Nothing here is a control:
 * the leader runs the meeting from their own device.
 */
export default function DisplayBand(props: DisplayBandProps) {
  const { t } = useTranslation();
  const meeting = useMeeting();
  const vote = useVoteUi();
  const { phase, timer, privateRound } = meeting;
  const status =
    privateRound?.active ? t('display.privateStatus')
    : vote.status === 'active' ? t('display.voteStatus', { count: vote.budget }) + (vote.totals ? t('display.totalsShown') : '')
    : vote.status === 'ended' && vote.totals ? t('display.voteResults')
    : null;
  return (
    <header className="display-band" data-testid="display-band" aria-label={t('display.meeting')}>
      <div className="display-phase" data-testid="display-phase">
        {phase ? (
          <>
            <span className="display-phase-step">
              {t('display.phaseStep', { step: PHASES.indexOf(phase) + 1, count: PHASES.length })}
            </span>
            <strong>{t(`phases.${phase}`)}</strong>
            {/* A zone's phase is named by its zone, shown large beside it. */}
            {!PHASE_ZONES[phase] && <span className="display-phase-hint">{t(`phaseHints.${phase}`)}</span>}
          </>
        ) : null}
        {status && (
          <span className="display-status" data-testid="display-status" role="status">
            {status}
          </span>
        )}
      </div>
      <Heading {...props} />
      {timer && <Timer />}
    </header>
  );
}
