/**
 * WOFF 1.0 → plain TrueType/OpenType (sfnt) bytes. The fonts we embed come from npm as WOFF
 * slices (one file per range of characters); jsPDF reads only plain TTF. A WOFF file is the same
 * tables, each zlib-compressed when that made it smaller, behind a longer directory, so turning it
 * back is a matter of inflating each table and writing the sfnt directory again.
 */
export async function woffToSfnt(woff: ArrayBuffer): Promise<Uint8Array> {
  const view = new DataView(woff);
  if (view.getUint32(0) !== 0x774f4646) throw new Error('not a WOFF font');
  const flavor = view.getUint32(4);
  const numTables = view.getUint16(12);
  const tables: Array<{ tag: number; checksum: number; data: Uint8Array }> = [];
  for (let i = 0; i < numTables; i++) {
    const entry = 44 + 20 * i;
    const tag = view.getUint32(entry);
    const offset = view.getUint32(entry + 4);
    const compLength = view.getUint32(entry + 8);
    const origLength = view.getUint32(entry + 12);
    const checksum = view.getUint32(entry + 16);
    const stored = new Uint8Array(woff, offset, compLength);
    const data = compLength < origLength ? await inflate(stored) : stored;
    if (data.length !== origLength) throw new Error('a WOFF table did not inflate to its stated length');
    tables.push({ tag, checksum, data });
  }
  // Binary-search fields of the sfnt header, as the OpenType spec defines them.
  const entrySelector = Math.floor(Math.log2(numTables));
  const searchRange = 2 ** entrySelector * 16;
  let size = 12 + 16 * numTables;
  for (const table of tables) size += (table.data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const header = new DataView(out.buffer);
  header.setUint32(0, flavor);
  header.setUint16(4, numTables);
  header.setUint16(6, searchRange);
  header.setUint16(8, entrySelector);
  header.setUint16(10, numTables * 16 - searchRange);
  let offset = 12 + 16 * numTables;
  tables.forEach((table, i) => {
    const entry = 12 + 16 * i;
    header.setUint32(entry, table.tag);
    header.setUint32(entry + 4, table.checksum);
    header.setUint32(entry + 8, offset);
    header.setUint32(entry + 12, table.data.length);
    out.set(table.data, offset);
    offset += (table.data.length + 3) & ~3;
  });
  return out;
}

/** WOFF tables are zlib streams, which the Compression Streams API calls 'deflate'. */
async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
