import { ApiError } from '../api-client.ts';
import { resizeAll } from '../charts.ts';
import { byId, dateTime, el } from '../format.ts';
import { drawCandles, drawComparison, drawPanel, type Overlay, type Panel } from './market-charts.ts';
import { MarketControls } from './market-controls.ts';
import { renderNews } from './news-list.ts';
import type { Candles, MarketAsset, MarketEnvelope, NewsItem, PriceComparison } from './market-types.ts';
import '../styles.css';

/** Intraday charts follow the stream: the page reloads them this often. */
const LIVE_REFRESH_MS = 15_000;
const INTERVAL_MS: Record<string, number> = { '1m': 60_000, '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000, '24h': 86_400_000 };
const banner = byId('banner');
const charts = ['chart-candles', 'chart-panel', 'chart-comparison'];
let generation = 0;

async function getMarket<T>(path: string, params: Record<string, string | undefined>): Promise<MarketEnvelope<T>> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString();
  const response = await fetch(`/api/market/${path}${text ? `?${text}` : ''}`, { headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = body && typeof body === 'object' && 'error' in body && typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return body as MarketEnvelope<T>;
}

function showBanner(message: string | undefined): void {
  banner.hidden = message === undefined;
  banner.textContent = message ?? '';
}

function note(id: string, message: string | null): void {
  const target = byId(id);
  target.hidden = message === null;
  target.textContent = message ?? '';
}

function fail(target: HTMLElement, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof ApiError && error.status === 400) showBanner(message);
  target.replaceChildren(el('p', message, 'error'));
}

async function refresh(controls: MarketControls): Promise<void> {
  const mine = ++generation;
  document.body.dataset.state = 'loading';
  showBanner(undefined);
  const choice = controls.values();
  const candlesEl = byId('chart-candles');
  const panelEl = byId('chart-panel');
  const comparisonEl = byId('chart-comparison');
  try {
    const candles = await getMarket<Candles>('candles', { symbol: choice.symbol, interval: choice.interval, source: choice.source });
    if (mine !== generation) return;
    const bars = candles.data.bars;
    // The news of the bars shown: from the first bar's open to the last bar's close.
    const last = bars.at(-1)?.open_time;
    const range = { from: bars[0]?.open_time, to: last ? new Date(Date.parse(last) + (INTERVAL_MS[candles.data.interval] ?? 60_000) - 1).toISOString() : undefined };
    const [news, comparison] = await Promise.all([
      getMarket<NewsItem[]>('news', { symbol: choice.symbol, ...range, limit: '200' }).catch((error: unknown) => error as Error),
      getMarket<PriceComparison>('comparison', { symbol: choice.symbol, interval: choice.interval }).catch((error: unknown) => error as Error),
    ]);
    if (mine !== generation) return;
    const articles = news instanceof Error ? [] : news.data;
    byId('as-of').textContent = `Latest bar in the warehouse: ${dateTime(candles.as_of.latest_bar_at)}`;
    byId('price-title').textContent = `${choice.symbol} · ${candles.data.source} · ${candles.data.interval}`;
    note('indicator-note', candles.data.indicators_missing);
    drawCandles(candlesEl, candles.data, articles, new Set(choice.overlays as Overlay[]));
    byId('panel-title').textContent = choice.panel === 'rsi' ? 'RSI 14 (Wilder)' : 'MACD 12, 26, 9';
    drawPanel(panelEl, candles.data, choice.panel as Panel);
    if (comparison instanceof Error) fail(comparisonEl, comparison);
    else {
      note('comparison-note', comparison.data.missing);
      drawComparison(comparisonEl, comparison.data);
    }
    if (news instanceof Error) fail(byId('news'), news);
    else renderNews(byId('news'), articles);
  } catch (error) {
    fail(candlesEl, error);
  }
  if (mine === generation) {
    document.body.dataset.state = 'ready';
    document.body.dataset.loads = String(mine);
  }
}

async function start(): Promise<void> {
  let assets: MarketAsset[];
  try {
    assets = (await getMarket<MarketAsset[]>('assets', {})).data;
  } catch (error) {
    showBanner(`The market page cannot load its data: ${error instanceof Error ? error.message : String(error)}`);
    document.body.dataset.state = 'failed';
    return;
  }
  if (assets.length === 0) {
    showBanner('No market data in the warehouse yet: start the main job (npm start) or run `nx run market:serve -- backfill`.');
    document.body.dataset.state = 'ready';
    return;
  }
  const controls = new MarketControls(assets, () => void refresh(controls));
  window.addEventListener('resize', () => resizeAll(charts.map((id) => byId(id))));
  setInterval(() => {
    if (['1m', '5m'].includes(controls.values().interval) && document.body.dataset.state === 'ready') void refresh(controls);
  }, LIVE_REFRESH_MS);
  await refresh(controls);
}

void start();
