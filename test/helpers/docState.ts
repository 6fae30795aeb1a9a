import * as Y from 'yjs';
import { toBase64 } from 'lib0/buffer';
import { Root } from '../../shared/board/meta';

const ROOTS: readonly string[] = Object.values(Root);

/** JSON with object keys sorted, so two docs that hold the same data print the same text. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, inner]) => [key, canonical(inner)]));
  }
  return value;
}

/** Every root of a board as plain JSON with sorted keys (a Y.Map's key order depends on arrival order). */
export function rootsJson(doc: Y.Doc): string {
  return JSON.stringify(Object.fromEntries(ROOTS.map((root) => [root, canonical(doc.getMap(root).toJSON())])));
}

/**
 * What two converged replicas must share exactly: the encoded state vector (every insert), the
 * encoded snapshot (state vector and delete set: every delete) and the JSON of every root.
 */
export interface DocFingerprint {
  stateVector: string;
  snapshot: string;
  roots: string;
}

export function fingerprint(doc: Y.Doc): DocFingerprint {
  return {
    stateVector: toBase64(Y.encodeStateVector(doc)),
    snapshot: toBase64(Y.encodeSnapshot(Y.snapshot(doc))),
    roots: rootsJson(doc),
  };
}

/** True when `doc` already holds every insert and delete of `update` (nothing of it is missing). */
export function holdsUpdate(doc: Y.Doc, update: Uint8Array): boolean {
  return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}
