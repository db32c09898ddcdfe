import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A kafkajs module as kafkajs ships it, even when the lean encoding has replaced it in Node's
 * module cache (any test in this worker may have loaded the adapter first): the module is loaded
 * afresh and the cache entry put back. The references the lean parts are compared against.
 */
export function requireKafkajsOriginal<T>(subpath: string): T {
  const path = require.resolve(`kafkajs/${subpath}`);
  const cached = require.cache[path];
  delete require.cache[path];
  try {
    return require(path) as T;
  } finally {
    if (cached) require.cache[path] = cached;
    else delete require.cache[path];
  }
}

/** kafkajs' Produce v3 request: `encode()` resolves to an Encoder whose `buffer` is the body. */
export type ProduceRequestV3 = (input: object) => { encode: () => Promise<{ buffer: Buffer }> };
