/**
 * The vector collection for an embedder: one per embedder, because vectors of different models
 * must never be compared. Shared by every process that writes or reads the index.
 */
export function collectionName(embedderId: string): string {
  return `ledgerline_docs_${embedderId.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '')}`.slice(0, 63);
}
