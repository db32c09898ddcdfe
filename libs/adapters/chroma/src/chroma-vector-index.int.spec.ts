import { describeNewsRetrievalContract, describeVectorIndexContract } from '@ledgerline/agent/testing';
import { startChroma, uniqueName } from '@ledgerline/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromaVectorIndex } from './chroma-vector-index.ts';

// Every HTTP request this file makes, to prove the client only talks to our Chroma server
// (no model download for a default embedding function).
const requested: string[] = [];
const realFetch = globalThis.fetch;
beforeAll(() => {
  globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    requested.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    return realFetch(input, init);
  }) as typeof fetch;
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

describeVectorIndexContract('Chroma server', async () => {
  const { url } = await startChroma();
  const index = new ChromaVectorIndex({ url, collection: uniqueName('contract') });
  return {
    index,
    cleanup: async () => {
      await index.deleteCollection();
      await index.close();
    },
  };
});

describeNewsRetrievalContract('Chroma server', async () => {
  const { url } = await startChroma();
  const index = new ChromaVectorIndex({ url, collection: uniqueName('news') });
  return {
    index,
    cleanup: async () => {
      await index.deleteCollection();
      await index.close();
    },
  };
});

describe('Chroma adapter', () => {
  it('pages through large collections for stored hashes', async () => {
    const { url } = await startChroma();
    const index = new ChromaVectorIndex({ url, collection: uniqueName('paging'), batchSize: 7 });
    try {
      await index.upsert(Array.from({ length: 20 }, (_, i) => ({ id: `d${i}`, text: `t${i}`, metadata: { content_hash: `h${i}` }, embedding: [1, i, 0] })));
      expect((await index.storedHashes()).size).toBe(20);
      await index.delete(Array.from({ length: 15 }, (_, i) => `d${i}`));
      expect(await index.count()).toBe(5);
    } finally {
      await index.deleteCollection();
    }
  });

  it('sent every request to the Chroma server and nowhere else', async () => {
    const { url } = await startChroma();
    expect(requested.length).toBeGreaterThan(0);
    const origins = new Set(requested.map((r) => new URL(r).origin));
    expect([...origins]).toEqual([new URL(url).origin]);
  });
});
