import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { BoardModel } from '../../shared/board/model';
import { MAX_RECORD_LABEL_LENGTH } from '../../shared/board/record';
import type { Role } from '../../shared/protocol/ids';
import { exportBoard } from '../export/exportBoard';
import { ExportFormat } from '../export/fileName';
import { useTranslation } from '../i18n';
import { errorMessage } from '../i18n/apiErrors';
import { deleteRecord, fetchRecordText, forkRecord, restoreRecord, saveRecord, type RecordSummary } from './api';
import type { CompareSide } from './compare';
import { CompareSummary } from './CompareSummary';
import { ConfirmDialog } from './ConfirmDialog';
import { useRecordList, useRecordModels } from './useRecords';
import type { RecordViewing } from './useRecordView';
import { LIVE_ID, compareViewOf, exportSourceOf, liveSide, recordViewOf } from './views';
import './records.css';

export interface RecordsPanelProps {
  boardId: string;
  boardKey: string;
  role: Role;
  /** The live board, to save, compare with and export. */
  liveModel: BoardModel;
  /** What the canvas shows instead of the live board; the panel opens, compares and clears through it. */
  recordView: RecordViewing;
  onClose(): void;
}

// File formats keep their own names in every language.
const EXPORTS: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: ExportFormat.Png, label: 'PNG' },
  { format: ExportFormat.Pdf, label: 'PDF' },
  { format: ExportFormat.Markdown, label: 'Markdown' },
  { format: ExportFormat.Json, label: 'JSON' },
];

type Message = { text: string; error: boolean } | null;

/**
 * Discernment records: the leader saves the board as a dated record; everyone can list, open,
 * compare and export records; the leader restores one or starts a new board from it. Loaded only
 * when first opened, together with the export code (jsPDF loads later still, on the first PDF).
 */
