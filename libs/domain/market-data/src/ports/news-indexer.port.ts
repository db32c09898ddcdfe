import type { NewsArticle } from '../model/news-article.ts';

export interface NewsIndexReport {
  /** New or changed articles, embedded and written to the index. */
  readonly embedded: number;
  /** Already in the index with the same content: skipped (a re-ingest). */
  readonly unchanged: number;
}

/**
 * Where news articles go after they land in RAW: the agent's vector index (the agent's news
 * questions are answered by retrieval from it, filtered by asset and time). Idempotent: indexing
 * an article again with the same content changes nothing; with new content it is replaced by id.
 * Implemented by the agent domain (`createNewsIndexer`), so this domain needs no vector types.
 */
export interface NewsIndexer {
  indexNews(articles: readonly NewsArticle[]): Promise<NewsIndexReport>;
}
