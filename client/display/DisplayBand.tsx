import { PHASES, PHASE_HINTS, PHASE_TITLES, PHASE_ZONES } from '../../shared/board/meeting';
import { ZONE_TITLES, type Zone } from '../../shared/board/zones';
import { useVoteUi } from '../board/useVoteUi';
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
  const remaining = useTimerRemaining();
  return (
    <p className={`display-timer${remaining === 0 ? ' is-done' : ''}`} data-testid="display-timer" role="timer" aria-label="Time left">
      {formatRemaining(remaining)}
    </p>
  );
}

/** What the room is looking at: the zone (or whose view), and which of how many. */
function Heading({ view, prompts, leaderName }: DisplayBandProps) {
  const { frame, position } = view;
  if (view.leaderDriving) {
    return <h2 className="display-zone-name" data-testid="display-zone-name">Following {leaderName ?? 'the leader'}</h2>;
  }
  if (view.holding) {
    return (
      <h2 className="display-zone-name" data-testid="display-zone-name">
        {view.holding === 'editing' ? 'Editing at this screen' : 'Not following the leader'}
      </h2>
    );
  }
  if (!frame) return null;
  if (frame.zone === null) {
    return <h2 className="display-zone-name" data-testid="display-zone-name">All zones</h2>;
  }
  const paged = frame.pages > 1 ? `Part ${frame.page} of ${frame.pages}` : null;
  return (
    <div className="display-zone">
      <h2 className="display-zone-name" data-testid="display-zone-name">
        {ZONE_TITLES[frame.zone]}
      </h2>
      <p className="display-zone-prompt">{prompts[frame.zone]}</p>
      {(paged || position.count > 1) && (
        <p className="display-zone-position" data-testid="display-zone-position">
          {[paged, position.count > 1 ? `screen ${position.index} of ${position.count}` : null].filter(Boolean).join(' · ')}
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
  const meeting = useMeeting();
  const vote = useVoteUi();
  const { phase, timer, privateRound } = meeting;
  const status =
    privateRound?.active ? 'Private writing: notes appear when the leader reveals them'
    : vote.status === 'active' ? `Dot vote: ${vote.budget} ${vote.budget === 1 ? 'dot' : 'dots'} each${vote.totals ? ' (totals shown)' : ''}`
    : vote.status === 'ended' && vote.totals ? 'Vote results'
    : null;
  return (
    <header className="display-band" data-testid="display-band" aria-label="Meeting">
      <div className="display-phase" data-testid="display-phase">
        {phase ? (
          <>
            <span className="display-phase-step">
              Phase {PHASES.indexOf(phase) + 1} of {PHASES.length}
            </span>
            <strong>{PHASE_TITLES[phase]}</strong>
            {/* A zone's phase is named by its zone, shown large beside it. */}
            {!PHASE_ZONES[phase] && <span className="display-phase-hint">{PHASE_HINTS[phase]}</span>}
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
