import type { PriceBar } from '@ledgerline/market-data';
import { MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS } from './market-raw-ddl.ts';

/** A decimal that DECIMAL(38,18) would round or overflow is refused, not silently changed. */
export function checkFits(bar: PriceBar): void {
  for (const column of ['open', 'high', 'low', 'close', 'volume', 'quoteVolume'] as const) {
    const value = bar[column];
    if (value === null) continue;
    const [whole = '', fraction = ''] = value.replace('-', '').split('.');
    if (fraction.length > MAX_FRACTION_DIGITS || whole.replace(/^0+/, '').length > MAX_INTEGER_DIGITS) {
      throw new RangeError(`${bar.source} ${bar.symbol} ${bar.openTime} ${column}=${value} does not fit DECIMAL(38,18); refused rather than rounded`);
    }
  }
}
