import { useEffect, useState } from 'react';
import { MAX_TITLE_LENGTH } from '../../shared/board/meta';
import { useTranslation } from '../i18n';

/** The board's title; the leader can rename it in place. */
export function BoardTitle({ title, editable, onRename }: { title: string; editable: boolean; onRename(title: string): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(title);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(title);
  }, [title, focused]);
  if (!editable) return <h1 className="board-title" data-testid="board-title">{title}</h1>;
  const commit = () => {
    const next = draft.trim();
    if (next && next !== title) onRename(next);
    else setDraft(title);
  };
  return (
    <>
      {/* The page's heading for screen readers; the field below shows the title to everyone else. */}
      <h1 className="visually-hidden">{title}</h1>
      <input
        className="board-title"
        data-testid="board-title"
        aria-label={t('header.boardTitle')}
        title={t('header.rename')}
        maxLength={MAX_TITLE_LENGTH}
        value={draft}
        onFocus={() => setFocused(true)}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => {
          setFocused(false);
          commit();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter') event.currentTarget.blur();
          if (event.key === 'Escape') {
            setDraft(title);
            event.currentTarget.blur();
          }
        }}
      />
    </>
  );
}
