import { SEED_ASSETS } from '@ledgerline/market-data';
import type { ProbeCase } from './probe-cases.ts';
import type { Expectation } from './grade-answer.ts';

// Market questions (issue #18) with expected figures computed here from RAW's bars and news:
// closes as RAW's digits, indicators with this file's own SMA/EMA/Wilder RSI, movers from the
// first open and last close of the daily bars. "Today" is 2024-12-31 (the newest bar's day).
// The `heldOut` cases were written with the others, before the planner ran on any of them, and
// never used to change it.

type Rows = <T = Record<string, unknown>>(sql: string) => Promise<T[]>;
const answer = (...tokens: string[]): Expectation => ({ kind: 'answer', tokens });
const refused: Expectation = { kind: 'refused' };
const trim = (decimal: string) => (decimal.includes('.') ? decimal.replace(/0+$/, '').replace(/\.$/, '') : decimal);
const signed = (pct: number) => `${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`;

const sma = (values: number[], n: number) => values.slice(-n).reduce((a, b) => a + b, 0) / n;
function ema(values: number[], n: number): number[] {
  const out: number[] = [];
  let current = values.slice(0, n).reduce((a, b) => a + b, 0) / n;
  out[n - 1] = current;
  for (let i = n; i < values.length; i += 1) out[i] = current = ((values[i] as number) - current) * (2 / (n + 1)) + current;
  return out;
}
function wilderRsi(values: number[], n = 14): number {
  const changes = values.slice(1).map((v, i) => v - (values[i] as number));
  let gain = changes.slice(0, n).reduce((a, c) => a + Math.max(c, 0), 0) / n;
  let loss = changes.slice(0, n).reduce((a, c) => a + Math.max(-c, 0), 0) / n;
  for (const c of changes.slice(n)) {
    gain = (gain * (n - 1) + Math.max(c, 0)) / n;
    loss = (loss * (n - 1) + Math.max(-c, 0)) / n;
  }
  return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
}
const four = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(2) : v.toFixed(4));

export async function buildMarketCases(rows: Rows): Promise<ProbeCase[]> {
  const cases: ProbeCase[] = [];
  const add = (cls: string, id: string, question: string, expect: Expectation, heldOut = false) => cases.push({ cls, id, questions: [question], expect, heldOut });
  const close = async (symbol: string, day: string, table = 'market_crypto_prices_binance', source = 'binance') =>
    (await rows<{ c: string }>(`SELECT close::VARCHAR AS c FROM raw.${table} WHERE source = '${source}' AND symbol = '${symbol}' AND bar_interval = '1d' AND open_time = TIMESTAMP '${day}'`))[0]?.c;
  const closes = async (symbol: string) =>
    (await rows<{ c: number }>(`SELECT close::DOUBLE AS c FROM raw.market_crypto_prices_binance WHERE symbol = '${symbol}' AND bar_interval = '1d' ORDER BY open_time`)).map((r) => r.c);
  const movers = async (top: number, from: string, to: string) => {
    const largest = SEED_ASSETS.filter((a) => a.assetClass === 'crypto').sort((a, b) => Number(b.marketCapUsd) - Number(a.marketCapUsd)).slice(0, top);
    const out: Array<{ symbol: string; pct: number }> = [];
    for (const asset of largest) {
      const bars = await rows<{ o: number; c: number }>(
        `SELECT open::DOUBLE AS o, close::DOUBLE AS c FROM raw.market_crypto_prices_binance WHERE symbol = '${asset.symbol}' AND bar_interval = '1d' AND open_time BETWEEN TIMESTAMP '${from}' AND TIMESTAMP '${to}' ORDER BY open_time`,
      );
      const first = bars[0];
      const last = bars.at(-1);
      if (first && last) out.push({ symbol: asset.symbol, pct: ((last.c - first.o) / first.o) * 100 });
    }
    return out.sort((a, b) => b.pct - a.pct);
  };
  const news = (symbol: string, from: string, to: string) =>
    rows<{ title: string }>(
      `SELECT n.title FROM raw.market_news n JOIN raw.market_news_mentions m USING (source, article_id)
        WHERE m.symbol = '${symbol}' AND n.published_at >= TIMESTAMP '${from}' AND n.published_at < TIMESTAMP '${to}' + INTERVAL 1 DAY ORDER BY n.published_at DESC`,
    );

  // --- tuned: the four questions and its refusals -----------------------------------
  add('price', 'close-yesterday', 'What was the closing price of BTC yesterday?', answer(`${trim((await close('BTC', '2024-12-30')) as string)} USDT`, '2024-12-30'));
  add('indicator', 'rsi-now', 'RSI of ETH now', answer(four(wilderRsi(await closes('ETH')))));
  const week = await movers(10, '2024-12-30', '2024-12-31');
  add('movers', 'top10-week', 'Which of the top 10 coins rose most this week?', answer(week[0]?.symbol as string, signed(week[0]?.pct as number)));
  const sol = await news('SOL', '2024-12-01', '2024-12-31');
  add('news', 'sol-month', 'news about SOL this month', sol.length > 0 ? answer(`${sol.length} article${sol.length === 1 ? '' : 's'}`, sol[0]?.title as string) : answer('No news article mentions SOL'));
  add('refusal', 'unknown-asset', 'What was the closing price of XYZ yesterday?', refused);
  add('refusal', 'before-history', 'closing price of BTC on 2023-01-05', refused);
  add('refusal', 'after-history', 'What was the closing price of ETH on 2025-02-01?', refused);

  // --- held out -------------------------------------------------------------------------------
  add('price', 'eth-named-day-held-out', 'How did Ethereum close on 2024-11-15?', answer(`${trim((await close('ETH', '2024-11-15')) as string)} USDT`), true);
  const btc = await closes('BTC');
  const macd = (ema(btc, 12).at(-1) as number) - (ema(btc, 26).at(-1) as number);
  add('indicator', 'macd-bitcoin-held-out', "what's the MACD of bitcoin", answer(four(macd)), true);
  const lastWeek = await movers(5, '2024-12-23', '2024-12-29');
  const worst = lastWeek.at(-1);
  add('movers', 'top5-fell-last-week-held-out', 'Which of the top 5 cryptocurrencies fell most last week?', answer(worst?.symbol as string, signed(worst?.pct as number)), true);
  const apple = await news('AAPL', '2024-11-01', '2024-11-30');
  add('news', 'apple-november-held-out', 'Any headlines about Apple in November 2024?', answer(`${apple.length} article${apple.length === 1 ? '' : 's'}`), true);
  add('refusal', 'unknown-ticker-held-out', 'What was the price of QQQX on 2024-12-30?', refused, true);
  add('indicator', 'sma50-sol-held-out', 'SMA 50 of SOL', answer(four(sma(await closes('SOL'), 50))), true);
  add('refusal', 'stock-saturday-held-out', 'Closing price of AAPL on 2024-12-28', refused, true);
  return cases;
}
