/**
 * `npx tsx bench/part.ts <part>…`: one or a few of the bench's scenarios alone, for measuring a fix
 * before and after without the whole run. Parts: presence, scale (1 vs 2 processes), canvas, page (Chromium page load).
 * Prints the same table as `npm run bench`; targets are not enforced here.
 */
import { startBenchServer } from './server';
import { startLoadWorker } from './loadWorker';
import { formatTable, type Figure } from './report';
import { presenceFiguresFor } from './serverScenarios';
import { measureCanvasFigures } from './canvasFrames';
import { measureBrowserLoad } from './browserLoad';
import { scaleOutFigures } from './scaleOut';

const PARTS: Record<string, () => Promise<Figure[]>> = {
  async presence() {
    const server = await startBenchServer();
    const load = await startLoadWorker();
    try {
      return await presenceFiguresFor(server, load);
    } finally {
      await load.close();
      await server.close();
    }
  },
  async scale() {
    const load = await startLoadWorker();
    try {
      return await scaleOutFigures(load);
    } finally {
      await load.close();
    }
  },
  canvas: measureCanvasFigures,
  page: measureBrowserLoad,
};

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((name) => !(name in PARTS));
  if (names.length === 0 || unknown.length > 0) throw new Error(`usage: tsx bench/part.ts ${Object.keys(PARTS).join('|')} …`);
  const figures: Figure[] = [];
  for (const name of names) figures.push(...(await PARTS[name]!()));
  console.log(formatTable(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
