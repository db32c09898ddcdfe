import { cosineSimilarity } from './cosine-similarity.ts';
import {
  CONTENT_HASH_KEY,
  VectorDimensionError,
  isVectorRange,
  type VectorDocument,
  type VectorFilter,
  type VectorIndex,
  type VectorMatch,
  type VectorMetadata,
} from './vector-index.port.ts';

/** True when every filter condition holds for the metadata (no filter = everything). */
export function matchesFilter(metadata: VectorMetadata, filter: VectorFilter | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, condition]) => {
    const value = metadata[key];
    if (!isVectorRange(condition)) return value === condition;
    if (typeof value !== 'number') return false;
    return (condition.gte === undefined || value >= condition.gte) && (condition.lte === undefined || value <= condition.lte);
  });
}

/**
 * A VectorIndex in process memory: the reference the contract suite is written against, and a
 * stand-in for unit tests of the tools and the indexer. Not persistent.
 */
export class InMemoryVectorIndex implements VectorIndex {
  readonly description = 'in-memory vector index';
  private readonly docs = new Map<string, VectorDocument>();
  private dimension: number | undefined;

  async upsert(docs: readonly VectorDocument[]): Promise<void> {
    for (const doc of docs) {
      const expected = this.dimension ?? doc.embedding.length;
      if (doc.embedding.length !== expected) throw new VectorDimensionError(expected, doc.embedding.length);
      this.dimension = expected;
    }
    for (const doc of docs) this.docs.set(doc.id, { ...doc, embedding: [...doc.embedding], metadata: { ...doc.metadata } });
  }

  async query(embedding: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]> {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    if (this.dimension !== undefined && embedding.length !== this.dimension) throw new VectorDimensionError(this.dimension, embedding.length);
    return [...this.docs.values()]
      .filter((d) => matchesFilter(d.metadata, filter))
      .map((d) => ({ id: d.id, text: d.text, metadata: d.metadata, score: cosineSimilarity(embedding, d.embedding) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, k);
  }

  async count(): Promise<number> {
    return this.docs.size;
  }

  async storedHashes(): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    for (const doc of this.docs.values()) {
      const hash = doc.metadata[CONTENT_HASH_KEY];
      if (typeof hash === 'string') hashes.set(doc.id, hash);
    }
    return hashes;
  }

  async delete(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.docs.delete(id);
  }

  async deleteCollection(): Promise<void> {
    this.docs.clear();
    this.dimension = undefined;
  }

  async close(): Promise<void> {}
}
