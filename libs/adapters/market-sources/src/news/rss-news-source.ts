import { XMLParser } from 'fast-xml-parser';
import {
  mentionedSymbols,
  type Asset,
  type MarketDataSource,
  type NewsArticle,
  type NewsRequest,
  type PriceBar,
  type QuarantineReport,
  type SourceBatch,
  type SourceCapabilities,
} from '@ledgerline/market-data';
import type { z } from 'zod';
import { issueField, quarantineReport, type DecodeContext } from '../http/quarantine.ts';
import type { SourceHttpClient } from '../http/source-http-client.ts';
import { AtomEntrySchema, AtomFeedSchema, RssFeedSchema, RssItemSchema } from './feed-schema.ts';

export interface RssNewsSourceOptions {
  feedUrls: readonly string[];
  http: SourceHttpClient;
  assets: readonly Asset[];
  now?: () => Date;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', processEntities: true, htmlEntities: true, parseTagValue: false, trimValues: true });

function stripHtml(text: string): string {
  return text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Crypto news from RSS 2.0 or Atom feeds. Each item is decoded on its own: one without a usable
 * date or title is quarantined, the rest kept. Items are tagged with the seed assets they mention.
 */
export class RssNewsSource implements MarketDataSource {
  readonly id = 'news';
  readonly capabilities: SourceCapabilities = { intervals: [], news: true, quotes: () => false };

  constructor(private readonly options: RssNewsSourceOptions) {}

  async fetchBars(): Promise<SourceBatch<PriceBar>> {
    return { items: [], quarantined: [] };
  }

  async fetchNews(request: NewsRequest): Promise<SourceBatch<NewsArticle>> {
    const items: NewsArticle[] = [];
    const quarantined: QuarantineReport[] = [];
    for (const url of this.options.feedUrls) {
      const response = await this.options.http.get(url);
      const context = { source: this.id, endpoint: url, receivedAt: (this.options.now?.() ?? new Date()).toISOString() };
      const parsed = this.parseFeed(response.body, context);
      quarantined.push(...parsed.quarantined);
      items.push(...parsed.items.filter((a) => a.publishedAt >= request.from && a.publishedAt < request.to));
    }
    return { items, quarantined };
  }

  private parseFeed(body: string, context: DecodeContext): SourceBatch<NewsArticle> {
    let document: unknown;
    try {
      document = parser.parse(body, true);
    } catch (error) {
      return { items: [], quarantined: [quarantineReport(context, '(response)', `not XML: ${error instanceof Error ? error.message : String(error)}`, body)] };
    }
    const rss = RssFeedSchema.safeParse(document);
    if (rss.success) return this.decodeItems(rss.data.rss.channel.item ?? [], RssItemSchema, 'rss.channel.item', body, context, (item) => ({
      id: item.guid ?? item.link ?? '',
      title: item.title,
      link: item.link ?? null,
      date: item.pubDate,
      summary: item.description ?? '',
    }));
    const atom = AtomFeedSchema.safeParse(document);
    if (atom.success) return this.decodeItems(atom.data.feed.entry ?? [], AtomEntrySchema, 'feed.entry', body, context, (entry) => ({
      id: entry.id,
      title: entry.title,
      link: Array.isArray(entry.link) ? (entry.link.find((l) => (l['@_rel'] ?? 'alternate') === 'alternate')?.['@_href'] ?? null) : (entry.link?.['@_href'] ?? null),
      date: entry.published ?? entry.updated,
      summary: entry.summary ?? entry.content ?? '',
    }));
    return { items: [], quarantined: [quarantineReport(context, '(response)', 'neither an RSS 2.0 channel nor an Atom feed', body)] };
  }

  private decodeItems<T>(
    elements: readonly unknown[],
    schema: z.ZodType<T>,
    path: string,
    body: string,
    context: DecodeContext,
    fields: (item: T) => { id: string; title: string; link: string | null; date: string; summary: string },
  ): SourceBatch<NewsArticle> {
    const items: NewsArticle[] = [];
    const quarantined: QuarantineReport[] = [];
    elements.forEach((element, index) => {
      const decoded = schema.safeParse(element);
      if (!decoded.success) {
        const { field, reason } = issueField(`${path}[${index}]`, decoded.error);
        quarantined.push(quarantineReport(context, field, reason, body));
        return;
      }
      const item = fields(decoded.data);
      const publishedMs = Date.parse(item.date);
      if (Number.isNaN(publishedMs)) {
        quarantined.push(quarantineReport(context, `${path}[${index}].${path.startsWith('rss') ? 'pubDate' : 'published'}`, `not a date: ${item.date}`, body));
        return;
      }
      const title = stripHtml(item.title);
      const summary = stripHtml(item.summary);
      items.push({
        source: this.id,
        articleId: item.id || item.link || `${title}|${publishedMs}`,
        publishedAt: new Date(publishedMs).toISOString(),
        title,
        summary,
        url: item.link && /^https?:\/\//.test(item.link) ? item.link : null,
        symbols: mentionedSymbols(`${title} ${summary}`, this.options.assets),
      });
    });
    return { items, quarantined };
  }
}
