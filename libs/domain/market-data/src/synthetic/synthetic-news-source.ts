import type { Asset } from '../model/asset.ts';
import type { NewsArticle } from '../model/news-article.ts';
import type { PriceBar } from '../model/price-bar.ts';
import { epochMsToUtc, utcToEpochMs } from '../model/utc-time.ts';
import type { BarRequest, MarketDataSource, NewsRequest, SourceBatch, SourceCapabilities } from '../ports/market-data-source.port.ts';
import { DAY_MS, SYNTHETIC_ANCHOR_MS, dayIndexOf, dayStartMs } from './calendar.ts';
import { SeededRandom } from './seeded-random.ts';
import type { TrueSeries } from './true-series.ts';

const RISING = ['{name} ({symbol}) rallies as buyers return', '{name} climbs after upbeat {category} outlook', 'Analysts raise targets on {name}'];
const FALLING = ['{name} ({symbol}) slides amid broad sell-off', '{name} drops as {category} sentiment sours', 'Traders cut exposure to {name}'];
const NEUTRAL = ['{name} ({symbol}) trades flat ahead of key data', 'What the latest {category} report means for {name}'];

/**
 * Seeded news that mentions seed assets, a few articles a day. Headlines lean with the first
 * mentioned asset's move that day, so news-impact analysis has a signal to find.
 */
export class SyntheticNewsSource implements MarketDataSource {
  readonly capabilities: SourceCapabilities = { intervals: [], news: true, quotes: () => false };
  private readonly weights: number[];

  constructor(
    private readonly series: TrueSeries,
    readonly id = 'news',
  ) {
    // Larger assets get more coverage (square root of market cap, so small caps still appear).
    this.weights = series.assets.map((asset) => Math.sqrt(Number(asset.marketCapUsd)));
  }

  async fetchBars(_request: BarRequest): Promise<SourceBatch<PriceBar>> {
    return { items: [], quarantined: [] };
  }

  async fetchNews(request: NewsRequest): Promise<SourceBatch<NewsArticle>> {
    const from = Math.max(utcToEpochMs(request.from), SYNTHETIC_ANCHOR_MS);
    const to = utcToEpochMs(request.to);
    const items: NewsArticle[] = [];
    for (let day = dayIndexOf(from); to > from && day <= dayIndexOf(to - 1); day++) {
      for (const article of this.articlesOfDay(day)) {
        const at = utcToEpochMs(article.publishedAt);
        if (at >= from && at < to) items.push(article);
      }
    }
    return { items, quarantined: [] };
  }

  private articlesOfDay(dayIndex: number): NewsArticle[] {
    const random = new SeededRandom(`${this.series.seed}|news|${dayIndex}`);
    const count = random.int(2, 6);
    const date = epochMsToUtc(dayStartMs(dayIndex)).slice(0, 10);
    const articles: NewsArticle[] = [];
    for (let i = 0; i < count; i++) {
      const mentioned = this.pickAssets(random, random.int(1, 3));
      const lead = mentioned[0] as Asset;
      const move = this.dayMove(lead, dayIndex);
      const templates = move > 0.01 ? RISING : move < -0.01 ? FALLING : NEUTRAL;
      const title = random
        .pick(templates)
        .replaceAll('{name}', lead.name)
        .replaceAll('{symbol}', lead.symbol)
        .replaceAll('{category}', lead.category);
      const others = mentioned.slice(1).map((asset) => `${asset.name} (${asset.symbol})`);
      const articleId = `syn-${date}-${i}`;
      articles.push({
        source: this.id,
        articleId,
        publishedAt: epochMsToUtc(dayStartMs(dayIndex) + random.int(0, DAY_MS / 1000 - 1) * 1000),
        title,
        summary: others.length > 0 ? `${title}. Also in focus: ${others.join(', ')}.` : `${title}.`,
        url: `https://news.example.invalid/${articleId}`,
        symbols: mentioned.map((asset) => asset.symbol),
      });
    }
    return articles;
  }

  private pickAssets(random: SeededRandom, count: number): Asset[] {
    const chosen: Asset[] = [];
    const total = this.weights.reduce((sum, w) => sum + w, 0);
    while (chosen.length < count) {
      let target = random.next() * total;
      let index = 0;
      while (index < this.weights.length - 1 && target >= (this.weights[index] ?? 0)) target -= this.weights[index++] ?? 0;
      const asset = this.series.assets[index] as Asset;
      if (!chosen.includes(asset)) chosen.push(asset);
    }
    return chosen;
  }

  private dayMove(asset: Asset, dayIndex: number): number {
    const [bar] = this.series.bars(asset, '1d', dayStartMs(dayIndex), dayStartMs(dayIndex + 1));
    return bar ? Math.log(bar.close / bar.open) : 0;
  }
}
