import { useEffect, useRef, useState } from 'react';
import { MAX_NOTE_TEXT } from '../../shared/board/note';
import { ZONES, ZONE_TITLES, type Zone } from '../../shared/board/zones';
import { useBoard } from '../board/BoardContext';
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
    <aside className="private-writing" aria-label="Private writing">
      <div className="private-banner" data-testid="private-banner" role="status">
        <strong>Private writing.</strong> Your notes stay on this device until the leader reveals them.
        {role === 'lead' && (
          <button type="button" className="primary" data-testid="private-reveal" onClick={() => model.revealPrivateRound()}>
            Reveal everyone’s notes
          </button>
        )}
      </div>
      {canWrite && (
        <section className="private-drafts" data-testid="private-drafts" aria-label="Your private notes">
          <h2>Your private notes</h2>
          <form
            className="private-add"
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <label>
              <span className="visually-hidden">Zone</span>
              <select data-testid="private-zone" value={zone} onChange={(event) => setZone(event.target.value as Zone)}>
                {ZONES.map((z) => (
                  <option key={z} value={z}>
                    {ZONE_TITLES[z]}
                  </option>
                ))}
              </select>
            </label>
            <textarea
              ref={input}
              data-testid="private-add-input"
              aria-label="New private note"
              placeholder="Write a note only you can see…"
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
              Add
            </button>
          </form>
          {ZONES.map((z) => {
            const inZone = drafts.drafts.filter((draft) => draft.zone === z);
            if (inZone.length === 0) return null;
            return (
              <div key={z}>
                <h3>{ZONE_TITLES[z]}</h3>
                <ul>
                  {inZone.map((draft) => (
                    <li key={draft.id} className="private-draft" data-testid="private-draft" style={{ borderColor: draft.color }}>
                      <textarea
                        aria-label="Private note text"
                        maxLength={MAX_NOTE_TEXT}
                        rows={2}
                        value={draft.text}
                        onChange={(event) => drafts.update(draft.id, event.target.value)}
                      />
                      <button type="button" aria-label="Delete this private note" onClick={() => drafts.remove(draft.id)}>
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
