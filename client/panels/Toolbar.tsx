import { NOTE_COLORS } from '../../shared/board/colors';
import { ActionButtons } from '../actions/ActionButtons';
import type { ActionContext, BoardAction } from '../actions/types';
import { useTranslation } from '../i18n';

export interface ToolbarProps {
  canEdit: boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  color: string;
  zoomPercent: number;
  onAddNote(): void;
  onColor(color: string): void;
  onDelete(): void;
  onUndo(): void;
  onRedo(): void;
  onZoomIn(): void;
  onZoomOut(): void;
  onZoomFit(): void;
  /** What the registered toolbar actions (client/actions) act on: the selection. */
  actionContext: ActionContext;
  onAction(action: BoardAction): void;
}

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = mac ? '⌘' : 'Ctrl';

/** One formatter per language: making one costs far more than formatting, and the toolbar renders with every board change. */
const percentFormats = new Map<string, Intl.NumberFormat>();

function formatPercent(language: string, percent: number): string {
  let format = percentFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { style: 'percent' });
    percentFormats.set(language, format);
  }
  return format.format(percent / 100);
}

/** The board's actions as buttons, each titled with its keyboard shortcut. */
export function Toolbar(props: ToolbarProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {props.canEdit && (
        <>
          <button type="button" className="primary" data-testid="add-note" title={t('toolbar.addNoteTitle')} onClick={props.onAddNote}>
            {t('toolbar.addNote')}
          </button>
          <div className="palette" role="group" aria-label={t('toolbar.palette')}>
            {NOTE_COLORS.map((color) => (
              <button
                key={color}
                type="button"
                className={`swatch${color === props.color ? ' is-current' : ''}`}
                style={{ background: color }}
                aria-label={t('toolbar.colour', { color })}
                aria-pressed={color === props.color}
                title={props.hasSelection ? t('toolbar.colourSelected') : t('toolbar.colourNew')}
                data-testid={`color-${color.slice(1)}`}
                onClick={() => props.onColor(color)}
              />
            ))}
          </div>
          <button type="button" data-testid="delete-notes" title={t('toolbar.deleteTitle')} disabled={!props.hasSelection} onClick={props.onDelete} aria-label={t('toolbar.deleteLabel')}>
            {t('common.delete')}
          </button>
          <ActionButtons place="toolbar" context={props.actionContext} onRun={props.onAction} />
          <button type="button" data-testid="undo" title={t('toolbar.undoTitle', { mod })} disabled={!props.canUndo} onClick={props.onUndo} aria-label={t('toolbar.undo')}>
            ↶
          </button>
          <button type="button" data-testid="redo" title={t('toolbar.redoTitle', { mod })} disabled={!props.canRedo} onClick={props.onRedo} aria-label={t('toolbar.redo')}>
            ↷
          </button>
        </>
      )}
      <span className="toolbar-gap" />
      <button type="button" data-testid="zoom-out" title={t('toolbar.zoomOutTitle')} aria-label={t('toolbar.zoomOut')} onClick={props.onZoomOut}>
        −
      </button>
      <span className="zoom-level" aria-live="polite">{formatPercent(i18n.language, props.zoomPercent)}</span>
      <button type="button" data-testid="zoom-in" title={t('toolbar.zoomInTitle')} aria-label={t('toolbar.zoomIn')} onClick={props.onZoomIn}>
        +
      </button>
      <button type="button" data-testid="zoom-fit" title={t('toolbar.fitTitle')} aria-label={t('toolbar.fit')} onClick={props.onZoomFit}>
        ⤢
      </button>
    </div>
  );
}
