import type { NewsArticle, NewsIndexer, NewsIndexReport } from '@ledgerline/market-data';
import { contentHash } from '../documents/content-hash.ts';
import type { Embedder } from '../vector-search/embedder.port.ts';
import { upsertEmbedded } from '../documents/upsert-embedded.ts';
import type { VectorIndex } from '../vector-search/vector-index.port.ts';
import { newsDocument } from './news-document.ts';

export interface NewsIndexerOptions {
  readonly embedder: Embedder;
  readonly index: VectorIndex;
  /** Articles embedded and upserted per round trip (default 64). */
  readonly batchSize?: number;
}

/**
 * The market-data domain's NewsIndexer on the agent's vector index: each article becomes one
 * document (news-document.ts) with its content hash, and only new or changed articles are
 * embedded, so a re-ingest of the same news embeds nothing and adds no document. Never deletes:
 * an article that is not in this batch is simply not part of this landing.
 */
export function createNewsIndexer(options: NewsIndexerOptions): NewsIndexer {
  const { embedder, index } = options;
  const batchSize = options.batchSize ?? 64;
  return {
    async indexNews(articles: readonly NewsArticle[]): Promise<NewsIndexReport> {
      if (articles.length === 0) return { embedded: 0, unchanged: 0 };
      // One document per id: a feed that repeats an article in one batch is indexed once (the last wins, as in RAW).
      const docs = [...new Map(articles.map((a) => newsDocument(a)).map((d) => [d.id, d])).values()];
      const stored = await index.storedHashes();
      const pending = docs.map((doc) => ({ doc, hash: contentHash(doc, embedder.id) })).filter(({ doc, hash }) => stored.get(doc.id) !== hash);
      await upsertEmbedded(pending, { embedder, index, batchSize });
      return { embedded: pending.length, unchanged: docs.length - pending.length };
    },
  };
}
