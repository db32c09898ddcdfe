import type { Expectation } from './grade-answer.ts';
import { money, shiftMonth } from './sealed4-ledger.ts';

// The small builders every sealed set from sealed4 on writes its cases with (one definition, so
// the sets differ only in their questions, datasets and expected SQL).

export const answer = (...tokens: string[]): Expectation => ({ kind: 'answer', tokens });
export const refused: Expectation = { kind: 'refused' };
export const eur = (cents: bigint) => `${money(cents)} EUR`;
/** A SQL equality on a column, the value quoted. */
export const is = (column: string, value: string) => `${column} = '${value.replace(/'/g, "''")}'`;

/** Months of from..to that the data (first..today) covers: the denominator of an average per month. */
export function monthsCovered(first: string, today: string, from: string, to: string): number {
  const lo = (from < first ? first : from).slice(0, 7);
  const hi = (to > today ? today : to).slice(0, 7);
  let n = 1;
  for (let x = lo; x < hi; x = shiftMonth(x, 1)) n += 1;
  return n;
}
