import { setFlagsFromString } from 'node:v8';

/** Old generation may grow to 1.5x what survived the last full collection (V8's default is up to ~4x). */
export const INGEST_HEAP_GROWING_PERCENT = 50;

/**
 * Streaming ingestion keeps a small live heap (~45 MB: the app plus a chunk or two of rows) but
 * turns over several KB of short-lived objects per row (~2.5 KB in the CSV parse alone), and
 * rows waiting for the database outlive young-generation collections. By default V8 then lets
 * the old generation grow to 3-4x the live heap before collecting it: a large file peaked at
 * 300-330 MB RSS (app run as bundled JS) where it stays at 190-210 MB with this limit, at
 * 250k and 1M rows alike, for no measurable loss of rows/s
 * (tools/bench/benchmarks/batch-ingest-csv.ts). 25% instead costs ~20% more CPU for no further
 * gain. V8 reads the flag whenever it sizes the heap after a collection, so setting it once the
 * process runs takes effect (unlike the heap's maximum sizes, fixed at start).
 */
export function limitHeapGrowth(percent = INGEST_HEAP_GROWING_PERCENT): void {
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
