import { NOTE_COLORS } from '../../shared/board/colors';

export interface ToolbarProps {
  canEdit: boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  /** Every selected note is marked large (its text sized on its own, as big as it fits). */
  selectionLarge: boolean;
  color: string;
  zoomPercent: number;
  onAddNote(): void;
  onColor(color: string): void;
  onDelete(): void;
  onLargeText(): void;
  onUndo(): void;
  onRedo(): void;
  onZoomIn(): void;
  onZoomOut(): void;
  onZoomFit(): void;
}

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = mac ? '⌘' : 'Ctrl';

/** The board's actions as buttons, each titled with its keyboard shortcut. */
export function Toolbar(props: ToolbarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Board tools">
      {props.canEdit && (
        <>
          <button type="button" className="primary" data-testid="add-note" title="Add a note (N)" onClick={props.onAddNote}>
            + Note
          </button>
          <div className="palette" role="group" aria-label="Note colour">
            {NOTE_COLORS.map((color) => (
              <button
                key={color}
                type="button"
                className={`swatch${color === props.color ? ' is-current' : ''}`}
                style={{ background: color }}
                aria-label={`Colour ${color}`}
                aria-pressed={color === props.color}
                title={props.hasSelection ? 'Colour the selected notes' : 'Colour for new notes'}
                data-testid={`color-${color.slice(1)}`}
                onClick={() => props.onColor(color)}
              />
            ))}
          </div>
          <button
            type="button"
            data-testid="large-text"
            title="Large text: the selected notes read as big as they fit, not at their zone's size"
            disabled={!props.hasSelection}
            aria-pressed={props.hasSelection && props.selectionLarge}
            onClick={props.onLargeText}
          >
            Large text
          </button>
          <button type="button" data-testid="delete-notes" title="Delete selected notes (Delete)" disabled={!props.hasSelection} onClick={props.onDelete} aria-label="Delete selected notes">
            Delete
          </button>
          <button type="button" data-testid="undo" title={`Undo (${mod}+Z)`} disabled={!props.canUndo} onClick={props.onUndo} aria-label="Undo">
            ↶
          </button>
          <button type="button" data-testid="redo" title={`Redo (${mod}+Shift+Z)`} disabled={!props.canRedo} onClick={props.onRedo} aria-label="Redo">
            ↷
          </button>
        </>
      )}
      <span className="toolbar-gap" />
      <button type="button" data-testid="zoom-out" title="Zoom out (-)" aria-label="Zoom out" onClick={props.onZoomOut}>
        −
      </button>
      <span className="zoom-level" aria-live="polite">{props.zoomPercent}%</span>
      <button type="button" data-testid="zoom-in" title="Zoom in (+)" aria-label="Zoom in" onClick={props.onZoomIn}>
        +
      </button>
      <button type="button" data-testid="zoom-fit" title="Fit the board to the screen (0)" aria-label="Fit board" onClick={props.onZoomFit}>
        ⤢
      </button>
    </div>
  );
}
