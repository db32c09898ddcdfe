import { z } from 'zod';
import { AssetSymbolSchema } from './asset.ts';
import { SourceIdSchema } from './price-bar.ts';
import { UtcInstantSchema } from './utc-time.ts';

/** A news item with the assets it mentions. Its identity is (source, articleId). */
export const NewsArticleSchema = z.object({
  source: SourceIdSchema,
  /** The feed's guid/id, or the link when the feed gives none. */
  articleId: z.string().min(1),
  publishedAt: UtcInstantSchema,
  title: z.string().min(1),
  summary: z.string(),
  url: z.string().url().nullable(),
  symbols: z.array(AssetSymbolSchema),
});
export type NewsArticle = z.infer<typeof NewsArticleSchema>;
