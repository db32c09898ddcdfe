import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySaver } from '@langchain/langgraph';
import {
  collectDocuments,
  createAgent,
  createAgentTools,
  HashingEmbedder,
  indexDocuments,
  noModelDocs,
  offlineChatModelFactory,
  type Agent,
} from '@ledgerline/agent';
import { DuckDbAnalyticsStore, DuckDbVectorIndex, loadRawDataset } from '@ledgerline/duckdb';
import { generateDataset } from '@ledgerline/transactions/generator';

/** The evaluation's data: fixed, so expected answers and scores are reproducible. */
export const EVAL_DATASET = { seed: 4242, customers: 40, months: 6, startMonth: '2026-01' } as const;
export const EVAL_CURRENCY = 'EUR';

/** What generateDataset is given for a fixture (the eval's dataset unless a set brings its own). */
export interface EvalDatasetSpec {
  readonly seed: number;
  readonly customers: number;
  readonly months: number;
  readonly startMonth: string;
}

export interface EvalFixture {
  readonly warehousePath: string;
  readonly agent: Agent;
  readonly documents: number;
  close(): Promise<void>;
}

/**
 * A throwaway warehouse with the generated dataset in the RAW contract (the analytics adapter's
 * loader, as a full sync would leave it), a document index in its own DuckDB file built with the
 * local embedder, and the offline agent over both, exactly as the app wires it.
 */
export async function prepareEvalFixture(
  options: { dir?: string; log?: (line: string) => void; dataset?: EvalDatasetSpec } = {},
): Promise<EvalFixture> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'agent-eval-'));
  const warehousePath = join(dir, 'warehouse.duckdb');
  const dataset = generateDataset({ ...(options.dataset ?? EVAL_DATASET), baseCurrency: EVAL_CURRENCY });
  await loadRawDataset(warehousePath, dataset, { syncedAt: '2026-07-01T00:00:00.000Z' });
  options.log?.(`loaded ${dataset.transactions.length} transactions of ${dataset.customers.length} customers`);

  const store = new DuckDbAnalyticsStore({ path: warehousePath });
  const embedder = new HashingEmbedder();
  const index = new DuckDbVectorIndex({ path: join(dir, 'vectors.duckdb'), collection: 'eval_docs' });
  const docs = await collectDocuments({ store, modelDocs: noModelDocs, baseCurrency: EVAL_CURRENCY, summaryMonths: 6 });
  await indexDocuments(docs, { embedder, index });
  options.log?.(`indexed ${docs.length} documents`);

  const agent = createAgent({
    chatModels: offlineChatModelFactory({ baseCurrency: EVAL_CURRENCY }),
    tools: createAgentTools({ store, embedder, index, modelDocs: noModelDocs, sqlRowLimit: 200 }),
    maxSteps: 8,
    baseCurrency: EVAL_CURRENCY,
    sqlRowLimit: 200,
    checkpointer: new MemorySaver(),
  });
  return {
    warehousePath,
    agent,
    documents: docs.length,
    close: async () => {
      await store.close();
      await index.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
