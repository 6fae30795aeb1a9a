import type * as Y from 'yjs';
import { readLink, selectLinks, type LinkView } from '../links';
import type { NoteView } from '../note';

function sameLink(a: LinkView, b: LinkView): boolean {
  return a.from === b.from && a.to === b.to && a.kind === b.kind && a.author === b.author && a.createdAt === b.createdAt;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Link id → link whose own fields are valid (its notes may be gone), kept between transactions so
 * that only the links a transaction touched are read again; `select` filters them into a snapshot.
 */
export class LinkCandidates {
  private readonly byId = new Map<string, LinkView>();

  readAll(linksMap: Y.Map<unknown>): void {
    linksMap.forEach((value, id) => {
      const link = readLink(id, value);
      if (link) this.byId.set(id, link);
    });
  }

  update(dirty: Iterable<string>, linksMap: Y.Map<unknown>): void {
    for (const id of dirty) {
      const link = readLink(id, linksMap.get(id));
      const old = this.byId.get(id);
      if (!link) this.byId.delete(id);
      else if (!old || !sameLink(old, link)) this.byId.set(id, link);
    }
  }

  /** The valid links among the candidates; `previous` itself when they are the same links. */
  select(notes: ReadonlyMap<string, NoteView>, previous?: readonly LinkView[]): readonly LinkView[] {
    const selected = selectLinks(this.byId.values(), notes);
    return previous && sameItems(selected, previous) ? previous : selected;
  }
}
