import { describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { tradeRuleViolation } from '@ledgerline/transactions';
import { parseProducerArgs } from './producer-args.ts';
import { producerSource } from './producer-source.ts';

/** The first `n` events of an endless stream. */
function take<T>(source: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  for (const item of source) {
    out.push(item);
    if (out.length === n) break;
  }
  return out;
}

describe('what the producer publishes', () => {
  const env = loadConfig({ env: { GENERATOR_SEED: '5' }, dotenvPath: false });
  const args = parseProducerArgs(['--customers', '40', '--start-month', '2026-03']);

  it("has customers' buys and sells at the market of MARKET_SEED, each satisfying the trade rule", () => {
    const events = take(producerSource(args, env, '2026-12'), 6_000);
    const trades = events.filter((tx) => tx.txn_type === 'TRADE');
    expect(new Set(trades.map((tx) => tx.direction))).toEqual(new Set(['DEBIT', 'CREDIT']));
    for (const trade of trades) expect(tradeRuleViolation(trade), trade.tx_id).toBeUndefined();
    expect(events[0]?.occurred_at.slice(0, 7)).toBe('2026-03');
  });

  it('is the same stream for the same flags and environment', () => {
    expect(take(producerSource(args, env, '2026-12'), 2_000)).toEqual(take(producerSource(args, env, '2026-12'), 2_000));
  });
});
