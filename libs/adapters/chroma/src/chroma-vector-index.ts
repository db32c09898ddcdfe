import {
  CONTENT_HASH_KEY,
  VectorDimensionError,
  type VectorDocument,
  type VectorFilter,
  type VectorIndex,
  type VectorMatch,
  type VectorMetadata,
} from '@ledgerline/agent';
import { ChromaClient, ChromaNotFoundError, type Collection, type Metadata } from 'chromadb';
import { chromaWhere } from './chroma-where.ts';

export interface ChromaVectorIndexOptions {
  /** CHROMA_URL, e.g. http://localhost:8000 */
  readonly url: string;
  readonly collection: string;
  /** Records per upsert/get request (Chroma caps batch sizes). */
  readonly batchSize?: number;
}

// Collection metadata: cosine distance, and the embedding length (Chroma checks it too, but
// with an error we cannot tell apart from others; the port promises VectorDimensionError).
const SPACE_KEY = 'hnsw:space';
const DIMENSION_KEY = 'ledgerline_dimension';
// Chroma refuses an empty metadata object, and an upsert without metadata would keep the old
// one; every record therefore carries this marker, which reads strip again.
const MARKER_KEY = '_ledgerline';

/**
 * VectorIndex on a Chroma server (architecture §2) through the `chromadb` client. Embeddings are
 * always computed by the caller and passed explicitly; the collection is opened with
 * `embeddingFunction: null`, so the client never loads its default embedder (which would
 * download a model). The collection is created on the first upsert, with cosine distance.
 */
export class ChromaVectorIndex implements VectorIndex {
  readonly description: string;
  private readonly client: ChromaClient;
  private readonly batchSize: number;
  private collection: Collection | null | undefined;

  constructor(private readonly options: ChromaVectorIndexOptions) {
    const url = new URL(options.url);
    const ssl = url.protocol === 'https:';
    this.client = new ChromaClient({ host: url.hostname, port: Number(url.port || (ssl ? 443 : 8000)), ssl });
    this.batchSize = options.batchSize ?? 500;
    this.description = `Chroma ${url.origin} (collection ${options.collection})`;
  }

  async upsert(docs: readonly VectorDocument[]): Promise<void> {
    if (docs.length === 0) return;
    const dimension = docs[0]?.embedding.length ?? 0;
    const collection = (await this.existing()) ?? (await this.create(dimension));
    const expected = dimensionOf(collection) ?? dimension;
    const wrong = docs.find((d) => d.embedding.length !== expected);
    if (wrong) throw new VectorDimensionError(expected, wrong.embedding.length);
    for (let start = 0; start < docs.length; start += this.batchSize) {
      const batch = docs.slice(start, start + this.batchSize);
      await collection.upsert({
        ids: batch.map((d) => d.id),
        embeddings: batch.map((d) => [...d.embedding]),
        documents: batch.map((d) => d.text),
        metadatas: batch.map((d) => ({ ...d.metadata, [MARKER_KEY]: true }) as Metadata),
      });
    }
  }

  async query(embedding: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]> {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    const collection = await this.existing();
    if (!collection) return [];
    const expected = dimensionOf(collection);
    if (expected !== undefined && embedding.length !== expected) throw new VectorDimensionError(expected, embedding.length);
    const where = chromaWhere(filter);
    const result = await collection.query({
      queryEmbeddings: [[...embedding]],
      nResults: k,
      ...(where ? { where } : {}),
      include: ['documents', 'metadatas', 'distances'],
    });
    const ids = result.ids[0] ?? [];
    const matches = ids.map((id, i) => ({
      id,
      text: result.documents[0]?.[i] ?? '',
      metadata: cleanMetadata(result.metadatas[0]?.[i]),
      // Cosine distance = 1 - cosine similarity.
      score: 1 - (result.distances[0]?.[i] ?? 1),
    }));
    return matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async count(): Promise<number> {
    const collection = await this.existing();
    return collection ? collection.count() : 0;
  }

  async storedHashes(): Promise<Map<string, string>> {
    const hashes = new Map<string, string>();
    const collection = await this.existing();
    if (!collection) return hashes;
    for (let offset = 0; ; offset += this.batchSize) {
      const page = await collection.get({ include: ['metadatas'], limit: this.batchSize, offset });
      page.ids.forEach((id, i) => {
        const hash = page.metadatas[i]?.[CONTENT_HASH_KEY];
        if (typeof hash === 'string') hashes.set(id, hash);
      });
      if (page.ids.length < this.batchSize) return hashes;
    }
  }

  async delete(ids: readonly string[]): Promise<void> {
    const collection = await this.existing();
    if (!collection || ids.length === 0) return;
    for (let start = 0; start < ids.length; start += this.batchSize) await collection.delete({ ids: ids.slice(start, start + this.batchSize) });
  }

  async deleteCollection(): Promise<void> {
    try {
      await this.client.deleteCollection({ name: this.options.collection });
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    this.collection = null;
  }

  async close(): Promise<void> {
    this.collection = undefined;
  }

  /** The collection if it exists (cached), else null. */
  private async existing(): Promise<Collection | null> {
    if (this.collection !== undefined) return this.collection;
    try {
      // No embedding function: we always pass vectors (the default one downloads a model).
      this.collection = await this.client.getCollection({ name: this.options.collection, embeddingFunction: undefined });
    } catch (error) {
      if (!isNotFound(error)) throw error;
      this.collection = null;
    }
    return this.collection;
  }

  private async create(dimension: number): Promise<Collection> {
    this.collection = await this.client.getOrCreateCollection({
      name: this.options.collection,
      embeddingFunction: null,
      metadata: { [SPACE_KEY]: 'cosine', [DIMENSION_KEY]: dimension },
    });
    return this.collection;
  }
}

function dimensionOf(collection: Collection): number | undefined {
  const value = collection.metadata?.[DIMENSION_KEY];
  return typeof value === 'number' ? value : undefined;
}

function cleanMetadata(metadata: Metadata | null | undefined): VectorMetadata {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(metadata ?? {})) {
    if (key === MARKER_KEY) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
  }
  return out;
}

function isNotFound(error: unknown): boolean {
  return error instanceof ChromaNotFoundError || (error instanceof Error && /not found|does not exist/i.test(error.message));
}
