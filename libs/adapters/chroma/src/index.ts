// VectorIndex on a Chroma server (CHROMA_URL), with explicit embeddings only. Apps build it through
// the factory, which loads the chromadb client only when Chroma is configured.
export { chromaFromEnv, chromaOptionsSchema, openChroma, type ChromaAdapter, type ChromaEnv, type ChromaOptions } from './adapter.ts';
export type { ChromaVectorIndex, ChromaVectorIndexOptions } from './chroma-vector-index.ts';
