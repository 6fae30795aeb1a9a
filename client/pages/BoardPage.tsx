import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { isValidId, type Role } from '../../shared/protocol/ids';
import { BoardProvider, type BoardContextValue } from '../board/BoardContext';
import { loadDisplayName, myColor, saveDisplayName } from '../board/identity';
import { LocalPresence } from '../board/presence';
import { clearBoardHandle, exposeBoard } from '../debugHandle';
import { useTranslation } from '../i18n';
import { ApiError, fetchBoardInfo, type BoardInfo } from '../sync/api';
import { claimBoardConnection, type BoardConnection } from '../sync/boardConnection';
import { takePrefetchedInfo } from '../sync/boardPrefetch';
import { BoardScreen } from './BoardScreen';
import { keyFromHash } from './boardRoute';


// Asked once per browser: a returning person's board page does not download it.
const NamePrompt = lazy(() => import('../panels/NamePrompt').then((module) => ({ default: module.NamePrompt })));

const infoCacheKey = (boardId: string) => `discern:board:${boardId}`;

/** The last board info this browser saw for this key, so a reload while offline still opens the board. */
function cachedInfo(boardId: string, key: string): BoardInfo | null {
  try {
    const raw = localStorage.getItem(infoCacheKey(boardId));
    if (!raw) return null;
    const cached = JSON.parse(raw) as { key?: unknown; info?: BoardInfo };
    return cached.key === key && cached.info ? cached.info : null;
  } catch {
    return null;
  }
}

function cacheInfo(boardId: string, key: string, info: BoardInfo): void {
  try {
    localStorage.setItem(infoCacheKey(boardId), JSON.stringify({ key, info }));
  } catch {
    // Storage full or disabled: the board still works online.
  }
}

/** Why a link cannot open its board; translated when shown, so a language switch applies to it too. */
type DeniedReason = 'notFound' | 'badKey' | 'unreachable';
type Access = { state: 'loading' } | { state: 'ready'; info: BoardInfo } | { state: 'denied'; reason: DeniedReason };

function useBoardAccess(boardId: string, key: string | null): Access {
  const [access, setAccess] = useState<Access>(() => {
    const cached = key ? cachedInfo(boardId, key) : null;
    return cached ? { state: 'ready', info: cached } : { state: 'loading' };
  });
  useEffect(() => {
    if (!key) return;
    let live = true;
    // Usually already asked for by board.html's first script (client/stateEntry.ts).
    (takePrefetchedInfo(boardId, key) ?? fetchBoardInfo(boardId, key))
      .then((info) => {
        cacheInfo(boardId, key, info);
        if (live) setAccess({ state: 'ready', info });
      })
      .catch((error: unknown) => {
        if (!live) return;
        if (error instanceof ApiError && error.status === 404) setAccess({ state: 'denied', reason: 'notFound' });
        else if (error instanceof ApiError && error.status === 401) setAccess({ state: 'denied', reason: 'badKey' });
        // Network failure: keep the cached info if any, so the board opens offline.
        else setAccess((current) => (current.state === 'ready' ? current : { state: 'denied', reason: 'unreachable' }));
      });
    return () => {
      live = false;
    };
  }, [boardId, key]);
  return access;
}

function useConnection(boardId: string, key: string | null): BoardConnection | null {
  const [connection, setConnection] = useState<BoardConnection | null>(null);
  useEffect(() => {
    if (!key) return;
    // Usually already opened by board.html's early script (client/boardEntry.ts).
    const opened = claimBoardConnection(boardId, key);
    exposeBoard({ model: opened.model, provider: opened.provider, stage: null });
    setConnection(opened);
    return () => {
      clearBoardHandle(opened.model);
      opened.destroy();
    };
  }, [boardId, key]);
  return connection;
}

function ErrorScreen({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <main className="home">
      <h1>{t('common.appName')}</h1>
      <p role="alert" className="error">
        {message}
      </p>
      <a href="/">{t('boardPage.startNew')}</a>
    </main>
  );
}

/** `/b/<id>#k=<key>`: checks the key, opens the board and, once the person has a name, shows it. */
export default function BoardPage({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const key = useMemo(() => keyFromHash(window.location.hash), []);
  const access = useBoardAccess(boardId, key);
  const connection = useConnection(boardId, access.state === 'denied' ? null : key);
  const [name, setName] = useState(loadDisplayName);
  const role: Role = access.state === 'ready' ? access.info.role : 'view';
  const presence = useMemo(
    () => (connection && name ? new LocalPresence(connection.provider.awareness, { name, color: myColor(), role }) : null),
    // Role changes update the user field below rather than making a new presence.
    [connection, name],
  );
  useEffect(() => {
    if (presence && name) presence.setUser({ name, color: myColor(), role });
  }, [presence, name, role]);
  useEffect(() => () => presence?.destroy(), [presence]);

  const context = useMemo<BoardContextValue | null>(
    () =>
      connection && presence
        ? { model: connection.model, awareness: connection.provider.awareness, presence, status: connection.status, role, clock: connection.clock }
        : null,
    [connection, presence, role],
  );

  if (!isValidId(boardId)) return <ErrorScreen message={t('boardPage.notABoardLink')} />;
  if (!key) return <ErrorScreen message={t('boardPage.missingKey')} />;
  if (access.state === 'denied') return <ErrorScreen message={t(`boardPage.${access.reason}`)} />;
  if (!name) {
    return (
      <Suspense fallback={null}>
        <NamePrompt
          onSubmit={(chosen) => {
            saveDisplayName(chosen);
            setName(chosen);
          }}
        />
      </Suspense>
    );
  }
  if (!context || !name) return <div className="loading">{t('app.openingBoard')}</div>;
  return (
    <BoardProvider value={context}>
      <BoardScreen boardId={boardId} boardKey={key} info={access.state === 'ready' ? access.info : null} me={{ name, color: myColor(), role }} />
    </BoardProvider>
  );
}
