import { describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../vector-search/hashing-embedder.ts';
import { InMemoryVectorIndex } from '../vector-search/in-memory-vector-index.ts';
import type { Embedder } from '../vector-search/embedder.port.ts';
import type { AgentDocument } from './agent-document.ts';
import { indexDocuments, type IndexProgress } from './index-documents.ts';

const doc = (id: string, text: string, metadata: AgentDocument['metadata'] = {}): AgentDocument => ({ id, kind: 'merchant', title: `Merchant ${id}`, text, metadata });

/** Counts what it embeds, so tests see what was (not) re-embedded. */
function countingEmbedder(): Embedder & { embedded: string[] } {
  const inner = new HashingEmbedder({ dimensions: 32 });
  const embedded: string[] = [];
  return {
    id: inner.id,
    embedded,
    embedDocuments: async (texts) => {
      embedded.push(...texts);
      return inner.embedDocuments(texts);
    },
    embedQuery: (text) => inner.embedQuery(text),
  };
}

describe('indexDocuments (incremental)', () => {
  it('embeds everything once, then only what changed; deletes what disappeared', async () => {
    const index = new InMemoryVectorIndex();
    const embedder = countingEmbedder();
    const first = await indexDocuments([doc('a', 'alpha'), doc('b', 'beta'), doc('c', 'gamma')], { embedder, index, batchSize: 2 });
    expect(first).toMatchObject({ total: 3, embedded: 3, unchanged: 0, deleted: 0, byKind: { merchant: 3 } });

    embedder.embedded.length = 0;
    const second = await indexDocuments([doc('a', 'alpha'), doc('b', 'beta changed'), doc('d', 'delta', { n: 1 })], { embedder, index });
    expect(second).toMatchObject({ total: 3, embedded: 2, unchanged: 1, deleted: 1 });
    expect(embedder.embedded).toEqual(['beta changed', 'delta']);
    expect([...(await index.storedHashes()).keys()].sort()).toEqual(['a', 'b', 'd']);

    embedder.embedded.length = 0;
    const third = await indexDocuments([doc('a', 'alpha'), doc('b', 'beta changed'), doc('d', 'delta', { n: 2 })], { embedder, index });
    expect(third.embedded).toBe(1); // metadata is part of the content hash
  });

  it('stores kind, title and the content hash as metadata and finds the document again', async () => {
    const index = new InMemoryVectorIndex();
    const embedder = new HashingEmbedder({ dimensions: 32 });
    await indexDocuments([doc('lidl', 'Merchant LIDL: Groceries / Supermarkets', { merchant: 'LIDL' })], { embedder, index });
    const [match] = await index.query(await embedder.embedQuery('lidl groceries'), 1, { kind: 'merchant' });
    expect(match?.metadata).toMatchObject({ kind: 'merchant', title: 'Merchant lidl', merchant: 'LIDL', content_hash: expect.stringMatching(/^[0-9a-f]{32}$/) });
  });

  it('re-embeds everything with rebuild, and reports progress', async () => {
    const index = new InMemoryVectorIndex();
    const embedder = countingEmbedder();
    const docs = [doc('a', 'alpha'), doc('b', 'beta'), doc('c', 'gamma')];
    await indexDocuments(docs, { embedder, index });
    embedder.embedded.length = 0;
    const progress: IndexProgress[] = [];
    const report = await indexDocuments(docs, { embedder, index, rebuild: true, batchSize: 2, onProgress: (p) => progress.push(p) });
    expect(report.embedded).toBe(3);
    expect(progress.map((p) => `${p.phase}:${p.done}/${p.total}`)).toEqual(['comparing:0/3', 'embedding:2/3', 'embedding:3/3', 'done:3/3']);
  });

  it('refuses duplicate ids', async () => {
    await expect(indexDocuments([doc('a', 'x'), doc('a', 'y')], { embedder: new HashingEmbedder(), index: new InMemoryVectorIndex() })).rejects.toThrow(/duplicate document id a/);
  });
});
