import { crc32c } from './crc32c.ts';
import { varIntSize, writeVarInt } from './zigzag-varint.ts';

/**
 * What kafkajs hands its Produce request (versions 3 to 7 share this body). Fields are `unknown`
 * where kafkajs accepts more than the lean encoder handles: anything else makes the encoder
 * decline, and kafkajs' own encoder runs instead.
 */
export interface ProduceRequestInput {
  acks?: unknown;
  timeout?: unknown;
  transactionalId?: unknown;
  producerId?: unknown;
  producerEpoch?: unknown;
  compression?: unknown;
  topicData?: unknown;
}

interface PartitionInput {
  /** kafkajs passes partition numbers as object keys, i.e. strings ("0", "1", ...). */
  partition: number | string;
  firstSequence?: unknown;
  messages: ReadonlyArray<Record<string, unknown>>;
}

interface TopicInput {
  topic: string;
  partitions: readonly PartitionInput[];
}

type Bytes = string | Buffer;

const RECORD_BATCH_MAGIC = 2;
const TRANSACTIONAL_ATTRIBUTE = 16;
/** baseOffset, batchLength, partitionLeaderEpoch, magic, crc, attributes, lastOffsetDelta,
 * firstTimestamp, maxTimestamp, producerId, producerEpoch, baseSequence, record count. */
const RECORD_BATCH_HEADER_SIZE = 8 + 4 + 4 + 1 + 4 + 2 + 4 + 8 + 8 + 8 + 2 + 4 + 4;
/** The CRC covers the batch from its attributes field to the end. */
const CRC_COVERAGE_START = 8 + 4 + 4 + 1 + 4;

/**
 * Encodes a Produce request body (v3 layout: transactional_id, acks, timeout, topic data with one
 * uncompressed record batch per partition) straight into one buffer: sizes first, then one pass
 * of writes, checksummed in place. Byte for byte what kafkajs 2.2.4 writes for the same request
 * (produce-request-encoder.spec.ts compares them), without its per-record buffers and the four
 * or five copies of every byte on the way into the request.
 *
 * Returns undefined when the request is outside what this encoder covers — compression, message
 * timestamps, keys/values/headers other than strings, Buffers or null — so the caller falls back
 * to kafkajs. `nowMs` is the batch timestamp (kafkajs uses Date.now() when messages have none).
 */
export function encodeLeanProduceRequest(input: ProduceRequestInput, nowMs: number): Buffer | undefined {
  const { acks, timeout, producerEpoch = 0, compression = 0 } = input;
  const transactionalId = input.transactionalId ?? null;
  if (typeof acks !== 'number' || typeof timeout !== 'number' || typeof producerEpoch !== 'number' || compression !== 0) return undefined;
  if (transactionalId !== null && typeof transactionalId !== 'string') return undefined;
  const producerId = int64Of(input.producerId ?? -1);
  const topics = topicsOf(input.topicData);
  if (producerId === undefined || topics === undefined) return undefined;

  // Pass 1: sizes (and whether every message fits), kept per record for pass 2.
  const transactionalIdSize = transactionalId === null ? 0 : Buffer.byteLength(transactionalId);
  let size = 2 + transactionalIdSize + 2 + 4 + 4;
  const recordSizes: Int32Array[] = [];
  for (const { topic, partitions } of topics) {
    size += 2 + Buffer.byteLength(topic) + 4;
    for (const { messages } of partitions) {
      const sizes = new Int32Array(messages.length * 3);
      recordSizes.push(sizes);
      size += 4 + 4 + RECORD_BATCH_HEADER_SIZE;
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i]!;
        if (message.timestamp !== undefined && message.timestamp !== null) return undefined;
        const keySize = bytesSize(message.key);
        const valueSize = bytesSize(message.value);
        const headersSize = headersSizeOf(message.headers);
        if (keySize === undefined || valueSize === undefined || headersSize === undefined) return undefined;
        const bodySize = 1 + 1 + varIntSize(i) + varIntSize(keySize) + Math.max(keySize, 0) + varIntSize(valueSize) + Math.max(valueSize, 0) + headersSize;
        sizes[3 * i] = keySize;
        sizes[3 * i + 1] = valueSize;
        sizes[3 * i + 2] = bodySize;
        size += varIntSize(bodySize) + bodySize;
      }
    }
  }

  // Pass 2: writes. allocUnsafe is safe here: pass 1 sized every byte, and the end check proves it.
  const out = Buffer.allocUnsafe(size);
  let at = out.writeInt16BE(transactionalId === null ? -1 : transactionalIdSize, 0);
  if (transactionalId !== null) at += out.write(transactionalId, at, transactionalIdSize, 'utf8');
  at = out.writeInt16BE(acks, at);
  at = out.writeInt32BE(timeout, at);
  at = out.writeInt32BE(topics.length, at);
  const now = BigInt(nowMs);
  const attributes = transactionalId ? TRANSACTIONAL_ATTRIBUTE : 0;
  let partitionIndex = 0;
  for (const { topic, partitions } of topics) {
    const topicSize = Buffer.byteLength(topic);
    at = out.writeInt16BE(topicSize, at);
    at += out.write(topic, at, topicSize, 'utf8');
    at = out.writeInt32BE(partitions.length, at);
    for (const { partition, firstSequence, messages } of partitions) {
      const sizes = recordSizes[partitionIndex++]!;
      at = out.writeInt32BE(partitionNumber(partition)!, at);
      const recordSetSizeAt = at;
      const batchStart = at + 4;
      at = out.writeBigInt64BE(0n, batchStart); // baseOffset: the broker assigns offsets
      const batchLengthAt = at;
      at = out.writeInt32BE(0, at + 4); // partitionLeaderEpoch
      at = out.writeInt8(RECORD_BATCH_MAGIC, at);
      const crcAt = at;
      at = out.writeInt16BE(attributes, at + 4);
      at = out.writeInt32BE(messages.length - 1, at);
      at = out.writeBigInt64BE(now, at);
      at = out.writeBigInt64BE(now, at);
      at = out.writeBigInt64BE(producerId, at);
      at = out.writeInt16BE(producerEpoch, at);
      at = out.writeInt32BE(typeof firstSequence === 'number' ? firstSequence : 0, at);
      at = out.writeInt32BE(messages.length, at);
      for (let i = 0; i < messages.length; i++) {
        const message = messages[i]!;
        at = writeVarInt(out, at, sizes[3 * i + 2]!);
        out[at++] = 0; // attributes
        out[at++] = 0; // timestampDelta: every record carries the batch timestamp
        at = writeVarInt(out, at, i);
        at = writeBytes(out, at, message.key as Bytes | null | undefined, sizes[3 * i]!);
        at = writeBytes(out, at, message.value as Bytes | null | undefined, sizes[3 * i + 1]!);
        at = writeHeaders(out, at, message.headers as Record<string, Bytes | Bytes[]> | undefined);
      }
      out.writeInt32BE(at - batchStart, recordSetSizeAt);
      out.writeInt32BE(at - batchLengthAt - 4, batchLengthAt);
      out.writeUInt32BE(crc32c(out, batchStart + CRC_COVERAGE_START, at), crcAt);
    }
  }
  if (at !== size) throw new Error(`lean produce encoder wrote ${at} bytes into a ${size}-byte request`);
  return out;
}

