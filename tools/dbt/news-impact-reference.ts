/**
 * The definitions of fct_news_events and fct_asset_news_impact (their yml, docs/market-data.md
 * "News marts") written a second time, in TypeScript over plain arrays of RAW rows, so the dbt
 * spec compares the models with an independent computation instead of their own SQL.
 */

const DAY_MS = 86_400_000;
/** var news_price_max_age_days: a price older than this at the moment asked for is no price. */
export const PRICE_MAX_AGE_DAYS = 4;

/** One daily bar of the reference series (yahoo, 1d), as RAW holds it. */
export interface ReferenceBar {
  readonly symbol: string;
  readonly closeMs: number;
  /** The close as RAW's decimal text. */
  readonly close: string;
}

/** One (article, asset) pair from RAW's news and mentions. */
export interface Mention {
  readonly source: string;
  readonly articleId: string;
  readonly symbol: string;
  readonly publishedMs: number;
}

export interface ExpectedNewsEvent extends Mention {
  readonly priceMs: number | null;
  readonly price: string | null;
}

export interface ExpectedNewsImpact extends Mention {
  readonly windowDays: number;
  readonly endMs: number | null;
  readonly assetReturn: number | null;
  readonly baselineReturn: number | null;
  readonly baselineWindows: number;
}

function seriesBySymbol(bars: readonly ReferenceBar[]): Map<string, ReferenceBar[]> {
  const series = new Map<string, ReferenceBar[]>();
  for (const bar of bars) series.set(bar.symbol, [...(series.get(bar.symbol) ?? []), bar]);
  for (const list of series.values()) list.sort((a, b) => a.closeMs - b.closeMs);
  return series;
}

/** P(t): the latest bar that closed in (t - max age, t], else none. */
function priceAt(series: readonly ReferenceBar[], at: number): ReferenceBar | undefined {
  let found: ReferenceBar | undefined;
  for (const bar of series) {
    if (bar.closeMs > at) break;
    found = bar;
  }
  return found && found.closeMs > at - PRICE_MAX_AGE_DAYS * DAY_MS ? found : undefined;
}

export function expectedNewsEvents(bars: readonly ReferenceBar[], mentions: readonly Mention[]): ExpectedNewsEvent[] {
  const series = seriesBySymbol(bars);
  return mentions.map((m) => {
    const bar = priceAt(series.get(m.symbol) ?? [], m.publishedMs);
    return { ...m, priceMs: bar?.closeMs ?? null, price: bar?.close ?? null };
  });
}

export function expectedNewsImpact(
  bars: readonly ReferenceBar[],
  mentions: readonly Mention[],
  options: { readonly windowsDays: readonly number[]; readonly baselineDays: number },
): ExpectedNewsImpact[] {
  const series = seriesBySymbol(bars);
  const result: ExpectedNewsImpact[] = [];
  for (const m of mentions) {
    const list = series.get(m.symbol) ?? [];
    const lastClose = list.at(-1)?.closeMs ?? Number.NEGATIVE_INFINITY;
    const start = priceAt(list, m.publishedMs);
    for (const days of options.windowsDays) {
      const windowMs = days * DAY_MS;
      const endAt = m.publishedMs + windowMs;
      const end = start && endAt <= lastClose ? priceAt(list, endAt) : undefined;
      const startValue = start ? Number(start.close) : 0;
      const assetReturn = start && end && startValue > 0 ? Number(end.close) / startValue - 1 : null;
      const samples: number[] = [];
      for (const bar of list) {
        const sampleEnd = bar.closeMs + windowMs;
        if (bar.closeMs < m.publishedMs - options.baselineDays * DAY_MS || sampleEnd > m.publishedMs || sampleEnd > lastClose) continue;
        const endBar = priceAt(list, sampleEnd);
        if (endBar && Number(bar.close) > 0) samples.push(Number(endBar.close) / Number(bar.close) - 1);
      }
      result.push({
        ...m,
        windowDays: days,
        endMs: start && end ? end.closeMs : null,
        assetReturn,
        baselineReturn: samples.length === 0 ? null : samples.reduce((a, b) => a + b, 0) / samples.length,
        baselineWindows: samples.length,
      });
    }
  }
  return result;
}
