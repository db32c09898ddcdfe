import { z } from 'zod';
import { addDays } from '../calendar.ts';
import { DirectAnswer, refuse, type Asker } from '../plan-context.ts';
import { findTimeSpecs, invalidDays, resolveTimeSpec, type DayRange } from '../time-range.ts';
import type { ToolResult } from '../turn-results.ts';
import { indicatorText, moversText, newsText, priceText } from './market-answer-text.ts';
import { parseMarketQuestion } from './market-question.ts';

// The offline planner's market branch (issue #18): one `market` tool call for the figure, after
// `marketAsOf` when the question has a relative date ("yesterday", "this week": the day of the
// newest bar in the warehouse is "today", unless the agent runs with a pinned today).

/** Articles listed at most; more are reported as "at least". */
const NEWS_LIMIT = 100;
const asOfSchema = z.object({ result: z.object({ latest_bar_at: z.string().nullable() }) });

/** The market tool's answer, or the refusal it gave (unknown asset, no bar that day) as the answer. */
function resultOf<T>(result: ToolResult, schema: z.ZodType<T>): T {
  if (!result.ok) throw refuse(`I could not answer that: ${result.error ?? String(result.content)}.`);
  const refusal = z.object({ refused: z.string() }).safeParse(result.content);
  if (refusal.success) throw refuse(`I have no figure for that: ${refusal.data.refused}.`);
  const parsed = z.object({ result: schema }).safeParse(result.content);
  if (!parsed.success) throw refuse('I could not read the market tool\'s answer, so I give no figure.');
  return parsed.data.result;
}

function oneRange(question: string, anchor: string, fallback: DayRange): DayRange {
  const specs = findTimeSpecs(question.toLowerCase()).map((f) => f.spec);
  const bad = specs.flatMap(invalidDays);
  if (bad.length > 0) throw new DirectAnswer(`${bad.join(', ')} is not a calendar date; please give days as YYYY-MM-DD.`);
  if (specs.length > 1) throw refuse('That names more than one period; ask about one at a time so that no part is left out silently.');
  const [spec] = specs;
  return spec ? resolveTimeSpec(spec, anchor) : fallback;
}

/** The market question's next tool calls (undefined) or its answer text. */
export function planMarket(question: string, ask: Asker, today: string | undefined): string | undefined {
  const intent = parseMarketQuestion(question);
  if (intent.kind === 'no_asset') {
    throw refuse(`Which asset do you mean? Name it by ticker or name (e.g. BTC, Ethereum, AAPL) and I will give ${intent.what} from the market data.`);
  }
  let anchor = today;
  if (!anchor) {
    const asOf = ask.get('market', { metric: 'marketAsOf' });
    if (!asOf) return undefined;
    const latest = resultOf(asOf, asOfSchema.shape.result).latest_bar_at;
    if (!latest) throw refuse('There are no market prices in the warehouse yet (the main job backfills them at start), so there is nothing to compute.');
    anchor = latest.slice(0, 10);
  }
  const today_ = { from: anchor, to: anchor, label: `on ${anchor}` };

  switch (intent.kind) {
    case 'price': {
      const range = oneRange(question, anchor, today_);
      // A range asks for its last day's close ("last week": the close of its Sunday).
      const day = range.to;
      const result = ask.get('market', { metric: 'closingPrice', symbol: intent.symbol, day });
      return result ? priceText(resultOf(result, z.object({ symbol: z.string(), name: z.string(), source: z.string(), day: z.string(), close: z.string(), quote_currency: z.string() })), range) : undefined;
    }
    case 'indicator': {
      const result = ask.get('market', { metric: 'latestIndicator', symbol: intent.symbol, indicator: intent.indicator });
      return result
        ? indicatorText(resultOf(result, z.object({ symbol: z.string(), name: z.string(), source: z.string(), value: z.number(), open_time: z.string(), newest_bar: z.string() })), intent.label)
        : undefined;
    }
    case 'movers': {
      const range = oneRange(question, anchor, { from: addDays(anchor, -6), to: anchor, label: 'over the last 7 days' });
      const result = ask.get('market', { metric: 'topMovers', assetClass: intent.assetClass, top: intent.top, from: range.from, to: range.to });
      if (!result) return undefined;
      const mover = z.object({ symbol: z.string(), name: z.string(), open: z.string(), close: z.string(), change_pct: z.number(), first_open_time: z.string(), last_open_time: z.string() });
      return moversText(resultOf(result, z.object({ ranked: z.array(mover), without_bars: z.array(z.string()) })), intent, range);
    }
    case 'news': {
      // Retrieval from the vector index (the `news` tool), filtered by the asset and the range.
      const range = oneRange(question, anchor, { from: addDays(anchor, -6), to: anchor, label: 'over the last 7 days' });
      const result = ask.get('news', { symbol: intent.symbol, from: range.from, to: range.to, limit: NEWS_LIMIT });
      if (!result) return undefined;
      const article = z.object({ published_at: z.string(), title: z.string(), symbols: z.array(z.string()), source: z.string() });
      return newsText(intent.symbol, resultOf(result, z.array(article)), range, NEWS_LIMIT);
    }
  }
}
