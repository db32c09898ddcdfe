import { createSyntheticSources, type MarketReads, type NewsArticle } from '@ledgerline/market-data';
import { describe, expect, it } from 'vitest';
import { MemorySaver } from '@langchain/langgraph';
import { noModelDocs } from '../documents/model-docs.port.ts';
import { createAgent } from '../graph/create-agent.ts';
import { offlineChatModelFactory } from '../planner/offline-chat-model-factory.ts';
import { stubAnalyticsStore } from '../testing/stub-analytics-store.ts';
import { createAgentTools } from '../tools/create-agent-tools.ts';
import { HashingEmbedder } from '../vector-search/hashing-embedder.ts';
import { InMemoryVectorIndex } from '../vector-search/in-memory-vector-index.ts';
import { createNewsIndexer } from './news-indexer.ts';
import { indexDocuments } from '../documents/index-documents.ts';

// Issue #18: "news about SOL this month" answered by retrieval from the vector index, not by a
// SQL read of RAW. The market reads here know the assets but refuse every news read.
const series = [{ source: 'binance', interval: '1d', bars: 214, first_open_time: '2024-06-01T00:00:00.000Z', last_open_time: '2024-12-31T00:00:00.000Z', last_close: '190.5' }] as const;
const market: MarketReads = {
  assets: async () => [
    { symbol: 'SOL', name: 'Solana', asset_class: 'crypto', category: 'layer-1', market_cap_usd: '90000000000', series: [...series] },
    { symbol: 'BTC', name: 'Bitcoin', asset_class: 'crypto', category: 'layer-1', market_cap_usd: '1900000000000', series: [...series] },
  ],
  candles: async () => {
    throw new Error('no candles in this test');
  },
  comparison: async () => {
    throw new Error('no comparison in this test');
  },
  news: async () => {
    throw new Error('news must come from the vector index, not from a SQL read');
  },
  close: async () => {},
};

async function december(): Promise<NewsArticle[]> {
  const source = createSyntheticSources('news-question').find((s) => s.capabilities.news);
  return (await source?.fetchNews({ from: '2024-11-20T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' }))?.items ?? [];
}

function agentOver(index: InMemoryVectorIndex) {
  const embedder = new HashingEmbedder();
  const tools = createAgentTools({ store: stubAnalyticsStore({}), embedder, index, modelDocs: noModelDocs, sqlRowLimit: 50, market });
  return {
    embedder,
    agent: createAgent({ chatModels: offlineChatModelFactory({ baseCurrency: 'EUR', today: '2024-12-31' }), tools, maxSteps: 6, baseCurrency: 'EUR', sqlRowLimit: 50, checkpointer: new MemorySaver() }),
  };
}

describe('news questions through the vector index', () => {
  it('answers "news about SOL this month" from the index: the articles of December that mention SOL, newest first', async () => {
    const index = new InMemoryVectorIndex();
    const { agent, embedder } = agentOver(index);
    const articles = await december();
    await createNewsIndexer({ embedder, index }).indexNews(articles);
    const sol = articles.filter((a) => a.symbols.includes('SOL') && a.publishedAt >= '2024-12-01').sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
    expect(sol.length).toBeGreaterThan(1);

    const answer = await agent.ask('news about SOL this month', 'news-1');
    expect(answer.status, answer.answer).toBe('answered');
    expect(answer.toolCalls.map((c) => c.name)).toEqual(['news']);
    expect(answer.answer).toContain(`${sol.length} articles mention SOL`);
    const listed = answer.answer.split('\n').slice(1);
    expect(listed).toHaveLength(sol.length);
    expect(listed[0]).toContain(sol[0]?.title);
    expect(answer.sources.filter((s) => s.kind === 'document')).toHaveLength(sol.length);
  });

  it('keeps the news when `agent index` refreshes its own documents', async () => {
    const index = new InMemoryVectorIndex();
    const embedder = new HashingEmbedder();
    const articles = await december();
    await createNewsIndexer({ embedder, index }).indexNews(articles);
    const report = await indexDocuments([{ id: 'category:groceries', kind: 'category', title: 'Groceries', text: 'Groceries: supermarkets', metadata: {} }], { embedder, index });
    expect(report.deleted).toBe(0);
    expect(await index.count()).toBe(articles.length + 1);
  });

  it('refuses instead of saying "no news" when no news is indexed at all', async () => {
    const { agent } = agentOver(new InMemoryVectorIndex());
    const answer = await agent.ask('news about SOL this month', 'news-2');
    expect(answer.status).not.toBe('answered');
    expect(answer.answer).not.toMatch(/No news article/);
    expect(answer.answer).toMatch(/no news is in the document index yet/);
  });
});
