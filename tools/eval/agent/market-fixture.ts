import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemorySaver } from '@langchain/langgraph';
import { createAgent, createAgentTools, createNewsIndexer, HashingEmbedder, InMemoryVectorIndex, noModelDocs, offlineChatModelFactory, type Agent } from '@ledgerline/agent';
import { DuckDbAnalyticsStore, DuckDbMarketReads, withDuckDb } from '@ledgerline/duckdb';
import { runDbt } from '../../dbt/run-dbt.ts';
import { seedMarketRaw } from '../../dbt/seed-market-raw.ts';

/** The ten largest cryptocurrencies of the seed list, two stocks: what the market questions ask about. */
export const MARKET_EVAL_SYMBOLS = ['BTC', 'ETH', 'USDT', 'BNB', 'SOL', 'USDC', 'XRP', 'DOGE', 'TON', 'ADA', 'AAPL', 'MSFT'];

export interface MarketEvalFixture {
  readonly agent: Agent;
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * A warehouse with the synthetic market RAW (daily bars 2024-06-01..2024-12-31, hourly bars of
 * 2024-12-31, news) and the real dbt build of models/market, and the offline agent with the
 * market and news tools over it (news retrieved from the vector index they were indexed into as
 * they landed), wired as the dashboard wires it. "Today" is the newest bar's day, 2024-12-31.
 */
export async function prepareMarketEvalFixture(): Promise<MarketEvalFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'agent-market-eval-'));
  const warehousePath = join(dir, 'warehouse.duckdb');
  // The news land in RAW and in the agent's vector index, as in the main job: news questions are answered from the index.
  const embedder = new HashingEmbedder();
  const index = new InMemoryVectorIndex();
  await seedMarketRaw({ db: warehousePath, symbols: MARKET_EVAL_SYMBOLS.join(','), from: '2024-06-01', to: '2025-01-01', intradayDays: 1 }, createNewsIndexer({ embedder, index }));
  const build = await runDbt(['build', '--select', 'path:models/market', 'market_assets'], { warehousePath, targetPath: join(dir, 'target'), logPath: join(dir, 'logs') });
  if (build.failures.length > 0) throw new Error(`dbt build failed: ${JSON.stringify(build.failures)}`);
  const store = new DuckDbAnalyticsStore({ path: warehousePath });
  const market = new DuckDbMarketReads({ path: warehousePath, idleCloseMs: 50 });
  const agent = createAgent({
    chatModels: offlineChatModelFactory({ baseCurrency: 'EUR' }),
    tools: createAgentTools({ store, embedder, index, modelDocs: noModelDocs, sqlRowLimit: 200, market }),
    maxSteps: 8,
    baseCurrency: 'EUR',
    sqlRowLimit: 200,
    checkpointer: new MemorySaver(),
  });
  return {
    agent,
    // The expected answers' own reads (the reads above let go of the file when idle).
    rows: async <T,>(sql: string) => {
      await market.close();
      return withDuckDb(warehousePath, async (db) => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[]);
    },
    close: async () => {
      await market.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
