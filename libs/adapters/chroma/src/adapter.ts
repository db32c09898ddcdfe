import { z } from 'zod';
import type { LedgerlineEnv } from '@ledgerline/config';
import type { VectorIndex } from '@ledgerline/agent';

/** The environment variables the Chroma adapter reads (names and meaning in .env.example). */
export type ChromaEnv = Pick<LedgerlineEnv, 'CHROMA_URL'>;

/** Options of openChroma; validated, because they come straight from configuration. */
export const chromaOptionsSchema = z.object({
  /** The Chroma server, e.g. http://localhost:8000 (https selects TLS). */
  url: z.url({ protocol: /^https?$/ }),
  /** Records per upsert/get request (Chroma caps batch sizes). */
  batchSize: z.number().int().min(1).max(5_000).default(500),
});
export type ChromaOptions = z.input<typeof chromaOptionsSchema>;

/** The one port Chroma implements, per collection; the client (chromadb) loads on the first call. */
export interface ChromaAdapter {
  /** A VectorIndex on `collection` (created on its first upsert, cosine distance). */
  vectorIndex(collection: string): Promise<VectorIndex & { readonly description: string }>;
  /** The adapter's own label for start-up banners, e.g. `Chroma http://localhost:8000`. */
  readonly description: string;
}

export function openChroma(options: ChromaOptions): ChromaAdapter {
  const parsed = chromaOptionsSchema.parse(options);
  return {
    // chromadb is heavy and only needed when Chroma is configured: loaded here, not at import.
    vectorIndex: async (collection) => {
      const { ChromaVectorIndex } = await import('./chroma-vector-index.ts');
      return new ChromaVectorIndex({ url: parsed.url, collection, batchSize: parsed.batchSize });
    },
    description: `Chroma ${new URL(parsed.url).origin}`,
  };
}

/** `openChroma` at CHROMA_URL, or undefined when it is unset (the caller's embedded DuckDB vector index). */
export function chromaFromEnv(env: ChromaEnv): ChromaAdapter | undefined {
  return env.CHROMA_URL ? openChroma({ url: env.CHROMA_URL }) : undefined;
}
