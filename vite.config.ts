import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { boardPage } from './scripts/boardPagePlugin.ts';
import { precompress } from './scripts/precompressPlugin.ts';

// The client lives in client/; the server serves dist/client with an SPA fallback for /b/<id>.
// `vite build --mode test` (scripts/builds.mjs) writes the test build, which alone exposes
// window.__discern (client/debugHandle.ts), to dist/client-test instead.
export default defineConfig(({ mode }) => ({
  root: 'client',
  plugins: [
    react(),
    // board.html: the shell for board links, with the board page and its first view preloaded.
    boardPage({
      page: 'client/pages/BoardPage.tsx',
      firstScript: 'client/stateEntry.ts',
      earlyScript: 'client/boardEntry.ts',
      fileName: 'board.html',
      views: [
        // The same query as client/outline/useViewMode.ts: below 700 px the outline is the default.
        { module: 'client/outline/OutlineView.tsx', media: '(max-width: 699px)' },
        // The canvas (Konva) is not preloaded: wide screens first paint the board without it and
        // ask for it once the notes show (client/screen/laterParts.ts).
      ],
    }),
    // Last: brotli and gzip copies of the finished files, served by @fastify/static's preCompressed.
    precompress(),
  ],
  build: {
    outDir: mode === 'test' ? '../dist/client-test' : '../dist/client',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // On HTTP/1.1 a slow link has six connections for the board page's requests, and each small
        // file waits for one, a round trip each (400 ms on Slow 3G): the board page's modules are
        // grouped into a few files by what loads them, not left as a dozen shared crumbs. Each group
        // is loaded by the same pages as before; the home page loads none of the board's.
        codeSplitting: {
          groups: [
            // The first script of board links and what it imports, with the small modules the home
            // page shares with the board's code (join codes), so that it need not load the latter.
            {
              name: 'state',
              priority: 3,
              test: /client[\\/](stateEntry|sync[\\/](boardPrefetch|earlySocket|api)|board[\\/]voterSecret|pages[\\/]boardRoute)\.ts$|shared[\\/]protocol[\\/](ids|joinCodes)\.ts$/,
            },
            // The document, its model and the sync stack: what client/boardEntry.ts runs (the home
            // page's service worker stays out: the home page must not load the board's code).
            {
              name: 'sync',
              priority: 2,
              // Only what some entry loads at once: a module that only a later part loads stays with it.
              tags: ['$initial'],
              test: (id: string) =>
                /node_modules[\\/](yjs|lib0|y-protocols|y-websocket|y-indexeddb|nanoid)[\\/]|[\\/]shared[\\/]|client[\\/]sync[\\/]/.test(id) && !/serviceWorker\.ts$|joinCode\.ts$/.test(id),
            },
            // What the board page and its lazily loaded views share (React stays with the entry).
            {
              name: 'boardShared',
              priority: 1,
              includeDependenciesRecursively: false,
              test: /client[\\/]board[\\/](BoardContext\.tsx|useNotes\.ts|keyTarget\.ts)$|client[\\/]a11y[\\/]focusTrap\.ts$/,
            },
          ],
        },
      },
      input: {
        index: fileURLToPath(new URL('client/index.html', import.meta.url)),
        // Board links also run this, to open the board's connection before React has arrived.
        board: fileURLToPath(new URL('client/boardEntry.ts', import.meta.url)),
        // And this first of all, to fetch the board's state while everything else downloads.
        state: fileURLToPath(new URL('client/stateEntry.ts', import.meta.url)),
      },
    },
  },
  server: {
    // `npm run dev`: the API and sync server runs beside Vite on PORT (scripts/dev.mjs).
    proxy: {
      '/api': `http://localhost:${process.env.PORT ?? '8080'}`,
      '/sync': { target: `ws://localhost:${process.env.PORT ?? '8080'}`, ws: true },
    },
  },
}));
