import type { OutgoingEvent } from '@ledgerline/ingestion';

// Shared by every client's publisher: the broker refuses a record batch above message.max.bytes
// (1 MiB by default) as a whole, so large publishes go out in chunks, in order.

/** Bytes of keys, values and headers per send: well below the broker's default 1 MiB batch limit. */
export const MAX_REQUEST_BYTES = 512 * 1024;
/** Per-record framing (offset delta, lengths, attributes) in a record batch, rounded up. */
const RECORD_OVERHEAD_BYTES = 64;

function messageBytes(message: OutgoingEvent): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key) + (typeof message.value === 'string' ? Buffer.byteLength(message.value) : message.value.length);
  for (const [name, value] of Object.entries(message.headers ?? {})) bytes += Buffer.byteLength(name) + Buffer.byteLength(value);
  return bytes;
}

/** Splits messages, in order, into runs of at most `budget` bytes (a larger single message goes alone). */
export function chunksBelow(messages: OutgoingEvent[], budget: number): OutgoingEvent[][] {
  const chunks: OutgoingEvent[][] = [];
  let current: OutgoingEvent[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (current.length > 0 && bytes + size > budget) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
