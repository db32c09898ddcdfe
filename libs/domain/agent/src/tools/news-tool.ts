import { AssetSymbolSchema, MAX_NEWS, type MarketReads } from '@ledgerline/market-data';
import { z } from 'zod';
import { newsFilter } from '../news/news-document.ts';
import type { Embedder } from '../vector-search/embedder.port.ts';
import type { VectorIndex, VectorMatch } from '../vector-search/vector-index.port.ts';
import { defineTool, ToolError, type AnswerSource } from './agent-tool.ts';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day, YYYY-MM-DD').refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'not a calendar day');

export const newsArgsSchema = z
  .object({
    symbol: AssetSymbolSchema.describe('upper-case ticker, e.g. BTC, SOL, AAPL'),
    from: isoDay.describe('first UTC day, YYYY-MM-DD'),
    to: isoDay.describe('last UTC day, YYYY-MM-DD (inclusive)'),
    query: z.string().trim().min(1).max(500).optional().describe('what the news should be about, in words (default: the asset)'),
    limit: z.number().int().min(1).max(MAX_NEWS).optional().describe('at most this many articles (default 20)'),
  })
  .refine((a) => a.from <= a.to, { message: 'from is after to', path: ['from'] });

const metaString = (match: VectorMatch, key: string) => {
  const value = match.metadata[key];
  return typeof value === 'string' ? value : '';
};

/**
 * The `news` tool: articles mentioning an asset in a range of UTC days, retrieved from the vector
 * index (news are embedded there as they land: news-indexer.ts), filtered by the asset and the
 * time range, nearest to the query first and then listed newest first. With market data it
 * refuses an asset the warehouse does not know, instead of answering "no news".
 */
export function createNewsTool(embedder: Embedder, index: VectorIndex, market?: MarketReads) {
  return defineTool({
    name: 'news',
    description:
      'News articles that mention an asset, published on the UTC days from..to, retrieved from the document index ' +
      '(filtered by asset and time, nearest to the query first), listed newest first with the assets each mentions.',
    schema: newsArgsSchema,
    async run(args) {
      const limit = args.limit ?? 20;
      const params = { symbol: args.symbol, from: args.from, to: args.to, limit, ...(args.query ? { query: args.query } : {}) };
      const source: AnswerSource = { kind: 'metric', metric: 'news.retrieval', params };
      if (market && !(await market.assets()).some((a) => a.symbol === args.symbol)) {
        return { content: { ...params, refused: `there is no asset ${args.symbol} in the warehouse, so no news is linked to it` }, sources: [source] };
      }
      const embedding = await embedder.embedQuery(args.query ?? `news about ${args.symbol}`);
      // "No article in the range" is an answer only when news is indexed at all.
      if ((await index.query(embedding, 1, { kind: 'news' })).length === 0) {
        throw new ToolError('no news is in the document index yet: articles are indexed when they land (the main job, or `market backfill`)');
      }
      const matches = await index.query(embedding, limit, newsFilter(args.symbol, args.from, args.to));
      const articles = matches
        .map((m) => ({
          article_id: metaString(m, 'article_id'),
          source: metaString(m, 'source'),
          published_at: metaString(m, 'published_at'),
          title: metaString(m, 'title'),
          symbols: metaString(m, 'symbols').split(',').filter(Boolean),
          url: metaString(m, 'url') || null,
          score: Math.round(m.score * 10_000) / 10_000,
          id: m.id,
        }))
        .sort((a, b) => (a.published_at < b.published_at ? 1 : a.published_at > b.published_at ? -1 : a.id < b.id ? -1 : 1));
      const sources: AnswerSource[] = [source, ...articles.map((a) => ({ kind: 'document' as const, id: a.id, title: a.title, score: a.score }))];
      // `result` as the market tool's answers (the planner reads both alike).
      return { content: { ...params, retrieved_from: index.description, result: articles }, sources };
    },
  });
}
