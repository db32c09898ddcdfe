import type { VectorFilter } from '@ledgerline/agent';
import type { Where } from 'chromadb';

/** Chroma's `where` for metadata equality: one key as is, several under `$and`. */
export function chromaWhere(filter: VectorFilter | undefined): Where | undefined {
  const clauses = Object.entries(filter ?? {}).map(([key, value]) => ({ [key]: value }) as Where);
  if (clauses.length === 0) return undefined;
  if (clauses.length === 1) return clauses[0];
  return { $and: clauses } as Where;
}
