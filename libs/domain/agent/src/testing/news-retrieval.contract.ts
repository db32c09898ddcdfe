import { createSyntheticSources, type NewsArticle } from '@ledgerline/market-data';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createNewsIndexer } from '../news/news-indexer.ts';
import { createNewsTool } from '../tools/news-tool.ts';
import { HashingEmbedder } from '../vector-search/hashing-embedder.ts';
import type { VectorIndexUnderTest } from './vector-index.contract.ts';

/** A month of the seeded synthetic news (what the main job lands), the same for every backend. */
async function decemberNews(): Promise<NewsArticle[]> {
  const news = createSyntheticSources('news-retrieval').find((s) => s.capabilities.news);
  if (!news) throw new Error('the synthetic sources have no news source');
  const batch = await news.fetchNews({ from: '2024-12-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' });
  return batch.items;
}

/** The expectation, computed from the articles themselves: mentions the symbol, published on from..to, newest first. */
function expected(articles: readonly NewsArticle[], symbol: string, from: string, to: string): string[] {
  return articles
    .filter((a) => a.symbols.includes(symbol) && a.publishedAt.slice(0, 10) >= from && a.publishedAt.slice(0, 10) <= to)
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : 0))
    .map((a) => a.articleId);
}

/**
 * News through the vector index (issue #18), on every VectorIndex backend: articles indexed as
 * they land (createNewsIndexer) and retrieved by the `news` tool filtered by asset and UTC days;
 * a re-ingest embeds nothing and adds no document.
 */
export function describeNewsRetrievalContract(name: string, factory: () => Promise<VectorIndexUnderTest>): void {
  describe(`news retrieval through the vector index: ${name}`, () => {
    let subject: VectorIndexUnderTest;
    const embedder = new HashingEmbedder();
    beforeEach(async () => {
      subject = await factory();
    });
    afterEach(async () => {
      await subject.cleanup();
    });

    it('retrieves exactly the articles that mention the asset in the range, newest first; a re-ingest changes nothing', async () => {
      const articles = await decemberNews();
      const indexer = createNewsIndexer({ embedder, index: subject.index, batchSize: 50 });
      expect(await indexer.indexNews(articles)).toEqual({ embedded: articles.length, unchanged: 0 });
      const tool = createNewsTool(embedder, subject.index);
      // One day alone too (both bounds inclusive): the last day with an ETH article.
      const ethDay = articles.filter((a) => a.symbols.includes('ETH')).map((a) => a.publishedAt.slice(0, 10)).sort().at(-1) ?? '2024-12-31';
      const cases: Array<[string, string, string]> = [['SOL', '2024-12-01', '2024-12-31'], ['BTC', '2024-12-10', '2024-12-16'], ['ETH', ethDay, ethDay]];
      for (const [symbol, from, to] of cases) {
        const want = expected(articles, symbol, from, to);
        expect(want.length, `${symbol} has news in the seeded month`).toBeGreaterThan(0);
        const { content } = await tool.run({ symbol, from, to, limit: 500 });
        const got = (content as { result: Array<{ article_id: string; symbols: string[] }> }).result;
        expect(got.map((a) => a.article_id), `${symbol} ${from}..${to}`).toEqual(want);
        expect(got.every((a) => a.symbols.includes(symbol))).toBe(true);
      }
      expect(await subject.index.count()).toBe(articles.length);

      expect(await indexer.indexNews(articles)).toEqual({ embedded: 0, unchanged: articles.length });
      const [first, ...rest] = articles as [NewsArticle, ...NewsArticle[]];
      expect(await indexer.indexNews([{ ...first, title: `${first.title} (corrected)` }, ...rest])).toEqual({ embedded: 1, unchanged: rest.length });
      expect(await subject.index.count()).toBe(articles.length);
    });
  });
}
