import { CandlestickChart, ScatterChart } from 'echarts/charts';
import { MarkLineComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { draw, PALETTE } from '../charts.ts';
import type { Candle, Candles, Indicator, NewsItem, PriceComparison } from './market-types.ts';

// Besides the bars and lines charts.ts registers: candlesticks, the news pins and RSI's 30/70 lines.
echarts.use([CandlestickChart, ScatterChart, MarkLineComponent]);

export type Overlay = 'sma_20' | 'sma_50' | 'sma_200' | 'ema_12' | 'ema_26' | 'bollinger' | 'news';
export type Panel = 'rsi' | 'macd';

const UP = '#3a9d5d';
const DOWN = '#c6505a';
const OVERLAY_LINES: Record<Exclude<Overlay, 'bollinger' | 'news'>, { name: string; color: string }> = {
  sma_20: { name: 'SMA 20', color: '#2f6fb0' },
  sma_50: { name: 'SMA 50', color: '#e0823d' },
  sma_200: { name: 'SMA 200', color: '#8a6bbf' },
  ema_12: { name: 'EMA 12', color: '#3fa7a9' },
  ema_26: { name: 'EMA 26', color: '#c9a03b' },
};
const BOLLINGER: Array<{ key: Indicator; name: string }> = [
  { key: 'bollinger_upper', name: 'Bollinger upper' },
  { key: 'bollinger_middle', name: 'Bollinger middle' },
  { key: 'bollinger_lower', name: 'Bollinger lower' },
];

/** Axis labels: the day for daily bars, the UTC minute for intraday ones. */
export function barLabel(openTime: string, interval: string): string {
  return interval === '1d' ? openTime.slice(0, 10) : `${openTime.slice(5, 10)} ${openTime.slice(11, 16)}`;
}

const line = (name: string, color: string, data: Array<number | null>, extra: Record<string, unknown> = {}) => ({
  name,
  type: 'line',
  showSymbol: false,
  connectNulls: false,
  lineStyle: { width: 1.2, color },
  itemStyle: { color },
  data,
  ...extra,
});
const column = (bars: readonly Candle[], key: Indicator) => bars.map((b) => b[key]);

/** The bar an article falls in: the last bar that opened at or before it (none before the first). */
export function newsBarIndex(bars: readonly Candle[], publishedAt: string): number {
  let index = -1;
  for (let i = 0; i < bars.length && (bars[i] as Candle).open_time <= publishedAt; i += 1) index = i;
  return index;
}

/** Candles and volume (two grids sharing the time axis), the chosen overlays and news pins. */
export function drawCandles(element: HTMLElement, candles: Candles, news: readonly NewsItem[], overlays: ReadonlySet<Overlay>): void {
  const bars = candles.bars;
  const labels = bars.map((b) => barLabel(b.open_time, candles.interval));
  const series: unknown[] = [
    {
      name: 'Price',
      type: 'candlestick',
      // ECharts' candlestick order: open, close, low, high.
      data: bars.map((b) => [Number(b.open), Number(b.close), Number(b.low), Number(b.high)]),
      itemStyle: { color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN },
    },
    {
      name: 'Volume',
      type: 'bar',
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: bars.map((b) => ({ value: b.volume === null ? null : Number(b.volume), itemStyle: { color: Number(b.close) >= Number(b.open) ? UP : DOWN } })),
    },
  ];
  for (const [key, style] of Object.entries(OVERLAY_LINES)) {
    if (overlays.has(key as Overlay)) series.push(line(style.name, style.color, column(bars, key as Indicator)));
  }
  if (overlays.has('bollinger')) {
    for (const band of BOLLINGER) series.push(line(band.name, '#7a8794', column(bars, band.key), { lineStyle: { width: 1, type: band.key === 'bollinger_middle' ? 'solid' : 'dashed', color: '#7a8794' } }));
  }
  if (overlays.has('news')) {
    const pins = news
      .map((item) => ({ item, index: newsBarIndex(bars, item.published_at) }))
      .filter(({ index }) => index >= 0)
      .map(({ item, index }) => ({ name: item.title, value: [index, Number((bars[index] as Candle).high) * 1.015], article: item.article_id }));
    series.push({ name: 'News', type: 'scatter', symbol: 'pin', symbolSize: 18, itemStyle: { color: '#d46fa3' }, data: pins, tooltip: { trigger: 'item', formatter: (p: { name: string }) => p.name } });
  }
  draw(element, {
    animation: false,
    legend: { top: 0, type: 'scroll', data: series.map((s) => (s as { name: string }).name).filter((n) => n !== 'Volume') },
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [
      { left: 64, right: 16, top: 36, height: '58%' },
      { left: 64, right: 16, top: '76%', bottom: 40 },
    ],
    xAxis: [
      { type: 'category', data: labels, boundaryGap: true, axisLabel: { show: false } },
      { type: 'category', data: labels, gridIndex: 1, boundaryGap: true },
    ],
    yAxis: [{ type: 'value', scale: true }, { type: 'value', gridIndex: 1, scale: true, splitNumber: 2, axisLabel: { show: false } }],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }, { type: 'slider', xAxisIndex: [0, 1], bottom: 4, height: 18 }],
    series,
  });
}

/** RSI 14 with its 30/70 lines, or MACD, its signal and the histogram. */
export function drawPanel(element: HTMLElement, candles: Candles, panel: Panel): void {
  const bars = candles.bars;
  const labels = bars.map((b) => barLabel(b.open_time, candles.interval));
  const series =
    panel === 'rsi'
      ? [line('RSI 14', '#8a6bbf', column(bars, 'rsi_14'), { markLine: { silent: true, symbol: 'none', data: [{ yAxis: 30 }, { yAxis: 70 }], lineStyle: { color: '#b0b7c0', type: 'dashed' } } })]
      : [
          { name: 'Histogram', type: 'bar', data: column(bars, 'macd_histogram'), itemStyle: { color: '#b0b7c0' } },
          line('MACD', '#2f6fb0', column(bars, 'macd')),
          line('Signal', '#e0823d', column(bars, 'macd_signal')),
        ];
  draw(element, {
    animation: false,
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 64, right: 16, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: labels },
    yAxis: panel === 'rsi' ? { type: 'value', min: 0, max: 100 } : { type: 'value', scale: true },
    series,
  });
}

/**
 * How far each source's close is from the cross-source mean (basis points) and the spread
 * between the highest and lowest source: the closes themselves differ too little to see apart.
 */
export function drawComparison(element: HTMLElement, comparison: PriceComparison): void {
  const sources = [...new Set(comparison.rows.flatMap((r) => Object.keys(r.sources)))].sort();
  const labels = comparison.rows.map((r) => barLabel(r.open_time, comparison.interval));
  draw(element, {
    animation: false,
    color: PALETTE,
    legend: { top: 0 },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', name: 'bps' },
    series: [
      ...sources.map((source) => ({
        name: source,
        type: 'line',
        showSymbol: false,
        data: comparison.rows.map((r) => r.sources[source]?.deviation_bps ?? null),
      })),
      { name: 'Spread (bps)', type: 'bar', itemStyle: { color: 'rgba(122,135,148,0.35)' }, data: comparison.rows.map((r) => r.spread_bps) },
    ],
  });
}
