import { Suspense, useEffect, useState, type RefObject } from 'react';
import { useBoard } from '../board/BoardContext';
import type { Participant, PresenceUser } from '../board/presence';
import { useBoardMeta } from '../board/useNotes';
import { useTranslation } from '../i18n';
import { ViewToggle } from '../outline/ViewToggle';
import type { ViewMode } from '../outline/useViewMode';
import { BoardTitle } from '../panels/BoardTitle';
import { ConnectionBadge } from '../panels/ConnectionBadge';
import { HeaderMenu } from '../panels/HeaderMenu';
import { PresenceList } from '../panels/PresenceList';
import type { BoardInfo } from '../sync/api';
import type { ConnectionStatus } from '../sync/connectionStatus';
import { ShareLinks } from './laterParts';
import { shareLinksFor } from './shareLinks';

export interface BoardHeaderProps {
  boardId: string;
  boardKey: string;
  info: BoardInfo | null;
  me: PresenceUser;
  participants: readonly Participant[];
  status: ConnectionStatus;
  viewMode: ViewMode;
  onViewMode(mode: ViewMode): void;
  recordsOpen: boolean;
  /** The records button, for focus to come back to when the panel closes. */
  recordsButton: RefObject<HTMLButtonElement | null>;
  onToggleRecords(): void;
  /** The leader's prompts dialog, opened on the first zone. */
  onEditPrompts(): void;
  /** This screen becomes the shared display. */
  onPresent(): void;
}

/** The board page's header (title, view, connection, people, menu) and the share panel it opens. */
export function BoardHeader(props: BoardHeaderProps) {
  const { boardId, boardKey, info, me, participants, status, viewMode, onViewMode, recordsOpen, recordsButton } = props;
  const { model, role } = useBoard();
  const meta = useBoardMeta();
  const { t } = useTranslation();
  const [shareOpen, setShareOpen] = useState(role === 'lead');
  // The role may arrive after the board opened (board info fetched in parallel); the leader starts with links shown.
  useEffect(() => {
    if (role === 'lead') setShareOpen(true);
  }, [role]);

  return (
    <>
      <header className="board-header">
        <a href="/" className="brand" title={t('header.home')}>
          {t('common.appName')}
        </a>
        <BoardTitle title={meta.title} editable={role === 'lead'} onRename={(title) => model.setTitle(title)} />
        {role === 'view' && (
          <span className="view-only-badge" data-testid="view-only-badge">
            {t('header.viewOnly')}
          </span>
        )}
        <span className="header-gap" />
        <ViewToggle mode={viewMode} onChange={onViewMode} />
        <ConnectionBadge status={status} />
        <PresenceList me={me} participants={participants} />
        <HeaderMenu>
          {role === 'lead' && (
            <button type="button" title={t('header.promptsTitle')} data-testid="edit-prompts" onClick={props.onEditPrompts}>
              {t('header.prompts')}
            </button>
          )}
          <button type="button" data-testid="display-mode-toggle" title={t('header.presentTitle')} onClick={props.onPresent}>
            {t('header.present')}
          </button>
          <button type="button" ref={recordsButton} data-testid="records-open" aria-expanded={recordsOpen} onClick={props.onToggleRecords}>
            {t('header.records')}
          </button>
        </HeaderMenu>
        <button type="button" className="primary" data-testid="share-toggle" aria-expanded={shareOpen} onClick={() => setShareOpen(!shareOpen)}>
          {t('header.share')}
        </button>
      </header>
      {shareOpen && (
        <aside className="share-panel" aria-label={t('header.sharePanel')}>
          <Suspense fallback={null}>
            <ShareLinks links={shareLinksFor(boardId, boardKey, info, t)} />
          </Suspense>
        </aside>
      )}
    </>
  );
}
