import type { BoardModel } from '../../shared/board/model';
import { LIVE_RECORD_ID, toRecord } from '../../shared/board/record';
import type { ExportSource } from '../export/exportBoard';
import { t } from '../i18n';
import { createComparer, type CompareSide } from './compare';
import { CompareOverlay } from './CompareOverlay';
import type { RecordView } from './recordView';

/** The live board where a record id is expected (the server's word for it in a diff). */
export const LIVE_ID = LIVE_RECORD_ID;

/** The live board as one side of a comparison; its date is now. Its label is in the active language. */
export function liveSide(model: BoardModel): CompareSide {
  return { model, header: { id: LIVE_ID, label: t('records.liveBoard'), createdAt: Date.now() } };
}

type ServerText = (format: 'md' | 'json') => Promise<string>;

/** A board side as an export: drawn from its model, written as its record (or the server's text of it). */
export function exportSourceOf(side: CompareSide, serverText?: ServerText): ExportSource {
  // The live board's record is dated when it is exported, not when the panel opened.
  const header = side.header.id === LIVE_ID ? { ...side.header, createdAt: Date.now() } : side.header;
  const state = side.model.getSnapshot();
  return { notes: state.notes, links: state.links, prompts: state.meta.prompts, record: toRecord(side.model.doc, header), serverText };
}

/** A saved record shown read-only on the canvas. */
export function recordViewOf(side: CompareSide, serverText: ServerText): RecordView {
  return {
    banner: () => t('records.viewing', { label: side.header.label }),
    model: side.model,
    recordId: side.header.id,
    exportSource: () => exportSourceOf(side, serverText),
  };
}

/** `to` drawn with the changes since `from` marked on it. */
export function compareViewOf(from: CompareSide, to: CompareSide, serverText?: ServerText): RecordView {
  const comparer = createComparer();
  return {
    banner: () => t('records.comparing', { from: from.header.label, to: to.header.id === LIVE_ID ? t('records.live') : to.header.label }),
    model: to.model,
    recordId: to.header.id === LIVE_ID ? undefined : to.header.id,
    compare: { from, to, comparer },
    overlay: (scale) => <CompareOverlay from={from} to={to} comparer={comparer} scale={scale} />,
    exportSource: () => exportSourceOf(to, serverText),
  };
}
