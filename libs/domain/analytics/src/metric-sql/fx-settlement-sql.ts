import { FX_RATES_PER_EUR } from '@ledgerline/transactions';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * The static FX table as a CTE body: (code, units, scale_factor) with rate = units / scale_factor,
 * e.g. USD 1.0393 -> (10393, 10000). Built from @ledgerline/transactions' FX_RATES_PER_EUR, so SQL
 * settles foreign-currency rows with exactly the rates the generator and ingestion used.
 */
export function fxRatesValuesSql(dialect: SqlDialect): string {
  const wide = (n: string) => `CAST(${n} AS ${dialect.wideIntegerType})`;
  const rows = Object.entries(FX_RATES_PER_EUR).map(([code, rate]) => {
    const [whole = '0', fraction = ''] = rate.split('.');
    const units = BigInt(`${whole}${fraction}`).toString();
    const scaleFactor = (10n ** BigInt(fraction.length)).toString();
    return `('${code}', ${wide(units)}, ${wide(scaleFactor)})`;
  });
  return `VALUES ${rows.join(', ')}`;
}

/**
 * `numerator / denominator` rounded half-to-even, for non-negative numerator and positive
 * denominator given as SQL expressions (convertCents in @ledgerline/transactions, in SQL).
 * `quotient` must be the expression of intDiv(numerator, denominator), computed once upstream.
 */
export function halfEvenSql(numerator: string, denominator: string, quotient: string): string {
  const twiceRemainder = `2 * (${numerator} - ${quotient} * ${denominator})`;
  return `(${quotient} + CASE WHEN ${twiceRemainder} > ${denominator} THEN 1 WHEN ${twiceRemainder} = ${denominator} AND ${quotient} % 2 = 1 THEN 1 ELSE 0 END)`;
}
