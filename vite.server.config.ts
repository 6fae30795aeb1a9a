import { defineConfig } from 'vite';

// The production server: server/main.ts and what it imports from server/ and shared/, compiled to
// one ES module for Node 20. Packages stay external and load from node_modules as usual.
export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'server/main.ts',
    outDir: 'dist/server',
    emptyOutDir: true,
    target: 'node20',
    sourcemap: true,
    minify: false,
    rolldownOptions: { output: { entryFileNames: 'main.js' } },
  },
});
