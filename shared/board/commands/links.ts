import * as Y from 'yjs';
import { nanoid } from 'nanoid';
import { BoardCommandError } from '../commandError';
import { LINK_ZONES, LinkField, inferLinkKind, isLinkKind, type LinkKind } from '../links';
import { MAX_AUTHOR_LENGTH } from '../note';
import type { BoardStore } from '../store/boardStore';
import { checkAuthor } from './checks';

/** Link commands (docs/format.md, "links"); their readers are `readLink` and `selectLinks` in links.ts. */

export function addLink(store: BoardStore, from: string, to: string, kind: LinkKind | undefined, author: string): string {
  const fromNote = store.requireNote(from);
  const toNote = store.requireNote(to);
  if (from === to) throw new BoardCommandError('link-to-self', 'a note cannot be linked to itself');
  checkAuthor('author', author);
  let linkKind: LinkKind;
  if (kind === undefined) {
    const inferred = inferLinkKind(fromNote.zone, toNote.zone);
    if (!inferred) throw new BoardCommandError('link-zones', `no kind of link goes from ${fromNote.zone} to ${toNote.zone}`);
    linkKind = inferred;
  } else {
    if (!isLinkKind(kind)) throw new BoardCommandError('invalid-input', `unknown link kind: ${String(kind)}`);
    const zones = LINK_ZONES[kind];
    if (fromNote.zone !== zones.from || toNote.zone !== zones.to) {
      throw new BoardCommandError('link-zones', `a ${kind} link goes from ${zones.from} to ${zones.to}`);
    }
    linkKind = kind;
  }
  if (store.getSnapshot().links.some((link) => link.from === from && link.to === to && link.kind === linkKind)) {
    throw new BoardCommandError('already-linked', 'these notes are already linked');
  }
  const id = nanoid();
  store.transact(() => {
    const link = new Y.Map<unknown>();
    link.set(LinkField.From, from);
    link.set(LinkField.To, to);
    link.set(LinkField.Kind, linkKind);
    link.set(LinkField.Author, author.slice(0, MAX_AUTHOR_LENGTH));
    link.set(LinkField.CreatedAt, store.now());
    store.links.set(id, link);
  });
  return id;
}

export function deleteLink(store: BoardStore, id: string): void {
  if (typeof id !== 'string') throw new BoardCommandError('invalid-input', 'link id must be a string');
  if (!store.links.has(id)) return;
  store.transact(() => store.links.delete(id));
}
