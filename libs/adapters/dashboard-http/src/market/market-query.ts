import { AssetSymbolSchema, BarIntervalSchema, MAX_BARS, MAX_NEWS, SourceIdSchema } from '@ledgerline/market-data';
import { z } from 'zod';

// The market page's query parameters. A day (`2026-01-02`) means the whole UTC day: `from` its
// start, `to` its last millisecond; an instant (`2026-01-02T10:00:00.000Z`) is taken as is.
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const blank = (value: unknown) => (value === '' ? undefined : value);

function instant(edge: 'start' | 'end') {
  return z.preprocess(
    blank,
    z
      .string()
      .refine((text) => (DAY.test(text) ? !Number.isNaN(Date.parse(`${text}T00:00:00.000Z`)) : !Number.isNaN(Date.parse(text)) && /Z$/.test(text)), {
        message: 'a UTC day (2026-01-02) or instant (2026-01-02T10:00:00.000Z)',
      })
      .transform((text) => {
        if (!DAY.test(text)) return new Date(text).toISOString();
        const start = Date.parse(`${text}T00:00:00.000Z`);
        return new Date(edge === 'start' ? start : start + 86_400_000 - 1).toISOString();
      })
      .optional(),
  );
}

const symbol = z.preprocess((value) => (typeof value === 'string' ? value.trim().toUpperCase() : value), AssetSymbolSchema);
const limit = (fallback: number, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().int().min(1).max(max).default(fallback));
const range = { from: instant('start'), to: instant('end') };
const ordered = { check: (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to, message: { message: 'from is after to', path: ['from'] } };

export const candlesQuerySchema = z
  .object({
    symbol,
    interval: z.preprocess(blank, BarIntervalSchema.default('1d')),
    /** Unset: the asset's first source with bars at this interval. */
    source: z.preprocess(blank, SourceIdSchema.optional()),
    ...range,
    limit: limit(300, MAX_BARS),
  })
  .refine(ordered.check, ordered.message);

export const comparisonQuerySchema = z
  .object({ symbol, interval: z.preprocess(blank, BarIntervalSchema.default('1d')), ...range, limit: limit(300, MAX_BARS) })
  .refine(ordered.check, ordered.message);

export const newsQuerySchema = z
  .object({ symbol: z.preprocess(blank, symbol.optional()), ...range, limit: limit(100, MAX_NEWS) })
  .refine(ordered.check, ordered.message);

/** The parameters each market endpoint takes: any other is a 400. */
export const MARKET_PARAMS = {
  '/api/market/assets': [],
  '/api/market/candles': ['symbol', 'interval', 'source', 'from', 'to', 'limit'],
  '/api/market/comparison': ['symbol', 'interval', 'from', 'to', 'limit'],
  '/api/market/news': ['symbol', 'from', 'to', 'limit'],
} as const satisfies Record<string, readonly string[]>;
