import { el } from '../format.ts';
import type { MarketAsset } from './market-types.ts';

export interface MarketChoice {
  symbol: string;
  interval: string;
  source: string;
  overlays: string[];
  panel: string;
}

const INTERVAL_ORDER = ['1d', '1h', '5m', '1m', '24h'];
const SOURCE_ORDER = ['binance', 'coingecko', 'yahoo'];
const byOrder = (order: string[]) => (a: string, b: string) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || a.localeCompare(b);

function select(id: string): HTMLSelectElement {
  const node = document.getElementById(id);
  if (!(node instanceof HTMLSelectElement)) throw new Error(`#${id} is missing from the page`);
  return node;
}

function fill(picker: HTMLSelectElement, values: readonly string[], keep: string | null): void {
  picker.replaceChildren(...values.map((v) => Object.assign(el('option', v), { value: v })));
  picker.value = keep && values.includes(keep) ? keep : (values[0] ?? '');
}

/**
 * The asset picker (crypto and stocks in groups), the interval and source the asset has, the
 * overlay toggles and the lower panel; the choice is kept in the URL (?symbol=&interval=&source=).
 */
export class MarketControls {
  private readonly symbol = select('m-symbol');
  private readonly interval = select('m-interval');
  private readonly source = select('m-source');
  private readonly panel = select('m-panel');

  constructor(
    private readonly assets: readonly MarketAsset[],
    private readonly onChange: () => void,
  ) {
    const url = new URLSearchParams(window.location.search);
    for (const assetClass of ['crypto', 'stock'] as const) {
      const group = Object.assign(el('optgroup'), { label: assetClass === 'crypto' ? 'Crypto' : 'Stocks' });
      for (const asset of assets.filter((a) => a.asset_class === assetClass)) group.append(Object.assign(el('option', `${asset.symbol} · ${asset.name}`), { value: asset.symbol }));
      if (group.children.length > 0) this.symbol.append(group);
    }
    const wanted = url.get('symbol');
    this.symbol.value = wanted && assets.some((a) => a.symbol === wanted) ? wanted : (assets.find((a) => a.symbol === 'BTC') ?? assets[0])?.symbol ?? '';
    this.fillIntervals(url.get('interval'));
    this.fillSources(url.get('source'));
    this.symbol.addEventListener('change', () => {
      this.fillIntervals(this.interval.value);
      this.fillSources(this.source.value);
      this.changed();
    });
    this.interval.addEventListener('change', () => {
      this.fillSources(this.source.value);
      this.changed();
    });
    this.source.addEventListener('change', () => this.changed());
    this.panel.addEventListener('change', () => this.changed());
    for (const box of this.overlayBoxes()) box.addEventListener('change', () => this.changed());
  }

  values(): MarketChoice {
    return {
      symbol: this.symbol.value,
      interval: this.interval.value,
      source: this.source.value,
      overlays: this.overlayBoxes().filter((b) => b.checked).map((b) => b.value),
      panel: this.panel.value,
    };
  }

  private asset(): MarketAsset | undefined {
    return this.assets.find((a) => a.symbol === this.symbol.value);
  }

  private fillIntervals(keep: string | null): void {
    const intervals = [...new Set((this.asset()?.series ?? []).map((s) => s.interval))].sort(byOrder(INTERVAL_ORDER));
    fill(this.interval, intervals, keep);
  }

  private fillSources(keep: string | null): void {
    const sources = (this.asset()?.series ?? []).filter((s) => s.interval === this.interval.value).map((s) => s.source).sort(byOrder(SOURCE_ORDER));
    fill(this.source, sources, keep);
  }

  private overlayBoxes(): HTMLInputElement[] {
    return [...document.querySelectorAll<HTMLInputElement>('#m-overlays input[name="overlay"]')];
  }

  private changed(): void {
    const { symbol, interval, source } = this.values();
    window.history.replaceState(null, '', `?${new URLSearchParams({ symbol, interval, source }).toString()}`);
    this.onChange();
  }
}
