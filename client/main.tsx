import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from './i18n';
import { applyLanguage, initialLanguage } from './i18n/language';
import { HomePage } from './pages/HomePage';
import { registerServiceWorker } from './sync/serviceWorker';

// The board page carries Konva and the sync stack; the home page should not wait for them.
const BoardPage = lazy(() => import('./pages/BoardPage'));
const JoinPage = lazy(() => import('./join/JoinPage'));

function App() {
  const { t } = useTranslation();
  const match = /^\/b\/([^/]+)\/?$/.exec(window.location.pathname);
  if (match?.[1]) {
    return (
      <Suspense fallback={<div className="loading">{t('app.openingBoard')}</div>}>
        <BoardPage boardId={decodeURIComponent(match[1])} />
      </Suspense>
    );
  }
  const join = /^\/j\/([^/]+)\/?$/.exec(window.location.pathname);
  if (join?.[1]) {
    return (
      <Suspense fallback={<div className="loading">{t('app.joining')}</div>}>
        <JoinPage code={decodeURIComponent(join[1])} />
      </Suspense>
    );
  }
  return <HomePage />;
}

registerServiceWorker();

function render(): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// The first paint is already in the person's language: a language other than English is one small
// chunk, fetched before rendering. If it cannot be had (offline, never cached) the page shows English.
applyLanguage(initialLanguage()).catch(() => undefined).finally(render);
