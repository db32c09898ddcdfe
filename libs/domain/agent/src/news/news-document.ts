import type { NewsArticle } from '@ledgerline/market-data';
import type { AgentDocument } from '../documents/agent-document.ts';
import type { VectorFilter } from '../vector-search/vector-index.port.ts';

/**
 * Ids of news documents. News are indexed when they land (not by `agent index`, which rebuilds
 * its documents from the warehouse), so `indexDocuments` leaves ids with this prefix alone.
 */
export const NEWS_ID_PREFIX = 'news:';
const DAY_MS = 86_400_000;

/** Stable per article (its identity in RAW is (source, article_id)): a re-ingest replaces in place. */
export function newsDocumentId(article: Pick<NewsArticle, 'source' | 'articleId'>): string {
  return `${NEWS_ID_PREFIX}${article.source}:${article.articleId}`;
}

/**
 * The metadata key that marks an article as mentioning a symbol. Vector backends store scalars
 * only (Chroma), so the list of mentioned assets becomes one boolean key per asset, which an
 * equality filter can select; "." (BRK.B) is not allowed in keys and no symbol holds "_".
 */
export function mentionKey(symbol: string): string {
  return `mentions_${symbol.replace(/\./g, '_')}`;
}

/** The article as an indexed document: title and summary embedded, time and assets filterable. */
export function newsDocument(article: NewsArticle): AgentDocument {
  const mentions = Object.fromEntries(article.symbols.map((symbol) => [mentionKey(symbol), true]));
  return {
    id: newsDocumentId(article),
    kind: 'news',
    title: article.title,
    text: article.summary ? `${article.title}\n${article.summary}` : article.title,
    metadata: {
      ...mentions,
      source: article.source,
      article_id: article.articleId,
      published_at: article.publishedAt,
      published_ms: Date.parse(article.publishedAt),
      symbols: article.symbols.join(','),
      url: article.url ?? '',
    },
  };
}

/** News documents mentioning `symbol` published on the UTC days from..to (inclusive, YYYY-MM-DD). */
export function newsFilter(symbol: string, from: string, to: string): VectorFilter {
  return {
    kind: 'news',
    [mentionKey(symbol)]: true,
    published_ms: { gte: Date.parse(`${from}T00:00:00.000Z`), lte: Date.parse(`${to}T00:00:00.000Z`) + DAY_MS - 1 },
  };
}
