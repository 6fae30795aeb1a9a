import type { StateEncoding } from '../rooms/encodedState';

/**
 * The encoding to answer with, from an `Accept-Encoding` header: brotli if the client takes it,
 * else gzip, else identity. The server's order, not the client's q-values, decides among those it
 * takes (RFC 9110 allows it); `q=0` refuses an encoding, and `*` stands for any not named.
 */
export function preferredEncoding(header: string | string[] | undefined): StateEncoding {
  const weights = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const accepts = (encoding: string): boolean => (weights.get(encoding) ?? weights.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}
