import { collectionName, createNewsIndexer, HashingEmbedder, type VectorIndex } from '@ledgerline/agent';
import { chromaFromEnv } from '@ledgerline/chroma';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { NewsIndexer } from '@ledgerline/market-data';

/** The embedder of everything the pipeline indexes (the local one: the main job runs offline). */
export const pipelineEmbedder = new HashingEmbedder();

/**
 * The agent's vector index as the pipeline writes it: Chroma at CHROMA_URL, else the DuckDB
 * vectors file; the collection of the embedder, the one `agent ask` and the dashboard search.
 */
export async function openAgentVectorIndex(env: LedgerlineEnv): Promise<VectorIndex> {
  const collection = collectionName(pipelineEmbedder.id);
  const chroma = chromaFromEnv(env);
  return chroma ? chroma.vectorIndex(collection) : duckDbFromEnv(env).vectorIndex(collection);
}

/**
 * News into the agent's vector index as they land (the market stage's backfills). The index is
 * opened per landing and closed again, so the vectors file is not held between landings (an
 * `agent ask` in another process may open it).
 */
export function pipelineNewsIndexer(env: LedgerlineEnv): NewsIndexer {
  return {
    async indexNews(articles) {
      const index = await openAgentVectorIndex(env);
      try {
        return await createNewsIndexer({ embedder: pipelineEmbedder, index }).indexNews(articles);
      } finally {
        await index.close();
      }
    },
  };
}
