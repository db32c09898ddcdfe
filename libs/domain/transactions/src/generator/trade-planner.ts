import type { Persona } from '../model/customer.ts';
import type { TradeSide } from '../model/trade.ts';
import type { MonthContext } from './month-planner.ts';
import type { Rng } from './random.ts';
import type { AccountState, CustomerState } from './simulation-state.ts';
import type { TradableAsset, TradeMarket } from './trade-market.ts';

/** An order a customer means to place; the ledger prices it and may skip it (no cash, no holding, market closed). */
export interface TradeEvent {
  type: 'trade';
  at: number;
  account: AccountState;
  asset: TradableAsset;
  side: TradeSide;
  /** Buy: share of the cash free to spend; sell: share of the holding (1 = all of it). */
  share: number;
}

/** Share of each persona that invests at all. */
const INVESTOR_SHARE: Record<Persona, number> = {
  student: 0.1,
  young_professional: 0.35,
  family: 0.15,
  retiree: 0.3,
  high_earner: 0.6,
  small_business: 0.3,
};
const BUY_SHARE = 0.65;
const STOCK_SESSION_OPEN_S = (14 * 60 + 30) * 60;
const STOCK_SESSION_S = 390 * 60;

interface Investor {
  watchlist: TradableAsset[];
  tradesPerMonth: number;
}

/**
 * Plans each investing customer's orders for a month. It draws from its own random stream (not
 * the simulation's), so turning trades on adds orders without reshuffling the rest of a run's
 * draws. Who invests, which assets they follow and how often they trade are decided at the
 * customer's first month and kept.
 */
export class TradePlanner {
  private readonly investors = new WeakMap<CustomerState, Investor | null>();

  constructor(
    private readonly rng: Rng,
    private readonly market: TradeMarket,
  ) {}

  plan(c: CustomerState, m: MonthContext): TradeEvent[] {
    const investor = this.investorOf(c);
    if (!investor) return [];
    const { rng } = this;
    const events: TradeEvent[] = [];
    const count = rng.poisson(investor.tradesPerMonth);
    for (let i = 0; i < count; i++) {
      const asset = rng.pick(investor.watchlist);
      const day = rng.int(1, m.days);
      // Crypto trades around the clock; stocks in the session the price series has (14:30-21:00 UTC).
      const seconds = asset.assetClass === 'stock' ? STOCK_SESSION_OPEN_S + rng.int(0, STOCK_SESSION_S - 1) : rng.int(0, 86_399);
      const side: TradeSide = rng.chance(BUY_SHARE) ? 'BUY' : 'SELL';
      const share = side === 'BUY' ? rng.uniform(0.02, 0.08) : rng.chance(0.3) ? 1 : rng.uniform(0.2, 0.6);
      events.push({ type: 'trade', at: Date.UTC(m.year, m.month0, day) + seconds * 1000, account: c.main, asset, side, share });
    }
    return events;
  }

  private investorOf(c: CustomerState): Investor | null {
    const known = this.investors.get(c);
    if (known !== undefined) return known;
    const { rng } = this;
    const investor = rng.chance(INVESTOR_SHARE[c.persona]) && this.market.assets.length > 0
      ? { watchlist: rng.sample(this.market.assets, rng.int(2, 5)), tradesPerMonth: rng.uniform(0.5, 3) }
      : null;
    this.investors.set(c, investor);
    return investor;
  }
}
