import type { DayRange } from '../time-range.ts';

// Answers to market questions: the exact figure, where it comes from and the period meant.

const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
const fixed = (value: number, digits: number) => value.toFixed(digits);
const signed = (pct: number) => `${pct >= 0 ? '+' : ''}${pct.toFixed(2)}%`;

export function priceText(p: { symbol: string; name: string; source: string; day: string; close: string; quote_currency: string }, range: DayRange): string {
  const which = range.from === range.to ? '' : ` (the last day of ${range.label.replace(/^(in|on|from) /, '')})`;
  return `${p.symbol} (${p.name}) closed at ${p.close} ${p.quote_currency} on ${p.day}${which}: the ${p.source} daily bar, UTC day.`;
}

export function indicatorText(p: { symbol: string; name: string; source: string; value: number; open_time: string; newest_bar: string }, label: string): string {
  const digits = Math.abs(p.value) >= 1000 ? 2 : 4;
  const lag = p.newest_bar > p.open_time ? ` The newest bar (${p.newest_bar.slice(0, 10)}) is not in the indicator mart yet; it is added at the next dbt build.` : '';
  return `${label} of ${p.symbol} (${p.name}) is ${fixed(p.value, digits)} on the daily bar of ${p.open_time.slice(0, 10)} (${p.source}; from mart_asset_indicators).${lag}`;
}

export function moversText(
  r: { ranked: Array<{ symbol: string; name: string; open: string; close: string; change_pct: number }>; without_bars: string[] },
  intent: { assetClass: 'crypto' | 'stock'; top: number; direction: 'up' | 'down' },
  range: DayRange,
): string {
  const group = `the ${intent.top} largest ${intent.assetClass === 'crypto' ? 'cryptocurrencies' : 'stocks'} by market cap`;
  const order = intent.direction === 'up' ? r.ranked : [...r.ranked].reverse();
  const lead = order[0];
  if (!lead) return `None of ${group} has daily bars ${range.label}.`;
  const headline =
    intent.direction === 'up'
      ? lead.change_pct > 0
        ? `Of ${group}, ${lead.symbol} (${lead.name}) rose most ${range.label}: ${signed(lead.change_pct)}`
        : `None of ${group} rose ${range.label}; ${lead.symbol} (${lead.name}) fell least: ${signed(lead.change_pct)}`
      : lead.change_pct < 0
        ? `Of ${group}, ${lead.symbol} (${lead.name}) fell most ${range.label}: ${signed(lead.change_pct)}`
        : `None of ${group} fell ${range.label}; ${lead.symbol} (${lead.name}) rose least: ${signed(lead.change_pct)}`;
  const lines = order.map((m, i) => `${i + 1}. ${m.symbol} ${signed(m.change_pct)} (${m.open} to ${m.close})`);
  const missing = r.without_bars.length > 0 ? `\nNo daily bars in the range for ${r.without_bars.join(', ')}, so they are not ranked.` : '';
  return `${headline} (${range.from} to ${range.to}, first open to last close of the daily bars).\n${lines.join('\n')}${missing}`;
}

export function newsText(symbol: string, articles: Array<{ published_at: string; title: string; symbols: string[] }>, range: DayRange, limit: number): string {
  if (articles.length === 0) return `No news article mentions ${symbol} ${range.label} (${range.from} to ${range.to}).`;
  const lines = articles.map((a) => `- ${time(a.published_at)}: ${a.title} [${a.symbols.join(', ')}]`);
  const count = articles.length >= limit ? `At least ${limit} articles` : `${articles.length} article${articles.length === 1 ? '' : 's'}`;
  return `${count} mention${articles.length === 1 ? 's' : ''} ${symbol} ${range.label} (${range.from} to ${range.to}), newest first:\n${lines.join('\n')}`;
}
