import { convertCents } from '../fx/convert.ts';
import { divideHalfEven } from '../fx/decimal.ts';
import { fromCents } from '../model/money.ts';
import { exactDecimalUnits, fromExactDecimalUnits, toExactDecimal, tradeAmountCents, tradeGrossCents, type TradeFields } from '../model/trade.ts';
import type { AccountState } from './simulation-state.ts';
import type { TradeMarket } from './trade-market.ts';
import type { TradeEvent } from './trade-planner.ts';

/** The broker's fee: 10 basis points of the gross value, at least 1.00 (in the trade currency). */
const FEE_BASIS_POINTS = 10n;
const MIN_FEE_CENTS = 100n;
/** Smallest tradable step in units of 10^-8: 0.000001 of a coin, 0.0001 of a share. */
const LOT_UNITS = { crypto: 100n, stock: 10_000n } as const;
/** quantity units (10^-8) * price units (10^-8) / 10^14 = cents. */
const UNITS_PER_CENT_PRODUCT = 100_000_000_000_000n;

export interface PricedOrder {
  trade: TradeFields;
  /** Cash the trade moves, in cents of the trade currency (buy: gross + fee; sell: gross - fee). */
  amount: bigint;
  /** The same in cents of the account currency: what the account's balance moves by. */
  settled: bigint;
  /** Change of the holding in units of 10^-8 (+ buy, - sell). */
  holdingDelta: bigint;
}

export function brokerFeeCents(grossCents: bigint): bigint {
  const fee = divideHalfEven(grossCents * FEE_BASIS_POINTS, 10_000n);
  return fee > MIN_FEE_CENTS ? fee : MIN_FEE_CENTS;
}

/**
 * Prices an order at `atMs` from the market's series, or undefined when it cannot happen: the
 * market is closed, a buy's budget (`share` of `availableCents`, the account's free cash) buys
 * less than one lot after the fee, or a sell has nothing to sell or would not cover its fee.
 * Exact throughout: prices and quantities as eight-decimal strings, money in bigint cents.
 */
export function priceOrder(event: TradeEvent, atMs: number, market: TradeMarket, account: AccountState, availableCents: bigint): PricedOrder | undefined {
  const quoted = market.priceAt(event.asset.symbol, atMs);
  if (quoted === undefined) return undefined;
  const unit_price = toExactDecimal(quoted);
  const priceUnits = exactDecimalUnits(unit_price);
  if (priceUnits <= 0n) return undefined;
  const { currency } = event.asset;
  const lot = LOT_UNITS[event.asset.assetClass];
  const toAccount = (cents: bigint): bigint => (currency === account.currency ? cents : convertCents(cents, currency, account.currency));
  const held = account.holdings?.get(event.asset.symbol) ?? 0n;

  if (event.side === 'BUY') {
    const budget = (availableCents * BigInt(Math.round(event.share * 10_000))) / 10_000n;
    const budgetInTrade = currency === account.currency ? budget : convertCents(budget, account.currency, currency);
    const net = budgetInTrade - brokerFeeCents(budgetInTrade);
    if (net <= 0n) return undefined;
    const units = ((net * UNITS_PER_CENT_PRODUCT) / priceUnits / lot) * lot;
    if (units <= 0n) return undefined;
    const quantity = fromExactDecimalUnits(units);
    const fee = fromCents(brokerFeeCents(tradeGrossCents(quantity, unit_price)));
    const amount = tradeAmountCents('BUY', quantity, unit_price, fee);
    const settled = toAccount(amount);
    if (settled <= 0n || settled > availableCents) return undefined;
    return { trade: { asset_symbol: event.asset.symbol, quantity, unit_price, fee }, amount, settled, holdingDelta: units };
  }

  if (held <= 0n) return undefined;
  let units = event.share >= 1 ? held : ((held * BigInt(Math.round(event.share * 10_000))) / 10_000n / lot) * lot;
  if (units <= 0n) units = held;
  const quantity = fromExactDecimalUnits(units);
  const fee = fromCents(brokerFeeCents(tradeGrossCents(quantity, unit_price)));
  const amount = tradeAmountCents('SELL', quantity, unit_price, fee);
  if (amount <= 0n) return undefined;
  const settled = toAccount(amount);
  if (settled <= 0n) return undefined;
  return { trade: { asset_symbol: event.asset.symbol, quantity, unit_price, fee }, amount, settled, holdingDelta: -units };
}
