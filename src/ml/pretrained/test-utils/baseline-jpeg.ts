// Owns a small baseline JPEG decoder for tests only (Node): sequential Huffman, 8-bit, grey or
// YCbCr with any chroma subsampling, restart markers; enough for the LFW images in ../shared.
// The app decodes images in the browser instead. Chroma is upsampled by replication, so pixels
// differ from libjpeg's "fancy" upsampling by a few levels at colour edges.

import { BitReader, buildHuffman, fail, type HuffmanTable } from './jpeg-bit-reader';

export interface DecodedJpeg {
  width: number;
  height: number;
  rgb: Uint8Array; // [height, width, 3]
}

// Natural-order index of the k-th coefficient in zig-zag order.
const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20,
  13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52,
  45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

// IDCT basis: COS[x * 8 + u] = C(u)/2 · cos((2x + 1)uπ/16).
const COS = Float64Array.from({ length: 64 }, (_, i) => {
  const x = Math.floor(i / 8);
  const u = i % 8;
  const c = u === 0 ? Math.SQRT1_2 : 1;
  return (c / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});

interface Component {
  id: number;
  h: number;
  v: number;
  quantTable: number;
  blocksPerLine: number;
  blocksPerColumn: number;
  plane: Uint8Array; // [blocksPerColumn·8, blocksPerLine·8]
  dcTable?: HuffmanTable;
  acTable?: HuffmanTable;
  prediction: number;
}

function decodeBlock(
  reader: BitReader,
  component: Component,
  quant: Uint16Array,
  blockRow: number,
  blockCol: number,
): void {
  const coefficients = new Float64Array(64); // natural order, dequantised
  const { dcTable, acTable } = component;
  if (!dcTable || !acTable) fail('scan uses an undefined Huffman table');
  component.prediction += reader.receiveExtend(reader.decode(dcTable));
  coefficients[0] = component.prediction * (quant[0] ?? 0);
  for (let k = 1; k < 64;) {
    const rs = reader.decode(acTable);
    const size = rs & 15;
    const run = rs >> 4;
    if (size === 0) {
      if (run !== 15) break;
      k += 16;
      continue;
    }
    k += run;
    if (k > 63) fail('coefficient index out of range');
    coefficients[ZIGZAG[k] ?? 0] = reader.receiveExtend(size) * (quant[k] ?? 0);
    k++;
  }
  const rows = new Float64Array(64); // [v, x]
  for (let v = 0; v < 8; v++) {
    for (let x = 0; x < 8; x++) {
      let sum = 0;
      for (let u = 0; u < 8; u++) sum += (COS[x * 8 + u] ?? 0) * (coefficients[v * 8 + u] ?? 0);
      rows[v * 8 + x] = sum;
    }
  }
  const stride = component.blocksPerLine * 8;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) {
      let sum = 0;
      for (let v = 0; v < 8; v++) sum += (COS[y * 8 + v] ?? 0) * (rows[v * 8 + x] ?? 0);
      const value = Math.round(sum + 128);
      component.plane[(blockRow * 8 + y) * stride + blockCol * 8 + x] =
        value < 0 ? 0 : value > 255 ? 255 : value;
    }
  }
}

