import { collectDocuments, collectionName, HashingEmbedder, indexDocuments, type VectorIndex } from '@ledgerline/agent';
import { chromaFromEnv } from '@ledgerline/chroma';
import type { LedgerlineEnv } from '@ledgerline/config';
import { dbtFromEnv } from '@ledgerline/dbt';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
import type { ExtraStage } from './extra-stage.ts';

/**
 * Refreshes the agent's vector index after each warehouse sync: documents (merchants,
 * categories, dbt model docs, statement and monthly summaries) are collected from the analytics
 * store and only new or changed ones are embedded. Same collection and file as `agent index`,
 * so `nx run agent:serve -- ask` searches what the pipeline indexed. Offline: local lexical
 * embedder; Chroma when CHROMA_URL is set.
 */
export function indexStage(env: LedgerlineEnv, repoRoot: string, logger: Logger): ExtraStage {
  let documents: number | undefined;
  const embedder = new HashingEmbedder();
  const duckdb = duckDbFromEnv(env);
  const openIndex = async (): Promise<VectorIndex & { close?: () => Promise<void> }> => {
    const collection = collectionName(embedder.id);
    const chroma = chromaFromEnv(env);
    if (chroma) return chroma.vectorIndex(collection);
    return duckdb.vectorIndex(collection);
  };
  return {
    name: 'vector-index',
    flows: [],
    afterSync: async () => {
      const store = duckdb.analyticsStore({ file: 'warehouse', logger: logger.child('analytics') });
      const index = await openIndex();
      try {
        const docs = await collectDocuments({ store, modelDocs: dbtFromEnv(env, { repoRoot }).modelDocs(), baseCurrency: env.BASE_CURRENCY });
        const report = await indexDocuments(docs, { embedder, index });
        documents = report.total;
        logger.info('vector index refreshed', { documents: report.total, embedded: report.embedded, unchanged: report.unchanged, deleted: report.deleted });
      } finally {
        await index.close?.();
        await store.close();
      }
    },
    status: () => (documents === undefined ? {} : { indexedDocuments: documents }),
  };
}
