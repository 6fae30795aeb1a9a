import { useBoard } from '../board/BoardContext';
import { useTranslation, type TFunction } from '../i18n';
import { useMeeting } from '../meeting/useMeeting';
import './displayCycle.css';

/** The intervals offered; the format allows any whole number of seconds from 5 to 600. */
const CHOICES = [10, 20, 30, 60, 120] as const;

function label(seconds: number, t: TFunction): string {
  return seconds < 60 ? t('display.cycleSeconds', { count: seconds }) : t('display.cycleMinutes', { count: seconds / 60 });
}

/**
 * The leader's choice of how the shared screen goes through the zones when it cannot show every note
 * legibly at once: with the phase, or at an interval. Stored in the meeting (`displayCycleSeconds`),
 * so every shared screen does the same; the server takes it only from the leader's key.
 */
export function DisplayCycleSetting() {
  const { t } = useTranslation();
  const { model } = useBoard();
  const { displayCycleSeconds } = useMeeting();
  const choices: number[] = [...CHOICES];
  if (displayCycleSeconds !== null && !choices.includes(displayCycleSeconds)) choices.push(displayCycleSeconds);
  return (
    <label className="display-cycle-setting" title={t('display.cycleTitle')}>
      <span>{t('display.cycleLabel')}</span>
      <select
        data-testid="display-cycle"
        value={displayCycleSeconds === null ? '' : String(displayCycleSeconds)}
        onChange={(event) => model.setDisplayCycle(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">{t('display.cycleFollowsPhase')}</option>
        {choices.map((seconds) => (
          <option key={seconds} value={seconds}>
            {label(seconds, t)}
          </option>
        ))}
      </select>
    </label>
  );
}
