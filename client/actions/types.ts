import type { BoardModel } from '../../shared/board/model';
import type { Messages } from '../i18n/en';

/** An action's words, as a key of the `actions` section of the languages (client/i18n/en.ts). */
export type ActionLabel = `actions.${keyof Messages['actions']}`;

/** What an action acts on and for whom; each surface (canvas, toolbar, keyboard, outline) fills it in. */
export interface ActionContext {
  model: BoardModel;
  /** The notes it applies to: the selection on the canvas, the note whose menu it is in the outline. */
  noteIds: readonly string[];
  /** False for view-only keys, read-only records and a shared screen whose editing is off. */
  canEdit: boolean;
  /** This person's display name. */
  myName: string;
  /** This browser's voter id (identity.ts). */
  voterId: string;
}

/** What a surface does after an action: select (canvas) or focus (outline) notes, announce a sentence. */
export interface ActionResult {
  select?: readonly string[];
  announce?: string;
}

/** Where an action shows as a button; each surface renders the registered actions of its place. */
export type ActionPlace = 'toolbar' | 'note-menu';

/**
 * One board command with everything a person reaches it by: its behaviour, its label, its shortcut,
 * where it shows as a button, and its undo step. Modelled on Excalidraw's `actions/` registry.
 */
export interface BoardAction {
  /** Unique; also the buttons' test id (`outline-<name>` in the outline's note menu). */
  name: string;
  /** The button's words, translated where they are shown. */
  label: ActionLabel;
  /** A longer tooltip than the label, when the label alone does not say what the action does. */
  title?: ActionLabel;
  /** The shortcut as shown to people, for titles and help ("Ctrl+D"). */
  shortcut?: string;
  keyTest?(event: KeyboardEvent): boolean;
  /** Whether it applies now; defaults to: editing is allowed and at least one note is targeted. */
  enabled?(context: ActionContext): boolean;
  /**
   * Changes the board through BoardModel commands; a refusal is thrown as BoardCommandError.
   * `value` is what the person chose when the action takes a choice (a colour).
   */
  perform(context: ActionContext, value?: string): ActionResult | void;
  places?: readonly ActionPlace[];
  /** For a toggle: whether it is on for the targeted notes, shown on its button as aria-pressed. */
  pressed?(context: ActionContext): boolean;
  /** Whether the action is an undo step of its own (default true). */
  undoStep?: boolean;
}

/** How running an action went: done (with what to select and say), or refused (words for the person). */
export type ActionOutcome = ({ done: true } & ActionResult) | { done: false; refusal: string | null };
