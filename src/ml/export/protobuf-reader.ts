// Owns a minimal protobuf wire decoder, so that tests (and a curious developer) can read back
// what the ONNX writer wrote: each field number maps to its varints, fixed32s or byte strings.

export type ProtoValue = bigint | number | Uint8Array;

/** Fields of one message in order of appearance; varints as bigint, fixed32 as float. */
export function decodeProto(bytes: Uint8Array): Map<number, ProtoValue[]> {
  const fields = new Map<number, ProtoValue[]>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[offset++];
      if (byte === undefined) throw new RangeError('truncated protobuf varint');
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return result;
    }
  };
  while (offset < bytes.length) {
    const key = Number(varint());
    const field = key >>> 3;
    let value: ProtoValue;
    switch (key & 7) {
      case 0:
        value = varint();
        break;
      case 2: {
        const length = Number(varint());
        if (offset + length > bytes.length) throw new RangeError('truncated protobuf field');
        value = bytes.subarray(offset, offset + length);
        offset += length;
        break;
      }
      case 5:
        value = view.getFloat32(offset, true);
        offset += 4;
        break;
      default:
        throw new RangeError(`unsupported protobuf wire type ${key & 7} (field ${field})`);
    }
    const values = fields.get(field);
    if (values === undefined) fields.set(field, [value]);
    else values.push(value);
  }
  return fields;
}

/** A varint read as a signed 64-bit integer (int64 fields), as a number. */
export function protoInt(value: ProtoValue | undefined): number {
  if (typeof value !== 'bigint') throw new TypeError('expected a varint field');
  return Number(BigInt.asIntN(64, value));
}

export function protoString(value: ProtoValue | undefined): string {
  if (!(value instanceof Uint8Array)) throw new TypeError('expected a length-delimited field');
  return new TextDecoder().decode(value);
}

export function protoMessage(value: ProtoValue | undefined): Map<number, ProtoValue[]> {
  if (!(value instanceof Uint8Array)) throw new TypeError('expected a length-delimited field');
  return decodeProto(value);
}
