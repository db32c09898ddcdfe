import { chromaFromEnv } from '@ledgerline/chroma';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { NewsIndexer } from '@ledgerline/market-data';

/**
 * Landed news into the agent's vector index, as the main job's market stage does: Chroma at
 * CHROMA_URL, else the DuckDB vectors file (DATA_DIR), in the local embedder's collection. The
 * agent library (LangChain, ~1 s) loads on the first landing with news, not for `sources`.
 */
export function marketNewsIndexer(env: LedgerlineEnv): NewsIndexer {
  return {
    async indexNews(articles) {
      const { collectionName, createNewsIndexer, HashingEmbedder } = await import('@ledgerline/agent');
      const embedder = new HashingEmbedder();
      const chroma = chromaFromEnv(env);
      const collection = collectionName(embedder.id);
      const index = chroma ? await chroma.vectorIndex(collection) : duckDbFromEnv(env).vectorIndex(collection);
      try {
        return await createNewsIndexer({ embedder, index }).indexNews(articles);
      } finally {
        await index.close();
      }
    },
  };
}
