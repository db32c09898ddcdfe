import { ChromaClient } from 'chromadb';
import { describe, expect, it } from 'vitest';
import { startChroma, uniqueName } from './index.ts';

describe('Chroma harness', () => {
  it('adds explicit embeddings and finds the nearest one', async () => {
    const { url } = await startChroma();
    const { hostname, port, protocol } = new URL(url);
    const client = new ChromaClient({ host: hostname, port: Number(port), ssl: protocol === 'https:' });
    const name = uniqueName('harness_smoke');
    // embeddingFunction null: we always pass vectors; the default one would download a model.
    const collection = await client.createCollection({ name, embeddingFunction: null, metadata: { 'hnsw:space': 'cosine' } });
    try {
      await collection.add({
        ids: ['groceries', 'salary'],
        embeddings: [
          [1, 0, 0],
          [0, 1, 0],
        ],
        documents: ['Supermarket purchase', 'Monthly salary'],
      });
      const result = await collection.query({ queryEmbeddings: [[0.9, 0.1, 0]], nResults: 1 });
      expect(result.ids).toEqual([['groceries']]);
      expect(result.documents).toEqual([['Supermarket purchase']]);
      expect(await collection.count()).toBe(2);
    } finally {
      await client.deleteCollection({ name });
    }
  });
});
