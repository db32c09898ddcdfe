import { INDICATOR_COLUMNS, MARKET_METRIC_CATALOG, MARKET_METRIC_NAMES, MarketMetricRefusal, runMarketMetric, type MarketMetricName, type MarketReads } from '@ledgerline/market-data';
import { z } from 'zod';
import { defineTool, ToolError } from './agent-tool.ts';

// One flat argument object, as for the metrics tool: each market metric takes the subset its
// own params schema declares (MARKET_METRIC_CATALOG) and refuses the rest by name.
export const marketArgsSchema = z.object({
  metric: z.enum(MARKET_METRIC_NAMES as [MarketMetricName, ...MarketMetricName[]]).describe('which market metric to run'),
  symbol: z.string().optional().describe('upper-case ticker, e.g. BTC, ETH, AAPL'),
  day: z.string().optional().describe('closingPrice: the UTC day, YYYY-MM-DD'),
  source: z.string().optional().describe('closingPrice: binance, coingecko or yahoo (default: the first the asset has)'),
  indicator: z.enum(INDICATOR_COLUMNS).optional().describe('latestIndicator: rsi_14, macd, sma_20, ...'),
  assetClass: z.enum(['crypto', 'stock']).optional().describe('topMovers: crypto or stock'),
  top: z.number().int().min(1).max(50).optional().describe('topMovers: the N largest by market cap'),
  from: z.string().optional().describe('first UTC day, YYYY-MM-DD (topMovers, assetNews)'),
  to: z.string().optional().describe('last UTC day, YYYY-MM-DD (topMovers, assetNews)'),
  limit: z.number().int().min(1).max(500).optional().describe('assetNews: at most this many articles'),
});
export type MarketArgs = z.output<typeof marketArgsSchema>;

function acceptedKeys(metric: MarketMetricName): string[] {
  const schema: z.ZodType = MARKET_METRIC_CATALOG[metric].params;
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** The `market` tool: prices, indicators, movers and news of the market data (issue #18). */
export function createMarketTool(reads: MarketReads) {
  const list = MARKET_METRIC_NAMES.map((n) => `${n} (${MARKET_METRIC_CATALOG[n].description})`).join('; ');
  return defineTool({
    name: 'market',
    description: `Market data (crypto and stock prices from several sources, indicators, news) with fixed definitions; prices as decimal strings. Metrics: ${list}.`,
    schema: marketArgsSchema,
    async run(args) {
      const { metric, ...rest } = args;
      const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      const accepted = acceptedKeys(metric);
      const unsupported = Object.keys(given).filter((k) => !accepted.includes(k));
      if (unsupported.length > 0) throw new ToolError(`${metric} does not take ${unsupported.join(', ')}; it takes ${accepted.join(', ') || 'nothing'}`);
      const parsed = MARKET_METRIC_CATALOG[metric].params.safeParse(given);
      if (!parsed.success) throw new ToolError(`invalid ${metric} params: ${z.prettifyError(parsed.error).replace(/\n/g, '; ')}`);
      try {
        const result = await runMarketMetric(reads, metric, given as never);
        return { content: { metric, params: given, result }, sources: [{ kind: 'metric', metric: `market.${metric}`, params: given }] };
      } catch (error) {
        // No figure for a sound question (an unknown asset, a day without a bar) is an answer, not
        // a tool failure: the reason goes back to the planner, which says it instead of a number.
        if (error instanceof MarketMetricRefusal) return { content: { metric, params: given, refused: error.message }, sources: [{ kind: 'metric', metric: `market.${metric}`, params: given }] };
        throw error;
      }
    },
  });
}
