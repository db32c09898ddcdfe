import { describe, expect, it } from 'vitest';
import { cosineSimilarity } from './cosine-similarity.ts';
import { HashingEmbedder } from './hashing-embedder.ts';

describe('HashingEmbedder (lexical, deterministic)', () => {
  const embedder = new HashingEmbedder();

  it('returns L2-normalised vectors of the configured size, identical on every call', async () => {
    const [a] = await embedder.embedDocuments(['Merchant COSTA COFFEE: Dining / Cafes (MCC 5814)']);
    const b = await new HashingEmbedder().embedQuery('Merchant COSTA COFFEE: Dining / Cafes (MCC 5814)');
    expect(a).toHaveLength(256);
    expect(Math.sqrt((a ?? []).reduce((s, x) => s + x * x, 0))).toBeCloseTo(1, 10);
    expect(a).toEqual(b);
    expect(new HashingEmbedder({ dimensions: 64 }).embed('x')).toHaveLength(64);
    expect(embedder.id).toBe('local-hash-256');
  });

  it('puts texts that share words and n-grams nearer than unrelated ones (lexical, not semantic)', () => {
    const query = embedder.embed('coffee');
    const coffee = embedder.embed('Merchant COSTA COFFEE: Dining / Cafes');
    const typo = embedder.embed('cofee shop');
    const rent = embedder.embed('Subcategory Rent of category Housing');
    const espresso = embedder.embed('espresso');
    expect(cosineSimilarity(query, coffee)).toBeGreaterThan(cosineSimilarity(query, rent));
    expect(cosineSimilarity(query, typo)).toBeGreaterThan(cosineSimilarity(query, rent));
    // No semantics: a synonym without shared letters is not close.
    expect(cosineSimilarity(query, espresso)).toBeLessThan(cosineSimilarity(query, coffee));
  });

  it('embeds empty text as a unit vector, so similarity stays defined', () => {
    const v = embedder.embed('  ');
    expect(Math.sqrt(v.reduce((s, x) => s + x * x, 0))).toBeCloseTo(1, 10);
  });

  it('rejects unusable sizes', () => {
    expect(() => new HashingEmbedder({ dimensions: 4 })).toThrow(RangeError);
    expect(() => new HashingEmbedder({ ngram: 1 })).toThrow(RangeError);
  });
});
