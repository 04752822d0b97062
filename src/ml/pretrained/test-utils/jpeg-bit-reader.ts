// Owns the entropy-decoding side of the test-only JPEG decoder: canonical Huffman tables and a
// bit reader over the scan data that unstuffs 0xFF00 and steps over restart markers.

export interface HuffmanTable {
  maxCode: Int32Array; // [17], by code length
  minCode: Int32Array; // [17]
  valuePointer: Int32Array; // [17]
  symbols: Uint8Array;
}

export function fail(message: string): never {
  throw new Error(`JPEG: ${message}`);
}

export function buildHuffman(counts: Uint8Array, symbols: Uint8Array): HuffmanTable {
  const maxCode = new Int32Array(17).fill(-1);
  const minCode = new Int32Array(17);
  const valuePointer = new Int32Array(17);
  let code = 0;
  let k = 0;
  for (let length = 1; length <= 16; length++) {
    const n = counts[length - 1] ?? 0;
    valuePointer[length] = k;
    minCode[length] = code;
    code += n;
    k += n;
    if (n > 0) maxCode[length] = code - 1;
    code <<= 1;
  }
  return { maxCode, minCode, valuePointer, symbols };
}

export class BitReader {
  private bits = 0;
  private count = 0;

  constructor(
    private readonly data: Uint8Array,
    public pos: number,
  ) {}

  bit(): number {
    if (this.count === 0) {
      const byte = this.data[this.pos++];
      if (byte === undefined) fail('truncated scan');
      if (byte === 0xff) {
        const next = this.data[this.pos];
        if (next !== 0) fail(`unexpected marker 0xff${next?.toString(16) ?? ''} in scan`);
        this.pos++;
      }
      this.bits = byte;
      this.count = 8;
    }
    this.count--;
    return (this.bits >> this.count) & 1;
  }

  receive(length: number): number {
    let value = 0;
    for (let i = 0; i < length; i++) value = (value << 1) | this.bit();
    return value;
  }

  /** Value of `length` bits with JPEG's sign convention (F.2.2.1 EXTEND). */
  receiveExtend(length: number): number {
    if (length === 0) return 0;
    const value = this.receive(length);
    return value < 1 << (length - 1) ? value - (1 << length) + 1 : value;
  }

  decode(table: HuffmanTable): number {
    let code = 0;
    for (let length = 1; length <= 16; length++) {
      code = (code << 1) | this.bit();
      if (code <= (table.maxCode[length] ?? -1)) {
        const index = (table.valuePointer[length] ?? 0) + code - (table.minCode[length] ?? 0);
        return table.symbols[index] ?? fail('bad Huffman symbol');
      }
    }
    return fail('bad Huffman code');
  }

  /** Skips the RSTn marker after a restart interval. */
  restart(): void {
    this.count = 0;
    const marker = this.data[this.pos + 1] ?? 0;
    if (this.data[this.pos] !== 0xff || marker < 0xd0 || marker > 0xd7) fail('missing RST marker');
    this.pos += 2;
  }
}