export function decodeBaselineJpeg(data: Uint8Array): DecodedJpeg {
  if (data[0] !== 0xff || data[1] !== 0xd8) fail('not a JPEG file');
  const quantTables: Uint16Array[] = [];
  const dcTables: HuffmanTable[] = [];
  const acTables: HuffmanTable[] = [];
  let components: Component[] = [];
  let width = 0;
  let height = 0;
  let hMax = 1;
  let vMax = 1;
  let mcusPerLine = 0;
  let mcusPerColumn = 0;
  let restartInterval = 0;
  let pos = 2;
  const u16 = (at: number): number => ((data[at] ?? 0) << 8) | (data[at + 1] ?? 0);

  while (pos < data.length) {
    if (data[pos] !== 0xff) {
      pos++; // entropy-coded bytes after a scan, up to the next marker
      continue;
    }
    const marker = data[pos + 1] ?? 0;
    if (marker === 0xd9) break;
    if (marker === 0xff || marker === 0 || (marker >= 0xd0 && marker <= 0xd7)) {
      pos++;
      continue;
    }
    const length = u16(pos + 2);
    const body = pos + 4;
    const end = pos + 2 + length;
    if (marker === 0xdb) {
      for (let p = body; p < end;) {
        const precision = (data[p] ?? 0) >> 4;
        const table = new Uint16Array(64); // zig-zag order, as stored
        for (let k = 0; k < 64; k++) {
          table[k] = precision ? u16(p + 1 + 2 * k) : (data[p + 1 + k] ?? 0);
        }
        quantTables[(data[p] ?? 0) & 15] = table;
        p += 1 + 64 * (precision ? 2 : 1);
      }
    } else if (marker === 0xc4) {
      for (let p = body; p < end;) {
        const classAndId = data[p] ?? 0;
        const counts = data.subarray(p + 1, p + 17);
        const total = counts.reduce((n, c) => n + c, 0);
        const table = buildHuffman(counts, data.slice(p + 17, p + 17 + total));
        (classAndId >> 4 ? acTables : dcTables)[classAndId & 15] = table;
        p += 17 + total;
      }
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (data[body] !== 8) fail('only 8-bit precision is supported');
      height = u16(body + 1);
      width = u16(body + 3);
      const count = data[body + 5] ?? 0;
      components = [];
      for (let i = 0; i < count; i++) {
        const at = body + 6 + 3 * i;
        const sampling = data[at + 1] ?? 0x11;
        components.push({
          id: data[at] ?? 0,
          h: sampling >> 4,
          v: sampling & 15,
          quantTable: data[at + 2] ?? 0,
          blocksPerLine: 0,
          blocksPerColumn: 0,
          plane: new Uint8Array(0),
          prediction: 0,
        });
      }
      hMax = Math.max(...components.map((c) => c.h));
      vMax = Math.max(...components.map((c) => c.v));
      mcusPerLine = Math.ceil(width / (8 * hMax));
      mcusPerColumn = Math.ceil(height / (8 * vMax));
      for (const c of components) {
        c.blocksPerLine = mcusPerLine * c.h;
        c.blocksPerColumn = mcusPerColumn * c.v;
        c.plane = new Uint8Array(c.blocksPerLine * c.blocksPerColumn * 64);
      }
    } else if (marker >= 0xc2 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8) {
      fail(`unsupported frame type 0xff${marker.toString(16)} (progressive or arithmetic)`);
    } else if (marker === 0xdd) {
      restartInterval = u16(body);
    } else if (marker === 0xda) {
      pos = decodeScan(body);
      continue;
    }
    pos = end;
  }
  if (components.length !== 1 && components.length !== 3) fail('expected 1 or 3 components');
  return { width, height, rgb: toRgb() };

  function decodeScan(body: number): number {
    const count = data[body] ?? 0;
    const scan: Component[] = [];
    for (let i = 0; i < count; i++) {
      const id = data[body + 1 + 2 * i];
      const tables = data[body + 2 + 2 * i] ?? 0;
      const component = components.find((c) => c.id === id) ?? fail('scan names no component');
      component.dcTable = dcTables[tables >> 4];
      component.acTable = acTables[tables & 15];
      component.prediction = 0;
      scan.push(component);
    }
    const reader = new BitReader(data, body + 1 + 2 * count + 3);
    const quant = (c: Component): Uint16Array =>
      quantTables[c.quantTable] ?? fail('undefined quantisation table');
    const only = scan.length === 1 ? scan[0] : undefined;
    // A single-component scan is not interleaved: its MCU is one block of that component's size.
    const total = only
      ? Math.ceil(Math.ceil((width * only.h) / hMax) / 8) *
        Math.ceil(Math.ceil((height * only.v) / vMax) / 8)
      : mcusPerLine * mcusPerColumn;
    const singleBlocksPerLine = only ? Math.ceil(Math.ceil((width * only.h) / hMax) / 8) : 0;
    for (let mcu = 0; mcu < total; mcu++) {
      if (restartInterval && mcu > 0 && mcu % restartInterval === 0) {
        reader.restart();
        for (const c of scan) c.prediction = 0;
      }
      if (only) {
        const row = Math.floor(mcu / singleBlocksPerLine);
        decodeBlock(reader, only, quant(only), row, mcu % singleBlocksPerLine);
        continue;
      }
      const mcuRow = Math.floor(mcu / mcusPerLine);
      const mcuCol = mcu % mcusPerLine;
      for (const c of scan) {
        for (let by = 0; by < c.v; by++) {
          for (let bx = 0; bx < c.h; bx++) {
            decodeBlock(reader, c, quant(c), mcuRow * c.v + by, mcuCol * c.h + bx);
          }
        }
      }
    }
    return reader.pos;
  }

  function toRgb(): Uint8Array {
    const rgb = new Uint8Array(width * height * 3);
    const sample = (c: Component, x: number, y: number): number => {
      const cx = Math.floor((x * c.h) / hMax);
      const cy = Math.floor((y * c.v) / vMax);
      return c.plane[cy * c.blocksPerLine * 8 + cx] ?? 0;
    };
    const clamp = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
    const [first, cb, cr] = components as [Component, Component?, Component?];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = (y * width + x) * 3;
        const luma = sample(first, x, y);
        if (!cb || !cr) {
          rgb.fill(luma, at, at + 3);
          continue;
        }
        const b = sample(cb, x, y) - 128;
        const r = sample(cr, x, y) - 128;
        rgb[at] = clamp(luma + 1.402 * r);
        rgb[at + 1] = clamp(luma - 0.344136 * b - 0.714136 * r);
        rgb[at + 2] = clamp(luma + 1.772 * b);
      }
    }
    return rgb;
  }
}
