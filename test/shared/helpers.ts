import * as Y from 'yjs';
import { BoardModel, createBoardDoc, type BoardModelOptions } from '../../shared/board';
import { STORAGE_ORIGIN } from '../../shared/protocol/origins';

export type Order = 'a-first' | 'b-first';
export const ORDERS: readonly Order[] = ['a-first', 'b-first'];

/** A fresh current-version board with a model that keeps undo history. */
export function newBoard(options: BoardModelOptions = {}): BoardModel {
  return new BoardModel(createBoardDoc('Test', STORAGE_ORIGIN), { undo: true, ...options });
}

/** Two peers on one board that exchange updates only when told, in the order the test chooses. */
export function connectedPair(
  optionsA: BoardModelOptions = {},
  optionsB: BoardModelOptions = {},
): { a: BoardModel; b: BoardModel; deliver: (order: Order) => void } {
  const seed = createBoardDoc('Test', STORAGE_ORIGIN);
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  Y.applyUpdate(docA, Y.encodeStateAsUpdate(seed), 'peer');
  Y.applyUpdate(docB, Y.encodeStateAsUpdate(seed), 'peer');
  const a = new BoardModel(docA, optionsA);
  const b = new BoardModel(docB, optionsB);
  const fromA: Uint8Array[] = [];
  const fromB: Uint8Array[] = [];
  docA.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && fromA.push(update));
  docB.on('update', (update: Uint8Array, origin: unknown) => origin !== 'peer' && fromB.push(update));
  const deliver = (order: Order): void => {
    const sendA = (): void => fromA.splice(0).forEach((u) => Y.applyUpdate(docB, u, 'peer'));
    const sendB = (): void => fromB.splice(0).forEach((u) => Y.applyUpdate(docA, u, 'peer'));
    if (order === 'a-first') {
      sendA();
      sendB();
    } else {
      sendB();
      sendA();
    }
  };
  return { a, b, deliver };
}
