import type { Embedder } from '../vector-search/embedder.port.ts';
import { CONTENT_HASH_KEY, type VectorDocument, type VectorIndex } from '../vector-search/vector-index.port.ts';
import type { AgentDocument } from './agent-document.ts';

/** A document to (re-)embed with the content hash it will be stored under. */
export interface PendingDocument {
  readonly doc: AgentDocument;
  readonly hash: string;
}

/**
 * Embeds and upserts documents in batches; the stored metadata is the document's plus `kind`,
 * `title` and the content hash (what the next refresh compares). Calls `onBatch` after each.
 */
export async function upsertEmbedded(
  pending: readonly PendingDocument[],
  deps: { embedder: Embedder; index: VectorIndex; batchSize: number; onBatch?: (done: number) => void },
): Promise<void> {
  for (let start = 0; start < pending.length; start += deps.batchSize) {
    const batch = pending.slice(start, start + deps.batchSize);
    const embeddings = await deps.embedder.embedDocuments(batch.map((p) => p.doc.text));
    const vectors: VectorDocument[] = batch.map(({ doc, hash }, i) => ({
      id: doc.id,
      text: doc.text,
      metadata: { ...doc.metadata, kind: doc.kind, title: doc.title, [CONTENT_HASH_KEY]: hash },
      embedding: embeddings[i] ?? [],
    }));
    await deps.index.upsert(vectors);
    deps.onBatch?.(start + batch.length);
  }
}
