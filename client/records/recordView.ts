import type { ReactNode } from 'react';
import type { BoardModel } from '../../shared/board/model';
import type { ExportSource } from '../export/exportBoard';
import type { Comparison, CompareSide } from './compare';

/**
 * What the canvas shows instead of the plain live board while a record is open or two boards are
 * compared. The board page draws `model` read-only, with `overlay` over the notes and `banner`
 * above the canvas; going back to live clears the view.
 */
export interface RecordView {
  /** "Viewing record Week 1", "Comparing Week 1 with live", in the language active when drawn. */
  banner(): string;
  /** The board drawn: a saved record's read-only model, or the live model when compared with live. */
  readonly model: BoardModel;
  /** The saved record shown, if one is (the later one of a comparison). */
  readonly recordId?: string;
  /** Marks drawn above the notes, in board coordinates; `scale` keeps strokes a constant screen width. */
  readonly overlay?: (scale: number) => ReactNode;
  /** The two sides when comparing; the records panel lists the changes. */
  readonly compare?: {
    readonly from: CompareSide;
    readonly to: CompareSide;
    readonly comparer: (from: CompareSide, to: CompareSide) => Comparison;
  };
  /** What the export buttons save while this view is shown. */
  exportSource(): ExportSource;
}
