import * as Y from 'yjs';
import { MAX_AUTHOR_LENGTH, type NoteView } from './note';
import { Zone } from './zones';

/**
 * Links between notes (format version 2, docs/format.md): root `doc.getMap('links')` maps a link
 * id to a `Y.Map` with these fields; `from`, `to` and `kind` are required (the first contract for
 * links), `author` and `createdAt` optional.
 */
export const LinkField = {
  From: 'from',
  To: 'to',
  Kind: 'kind',
  Author: 'author',
  CreatedAt: 'createdAt',
} as const;
export type LinkField = (typeof LinkField)[keyof typeof LinkField];

/**
 * `served-by`: a need (from, in `need`) is already served by someone (to, in `there`).
 * `can-serve`: we (from, in `who`) could serve a need (to, in `need`).
 */
export const LinkKind = {
  ServedBy: 'served-by',
  CanServe: 'can-serve',
} as const;
export type LinkKind = (typeof LinkKind)[keyof typeof LinkKind];

export const LINK_KINDS: readonly LinkKind[] = [LinkKind.ServedBy, LinkKind.CanServe];

export function isLinkKind(value: unknown): value is LinkKind {
  return value === LinkKind.ServedBy || value === LinkKind.CanServe;
}

/** The zones a link of each kind joins when it is made: from → to. */
export const LINK_ZONES: Readonly<Record<LinkKind, { readonly from: Zone; readonly to: Zone }>> = {
  'served-by': { from: Zone.Need, to: Zone.There },
  'can-serve': { from: Zone.Who, to: Zone.Need },
};

/** How records and outlines name each kind, read from the need's side. */
export const LINK_KIND_TITLES: Readonly<Record<LinkKind, string>> = {
  'served-by': 'Already served by',
  'can-serve': 'Could partner with',
};

/** The kind of link that joins a note in `from` to a note in `to`, or `null` if no kind does. */
export function inferLinkKind(from: Zone, to: Zone): LinkKind | null {
  for (const kind of LINK_KINDS) {
    if (LINK_ZONES[kind].from === from && LINK_ZONES[kind].to === to) return kind;
  }
  return null;
}

/** A link as readers see it. Immutable. */
export interface LinkView {
  readonly id: string;
  /** Note ids. */
  readonly from: string;
  readonly to: string;
  readonly kind: LinkKind;
  /** `''` when the link has none (optional in the format). */
  readonly author: string;
  /** `0` when the link has none (optional in the format). */
  readonly createdAt: number;
}

/**
 * Reads one entry of the links map on its own: fields only, not whether its notes exist (see
 * `selectLinks`). An entry that breaks the schema yields `null`. `author` and `createdAt` are
 * optional (read as `''` and `0`, so such a link counts as the oldest of its duplicates).
 */
export function readLink(id: string, value: unknown): LinkView | null {
  if (!(value instanceof Y.Map)) return null;
  const from: unknown = value.get(LinkField.From);
  const to: unknown = value.get(LinkField.To);
  const kind: unknown = value.get(LinkField.Kind);
  const author: unknown = value.get(LinkField.Author);
  const createdAt: unknown = value.get(LinkField.CreatedAt);
  if (typeof from !== 'string' || typeof to !== 'string' || from === to || !isLinkKind(kind)) return null;
  // The first contract for links was only from, to and kind: a stock client's link without the
  // rest is valid. When present, they must have the right type.
  if (author !== undefined && typeof author !== 'string') return null;
  if (createdAt !== undefined && (typeof createdAt !== 'number' || !Number.isFinite(createdAt))) return null;
  return { id, from, to, kind, author: (author ?? '').slice(0, MAX_AUTHOR_LENGTH), createdAt: createdAt ?? 0 };
}

function linkOrder(a: LinkView, b: LinkView): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The links readers show: those whose two notes both exist (a link to a deleted note is ignored,
 * even before anyone removes it), oldest first. A link stays valid when one of its notes later
 * moves to another zone; it keeps its kind. Two clients may add the same link at once: of links
 * with the same from, to and kind only the oldest (then smallest id) is kept.
 */
export function selectLinks(candidates: Iterable<LinkView>, notes: ReadonlyMap<string, NoteView>): LinkView[] {
  const seen = new Set<string>();
  const chosen: LinkView[] = [];
  for (const link of [...candidates].sort(linkOrder)) {
    if (!notes.has(link.from) || !notes.has(link.to)) continue;
    const key = `${link.kind}\u0000${link.from}\u0000${link.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(link);
  }
  return chosen;
}

/** The valid links of a board document (see `selectLinks`). */
export function readLinks(links: Y.Map<unknown>, notes: ReadonlyMap<string, NoteView>): LinkView[] {
  const candidates: LinkView[] = [];
  links.forEach((value, id) => {
    const link = readLink(id, value);
    if (link) candidates.push(link);
  });
  return selectLinks(candidates, notes);
}
