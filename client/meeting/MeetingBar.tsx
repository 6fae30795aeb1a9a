import { useBoard } from '../board/BoardContext';
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
  const meeting = useMeeting();
  const lead = role === 'lead';
  if (!lead && !meeting.phase && !meeting.timer) return null;
  return (
    <div className="meeting-bar" role="region" aria-label="Meeting">
      <PhaseBar onSaveRecord={onSaveRecord} />
      <TimerControls />
      {lead && (
        <div className="meeting-lead" role="group" aria-label="Leader">
          {!meeting.privateRound?.active && (
            <button type="button" data-testid="private-start" title="Everyone writes notes only they can see, until you reveal" onClick={() => model.startPrivateRound()}>
              Private writing
            </button>
          )}
          <button type="button" data-testid="summon" title="Move everyone’s view to what you see" onClick={onSummon}>
            Bring everyone to me
          </button>
          <DisplayCycleSetting />
        </div>
      )}
    </div>
  );
}
