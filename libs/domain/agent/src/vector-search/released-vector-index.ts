import type { VectorDocument, VectorFilter, VectorIndex, VectorMatch } from './vector-index.port.ts';

/**
 * A VectorIndex opened for each call and closed after it, for a reader that must not hold the
 * backend between questions: an embedded index file admits one process, and the process that
 * indexes news as they land (the main job) must be able to open it while a dashboard runs.
 */
export function releasedVectorIndex(open: () => Promise<VectorIndex>, description: string): VectorIndex {
  const use = async <T>(work: (index: VectorIndex) => Promise<T>): Promise<T> => {
    const index = await open();
    try {
      return await work(index);
    } finally {
      await index.close();
    }
  };
  return {
    description,
    upsert: (docs: readonly VectorDocument[]) => use((i) => i.upsert(docs)),
    query: (embedding: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]> => use((i) => i.query(embedding, k, filter)),
    count: () => use((i) => i.count()),
    storedHashes: () => use((i) => i.storedHashes()),
    delete: (ids: readonly string[]) => use((i) => i.delete(ids)),
    deleteCollection: () => use((i) => i.deleteCollection()),
    close: async () => {},
  };
}
