import * as Y from 'yjs';
import { CloseCode } from '../../shared/protocol/closeCodes';
import { Refusal } from './refusal';

/** Yjs' struct types as `decodeUpdate` returns them (GC and Skip carry no content). */
export type Struct = Y.Item | Y.GC | Y.Skip;
/** Yjs does not export these two type names, only the values that carry them. */
export type Content = Y.Item['content'];
export type DeleteSet = Parameters<typeof Y.isDeleted>[0];

/** An update as updateGuard reads it, without applying it. */
export interface DecodedUpdate {
  structs: Struct[];
  ds: DeleteSet;
}

export function decode(update: Uint8Array): DecodedUpdate {
  try {
    return Y.decodeUpdate(update) as DecodedUpdate;
  } catch (error) {
    throw new Refusal(CloseCode.MalformedMessage, `update cannot be decoded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function malformed(reason: string): never {
  throw new Refusal(CloseCode.MalformedMessage, reason);
}

export function missing(reason = 'update depends on changes the server does not have'): never {
  throw new Refusal(CloseCode.NeedsResync, reason);
}

export function forbidden(reason: string): never {
  throw new Refusal(CloseCode.ForbiddenChange, reason);
}

export function isTypeContent(content: Content, type: typeof Y.Map | typeof Y.Text): boolean {
  return content instanceof Y.ContentType && content.type instanceof type;
}

/** The one plain value a map entry holds; anything else (a type, several values) is `undefined`. */
export function singleValue(content: Content): unknown {
  return content instanceof Y.ContentAny && content.arr.length === 1 ? content.arr[0] : undefined;
}