export default function RecordsPanel({ boardId, boardKey, role, liveModel, recordView, onClose }: RecordsPanelProps) {
  const { t, i18n } = useTranslation();
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);
  const access = useMemo(() => ({ boardId, key: boardKey }), [boardId, boardKey]);
  const list = useRecordList(access);
  const loadModel = useRecordModels(access);
  const lead = role === 'lead';
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [confirming, setConfirming] = useState<{ action: 'restore' | 'delete'; record: RecordSummary } | null>(null);
  const [compareFrom, setCompareFrom] = useState('');
  const [compareTo, setCompareTo] = useState(LIVE_ID);

  const { current: view, show, clear } = recordView;
  // Record models are freed when the panel closes; the canvas must not keep showing one.
  useEffect(() => clear, [clear]);

  const run = async (name: string, action: () => Promise<string | void>) => {
    setBusy(name);
    setMessage(null);
    try {
      const done = await action();
      if (done) setMessage({ text: done, error: false });
    } catch (error) {
      setMessage({ text: errorMessage(error), error: true });
    } finally {
      setBusy(null);
    }
  };

  const serverText = (id: string) => (format: 'md' | 'json') => fetchRecordText(access, id, format);
  const sideOf = async (id: string): Promise<CompareSide> => {
    if (id === LIVE_ID) return liveSide(liveModel);
    const summary = list.records.find((record) => record.id === id);
    if (!summary) throw new Error(t('records.notListed'));
    return { model: await loadModel(id), header: { id, label: summary.label, createdAt: summary.createdAt } };
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run('save', async () => {
      const saved = await saveRecord(access, label);
      setLabel('');
      list.refresh();
      return t('records.saved', { label: saved.label, count: saved.noteCount });
    });
  };

  const open = (record: RecordSummary) =>
    run(`open-${record.id}`, () => show(async () => recordViewOf(await sideOf(record.id), serverText(record.id))));

  const compare = (fromId: string, toId: string) =>
    run('compare', () =>
      show(async () => {
        const [from, to] = await Promise.all([sideOf(fromId), sideOf(toId)]);
        return compareViewOf(from, to, toId === LIVE_ID ? undefined : serverText(toId));
      }),
    );

  const restore = (record: RecordSummary) =>
    run('restore', async () => {
      const result = await restoreRecord(access, record.id);
      setConfirming(null);
      clear();
      return t('records.restored', { label: record.label, count: result.noteCount });
    });

  const remove = (record: RecordSummary) =>
    run('delete', async () => {
      await deleteRecord(access, record.id);
      setConfirming(null);
      list.refresh();
      // A deleted record cannot stay on the canvas.
      if (view) clear();
      return t('records.deleted', { label: record.label });
    });

  const fork = (record: RecordSummary) =>
    run(`fork-${record.id}`, async () => {
      const created = await forkRecord(access, record.id);
      // The lead link of the new board; the key stays in the fragment.
      window.location.assign(created.links.lead);
    });

  const download = (format: ExportFormat) =>
    run(`export-${format}`, async () => {
      const source = view ? view.exportSource() : exportSourceOf(liveSide(liveModel));
      return t('records.downloaded', { file: await exportBoard(source, format) });
    });

  const fromId = compareFrom || list.records[0]?.id || '';
  return (
    <aside className="records-panel" aria-label={t('records.panel')} data-testid="records-panel">
      <header className="records-header">
        <h2>{t('records.title')}</h2>
        <button type="button" aria-label={t('records.close')} data-testid="records-close" onClick={onClose}>
          ×
        </button>
      </header>

      {lead && (
        <form className="records-save" onSubmit={save}>
          <label className="visually-hidden" htmlFor="record-label">
            {t('records.labelField')}
          </label>
          <input
            id="record-label"
            data-testid="record-label-input"
            placeholder={t('records.labelPlaceholder')}
            maxLength={MAX_RECORD_LABEL_LENGTH}
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            onKeyDown={(event) => event.stopPropagation()}
          />
          <button type="submit" className="primary" data-testid="record-save" disabled={busy === 'save'}>
            {t('records.save')}
          </button>
        </form>
      )}

      <section className="records-export" aria-label={t('records.export')}>
        <span className="hint">{view?.recordId ? t('records.exportRecord') : t('records.exportLive')}</span>
        <div className="records-buttons">
          {EXPORTS.map(({ format, label: name }) => (
            <button key={format} type="button" data-testid={`export-${format}`} disabled={busy !== null && busy.startsWith('export')} onClick={() => void download(format)}>
              {name}
            </button>
          ))}
        </div>
      </section>

      {message && (
        <p className={message.error ? 'error' : 'hint'} role={message.error ? 'alert' : 'status'} data-testid="records-message">
          {message.text}
        </p>
      )}

      {view?.compare && <CompareSummary from={view.compare.from} to={view.compare.to} comparer={view.compare.comparer} />}

      {list.records.length > 1 && (
        <form
          className="records-compare"
          onSubmit={(event) => {
            event.preventDefault();
            void compare(fromId, compareTo);
          }}
        >
          <select aria-label={t('records.compareFrom')} data-testid="compare-from" value={fromId} onChange={(event) => setCompareFrom(event.target.value)}>
            {list.records.map((record) => (
              <option key={record.id} value={record.id}>
                {record.label}
              </option>
            ))}
          </select>
          <span aria-hidden="true">→</span>
          <select aria-label={t('records.compareWith')} data-testid="compare-to" value={compareTo} onChange={(event) => setCompareTo(event.target.value)}>
            <option value={LIVE_ID}>{t('records.liveBoard')}</option>
            {list.records.map((record) => (
              <option key={record.id} value={record.id}>
                {record.label}
              </option>
            ))}
          </select>
          <button type="submit" data-testid="compare-run" disabled={busy === 'compare'}>
            {t('records.compare')}
          </button>
        </form>
      )}

      {list.error && (
        <p className="error" role="alert">
          {t('records.loadFailed', { reason: list.error })}
        </p>
      )}
      {!list.loading && list.records.length === 0 && !list.error && <p className="hint">{lead ? t('records.noneLead') : t('records.none')}</p>}
      <ul className="records-list">
        {list.records.map((record) => (
          <li key={record.id} className="record-item" data-testid="record-item" data-record-id={record.id} aria-current={view?.recordId === record.id ? 'true' : undefined}>
            <div className="record-title">{record.label}</div>
            <div className="hint">
              <time dateTime={new Date(record.createdAt).toISOString()}>{dateFormat.format(record.createdAt)}</time> ·{' '}
              {t('common.notes', { count: record.noteCount })}
            </div>
            <div className="records-buttons">
              <button type="button" data-testid="record-open" disabled={busy !== null} onClick={() => void open(record)}>
                {t('records.open')}
              </button>
              <button type="button" data-testid="record-compare-live" disabled={busy !== null} onClick={() => void compare(record.id, LIVE_ID)}>
                {t('records.compareLive')}
              </button>
              {lead && (
                <>
                  <button type="button" data-testid="record-restore" disabled={busy !== null} onClick={() => setConfirming({ action: 'restore', record })}>
                    {t('records.restore')}
                  </button>
                  <button type="button" data-testid="record-fork" disabled={busy !== null} title={t('records.newBoardTitle')} onClick={() => void fork(record)}>
                    {t('records.newBoard')}
                  </button>
                  <button type="button" data-testid="record-delete" disabled={busy !== null} onClick={() => setConfirming({ action: 'delete', record })}>
                    {t('common.delete')}
                  </button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      {confirming?.action === 'restore' && (
        <ConfirmDialog
          title={t('records.restoreTitle', { label: confirming.record.label })}
          confirmLabel={t('records.restore')}
          confirmTestId="record-restore-confirm"
          busy={busy === 'restore'}
          onConfirm={() => void restore(confirming.record)}
          onCancel={() => setConfirming(null)}
        >
          {t('records.restoreText', { count: confirming.record.noteCount })}
        </ConfirmDialog>
      )}
      {confirming?.action === 'delete' && (
        <ConfirmDialog
          title={t('records.deleteTitle', { label: confirming.record.label })}
          confirmLabel={t('common.delete')}
          confirmTestId="record-delete-confirm"
          busy={busy === 'delete'}
          onConfirm={() => void remove(confirming.record)}
          onCancel={() => setConfirming(null)}
        >
          {t('records.deleteText')}
        </ConfirmDialog>
      )}
    </aside>
  );
}
