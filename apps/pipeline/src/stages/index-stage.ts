import { collectDocuments, indexDocuments } from '@ledgerline/agent';
import type { LedgerlineEnv } from '@ledgerline/config';
import { dbtFromEnv } from '@ledgerline/dbt';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { Logger } from '@ledgerline/logging';
import { openAgentVectorIndex, pipelineEmbedder } from './agent-vector-index.ts';
import type { ExtraStage } from './extra-stage.ts';

/**
 * Refreshes the agent's vector index after each warehouse sync: documents (merchants,
 * categories, dbt model docs, statement and monthly summaries) are collected from the analytics
 * store and only new or changed ones are embedded. Same collection and file as `agent index`,
 * so `nx run agent:serve -- ask` searches what the pipeline indexed. Offline: local lexical
 * embedder; Chroma when CHROMA_URL is set. News are not collected here: the market stage indexes
 * them as they land (agent-vector-index.ts), and this refresh leaves them in place.
 */
export function indexStage(env: LedgerlineEnv, repoRoot: string, logger: Logger): ExtraStage {
  let documents: number | undefined;
  const embedder = pipelineEmbedder;
  const duckdb = duckDbFromEnv(env);
  return {
    name: 'vector-index',
    flows: [],
    afterSync: async () => {
      const store = duckdb.analyticsStore({ file: 'warehouse', logger: logger.child('analytics') });
      const index = await openAgentVectorIndex(env);
      try {
        const docs = await collectDocuments({ store, modelDocs: dbtFromEnv(env, { repoRoot }).modelDocs(), baseCurrency: env.BASE_CURRENCY });
        const report = await indexDocuments(docs, { embedder, index });
        documents = report.total;
        logger.info('vector index refreshed', { documents: report.total, embedded: report.embedded, unchanged: report.unchanged, deleted: report.deleted });
      } finally {
        await index.close();
        await store.close();
      }
    },
    status: () => (documents === undefined ? {} : { indexedDocuments: documents }),
  };
}
