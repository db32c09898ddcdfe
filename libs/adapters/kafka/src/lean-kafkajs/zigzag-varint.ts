/**
 * Kafka's signed varints (protobuf zigzag encoding, 7 bits per byte, low groups first), as used
 * inside record batches for lengths and deltas. 32-bit values only: every varint the lean produce
 * encoder writes is a length, a count or an offset delta within one batch.
 */
function zigzag(value: number): number {
  return ((value << 1) ^ (value >> 31)) >>> 0;
}

export function varIntSize(value: number): number {
  let rest = zigzag(value);
  let size = 1;
  while (rest >= 0x80) {
    size += 1;
    rest >>>= 7;
  }
  return size;
}

/** Writes `value` at `offset`; returns the offset after it. */
export function writeVarInt(target: Buffer, offset: number, value: number): number {
  let rest = zigzag(value);
  let at = offset;
  while (rest >= 0x80) {
    target[at++] = (rest & 0x7f) | 0x80;
    rest >>>= 7;
  }
  target[at++] = rest;
  return at;
}
