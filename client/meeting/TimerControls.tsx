import { useState } from 'react';
import { MAX_TIMER_MS } from '../../shared/board/meeting';
import { useBoard } from '../board/BoardContext';
import { useTranslation } from '../i18n';
import { formatRemaining, useMeeting, useTimerRemaining } from './useMeeting';

/** The shared countdown everyone sees; the leader starts, pauses, resumes and resets it. */
export function TimerControls() {
  const { model, role } = useBoard();
  const { t } = useTranslation();
  const { timer } = useMeeting();
  const remaining = useTimerRemaining();
  const [minutes, setMinutes] = useState('5');
  const lead = role === 'lead';
  if (!timer && !lead) return null;
  const parsed = Number(minutes);
  const validMinutes = Number.isFinite(parsed) && parsed > 0 && parsed * 60_000 <= MAX_TIMER_MS;
  return (
    <div className="timer" role="group" aria-label={t('meeting.timer')}>
      {timer && (
        <span className={`timer-display${remaining === 0 ? ' is-done' : ''}`} data-testid="timer-display" role="timer" aria-label={t('meeting.timeLeft')}>
          {formatRemaining(remaining)}
        </span>
      )}
      {lead && (
        <>
          {(!timer || (!timer.running && remaining === timer.durationMs)) && (
            <>
              <label className="timer-minutes">
                <span className="visually-hidden">{t('meeting.minutes')}</span>
                <input
                  type="number"
                  min={0.1}
                  step={1}
                  max={MAX_TIMER_MS / 60_000}
                  data-testid="timer-minutes"
                  value={minutes}
                  onChange={(event) => setMinutes(event.target.value)}
                />
                <span aria-hidden="true">{t('meeting.min')}</span>
              </label>
              <button type="button" data-testid="timer-start" disabled={!validMinutes} onClick={() => model.startTimer(parsed * 60_000)}>
                {t('meeting.startTimer')}
              </button>
            </>
          )}
          {timer?.running && (
            <button type="button" data-testid="timer-pause" onClick={() => model.pauseTimer()}>
              {t('meeting.pause')}
            </button>
          )}
          {timer && !timer.running && remaining > 0 && remaining < timer.durationMs && (
            <button type="button" data-testid="timer-resume" onClick={() => model.resumeTimer()}>
              {t('meeting.resume')}
            </button>
          )}
          {timer && (
            <button type="button" data-testid="timer-reset" onClick={() => (remaining === timer.durationMs && !timer.running ? model.clearTimer() : model.resetTimer())}>
              {remaining === timer.durationMs && !timer.running ? t('meeting.removeTimer') : t('meeting.reset')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
