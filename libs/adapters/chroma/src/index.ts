// VectorIndex on a Chroma server (CHROMA_URL), with explicit embeddings only.
export { ChromaVectorIndex, type ChromaVectorIndexOptions } from './chroma-vector-index.ts';
