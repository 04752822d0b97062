// CRC-32 (the zip checksum, polynomial 0xEDB88320): lets the reader prove that each entry it
// unpacked is the entry the zip's author stored, so a damaged download is caught, not imported.

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

const TABLE = makeTable();

/** Incremental CRC-32: feed chunks with `update`, read the checksum with `digest`. */
export class Crc32 {
  private crc = 0xffffffff;

  update(bytes: Uint8Array): void {
    const table = TABLE;
    let c = this.crc;
    for (let i = 0; i < bytes.length; i++) {
      c = (table[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
    }
    this.crc = c;
  }

  digest(): number {
    return (this.crc ^ 0xffffffff) >>> 0;
  }
}

export function crc32(bytes: Uint8Array): number {
  const crc = new Crc32();
  crc.update(bytes);
  return crc.digest();
}
