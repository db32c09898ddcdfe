import { token } from '@ledgerline/di';

/** Metadata values a vector backend can store and filter on (Chroma's rule: scalars only). */
export type VectorMetadataValue = string | number | boolean;
export type VectorMetadata = Readonly<Record<string, VectorMetadataValue>>;

/** One indexed document with its embedding, computed by the caller (never by the backend). */
export interface VectorDocument {
  readonly id: string;
  readonly text: string;
  readonly metadata: VectorMetadata;
  readonly embedding: readonly number[];
}

/** Inclusive bounds on a numeric metadata value; a document whose value is not a number never matches. */
export interface VectorRange {
  readonly gte?: number;
  readonly lte?: number;
}

/**
 * Conditions on metadata keys, all of which must match (AND): a scalar is equality (of the same
 * JSON type: the string "3" is not the number 3), a VectorRange bounds a number (news by time).
 */
export type VectorFilter = Readonly<Record<string, VectorMetadataValue | VectorRange>>;

/** True for the range form of a filter value. */
export function isVectorRange(value: VectorMetadataValue | VectorRange): value is VectorRange {
  return typeof value === 'object' && value !== null;
}

export interface VectorMatch {
  readonly id: string;
  readonly text: string;
  readonly metadata: VectorMetadata;
  /** Cosine similarity to the query embedding, in [-1, 1]; higher is nearer. */
  readonly score: number;
}

/**
 * The metadata key under which `indexDocuments` stores each document's content hash, so that a
 * refresh re-embeds only what changed. Backends store it like any other metadata value.
 */
export const CONTENT_HASH_KEY = 'content_hash';

/**
 * A collection of embedded documents (architecture §2: DuckDB arrays embedded, Chroma real).
 * One index = one collection with one embedding dimension, fixed by the first upsert; an
 * embedding of another length is rejected. Results are ordered by score, then id.
 */
export interface VectorIndex {
  /** Human-readable backend and collection, for banners and `--json` output. */
  readonly description: string;
  /** Inserts or replaces by id. */
  upsert(docs: readonly VectorDocument[]): Promise<void>;
  /** The k nearest documents (cosine), optionally only those whose metadata matches `filter`. */
  query(embedding: readonly number[], k: number, filter?: VectorFilter): Promise<VectorMatch[]>;
  count(): Promise<number>;
  /** id -> stored CONTENT_HASH_KEY metadata of every document (for incremental indexing). */
  storedHashes(): Promise<Map<string, string>>;
  /** Removes these ids; unknown ids are ignored. */
  delete(ids: readonly string[]): Promise<void>;
  /** Drops the whole collection; the next upsert starts a new one. */
  deleteCollection(): Promise<void>;
  close(): Promise<void>;
}

export const VECTOR_INDEX = token<VectorIndex>('VectorIndex');

/** An embedding whose length differs from the collection's dimension. */
export class VectorDimensionError extends Error {
  constructor(expected: number, actual: number) {
    super(`embedding has ${actual} dimensions; this collection holds ${expected}-dimensional vectors (re-index with --rebuild after changing the embedder)`);
    this.name = 'VectorDimensionError';
  }
}
