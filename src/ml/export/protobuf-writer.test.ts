// Checks the protobuf wire encoding against the format's own examples and reads it back.
import { describe, expect, test } from 'vitest';
import { ProtoWriter } from './protobuf-writer';
import { decodeProto, protoInt, protoMessage, protoString } from './protobuf-reader';

describe('ProtoWriter', () => {
  test('writes the protobuf documentation example: field 1 = 150 is 08 96 01', () => {
    expect(Array.from(new ProtoWriter().int(1, 150).finish())).toEqual([0x08, 0x96, 0x01]);
  });

  test('writes a negative int64 as ten bytes of two’s complement', () => {
    const bytes = new ProtoWriter().int(3, -1).finish();
    expect(bytes.length).toBe(11);
    expect(protoInt(decodeProto(bytes).get(3)?.[0])).toBe(-1);
  });

  test('round-trips strings, floats, nested messages and large byte fields', () => {
    const payload = new Uint8Array(100_000).map((_, i) => i % 251);
    const bytes = new ProtoWriter()
      .string(1, 'Face Studio')
      .float(2, 1e-5)
      .message(7, (m) => m.int(1, 2 ** 40).string(2, 'ünïcode'))
      .bytes(9, payload)
      .finish();
    const fields = decodeProto(bytes);
    expect(protoString(fields.get(1)?.[0])).toBe('Face Studio');
    expect(fields.get(2)?.[0]).toBeCloseTo(1e-5, 10);
    const nested = protoMessage(fields.get(7)?.[0]);
    expect(protoInt(nested.get(1)?.[0])).toBe(2 ** 40);
    expect(protoString(nested.get(2)?.[0])).toBe('ünïcode');
    expect(fields.get(9)?.[0]).toEqual(payload);
  });

  test('refuses a value that is not a safe integer', () => {
    expect(() => new ProtoWriter().int(1, 0.5)).toThrow(RangeError);
  });
});
