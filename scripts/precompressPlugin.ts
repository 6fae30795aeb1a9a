import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Text files worth compressing; images and fonts in this build are already compressed formats. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.webmanifest', '.txt', '.xml']);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : Promise.resolve([join(dir, entry.name)]))),
  );
  return nested.flat();
}

/** Writes `file.br` and `file.gz` next to `file`, each only when it is smaller than the original. */
export async function precompressFile(file: string): Promise<void> {
  const source = await readFile(file);
  const [br, gz] = await Promise.all([
    // Build time can afford the best settings; the server never compresses these at request time.
    brotli(source, {
      params: {
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: source.byteLength,
      },
    }),
    gzipped(source, { level: 9 }),
  ]);
  await Promise.all([
    br.byteLength < source.byteLength ? writeFile(`${file}.br`, br) : undefined,
    gz.byteLength < source.byteLength ? writeFile(`${file}.gz`, gz) : undefined,
  ]);
}

/** Brotli and gzip copies of every text file in `dir`, for `@fastify/static`'s `preCompressed`. */
export async function precompressDir(dir: string): Promise<void> {
  const files = (await filesUnder(dir)).filter((file) => COMPRESSIBLE.has(extname(file)));
  // zlib's async calls run on libuv's thread pool, so these overlap without blocking the build.
  await Promise.all(files.map(async (file) => ((await stat(file)).size > 0 ? precompressFile(file) : undefined)));
}

/**
 * A Vite plugin that precompresses the finished build (public files such as sw.js included), so the
 * server sends brotli or gzip without compressing anything per request. A phone on a slow network
 * then downloads about a quarter of the bytes.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'discern-precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    // After every file, public ones too, has been written.
    async closeBundle() {
      await precompressDir(outDir);
    },
  };
}