function topicsOf(topicData: unknown): readonly TopicInput[] | undefined {
  if (!Array.isArray(topicData)) return undefined;
  for (const entry of topicData as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return undefined;
    const { topic, partitions } = entry as { topic?: unknown; partitions?: unknown };
    if (typeof topic !== 'string' || !Array.isArray(partitions)) return undefined;
    for (const p of partitions as unknown[]) {
      if (typeof p !== 'object' || p === null) return undefined;
      const { partition, messages } = p as { partition?: unknown; messages?: unknown };
      if (partitionNumber(partition) === undefined || !Array.isArray(messages)) return undefined;
      if (!(messages as unknown[]).every((m) => typeof m === 'object' && m !== null)) return undefined;
    }
  }
  return topicData as readonly TopicInput[];
}

function partitionNumber(partition: unknown): number | undefined {
  const n = typeof partition === 'string' && partition !== '' ? Number(partition) : partition;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0x7fffffff ? n : undefined;
}

/**
 * kafkajs accepts its Long, a number, a decimal string or a bigint for 64-bit fields (the
 * idempotent producer's id arrives as a string).
 */
function int64Of(value: unknown): bigint | undefined {
  if (typeof value === 'bigint') return BigInt.asIntN(64, value);
  if (typeof value === 'string' && /^-?\d{1,20}$/.test(value)) return BigInt.asIntN(64, BigInt(value));
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'object' && value !== null && typeof (value as { value?: unknown }).value === 'bigint') {
    return BigInt.asIntN(64, (value as { value: bigint }).value);
  }
  return undefined;
}

/** Encoded size of a nullable key or value (-1 for null); undefined when it is of another type. */
function bytesSize(value: unknown): number | undefined {
  if (value === null || value === undefined) return -1;
  if (typeof value === 'string') return Buffer.byteLength(value);
  if (Buffer.isBuffer(value)) return value.length;
  return undefined;
}

function writeBytes(out: Buffer, offset: number, value: Bytes | null | undefined, size: number): number {
  const at = writeVarInt(out, offset, size);
  if (value === null || value === undefined) return at;
  if (typeof value === 'string') return at + out.write(value, at, size, 'utf8');
  value.copy(out, at);
  return at + size;
}

/**
 * Headers as kafkajs sends them: one header per key, or one per element when the value is an
 * array, in key order. Only string and Buffer values are covered.
 */
function headersSizeOf(headers: unknown): number | undefined {
  if (headers === undefined) return 1;
  if (typeof headers !== 'object' || headers === null) return undefined;
  let count = 0;
  let size = 0;
  for (const key of Object.keys(headers)) {
    const raw = (headers as Record<string, unknown>)[key];
    const keySize = Buffer.byteLength(key);
    for (const value of Array.isArray(raw) ? (raw as unknown[]) : [raw]) {
      if (typeof value !== 'string' && !Buffer.isBuffer(value)) return undefined;
      const valueSize = bytesSize(value)!;
      count += 1;
      size += varIntSize(keySize) + keySize + varIntSize(valueSize) + valueSize;
    }
  }
  return varIntSize(count) + size;
}

function writeHeaders(out: Buffer, offset: number, headers: Record<string, Bytes | Bytes[]> | undefined): number {
  if (headers === undefined) {
    out[offset] = 0;
    return offset + 1;
  }
  let count = 0;
  for (const key of Object.keys(headers)) {
    const raw = headers[key]!;
    count += Array.isArray(raw) ? raw.length : 1;
  }
  let at = writeVarInt(out, offset, count);
  for (const key of Object.keys(headers)) {
    const raw = headers[key]!;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      const keySize = Buffer.byteLength(key);
      at = writeVarInt(out, at, keySize);
      at += out.write(key, at, keySize, 'utf8');
      at = writeBytes(out, at, value, typeof value === 'string' ? Buffer.byteLength(value) : value.length);
    }
  }
  return at;
}
