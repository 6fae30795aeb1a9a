import type { Plugin } from 'vite';

/** A chunk that only loads on some screens, preloaded where it will be shown. */
export interface ViewPreload {
  /** The module the view is lazy-loaded from, as a path suffix (`client/outline/OutlineView.tsx`). */
  module: string;
  /** A media query: where it matches, this view is the one shown first. */
  media: string;
}

export interface BoardPageOptions {
  /** The lazily loaded board page module, as a path suffix. */
  page: string;
  /**
   * An entry written before every other script of the page, so that it runs first: it starts
   * fetching the board's state (client/stateEntry.ts).
   */
  firstScript?: string;
  /**
   * A second entry (one of the build's inputs) that board links run as soon as it arrives, without
   * waiting for the main entry: it opens the board's connection (client/boardEntry.ts).
   */
  earlyScript?: string;
  /** The page's lazily loaded views: preloaded only where each is the default. */
  views: readonly ViewPreload[];
  /** The HTML file to write, served for board links. */
  fileName: string;
}

/** The parts of Rollup's and Rolldown's output chunk that this plugin reads. */
interface ChunkLike {
  type: 'chunk';
  fileName: string;
  facadeModuleId: string | null;
  imports: readonly string[];
  viteMetadata?: { importedCss: Set<string> };
}

interface AssetLike {
  type: 'asset';
  source: string | Uint8Array;
}

type BundleLike = Record<string, ChunkLike | AssetLike | { type: string }>;

function isChunk(item: { type: string } | undefined): item is ChunkLike {
  return item?.type === 'chunk';
}

/** A chunk and every chunk it imports statically, which the browser needs before it can run it. */
function staticGraph(bundle: BundleLike, root: ChunkLike): ChunkLike[] {
  const seen = new Map<string, ChunkLike>();
  const visit = (chunk: ChunkLike): void => {
    if (seen.has(chunk.fileName)) return;
    seen.set(chunk.fileName, chunk);
    for (const name of chunk.imports) {
      const imported = bundle[name];
      if (isChunk(imported)) visit(imported);
    }
  };
  visit(root);
  return [...seen.values()];
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/**
 * Writes a second app shell for board links: index.html plus preload links for the board page and
 * everything it imports, so the browser fetches them alongside the entry instead of after it has run
 * (on a 400 ms round trip that waterfall costs seconds). The view a screen opens with (outline on a
 * phone, canvas elsewhere) is preloaded behind a media query, so a phone never downloads Konva.
 * The home page keeps the plain index.html and does not pay for the board.
 */
export function boardPage(options: BoardPageOptions): Plugin {
  let base = '/';
  return {
    name: 'discern-board-page',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      base = config.base;
    },
    generateBundle(_output, outputBundle) {
      const bundle = outputBundle as unknown as BundleLike;
      const index = bundle['index.html'];
      if (index?.type !== 'asset') throw new Error('board page: index.html is not in the bundle');
      const html = typeof (index as AssetLike).source === 'string' ? ((index as AssetLike).source as string) : new TextDecoder().decode((index as AssetLike).source as Uint8Array);
      const chunks = Object.values(bundle).filter(isChunk);
      const chunkOf = (module: string): ChunkLike => {
        const found = chunks.find((chunk) => chunk.facadeModuleId?.replace(/\\/g, '/').endsWith(module));
        if (!found) throw new Error(`board page: no chunk for ${module}`);
        return found;
      };
      // Where each file is wanted: everywhere (null) or under some view's media query.
      const wanted = new Map<string, { css: boolean; media: Set<string> | null }>();
      const want = (graph: readonly ChunkLike[], media: string | null): void => {
        const files = graph.flatMap((chunk) => [
          { fileName: chunk.fileName, css: false },
          ...[...(chunk.viteMetadata?.importedCss ?? [])].map((fileName) => ({ fileName, css: true })),
        ]);
        for (const { fileName, css } of files) {
          const current = wanted.get(fileName);
          if (current?.media === null) continue;
          if (media === null) wanted.set(fileName, { css, media: null });
          else if (current) current.media?.add(media);
          else wanted.set(fileName, { css, media: new Set([media]) });
        }
      };
      const firstTags: string[] = [];
      const tags: string[] = [];
      // What index.html already loads, or a tag already names, needs no second mention.
      const mentioned = (href: string): boolean => html.includes(`"${href}"`) || [...firstTags, ...tags].some((tag) => tag.includes(`"${href}"`));
      // `async`: run as soon as its own imports are in, not after the main entry (module scripts
      // are otherwise run in document order). High priority: it starts the board's download.
      const asyncScript = (module: string, into: string[]): void => {
        const graph = staticGraph(bundle, chunkOf(module));
        into.push(`<script type="module" async fetchpriority="high" crossorigin src="${escapeAttribute(base + graph[0]!.fileName)}"></script>`);
        // Its imports are fetched beside it, not once it has been read.
        for (const imported of graph.slice(1)) {
          const href = escapeAttribute(base + imported.fileName);
          if (!mentioned(href)) into.push(`<link rel="modulepreload" crossorigin href="${href}">`);
        }
        want(graph, null);
      };
      if (options.firstScript) asyncScript(options.firstScript, firstTags);
      if (options.earlyScript) asyncScript(options.earlyScript, tags);
      want(staticGraph(bundle, chunkOf(options.page)), null);
      for (const view of options.views) want(staticGraph(bundle, chunkOf(view.module)), view.media);
      for (const [fileName, { css, media }] of wanted) {
        const href = escapeAttribute(base + fileName);
        if (mentioned(href)) continue;
        const mediaAttribute = media ? ` media="${escapeAttribute([...media].join(', '))}"` : '';
        if (!css) tags.push(`<link rel="modulepreload" crossorigin href="${href}"${mediaAttribute}>`);
        // The page's own styles apply at once; a view's styles are only fetched early.
        else if (media) tags.push(`<link rel="preload" as="style" crossorigin href="${href}"${mediaAttribute}>`);
        else tags.push(`<link rel="stylesheet" crossorigin href="${href}">`);
      }
      if (!html.includes('</head>')) throw new Error('board page: index.html has no </head>');
      const firstScriptAt = html.indexOf('<script');
      const withFirst = firstTags.length === 0 || firstScriptAt < 0 ? html : `${html.slice(0, firstScriptAt)}${firstTags.join('\n    ')}\n    ${html.slice(firstScriptAt)}`;
      this.emitFile({
        type: 'asset',
        fileName: options.fileName,
        source: withFirst.replace('</head>', `  ${tags.join('\n    ')}\n  </head>`),
      });
    },
  };
}
