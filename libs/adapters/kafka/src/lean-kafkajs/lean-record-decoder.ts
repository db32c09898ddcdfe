/**
 * kafkajs' record decoder (protocol/recordBatch/record/v0/decoder.js) with the same output, minus
 * its 64-bit arithmetic on BigInt-backed Long objects: every record's offset and timestamp was the
 * batch's first offset/timestamp parsed from a string into a BigInt, added to, and printed again.
 * Here the batch's bases are parsed once and plain numbers are added while the result is a safe
 * integer (offsets and millisecond timestamps are, by far); BigInt arithmetic otherwise.
 */

/** kafkajs' Decoder, as far as a record decoder uses it: the record's bytes and a read position. */
export interface KafkajsDecoder {
  buffer: Buffer;
  offset: number;
}

/** What kafkajs' record batch decoder hands each record: shared by all records of a batch. */
export interface RecordBatchContext {
  firstOffset?: string;
  firstTimestamp?: string;
  maxTimestamp?: string;
  magicByte?: number;
  isControlBatch?: boolean;
  timestampType?: number;
}

export interface DecodedRecord {
  magicByte: number | undefined;
  attributes: number;
  timestamp: string;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, Buffer | null | Array<Buffer | null>>;
  isControlRecord: boolean;
  batchContext: RecordBatchContext;
}

const LOG_APPEND_TIME = 1;

// The bases of the batch decoded last: records of one batch are decoded one after the other.
let lastContext: RecordBatchContext | undefined;
let offsetBase = Number.NaN;
let timestampBase = Number.NaN;

export function decodeRecord(decoder: KafkajsDecoder, batchContext: RecordBatchContext = {}): DecodedRecord {
  if (batchContext !== lastContext) {
    lastContext = batchContext;
    offsetBase = Number(batchContext.firstOffset);
    timestampBase = Number(batchContext.firstTimestamp);
  }
  const { isControlBatch = false, timestampType, maxTimestamp } = batchContext;
  const bytes = decoder.buffer;
  let at = decoder.offset;
  const attributes = bytes.readInt8(at);
  at += 1;

  // TimestampDelta: a zigzag varlong. Up to 7 bytes (49 bits) fit a double exactly.
  let timestampDelta: number | bigint;
  {
    let unsigned = 0;
    let scale = 1;
    let byte: number;
    let length = 0;
    do {
      byte = bytes[at++]!;
      unsigned += (byte & 0x7f) * scale;
      scale *= 128;
      length += 1;
    } while (byte >= 0x80 && length < 7);
    if (byte >= 0x80) {
      at -= length;
      [timestampDelta, at] = readVarLongBig(bytes, at);
    } else {
      timestampDelta = unsigned % 2 === 0 ? unsigned / 2 : -(unsigned + 1) / 2;
    }
  }
  const timestamp =
    timestampType === LOG_APPEND_TIME && maxTimestamp ? maxTimestamp : add(timestampBase, batchContext.firstTimestamp, timestampDelta);

  decoder.offset = at;
  const offset = add(offsetBase, batchContext.firstOffset, readVarInt(decoder));
  const key = readBytes(decoder);
  const value = readBytes(decoder);
  const headers = readHeaders(decoder);
  return { magicByte: batchContext.magicByte, attributes, timestamp, offset, key, value, headers, isControlRecord: isControlBatch, batchContext };
}

/** base + delta as kafkajs prints it (Long.fromValue(text).add(delta).toString()). */
function add(base: number, baseText: string | undefined, delta: number | bigint): string {
  if (typeof delta === 'number') {
    const sum = base + delta;
    if (Number.isSafeInteger(base) && Number.isSafeInteger(sum)) return String(sum);
  }
  return (BigInt(baseText ?? '0') + BigInt(delta)).toString();
}

function readVarLongBig(bytes: Buffer, offset: number): [bigint, number] {
  let at = offset;
  let unsigned = 0n;
  let shift = 0n;
  let byte: number;
  do {
    if (shift > 63n) throw new Error('Invalid Long, must contain 9 bytes or less');
    byte = bytes[at++]!;
    unsigned += BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte >= 0x80);
  unsigned = BigInt.asUintN(64, unsigned);
  return [BigInt.asIntN(64, (unsigned >> 1n) ^ -(unsigned & 1n)), at];
}

/** A zigzag varint, decoded exactly as kafkajs does (including its 32-bit wrap). */
function readVarInt(decoder: KafkajsDecoder): number {
  const bytes = decoder.buffer;
  let at = decoder.offset;
  let result = 0;
  let shift = 0;
  let current: number;
  do {
    current = bytes[at++]!;
    result += (current & 0x7f) << shift;
    shift += 7;
  } while (current >= 0x80);
  decoder.offset = at;
  return (result >>> 1) ^ -(result & 1);
}

function readBytes(decoder: KafkajsDecoder): Buffer | null {
  const length = readVarInt(decoder);
  if (length === -1) return null;
  const start = decoder.offset;
  decoder.offset = start + length;
  return decoder.buffer.subarray(start, start + length);
}

/**
 * Headers as kafkajs groups them: one value per name, an array when a name repeats. (A header
 * named "__proto__" becomes a plain field here; kafkajs' reduce reads the prototype for it.)
 */
function readHeaders(decoder: KafkajsDecoder): DecodedRecord['headers'] {
  const headers: DecodedRecord['headers'] = {};
  const count = readVarInt(decoder);
  for (let i = 0; i < count; i++) {
    const keyBytes = readBytes(decoder);
    const name = String(keyBytes === null ? null : keyBytes.toString('utf8'));
    const value = readBytes(decoder);
    const existing = Object.hasOwn(headers, name) ? headers[name] : undefined;
    const merged = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    // An own property even for a name like "__proto__", as kafkajs' object spread makes it.
    Object.defineProperty(headers, name, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return headers;
}
