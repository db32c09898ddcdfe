import { convertCents, fromCents, isKnownCurrency, parseTradeDescription, tradeAmountCents, tradeSideOf, type Direction, type TradeFields } from '@ledgerline/transactions';

/** A statement line that states a trade, as the transaction fields it becomes. */
export interface TradeLine {
  trade: TradeFields;
  /** The trade's own amount and currency (the line printed what settled on the account). */
  amount: string;
  currency: string;
}

export type TradeLineResult = { kind: 'none' } | { kind: 'trade'; line: TradeLine } | { kind: 'refused'; reason: string };

/**
 * Reads a trade back from a statement line (the description tradeDescription prints). The line's
 * amount is what settled on the account, in the account's currency; the trade itself is in its
 * quote currency. The row keeps the trade's amount and currency, so the account moves by exactly
 * what the line says (the same static rate turns one into the other) and the trade rule holds.
 * A line whose amount or sign disagrees with the order it states is refused, never half-read.
 */
export function readTradeLine(description: string, direction: Direction, settledCents: bigint, accountCurrency: string): TradeLineResult {
  const parsed = parseTradeDescription(description);
  if (!parsed) return { kind: 'none' };
  const { side, currency, ...trade } = parsed;
  if (tradeSideOf(direction) !== side) return { kind: 'refused', reason: `a ${side} must be ${side === 'BUY' ? 'money out' : 'money in'}` };
  if (!isKnownCurrency(currency)) return { kind: 'refused', reason: `trade currency ${currency} has no FX rate` };
  const cents = tradeAmountCents(side, trade.quantity, trade.unit_price, trade.fee);
  if (cents <= 0n) return { kind: 'refused', reason: `the fee ${trade.fee} is not below the trade's value` };
  const settles = currency === accountCurrency ? cents : convertCents(cents, currency, accountCurrency);
  if (settles !== settledCents) {
    return { kind: 'refused', reason: `the trade it states settles ${fromCents(settles)} ${accountCurrency}, the line says ${fromCents(settledCents)}` };
  }
  return { kind: 'trade', line: { trade, amount: fromCents(cents), currency } };
}
