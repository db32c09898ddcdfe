const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Partition of a key: FNV-1a (32-bit) of its UTF-8 bytes modulo the partition count. Stable across
 * runs and processes, so one key always lands on one partition and keeps its order, as with
 * Kafka's key partitioner (the numbers differ from Kafka's murmur2; nothing depends on them).
 */
export function partitionForKey(key: string, partitions: number): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of Buffer.from(key, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash % partitions;
}
