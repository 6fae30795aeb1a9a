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
