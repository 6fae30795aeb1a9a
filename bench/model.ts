import * as Y from 'yjs';
import { BoardModel } from '../shared/board/model';
import { seedNotes } from './seedNotes';
import { distribution } from './stats';
import type { Figure } from './report';

const NOTES = 5000;
const WARMUP = 300;
const MOVES = 2000;

/**
 * moveNote on a 5,000-note board: the Y transaction, the snapshot recompute and one listener that
 * reads the snapshot (as useSyncExternalStore would). No server involved.
 */
export function measureModel(): Figure[] {
  const doc = new Y.Doc();
  const model = new BoardModel(doc);
  const ids = seedNotes(model, NOTES);
  let reads = 0;
  const unsubscribe = model.subscribe(() => {
    reads += model.getSnapshot().notes.length > 0 ? 1 : 0;
  });
  // A fixed pseudo-random sequence of notes, nudged within their zone.
  let seed = 12345;
  const nextIndex = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % ids.length;
  };
  const samples: number[] = [];
  for (let move = 0; move < WARMUP + MOVES; move++) {
    const id = ids[nextIndex()]!;
    const note = model.getNote(id)!;
    const dx = move % 2 === 0 ? 3 : -3;
    const start = performance.now();
    model.moveNote(id, note.x + dx, note.y);
    const elapsed = performance.now() - start;
    if (move >= WARMUP) samples.push(elapsed * 1000);
  }
  unsubscribe();
  model.destroy();
  doc.destroy();
  if (reads !== WARMUP + MOVES) throw new Error(`model: listener ran ${reads} times for ${WARMUP + MOVES} moves`);
  const micro = distribution(samples);
  const section = `8 client model moveNote (${NOTES} notes)`;
  return [
    {
      section,
      name: 'moveNote incl. snapshot + listener, mean',
      value: micro.mean,
      unit: 'µs',
      target: { op: '<', limit: 2000 },
      note: `${micro.count} moves after ${WARMUP} warm-up; p50 ${micro.p50.toFixed(0)}, p99 ${micro.p99.toFixed(0)}, max ${micro.max.toFixed(0)} µs`,
    },
  ];
}
