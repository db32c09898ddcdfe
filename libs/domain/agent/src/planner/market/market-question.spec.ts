import { describe, expect, it } from 'vitest';
import { routeQuestion } from '../../graph/route-question.ts';
import { isMarketQuestion, parseMarketQuestion } from './market-question.ts';

describe('market questions (issue #18)', () => {
  it.each([
    ['closing price of BTC yesterday', { kind: 'price', symbol: 'BTC' }],
    ['How did Ethereum close on 2024-11-15?', { kind: 'price', symbol: 'ETH' }],
    ['RSI of ETH now', { kind: 'indicator', symbol: 'ETH', indicator: 'rsi_14' }],
    ['rsi of eth now', { kind: 'indicator', symbol: 'ETH', indicator: 'rsi_14' }],
    ['what is the 50-day moving average of Solana', { kind: 'indicator', symbol: 'SOL', indicator: 'sma_50' }],
    ['which of the top 10 coins rose most this week', { kind: 'movers', assetClass: 'crypto', top: 10, direction: 'up' }],
    ['which of the top five stocks fell most last week', { kind: 'movers', assetClass: 'stock', top: 5, direction: 'down' }],
    ['news about SOL this month', { kind: 'news', symbol: 'SOL' }],
    ['What was the closing price of XYZ yesterday?', { kind: 'price', symbol: 'XYZ' }],
    ['what is the RSI now?', { kind: 'no_asset' }],
  ])('%s', (question, expected) => {
    expect(isMarketQuestion(question)).toBe(true);
    expect(parseMarketQuestion(question)).toMatchObject(expected);
  });

  it.each([
    'How much did C-000042 spend on groceries last month?',
    'What is the closing balance of A-000042-1?',
    'Top 5 merchants of C-000007 in 2026',
    'How much did I spend at Apple in March?',
    'Which subscriptions does C-000010 have?',
  ])('leaves banking questions to the banking planner: %s', (question) => expect(isMarketQuestion(question)).toBe(false));

  it('routes market questions to the planner only when the agent has market data, and still refuses forecasts', () => {
    // Without the market tool the old refusal stands (the data then has no prices).
    expect(routeQuestion('What was the closing price of BTC yesterday?', { hasHistory: false })).toMatchObject({ kind: 'refuse', reason: 'unavailable_data' });
    expect(routeQuestion('news about SOL this month', { hasHistory: false })).toMatchObject({ kind: 'refuse' });
    for (const q of ['What was the closing price of BTC yesterday?', 'RSI of ETH now', 'Which of the top 10 coins rose most this week?', 'news about SOL this month']) {
      expect(routeQuestion(q, { hasHistory: false, market: true }), q).toEqual({ kind: 'plan' });
    }
    expect(routeQuestion('Will BTC price rise next week?', { hasHistory: false, market: true })).toMatchObject({ kind: 'refuse', reason: 'unavailable_data' });
    expect(routeQuestion('What is in my crypto portfolio?', { hasHistory: false, market: true })).toMatchObject({ kind: 'refuse', reason: 'unavailable_data' });
  });
});
