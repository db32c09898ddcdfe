import { describe, expect, it } from 'vitest';
import { StreamPlanMismatchError } from '@ledgerline/transactions/generator';
import { generatorTradeMarket, streamTradeMarket } from './generator-trade-market.ts';

describe('the market generated data trades on', () => {
  const env = { MARKET_SEED: 'ledgerline' };

  it('is the synthetic series of MARKET_SEED, pricing the seed assets', () => {
    const market = generatorTradeMarket(env);
    expect(market.id).toBe('synthetic:ledgerline');
    expect(market.assets.map((a) => a.symbol)).toContain('BTC');
    expect(market.priceAt('BTC', Date.parse('2026-03-02T10:00:00Z'))).toMatch(/^\d+(\.\d{1,8})?$/);
    expect(generatorTradeMarket({ MARKET_SEED: 'other' }).id).toBe('synthetic:other');
  });

  it('a new stream trades; one stored before trades existed continues without; the same market continues', () => {
    expect(streamTradeMarket(env, undefined)?.id).toBe('synthetic:ledgerline');
    expect(streamTradeMarket(env, {})).toBeUndefined();
    expect(streamTradeMarket(env, { market: 'synthetic:ledgerline' })?.id).toBe('synthetic:ledgerline');
  });

  it('refuses a stored stream of another market, naming both and the way out', () => {
    expect(() => streamTradeMarket({ MARKET_SEED: 'changed' }, { market: 'synthetic:ledgerline' })).toThrow(StreamPlanMismatchError);
    expect(() => streamTradeMarket({ MARKET_SEED: 'changed' }, { market: 'synthetic:ledgerline' })).toThrow(
      /trades on market synthetic:ledgerline; this MARKET_SEED is market synthetic:changed.*original MARKET_SEED, or another DATA_DIR/,
    );
  });
});
