import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { HomePage } from './pages/HomePage';
import { registerServiceWorker } from './sync/serviceWorker';

// The board page carries Konva and the sync stack; the home page should not wait for them.
const BoardPage = lazy(() => import('./pages/BoardPage'));
const JoinPage = lazy(() => import('./join/JoinPage'));

function App() {
  const match = /^\/b\/([^/]+)\/?$/.exec(window.location.pathname);
  if (match?.[1]) {
    return (
      <Suspense fallback={<div className="loading">Opening board…</div>}>
        <BoardPage boardId={decodeURIComponent(match[1])} />
      </Suspense>
    );
  }
  const join = /^\/j\/([^/]+)\/?$/.exec(window.location.pathname);
  if (join?.[1]) {
    return (
      <Suspense fallback={<div className="loading">Joining…</div>}>
        <JoinPage code={decodeURIComponent(join[1])} />
      </Suspense>
    );
  }
  return <HomePage />;
}

registerServiceWorker();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
