// Discern's service worker: keeps the app shell so that a board page reloads while offline.
// The board itself comes from IndexedDB (y-indexeddb); this only has to bring back the code.
// Hand-written rather than Workbox: two rules, no build step, nothing to configure.
const CACHE = 'discern-shell-v1';
const SHELL = '/index.html';
// Board links get their own shell, which preloads the board page (scripts/boardPagePlugin.ts).
const BOARD_SHELL = '/board.html';

/** The shell a navigation to this path is answered with. */
function shellFor(pathname) {
  return pathname.startsWith('/b/') ? BOARD_SHELL : SHELL;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // A build without board.html still installs: board links then fall back to the plain shell.
      .then((cache) => Promise.all([cache.add(SHELL), cache.add(BOARD_SHELL).catch(() => undefined)]))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

// The page lists the hashed files it loaded before this worker took control (the first visit's
// code, lazy chunks included), so that they too are there for an offline reload.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'keep-assets' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === 'string' && new URL(url).pathname.startsWith('/assets/'));
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(urls.map((url) => cache.match(url).then((hit) => hit ?? cache.add(url).catch(() => undefined)))),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/')) return;

  if (request.mode === 'navigate') {
    // Network first, so a new deploy is picked up at once; the kept shell only when offline.
    const shell = shellFor(url.pathname);
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) {
            const copy = response.clone();
            void caches.open(CACHE).then((cache) => cache.put(shell, copy));
          }
          return response;
        })
        .catch(() =>
          caches
            .match(shell)
            .then((cached) => cached ?? caches.match(SHELL))
            .then((cached) => cached ?? Response.error()),
        ),
    );
    return;
  }

  if (url.pathname.startsWith('/assets/')) {
    // Hashed file names never change content, so the first copy is good for ever.
    event.respondWith(
      caches.match(request).then(
        (cached) =>
          cached ??
          fetch(request).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              void caches.open(CACHE).then((cache) => cache.put(request, copy));
            }
            return response;
          }),
      ),
    );
  }
});
