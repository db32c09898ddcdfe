import { convertCents, fromCents, toCents } from '@ledgerline/transactions';

/**
 * `normalized_amount` for statement rows: the amount in the base currency at the domain's static
 * FX rates, as the generator and the stream compute it. An unknown currency throws
 * UnknownCurrencyError (the reader turns it into an error naming the row).
 */
export function normalizerTo(baseCurrency: string): (amount: string, currency: string) => string {
  return (amount, currency) => (currency === baseCurrency ? amount : fromCents(convertCents(toCents(amount), currency, baseCurrency)));
}
