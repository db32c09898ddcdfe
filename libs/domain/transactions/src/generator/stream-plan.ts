import { z } from 'zod';

/**
 * What identifies a resumable stream, persisted with its position: the same plan and position
 * always give the same simulation state (balances, recurring items, pending refunds, next tx_id),
 * because the generator is deterministic. `growth` records each restart that asked for more
 * customers, at the position where it happened, so a replay grows the population at the same point.
 */
export const streamPlanSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  startMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
  baseCurrency: z.string().regex(/^[A-Z]{3}$/),
  /** Customers from position 0 on. */
  customers: z.number().int().min(1).max(1_000_000),
  /** The TradeMarket's id when the stream trades (docs/trades.md); absent: no trades. */
  market: z.string().min(1).max(100).optional(),
  growth: z.array(z.object({ atPosition: z.number().int().nonnegative(), customers: z.number().int().min(1).max(1_000_000) })),
});

export type StreamPlan = z.infer<typeof streamPlanSchema>;
