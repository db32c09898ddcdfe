import { NEWS_ID_PREFIX } from '../news/news-document.ts';
import type { Embedder } from '../vector-search/embedder.port.ts';
import type { VectorIndex } from '../vector-search/vector-index.port.ts';
import type { AgentDocument } from './agent-document.ts';
import { contentHash } from './content-hash.ts';
import { upsertEmbedded, type PendingDocument } from './upsert-embedded.ts';

export interface IndexProgress {
  readonly phase: 'comparing' | 'embedding' | 'deleting' | 'done';
  readonly done: number;
  readonly total: number;
}

export interface IndexDocumentsOptions {
  readonly embedder: Embedder;
  readonly index: VectorIndex;
  /** Documents embedded and upserted per round trip (default 64). */
  readonly batchSize?: number;
  /** Drop the collection first and embed everything again. */
  readonly rebuild?: boolean;
  readonly onProgress?: (progress: IndexProgress) => void;
}

export interface IndexReport {
  readonly total: number;
  /** New or changed documents, embedded and upserted. */
  readonly embedded: number;
  /** Same content hash as stored: skipped. */
  readonly unchanged: number;
  /** Stored documents that no longer exist in the source: deleted. */
  readonly deleted: number;
  readonly byKind: Readonly<Record<string, number>>;
}

/**
 * Incremental indexing: each document's content hash (text, metadata, embedder) is stored with
 * it; a refresh embeds only new or changed documents and deletes those that disappeared (news
 * documents excepted: they are indexed as they land, see news-indexer.ts). Ids must be unique.
 * Progress is reported per batch. `rebuild` drops the news too; a market backfill indexes them again.
 */
export async function indexDocuments(docs: readonly AgentDocument[], options: IndexDocumentsOptions): Promise<IndexReport> {
  const { embedder, index } = options;
  const batchSize = options.batchSize ?? 64;
  const progress = options.onProgress ?? (() => undefined);
  const seen = new Set<string>();
  for (const doc of docs) {
    if (seen.has(doc.id)) throw new Error(`duplicate document id ${doc.id}`);
    seen.add(doc.id);
  }
  if (options.rebuild) await index.deleteCollection();

  progress({ phase: 'comparing', done: 0, total: docs.length });
  const stored = await index.storedHashes();
  const pending: PendingDocument[] = [];
  for (const doc of docs) {
    const hash = contentHash(doc, embedder.id);
    if (stored.get(doc.id) !== hash) pending.push({ doc, hash });
  }
  // News are indexed when they land (createNewsIndexer), not collected here: they are not stale.
  const stale = [...stored.keys()].filter((id) => !seen.has(id) && !id.startsWith(NEWS_ID_PREFIX));

  await upsertEmbedded(pending, { embedder, index, batchSize, onBatch: (done) => progress({ phase: 'embedding', done, total: pending.length }) });
  if (stale.length > 0) {
    progress({ phase: 'deleting', done: 0, total: stale.length });
    await index.delete(stale);
  }
  const byKind: Record<string, number> = {};
  for (const doc of docs) byKind[doc.kind] = (byKind[doc.kind] ?? 0) + 1;
  progress({ phase: 'done', done: docs.length, total: docs.length });
  return { total: docs.length, embedded: pending.length, unchanged: docs.length - pending.length, deleted: stale.length, byKind };
}
