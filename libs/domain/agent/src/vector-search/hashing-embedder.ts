import type { Embedder } from './embedder.port.ts';

export interface HashingEmbedderOptions {
  /** Vector length; default 256. */
  readonly dimensions?: number;
  /** Character n-gram length taken from each word (with boundary marks); default 3. */
  readonly ngram?: number;
}

const WORD_WEIGHT = 1;
const NGRAM_WEIGHT = 0.5;
// Bigrams of adjacent words catch "fast food" vs "food delivery" a little better than words alone.
const BIGRAM_WEIGHT = 0.5;

/** FNV-1a, 32 bit: fast, well spread, and identical on every platform (no Math.random, no crypto). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lower-case words of letters and digits (any script), accents kept. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The offline default Embedder: the hashing trick over words, adjacent word pairs and character
 * n-grams, signed (the hash's top bit picks +/-, so collisions cancel out on average instead of
 * piling up) and L2-normalised. Deterministic and dependency-free, but LEXICAL, not semantic:
 * "coffee" is near "COSTA COFFEE" and "coffe" (shared n-grams), never near "espresso".
 */
export class HashingEmbedder implements Embedder {
  readonly id: string;
  private readonly dimensions: number;
  private readonly ngram: number;

  constructor(options: HashingEmbedderOptions = {}) {
    this.dimensions = options.dimensions ?? 256;
    this.ngram = options.ngram ?? 3;
    if (!Number.isInteger(this.dimensions) || this.dimensions < 8) throw new RangeError('dimensions must be an integer >= 8');
    if (!Number.isInteger(this.ngram) || this.ngram < 2) throw new RangeError('ngram must be an integer >= 2');
    this.id = `local-hash-${this.dimensions}`;
  }

  embed(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    const add = (feature: string, weight: number) => {
      const hash = fnv1a(feature);
      const sign = hash & 0x80000000 ? -1 : 1;
      const slot = hash % this.dimensions;
      vector[slot] = (vector[slot] ?? 0) + sign * weight;
    };
    const tokens = words(text);
    tokens.forEach((word, i) => {
      add(`w:${word}`, WORD_WEIGHT);
      const next = tokens[i + 1];
      if (next !== undefined) add(`b:${word} ${next}`, BIGRAM_WEIGHT);
      const marked = `<${word}>`;
      for (let start = 0; start + this.ngram <= marked.length; start++) add(`g:${marked.slice(start, start + this.ngram)}`, NGRAM_WEIGHT);
    });
    if (tokens.length === 0) add('empty', 1); // a unit vector, so cosine stays defined for ""
    return normalise(vector);
  }

  async embedDocuments(texts: readonly string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}

function normalise(vector: number[]): number[] {
  const norm = Math.sqrt(vector.reduce((sum, v) => sum + v * v, 0));
  // All features may cancel out (opposite signs in one slot): fall back to the first axis.
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((v) => v / norm);
}
