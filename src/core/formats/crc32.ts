import * as zlib from 'node:zlib';

// The CRC-32 of zip entries, for yazl in place of buffer-crc32 (esbuild aliases it): Node's native
// zlib.crc32 (Node 20.15+, 22.2+) runs about 8 times faster, and zipping a 1 GB audio folder as it
// uploads spends most of its time here. Older Nodes get the same table-driven code buffer-crc32 has.

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

let table: Uint32Array | undefined;
function tableCrc32(data: Uint8Array, previous: number): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = ~previous >>> 0;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** buffer-crc32's `unsigned(data, previous)`: the CRC-32 of `data`, continuing from `previous`. */
export function unsigned(data: Uint8Array, previous = 0): number {
  return nativeCrc32 ? nativeCrc32(data, previous) : tableCrc32(data, previous);
}

/** For tests: the portable version. */
export const portableCrc32 = (data: Uint8Array, previous = 0) => tableCrc32(data, previous);
