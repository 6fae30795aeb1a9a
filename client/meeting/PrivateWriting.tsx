import { useEffect, useRef, useState } from 'react';
import { MAX_NOTE_TEXT } from '../../shared/board/note';
import { ZONES, type Zone } from '../../shared/board/zones';
import { useBoard } from '../board/BoardContext';
import { useTranslation } from '../i18n';
import type { PrivateDrafts } from './usePrivateDrafts';
// Loaded on its own when a round starts (BoardScreen), so it brings its styles along.
import './meeting.css';

/** A request from the board (N, + Note, double-click) to write a note privately in a zone. */
export interface DraftRequest {
  zone: Zone;
  seq: number;
}

/**
 * The banner and "Your private notes" panel of a running private-writing round. Drafts stay in this
 * browser; the leader's reveal makes every client add its drafts at once (useCommitRevealedDrafts).
 */
export function PrivateWriting({ drafts, canWrite, request }: { drafts: PrivateDrafts; canWrite: boolean; request: DraftRequest | null }) {
  const { model, role } = useBoard();
  const { t } = useTranslation();
  const [zone, setZone] = useState<Zone>('who');
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!request) return;
    setZone(request.zone);
    input.current?.focus();
  }, [request]);
  if (!drafts.round) return null;

  const submit = () => {
    if (!text.trim()) return;
    drafts.add(zone, text.trim());
    setText('');
    input.current?.focus();
  };

  return (
    <aside className="private-writing" aria-label={t('meeting.privateWriting')}>
      <div className="private-banner" data-testid="private-banner" role="status">
        <strong>{t('meeting.privateBannerTitle')}</strong> {t('meeting.privateBanner')}
        {role === 'lead' && (
          <button type="button" className="primary" data-testid="private-reveal" onClick={() => model.revealPrivateRound()}>
            {t('meeting.reveal')}
          </button>
        )}
      </div>
      {canWrite && (
        <section className="private-drafts" data-testid="private-drafts" aria-label={t('meeting.yourPrivateNotes')}>
          <h2>{t('meeting.yourPrivateNotes')}</h2>
          <form
            className="private-add"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <label>
              <span className="visually-hidden">{t('meeting.zone')}</span>
              <select data-testid="private-zone" value={zone} onChange={(event) => setZone(event.target.value as Zone)}>
                {ZONES.map((z) => (
                  <option key={z} value={z}>
                    {t(`zones.${z}`)}
                  </option>
                ))}
              </select>
            </label>
            <textarea
              ref={input}
              data-testid="private-add-input"
              aria-label={t('meeting.newPrivateNote')}
              placeholder={t('meeting.privatePlaceholder')}
              maxLength={MAX_NOTE_TEXT}
              rows={2}
              value={text}
              onChange={(event) => setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && !event.shiftKey) {
                  event.preventDefault();
                  submit();
                }
              }}
            />
            <button type="submit" data-testid="private-add" disabled={!text.trim()}>
              {t('common.add')}
            </button>
          </form>
          {ZONES.map((z) => {
            const inZone = drafts.drafts.filter((draft) => draft.zone === z);
            if (inZone.length === 0) return null;
            return (
              <div key={z}>
                <h3>{t(`zones.${z}`)}</h3>
                <ul>
                  {inZone.map((draft) => (
                    <li key={draft.id} className="private-draft" data-testid="private-draft" style={{ borderColor: draft.color }}>
                      <textarea
                        aria-label={t('meeting.privateNoteText')}
                        className="note-font"
                        dir="auto"
                        maxLength={MAX_NOTE_TEXT}
                        rows={2}
                        value={draft.text}
                        onChange={(event) => drafts.update(draft.id, event.target.value)}
                      />
                      <button type="button" aria-label={t('meeting.deletePrivate')} onClick={() => drafts.remove(draft.id)}>
                        ✕
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </section>
      )}
    </aside>
  );
}
