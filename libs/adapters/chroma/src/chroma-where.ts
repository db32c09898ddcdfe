import type { VectorFilter } from '@ledgerline/agent';
import type { Where } from 'chromadb';

/**
 * Chroma's `where` for a metadata filter: equality as is, a range as `$gte`/`$lte` clauses; one
 * clause as is, several under `$and`.
 */
export function chromaWhere(filter: VectorFilter | undefined): Where | undefined {
  const clauses = Object.entries(filter ?? {}).flatMap(([key, value]): Where[] => {
    if (typeof value !== 'object') return [{ [key]: value } as Where];
    const bounds: Where[] = [];
    if (value.gte !== undefined) bounds.push({ [key]: { $gte: value.gte } } as Where);
    if (value.lte !== undefined) bounds.push({ [key]: { $lte: value.lte } } as Where);
    // An empty range still demands a number: Chroma has no type test, so a bound no number fails.
    return bounds.length > 0 ? bounds : [{ [key]: { $gte: -Number.MAX_VALUE } } as Where];
  });
  if (clauses.length === 0) return undefined;
  if (clauses.length === 1) return clauses[0];
  return { $and: clauses } as Where;
}
