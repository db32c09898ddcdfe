import { z } from 'zod';
import { divideHalfEven } from '../fx/decimal.ts';
import { fromCents, MONEY_PATTERN, toCents } from './money.ts';

/**
 * Investment trades are transaction rows (docs/trades.md): `txn_type` TRADE, a DEBIT for a buy
 * and a CREDIT for a sell, with four fields that are null on every other row. Quantities and unit
 * prices cross every port as exact decimal strings with exactly eight fraction digits
 * ("0.25000000", "64123.50000000"): the price series' own precision, stored as numeric(28,8), so a
 * value reads back as the very string that was written.
 */
export const EXACT_DECIMAL_PATTERN = /^\d{1,20}\.\d{8}$/;
const NON_ZERO_DIGIT = /[1-9]/;

/** A positive exact decimal with eight fraction digits (a trade's quantity or unit price). */
export const exactDecimalSchema = z
  .string()
  .regex(EXACT_DECIMAL_PATTERN, 'expected a decimal with eight fraction digits, e.g. 0.25000000')
  .refine((v) => NON_ZERO_DIGIT.test(v), 'must be greater than 0');

/** The seed asset list's ticker symbols (BTC, ETH, AAPL, BRK.B). */
export const ASSET_SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.]{0,11}$/;

export const TRADE_SIDES = ['BUY', 'SELL'] as const;
export type TradeSide = (typeof TRADE_SIDES)[number];

/** What a trade row says beyond an ordinary transaction. */
export interface TradeFields {
  asset_symbol: string;
  quantity: string;
  unit_price: string;
  fee: string;
}

const SCALE = 100_000_000n;

/** Exact units of an eight-decimal string (value * 10^8). */
export function exactDecimalUnits(text: string): bigint {
  if (!EXACT_DECIMAL_PATTERN.test(text)) throw new RangeError(`not an eight-decimal number: ${text}`);
  return BigInt(text.replace('.', ''));
}

/** The eight-decimal string of exact units (value * 10^8). */
export function fromExactDecimalUnits(units: bigint): string {
  if (units < 0n) throw new RangeError('a trade decimal is never negative');
  const digits = units.toString().padStart(9, '0');
  return `${digits.slice(0, -8)}.${digits.slice(-8)}`;
}

/** Any plain decimal string (the price series' "64123.5") as the eight-decimal form, exactly or not at all. */
export function toExactDecimal(text: string): string {
  const match = /^(\d+)(?:\.(\d{0,8}))?$/.exec(text);
  if (!match) throw new RangeError(`${text} is not a non-negative decimal with at most eight fraction digits`);
  return `${BigInt(match[1] ?? '0').toString()}.${(match[2] ?? '').padEnd(8, '0')}`;
}

/** quantity * unit_price in cents, half-even: the trade's gross value in its currency. */
export function tradeGrossCents(quantity: string, unitPrice: string): bigint {
  // units are value * 10^8 each, so the product is value * 10^16; cents are value * 10^2.
  return divideHalfEven(exactDecimalUnits(quantity) * exactDecimalUnits(unitPrice), SCALE * 1_000_000n);
}

/** The cash a trade moves: a buy pays gross + fee, a sell receives gross - fee. */
export function tradeAmountCents(side: TradeSide, quantity: string, unitPrice: string, fee: string): bigint {
  const gross = tradeGrossCents(quantity, unitPrice);
  return side === 'BUY' ? gross + toCents(fee) : gross - toCents(fee);
}

export function tradeSideOf(direction: 'DEBIT' | 'CREDIT'): TradeSide {
  return direction === 'DEBIT' ? 'BUY' : 'SELL';
}

/** A transaction's view as far as the trade rule needs it. */
export interface TradeRuleInput {
  txn_type: string;
  direction: string;
  amount: unknown;
  asset_symbol?: unknown;
  quantity?: unknown;
  unit_price?: unknown;
  fee?: unknown;
}

/**
 * Why a row breaks the trade rule, or undefined: a TRADE has all four trade fields and its amount
 * is exactly quantity * unit_price (half-even to the cent) plus the fee for a buy, minus it for a
 * sell; every other row has none of them. Field formats are the schema's job; this is the rule
 * across fields, applied at every edge that accepts a row (stream events, statement lines).
 */
export function tradeRuleViolation(tx: TradeRuleInput): string | undefined {
  const fields = [tx.asset_symbol, tx.quantity, tx.unit_price, tx.fee];
  if (tx.txn_type !== 'TRADE') {
    return fields.every((f) => f === null || f === undefined) ? undefined : `a ${tx.txn_type} row has no asset_symbol, quantity, unit_price or fee (only a TRADE has)`;
  }
  const { asset_symbol, quantity, unit_price, fee, amount } = tx;
  if (typeof asset_symbol !== 'string' || !ASSET_SYMBOL_PATTERN.test(asset_symbol)) return 'a TRADE names its asset_symbol';
  if (typeof quantity !== 'string' || !EXACT_DECIMAL_PATTERN.test(quantity) || !NON_ZERO_DIGIT.test(quantity)) return 'a TRADE has a positive quantity';
  if (typeof unit_price !== 'string' || !EXACT_DECIMAL_PATTERN.test(unit_price) || !NON_ZERO_DIGIT.test(unit_price)) return 'a TRADE has a positive unit_price';
  if (typeof fee !== 'string' || !MONEY_PATTERN.test(fee) || fee.startsWith('-')) return 'a TRADE has a fee (0.00 or more)';
  if (typeof amount !== 'string' || !MONEY_PATTERN.test(amount)) return undefined; // the amount's own rule reports it
  if (tx.direction !== 'DEBIT' && tx.direction !== 'CREDIT') return undefined;
  const side = tradeSideOf(tx.direction);
  const expected = tradeAmountCents(side, quantity, unit_price, fee);
  if (toCents(amount) !== expected) {
    return `a TRADE ${side === 'BUY' ? 'buy' : 'sell'} of ${quantity} ${asset_symbol} at ${unit_price} with fee ${fee} moves ${fromCents(expected)}, not ${amount}`;
  }
  return undefined;
}

/**
 * How a trade reads on a statement line ("BUY 0.25000000 BTC @ 64123.50000000 USD FEE 1.20"):
 * banks print the order in the description, and the statement ingest reads it back
 * (parseTradeDescription), which is how trades cross the batch path with nothing lost. The
 * currency is the trade's (the price series' quote currency); the line's amount is what settled
 * on the account, in the account's currency.
 */
export function tradeDescription(side: TradeSide, trade: TradeFields, currency: string): string {
  return `${side} ${trade.quantity} ${trade.asset_symbol} @ ${trade.unit_price} ${currency} FEE ${trade.fee}`;
}

const TRADE_DESCRIPTION = /^(BUY|SELL) (\d{1,20}\.\d{8}) ([A-Z0-9][A-Z0-9.]{0,11}) @ (\d{1,20}\.\d{8}) ([A-Z]{3}) FEE (\d{1,13}\.\d{2})$/;

/** The trade a statement description states, or undefined when it is not one. */
export function parseTradeDescription(text: string): (TradeFields & { side: TradeSide; currency: string }) | undefined {
  const match = TRADE_DESCRIPTION.exec(text.trim());
  if (!match) return undefined;
  const [, side, quantity, asset_symbol, unit_price, currency, fee] = match as unknown as [string, TradeSide, string, string, string, string, string];
  return { side, quantity, asset_symbol, unit_price, currency, fee };
}
