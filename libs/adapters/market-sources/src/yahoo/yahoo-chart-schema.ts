import { z } from 'zod';
import { jsonDecimal, jsonInteger } from '../http/lossless-json.ts';

// Yahoo fills a slot with null where no trade happened (a halted minute, a holiday row).
const series = z.array(jsonDecimal.nullable());

/** GET /v8/finance/chart/{ticker}: one result with parallel arrays of timestamps and OHLCV. */
export const YahooChartSchema = z.object({
  chart: z.object({
    result: z
      .array(
        z.object({
          meta: z.object({ currency: z.string().nullable(), symbol: z.string() }),
          // Absent when the range holds no bars.
          timestamp: z.array(jsonInteger).optional(),
          indicators: z.object({
            quote: z.array(z.object({ open: series, high: series, low: series, close: series, volume: series }).partial()).min(1),
          }),
        }),
      )
      .nullable(),
    error: z.object({ code: z.string(), description: z.string() }).nullable(),
  }),
});
export type YahooChart = z.infer<typeof YahooChartSchema>;
