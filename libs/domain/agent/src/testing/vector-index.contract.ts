import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_HASH_KEY, VectorDimensionError, type VectorDocument, type VectorIndex } from '../vector-search/vector-index.port.ts';

export interface VectorIndexUnderTest {
  /** A fresh, empty collection of its own (unique name per call). */
  index: VectorIndex;
  /** Drops the collection and closes clients/files. */
  cleanup: () => Promise<void>;
}

/** A unit vector along `axis` with a little of `other`, so that scores differ and sort clearly. */
function vec(dims: number, axis: number, other = -1, amount = 0): number[] {
  const v = new Array<number>(dims).fill(0);
  v[axis] = 1;
  if (other >= 0) v[other] = amount;
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return v.map((x) => x / norm);
}

function doc(id: string, embedding: number[], metadata: VectorDocument['metadata'] = {}, text = `text of ${id}`): VectorDocument {
  return { id, text, metadata, embedding };
}

/**
 * The behaviour every VectorIndex adapter must show (architecture §2), run against the in-memory
 * reference in a unit spec, DuckDB in a unit spec and Chroma in an integration spec.
 */
export function describeVectorIndexContract(name: string, factory: () => Promise<VectorIndexUnderTest>): void {
  describe(`VectorIndex contract: ${name}`, () => {
    let subject: VectorIndexUnderTest;
    let index: VectorIndex;

    beforeEach(async () => {
      subject = await factory();
      index = subject.index;
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('starts empty: count 0, no matches, no hashes', async () => {
      expect(await index.count()).toBe(0);
      expect(await index.query(vec(4, 0), 3)).toEqual([]);
      expect((await index.storedHashes()).size).toBe(0);
    });

    it('returns the k nearest by cosine similarity, best first, with text and metadata', async () => {
      await index.upsert([
        doc('east', vec(4, 0), { kind: 'merchant' }),
        doc('north', vec(4, 1), { kind: 'merchant' }),
        doc('north-east', vec(4, 1, 0, 0.5), { kind: 'category' }),
      ]);
      const matches = await index.query(vec(4, 1, 0, 0.1), 2);
      expect(matches.map((m) => m.id)).toEqual(['north', 'north-east']);
      expect(matches[0]?.text).toBe('text of north');
      expect(matches[0]?.metadata).toMatchObject({ kind: 'merchant' });
      expect(matches[0]?.score).toBeGreaterThan(matches[1]?.score ?? 1);
      const exact = await index.query(vec(4, 0), 1);
      expect(exact[0]?.id).toBe('east');
      expect(exact[0]?.score).toBeCloseTo(1, 4);
    });

    it('upsert replaces a document by id (text, metadata and vector) without adding one', async () => {
      await index.upsert([doc('a', vec(3, 0), { v: 1 }), doc('b', vec(3, 1))]);
      await index.upsert([doc('a', vec(3, 2), { v: 2 }, 'new text')]);
      expect(await index.count()).toBe(2);
      const [top] = await index.query(vec(3, 2), 1);
      expect(top).toMatchObject({ id: 'a', text: 'new text', metadata: { v: 2 } });
    });

    it('filters on metadata equality, every key must match; string, number and boolean values round-trip', async () => {
      await index.upsert([
        doc('s1', vec(3, 0), { kind: 'statement', customer_id: 'C-000001', month_number: 3, recurring: true }),
        doc('s2', vec(3, 0, 1, 0.2), { kind: 'statement', customer_id: 'C-000002', month_number: 3, recurring: false }),
        doc('m1', vec(3, 0, 2, 0.1), { kind: 'merchant', customer_id: 'C-000001', month_number: 4, recurring: true }),
      ]);
      const statements = await index.query(vec(3, 0), 10, { kind: 'statement' });
      expect(statements.map((m) => m.id).sort()).toEqual(['s1', 's2']);
      const one = await index.query(vec(3, 0), 10, { kind: 'statement', customer_id: 'C-000002' });
      expect(one.map((m) => m.id)).toEqual(['s2']);
      expect(one[0]?.metadata).toEqual({ kind: 'statement', customer_id: 'C-000002', month_number: 3, recurring: false });
      expect((await index.query(vec(3, 0), 10, { month_number: 4 })).map((m) => m.id)).toEqual(['m1']);
      expect((await index.query(vec(3, 0), 10, { recurring: true })).map((m) => m.id).sort()).toEqual(['m1', 's1']);
      expect(await index.query(vec(3, 0), 10, { kind: 'nothing' })).toEqual([]);
    });

    it('filters on numeric ranges, inclusive at both ends, together with equality; a non-number never matches', async () => {
      const day = 86_400_000;
      const t0 = Date.UTC(2024, 11, 1);
      await index.upsert([
        doc('n1', vec(3, 0), { kind: 'news', at_ms: t0, mentions_SOL: true }),
        doc('n2', vec(3, 0, 1, 0.1), { kind: 'news', at_ms: t0 + 10 * day, mentions_SOL: true }),
        doc('n3', vec(3, 0, 1, 0.2), { kind: 'news', at_ms: t0 + 31 * day, mentions_SOL: true }),
        doc('n4', vec(3, 0, 2, 0.1), { kind: 'news', at_ms: t0 + 10 * day, mentions_BTC: true }),
        doc('s1', vec(3, 0, 2, 0.2), { kind: 'statement', at_ms: String(t0 + 10 * day) }),
      ]);
      const ids = async (filter: Parameters<VectorIndex['query']>[2]) => (await index.query(vec(3, 0), 10, filter)).map((m) => m.id).sort();
      expect(await ids({ at_ms: { gte: t0, lte: t0 + 30 * day } })).toEqual(['n1', 'n2', 'n4']);
      expect(await ids({ at_ms: { gte: t0 + 10 * day, lte: t0 + 10 * day } })).toEqual(['n2', 'n4']);
      expect(await ids({ at_ms: { gte: t0 + day } })).toEqual(['n2', 'n3', 'n4']);
      expect(await ids({ at_ms: { lte: t0 + 10 * day - 1 } })).toEqual(['n1']);
      expect(await ids({ kind: 'news', mentions_SOL: true, at_ms: { gte: t0 + day, lte: t0 + 31 * day } })).toEqual(['n2', 'n3']);
      expect(await ids({ at_ms: { gte: t0 + 40 * day } })).toEqual([]);
    });

    it('keeps text exactly (quotes, unicode, newlines)', async () => {
      const text = `Merchant "O'Brien's Café" — Sjögren Hassan Markt\nline two`;
      await index.upsert([doc('quoted', vec(3, 0), { title: "O'Brien's" }, text)]);
      const [top] = await index.query(vec(3, 0), 1);
      expect(top?.text).toBe(text);
      expect(top?.metadata.title).toBe("O'Brien's");
    });

    it('stores content hashes for incremental indexing and deletes by id', async () => {
      await index.upsert([
        doc('a', vec(3, 0), { [CONTENT_HASH_KEY]: 'h-a' }),
        doc('b', vec(3, 1), { [CONTENT_HASH_KEY]: 'h-b' }),
        doc('c', vec(3, 2)),
      ]);
      expect(await index.storedHashes()).toEqual(new Map([['a', 'h-a'], ['b', 'h-b']]));
      await index.delete(['b', 'no-such-id']);
      expect(await index.count()).toBe(2);
      expect([...(await index.storedHashes()).keys()]).toEqual(['a']);
      expect((await index.query(vec(3, 1), 5)).map((m) => m.id)).not.toContain('b');
    });

    it('takes batches of hundreds of documents', async () => {
      const docs = Array.from({ length: 300 }, (_, i) => doc(`d${String(i).padStart(3, '0')}`, vec(16, i % 16, (i + 1) % 16, (i % 7) / 10), { n: i }));
      await index.upsert(docs);
      expect(await index.count()).toBe(300);
      const matches = await index.query(vec(16, 5), 5, { n: 5 });
      expect(matches.map((m) => m.id)).toEqual(['d005']);
    });

    it('rejects an embedding of another dimension, on upsert and on query', async () => {
      await index.upsert([doc('a', vec(4, 0))]);
      await expect(index.upsert([doc('b', vec(5, 0))])).rejects.toBeInstanceOf(VectorDimensionError);
      await expect(index.query(vec(5, 0), 1)).rejects.toBeInstanceOf(VectorDimensionError);
      expect(await index.count()).toBe(1);
    });

    it('rejects k < 1', async () => {
      await index.upsert([doc('a', vec(3, 0))]);
      await expect(index.query(vec(3, 0), 0)).rejects.toThrow();
    });

    it('deleteCollection empties it, and a new dimension may follow', async () => {
      await index.upsert([doc('a', vec(4, 0)), doc('b', vec(4, 1))]);
      await index.deleteCollection();
      expect(await index.count()).toBe(0);
      expect(await index.query(vec(4, 0), 2)).toEqual([]);
      await index.upsert([doc('c', vec(6, 3))]);
      expect((await index.query(vec(6, 3), 1))[0]?.id).toBe('c');
    });
  });
}
